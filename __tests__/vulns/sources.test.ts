import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { zipSync } from 'fflate'
import { InputError } from '../../src/model/errors.js'
import { loadOfflineIndex } from '../../src/vulns/offline.js'
import { OsvApiClient, OsvApiError, type OsvApiOptions } from '../../src/vulns/osv-api.js'
import { loadFixtureRecords, startFakeOsv, type FakeOsv } from './osv-server.js'

const FIXTURES = join(import.meta.dirname, '../../fixtures/vulns/osv')
const records = loadFixtureRecords(FIXTURES)

describe('offline records', () => {
  const temp: string[] = []
  afterEach(() => {
    for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-vulns-'))
    temp.push(dir)
    return dir
  }

  it('indexes a nested directory by (ecosystem, name)', () => {
    const index = loadOfflineIndex(FIXTURES)
    expect(index.records).toBe(records.size)
    expect(index.malformed).toBe(0)
    expect(
      index
        .lookup('npm', 'lodash')
        .map(e => e.record.id)
        .sort()
    ).toEqual(['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw'])
    expect(index.lookup('Debian:12', 'openssl').map(e => e.record.id)).toEqual(['DSA-5532-1'])
    expect(index.lookup('PyPI', 'Requests')).toHaveLength(2)
    expect(index.lookup('npm', 'left-pad')).toEqual([])
  })

  it('reads an all.zip export, and zips nested in a directory', () => {
    const files: Record<string, Uint8Array> = {}
    for (const [id, record] of records)
      files[`${id}.json`] = new TextEncoder().encode(JSON.stringify(record))
    files['README.txt'] = new TextEncoder().encode('not a record')
    const dir = tempDir()
    const zip = join(dir, 'all.zip')
    writeFileSync(zip, zipSync(files))
    const fromZip = loadOfflineIndex(zip)
    expect(fromZip.records).toBe(records.size)
    expect(fromZip.lookup('Alpine:v3.19', 'openssl').map(e => e.record.id)).toEqual([
      'ALPINE-CVE-2024-2511'
    ])

    mkdirSync(join(dir, 'npm'))
    writeFileSync(
      join(dir, 'npm', 'extra.json'),
      readFileSync(join(FIXTURES, 'npm/GHSA-p6mc-m468-83gw.json'))
    )
    const fromDir = loadOfflineIndex(dir)
    expect(fromDir.records).toBe(records.size)
    expect(fromDir.duplicates).toBe(1)
  })

  it('skips bad files with a count instead of failing', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'truncated.json'), '{"id": "GHSA-x", "affected": [')
    writeFileSync(join(dir, 'no-id.json'), '{"affected": []}')
    writeFileSync(join(dir, 'broken.zip'), 'PK\u0003\u0004 not really a zip')
    writeFileSync(
      join(dir, 'good.json'),
      readFileSync(join(FIXTURES, 'npm/GHSA-r683-j2x4-v87g.json'))
    )
    const index = loadOfflineIndex(dir)
    expect(index.records).toBe(1)
    expect(index.malformed).toBe(3)
    expect(index.malformedExamples.join('\n')).toMatch(
      /broken\.zip[\s\S]*no-id\.json: no "id"[\s\S]*truncated\.json: not valid JSON/
    )
  })

  it('a missing path or an unreadable zip given directly is an input error', () => {
    expect(() => loadOfflineIndex('/nonexistent/osv')).toThrow(InputError)
    const dir = tempDir()
    writeFileSync(join(dir, 'bad.zip'), 'PK\u0003\u0004garbage')
    expect(() => loadOfflineIndex(join(dir, 'bad.zip'))).toThrow(/not a readable zip archive/)
  })
})

describe('OSV API client', () => {
  let server: FakeOsv | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })
  const options = (url: string, extra: Partial<OsvApiOptions> = {}): OsvApiOptions => ({
    url,
    concurrency: 2,
    retries: 2,
    timeoutMs: 5000,
    backoffMs: 1,
    ...extra
  })

  it('querybatch sends every package in one request and follows next_page_token', async () => {
    server = await startFakeOsv(records, { pageSize: 2 })
    const ids = await new OsvApiClient(options(server.url)).queryBatch([
      { ecosystem: 'npm', name: 'lodash', version: '4.17.15', accepts: () => true },
      { ecosystem: 'npm', name: 'minimist', version: '1.2.0', accepts: () => true },
      { ecosystem: 'npm', name: 'left-pad', version: '1.0.0', accepts: () => true }
    ])
    expect(ids).toEqual([
      ['GHSA-29mw-wpgm-hmr9', 'GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw'],
      ['GHSA-xvch-5gv4-984h'],
      []
    ])
    expect(server.batches).toHaveLength(2)
    expect(server.batches[0]!.queries).toEqual([
      { package: { ecosystem: 'npm', name: 'lodash' }, version: '4.17.15' },
      { package: { ecosystem: 'npm', name: 'minimist' }, version: '1.2.0' },
      { package: { ecosystem: 'npm', name: 'left-pad' }, version: '1.0.0' }
    ])
    // Only the query with more results is asked again, with its token.
    expect(server.batches[1]!.queries).toEqual([
      { package: { ecosystem: 'npm', name: 'lodash' }, version: '4.17.15', page_token: 'UDoy' }
    ])
  })

  it('fetches each record once, retrying 429 and 5xx', async () => {
    server = await startFakeOsv(records, {
      failures: new Map([
        ['/v1/vulns/GHSA-p6mc-m468-83gw', [429, 503]],
        ['/v1/vulns/DSA-5532-1', [500]]
      ])
    })
    const ids = ['GHSA-p6mc-m468-83gw', 'DSA-5532-1', 'GHSA-r683-j2x4-v87g']
    const client = new OsvApiClient(options(server.url))
    const first = await client.fetchRecords(ids)
    expect([...first.records.keys()].sort()).toEqual([...ids].sort())
    expect(first.failed.size).toBe(0)
    expect(server.requests.filter(r => r === 'GET /v1/vulns/GHSA-p6mc-m468-83gw')).toHaveLength(3)
    // Cached for the run: the second call makes no request.
    const before = server.requests.length
    await client.fetchRecords(ids)
    expect(server.requests.length).toBe(before)
    // A new run has its own client: the memo does not outlive the run.
    await new OsvApiClient(options(server.url)).fetchRecords(ids)
    expect(server.requests.length).toBe(before + ids.length)
  })

  it('reports ids that still fail after the retries, and does not retry a 404', async () => {
    server = await startFakeOsv(records, {
      failures: new Map([['/v1/vulns/DSA-5532-1', [503, 503, 503]]])
    })
    const out = await new OsvApiClient(options(server.url)).fetchRecords(['DSA-5532-1', 'NOPE-1'])
    expect(out.records.size).toBe(0)
    expect(out.failed.get('DSA-5532-1')).toMatch(/HTTP 503 \(after 3 attempts\)/)
    expect(out.failed.get('NOPE-1')).toMatch(/HTTP 404$/)
    expect(server.requests.filter(r => r.endsWith('/NOPE-1'))).toHaveLength(1)
  })

  it('a refused connection is an OsvApiError naming the URL', async () => {
    server = await startFakeOsv(records)
    const url = server.url
    await server.close()
    server = undefined
    const query = { ecosystem: 'npm', name: 'lodash', version: '1.0.0', accepts: () => true }
    await expect(
      new OsvApiClient(options(url, { retries: 1 })).queryBatch([query])
    ).rejects.toThrow(OsvApiError)
    await expect(
      new OsvApiClient(options(url, { retries: 0 })).queryBatch([query])
    ).rejects.toThrow(new RegExp(`POST ${url}/v1/querybatch: .*\\(after 1 attempt\\)`))
  })
})
