// The fake OSV API the tests use must answer as osv.dev does. Checked against the traffic
// osv-scanner and osv.dev's own API tester recorded from api.osv.dev
// (fixtures/vulns/osv-traffic.json): for each recorded query, the ids the fake gives from the
// fixture records are exactly the recorded answer restricted to those records. The older fake
// (version-blind, case-insensitive, no ecosystem variants) fails this.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadFixtureRecords, startFakeOsv, type FakeOsv } from './osv-server.js'

const FIXTURES = join(import.meta.dirname, '../../fixtures/vulns')
const records = loadFixtureRecords(join(FIXTURES, 'osv'))

interface Recorded {
  query: { package: { ecosystem: string; name: string }; version: string }
  answer: string[]
  answerSize: number
  source: { repo: string; commit: string; path: string }
}
const traffic = (
  JSON.parse(readFileSync(join(FIXTURES, 'osv-traffic.json'), 'utf8')) as { traffic: Recorded[] }
).traffic

async function post(server: FakeOsv, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${server.url}/v1/querybatch`, {
    method: 'POST',
    body: JSON.stringify(body)
  })
  return { status: response.status, json: await response.json() }
}

describe('fake OSV API vs recorded api.osv.dev traffic', () => {
  let server: FakeOsv
  beforeAll(async () => {
    server = await startFakeOsv(records)
  })
  afterAll(() => server.close())

  it('covers the recorded queries that name a fixture record', () => {
    expect(traffic.length).toBeGreaterThanOrEqual(20)
    // Bare families (`Debian`), release variants (`Ubuntu:22.04`), Go, Maven, npm, PyPI, Alpine.
    expect(new Set(traffic.map(t => t.query.package.ecosystem.split(':')[0]))).toEqual(
      new Set(['Ubuntu', 'Go', 'Maven', 'PyPI', 'Alpine', 'npm', 'Debian'])
    )
  })

  it.each(
    traffic.map(t => [`${t.query.package.ecosystem} ${t.query.package.name} ${t.query.version}`, t])
  )('%s', async (_name, recorded) => {
    const { status, json } = await post(server, { queries: [(recorded as Recorded).query] })
    expect(status).toBe(200)
    const result = (json as { results: { vulns?: { id: string }[] }[] }).results[0]!
    expect((result.vulns ?? []).map(v => v.id).sort()).toEqual((recorded as Recorded).answer)
  })

  it('answers `{}` for a query with no ids, and every id with its modified stamp', async () => {
    const { json } = await post(server, {
      queries: [
        { package: { ecosystem: 'npm', name: 'minimist' }, version: '1.2.6' },
        { package: { ecosystem: 'npm', name: 'minimist' }, version: '0.0.8' }
      ]
    })
    expect(json).toEqual({
      results: [
        {},
        {
          vulns: [
            { id: 'GHSA-xvch-5gv4-984h', modified: records.get('GHSA-xvch-5gv4-984h')!.modified }
          ]
        }
      ]
    })
  })

  it('names match exactly (PyPI normalised), never case-insensitively', async () => {
    const { json } = await post(server, {
      queries: [
        { package: { ecosystem: 'npm', name: 'Minimist' }, version: '0.0.8' },
        { package: { ecosystem: 'PyPI', name: 'Requests' }, version: '2.20.0' }
      ]
    })
    const [npm, pypi] = (json as { results: { vulns?: { id: string }[] }[] }).results
    expect(npm).toEqual({})
    expect(pypi!.vulns!.map(v => v.id).sort()).toEqual(['GHSA-j8r2-6x86-q33q', 'PYSEC-2023-74'])
  })

  it('an invalid query fails the whole batch with 400 and code 3, naming its index', async () => {
    const good = { package: { ecosystem: 'npm', name: 'minimist' }, version: '0.0.8' }
    expect(
      await post(server, {
        queries: [good, { package: { ecosystem: 'NoSuchOS', name: 'x' }, version: '1' }]
      })
    ).toEqual({
      status: 400,
      json: { code: 3, message: 'error in query at index 1: invalid ecosystem' }
    })
    expect(
      await post(server, { queries: [good, { package: { ecosystem: 'npm' }, version: '1' }] })
    ).toEqual({
      status: 400,
      json: { code: 3, message: 'error in query at index 1: invalid query' }
    })
    expect(
      await post(server, {
        queries: [{ package: { purl: 'pkg:npm/minimist@0.0.8', name: 'minimist' } }]
      })
    ).toEqual({
      status: 400,
      json: { code: 3, message: 'error in query at index 0: name specified in a PURL query' }
    })
    expect(await post(server, { queries: Array.from({ length: 1001 }, () => good) })).toEqual({
      status: 400,
      json: { code: 3, message: 'too many queries' }
    })
  })

  it('pages with an opaque next_page_token per query', async () => {
    const paged = await startFakeOsv(records, { pageSize: 2 })
    try {
      const query = { package: { ecosystem: 'Go', name: 'stdlib' }, version: '1.18.1' }
      const first = (await post(paged, { queries: [query] })).json as {
        results: { vulns: { id: string }[]; next_page_token?: string }[]
      }
      expect(first.results[0]!.vulns).toHaveLength(2)
      const token = first.results[0]!.next_page_token!
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/)
      const second = (await post(paged, { queries: [{ ...query, page_token: token }] })).json as {
        results: { vulns: { id: string }[]; next_page_token?: string }[]
      }
      expect(
        [...first.results[0]!.vulns, ...second.results[0]!.vulns].map(v => v.id).sort()
      ).toEqual(
        traffic.find(t => t.query.package.name === 'stdlib' && t.query.version === '1.18.1')!.answer
      )
      expect(second.results[0]!.next_page_token).toBeUndefined()
    } finally {
      await paged.close()
    }
  })

  it('GET /v1/vulns/{id} takes the id raw, as osv.dev’s client sends it', async () => {
    expect((await fetch(`${server.url}/v1/vulns/ALSA-2023:4520`)).status).toBe(200)
    expect((await fetch(`${server.url}/v1/vulns/NOPE-1`)).status).toBe(404)
  })
})
