// Recall and precision on records written from real advisories
// (fixtures/vulns/README.md lists the expected findings), through both the
// offline path and the OSV API path, plus the fail-closed behaviour.
import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InputError } from '../../src/model/errors.js'
import type { OsInfo, Package } from '../../src/model/package.js'
import { matchVulnerabilities, type VulnSource } from '../../src/vulns/index.js'
import { DEFAULT_VULNERABILITY_SETTINGS } from '../../src/vulns/settings.js'
import { loadFixtureRecords, startFakeOsv, type FakeOsv } from './osv-server.js'

const FIXTURES = join(import.meta.dirname, '../../fixtures/vulns/osv')
const settings = DEFAULT_VULNERABILITY_SETTINGS

const DEBIAN_12: OsInfo = { id: 'debian', versionId: '12', versionCodename: 'bookworm' }
const ALPINE_319: OsInfo = { id: 'alpine', versionId: '3.19.1' }

const npm = (name: string, version: string): Package => ({
  name,
  version,
  type: 'npm',
  purl: `pkg:npm/${name}@${version}`,
  locations: [`/app/node_modules/${name}/package.json`],
  layerIndex: 7,
  createdBy: 'RUN /bin/sh -c npm ci # buildkit'
})
const deb = (name: string, version: string, source: string): Package => ({
  name,
  version,
  type: 'deb',
  purl: `pkg:deb/debian/${name}@${version}?arch=amd64&distro=debian-12`,
  sourceName: source,
  locations: ['/var/lib/dpkg/status'],
  layerIndex: 0
})
const apk = (name: string, version: string, origin: string): Package => ({
  name,
  version,
  type: 'apk',
  purl: `pkg:apk/alpine/${name}@${version}?arch=x86_64&distro=alpine-3.19.1`,
  sourceName: origin,
  locations: ['/lib/apk/db/installed'],
  layerIndex: 0
})

const DEBIAN_IMAGE: Package[] = [
  npm('lodash', '4.17.15'),
  npm('minimist', '1.2.0'),
  npm('node-fetch', '2.6.0'),
  deb('libssl3', '3.0.11-1~deb12u1', 'openssl'),
  {
    name: 'Requests',
    version: '2.28.1',
    type: 'pypi',
    purl: 'pkg:pypi/requests@2.28.1',
    locations: ['/usr/local/lib/python3.11/site-packages/requests-2.28.1.dist-info/METADATA']
  },
  // Fixed versions: must produce nothing.
  npm('lodash', '4.17.21'),
  npm('minimist', '1.2.6'),
  npm('node-fetch', '3.1.1'),
  deb('openssl', '3.0.11-1~deb12u2', 'openssl')
]

const EXPECTED_DEBIAN = [
  'DSA-5532-1 libssl3 3.0.11-1~deb12u1 fixed=3.0.11-1~deb12u2',
  'GHSA-29mw-wpgm-hmr9 lodash 4.17.15 fixed=4.17.21',
  'GHSA-35jh-r3h4-6jhm lodash 4.17.15 fixed=4.17.21',
  'GHSA-j8r2-6x86-q33q Requests 2.28.1 fixed=2.31.0',
  'GHSA-p6mc-m468-83gw lodash 4.17.15 fixed=4.17.20',
  // The real record opens a second range at `1.0` (osv.dev reads it as 1.0.0) up to 3.1.1.
  'GHSA-r683-j2x4-v87g node-fetch 2.6.0 fixed=3.1.1',
  'GHSA-xvch-5gv4-984h minimist 1.2.0 fixed=1.2.6'
]

const ALPINE_IMAGE: Package[] = [
  apk('libcrypto3', '3.1.4-r5', 'openssl'),
  apk('libssl3', '3.1.4-r6', 'openssl'),
  apk('busybox', '1.36.1-r15', 'busybox')
]

const summary = (
  findings: {
    vulnerability?: {
      vulnerabilityId: string
      package: string
      version: string
      fixedVersion?: string
    }
  }[]
) =>
  findings
    .map(
      f =>
        `${f.vulnerability!.vulnerabilityId} ${f.vulnerability!.package} ${f.vulnerability!.version} fixed=${f.vulnerability!.fixedVersion}`
    )
    .sort()

describe('offline records (recall 1.0, no false positives)', () => {
  const source: VulnSource = { kind: 'path', path: FIXTURES }

  it('Debian 12 image with npm and PyPI packages', async () => {
    const out = await matchVulnerabilities(DEBIAN_IMAGE, DEBIAN_12, source, settings, {
      imageRef: 'app:1'
    })
    expect(summary(out.findings)).toEqual(EXPECTED_DEBIAN)
    expect(out.warnings).toEqual([])
    expect(out.stats).toMatchObject({
      records: loadFixtureRecords(FIXTURES).size,
      packagesMatched: 9,
      vulnerablePackages: 5,
      findings: 7
    })
  })

  it('finding details: severity from CVSS, aliases merged, source package, layer', async () => {
    const out = await matchVulnerabilities(DEBIAN_IMAGE, DEBIAN_12, source, settings, {
      imageRef: 'app:1'
    })
    const byId = new Map(out.findings.map(f => [f.vulnerability!.vulnerabilityId, f]))
    expect(byId.get('GHSA-xvch-5gv4-984h')).toMatchObject({
      severity: 'critical',
      ruleId: 'vulnerable-package',
      location: { path: 'app:1' },
      properties: { cvssScore: 9.8, layerIndex: 7, createdBy: 'RUN /bin/sh -c npm ci # buildkit' }
    })
    expect(byId.get('GHSA-j8r2-6x86-q33q')!.vulnerability!.aliases).toEqual([
      'CVE-2023-32681',
      'PYSEC-2023-74'
    ])
    expect(byId.get('GHSA-j8r2-6x86-q33q')!.severity).toBe('medium')
    const dsa = byId.get('DSA-5532-1')!
    expect(dsa.vulnerability).toMatchObject({ ecosystem: 'Debian:12', aliases: ['CVE-2023-5363'] })
    // No CVSS in the DSA record: medium, and the summary says so.
    expect(dsa.severity).toBe('medium')
    expect(dsa.properties).toMatchObject({
      severitySource: 'unknown',
      sourcePackage: 'openssl',
      location: '/var/lib/dpkg/status'
    })
    expect(dsa.message).toBe(
      'libssl3 3.0.11-1~deb12u1 (source package openssl) is affected by DSA-5532-1 (CVE-2023-5363): openssl - security update. Fixed in 3.0.11-1~deb12u2.'
    )
  })

  it('Debian 11 records never match a Debian 12 image, nor Debian 12 records a Debian 11 one', async () => {
    const bullseye: OsInfo = { id: 'debian', versionId: '11' }
    const old = [deb('libssl1.1', '1.1.1n-0+deb11u4', 'openssl')]
    const on11 = await matchVulnerabilities(old, bullseye, source, settings)
    expect(summary(on11.findings)).toEqual([
      'DSA-5417-1 libssl1.1 1.1.1n-0+deb11u4 fixed=1.1.1n-0+deb11u5'
    ])
    // On a Debian 12 image only the bookworm advisory applies (openssl 1.1.1 < 3.0.11-1~deb12u2).
    const on12 = await matchVulnerabilities(old, DEBIAN_12, source, settings)
    expect(summary(on12.findings)).toEqual([
      'DSA-5532-1 libssl1.1 1.1.1n-0+deb11u4 fixed=3.0.11-1~deb12u2'
    ])
  })

  it('Alpine 3.19 image: by origin, backport-exact', async () => {
    const out = await matchVulnerabilities(ALPINE_IMAGE, ALPINE_319, source, settings)
    expect(summary(out.findings)).toEqual([
      'ALPINE-CVE-2024-2511 libcrypto3 3.1.4-r5 fixed=3.1.4-r6'
    ])
    expect(out.findings[0]!.location.path).toBe('/lib/apk/db/installed')
  })

  it('an empty vuln-db fails closed (or warns when the workflow opted out)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'cg-empty-db-'))
    try {
      writeFileSync(join(empty, 'notes.txt'), 'no records here')
      const run = () =>
        matchVulnerabilities(DEBIAN_IMAGE, DEBIAN_12, { kind: 'path', path: empty }, settings)
      await expect(run()).rejects.toThrow(InputError)
      await expect(run()).rejects.toThrow(
        /^vuln-db: ".*" holds no OSV records; the gate cannot pass/
      )
      const warned = await matchVulnerabilities(
        DEBIAN_IMAGE,
        DEBIAN_12,
        { kind: 'path', path: empty },
        {
          ...settings,
          onDataError: 'warn'
        }
      )
      expect(warned.findings).toEqual([])
      expect(warned.warnings[0]).toMatch(
        /holds no OSV records; vulnerability results are incomplete/
      )
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })

  it('ignoreUnfixed keeps findings that have a fix', async () => {
    const out = await matchVulnerabilities(DEBIAN_IMAGE, DEBIAN_12, source, settings, {
      ignoreUnfixed: true
    })
    expect(out.findings).toHaveLength(7)
  })
})

describe('OSV API (local server speaking the v1 API)', () => {
  let server: FakeOsv | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })
  const records = loadFixtureRecords(FIXTURES)

  it('same findings as offline; one querybatch for all packages, one GET per id', async () => {
    server = await startFakeOsv(records)
    const out = await matchVulnerabilities(
      DEBIAN_IMAGE,
      DEBIAN_12,
      { kind: 'osv-api', url: server.url },
      settings,
      {
        imageRef: 'app:1'
      }
    )
    expect(summary(out.findings)).toEqual(EXPECTED_DEBIAN)
    expect(server.batches).toHaveLength(1)
    expect(
      server.batches[0]!.queries.map(q => `${q.package.ecosystem}/${q.package.name}@${q.version}`)
    ).toEqual([
      'npm/lodash@4.17.15',
      'npm/minimist@1.2.0',
      'npm/node-fetch@2.6.0',
      'Debian:12/openssl@3.0.11-1~deb12u1',
      'PyPI/requests@2.28.1',
      'npm/lodash@4.17.21',
      'npm/minimist@1.2.6',
      'npm/node-fetch@3.1.1',
      'Debian:12/openssl@3.0.11-1~deb12u2'
    ])
    const gets = server.requests.filter(r => r.startsWith('GET ')).sort()
    expect(gets).toEqual([...new Set(gets)])
    expect(gets).toContain('GET /v1/vulns/DSA-5532-1')
    expect(gets).not.toContain('GET /v1/vulns/DSA-5417-1')
  })

  it('fails closed with one line when the API is down', async () => {
    server = await startFakeOsv(records, {
      failures: new Map([['/v1/querybatch', [503, 503, 503, 503, 503]]])
    })
    const run = matchVulnerabilities(
      DEBIAN_IMAGE,
      DEBIAN_12,
      { kind: 'osv-api', url: server.url },
      settings,
      {
        backoffMs: 1
      }
    )
    await expect(run).rejects.toThrow(InputError)
    await expect(
      matchVulnerabilities(
        DEBIAN_IMAGE,
        DEBIAN_12,
        { kind: 'osv-api', url: server.url },
        { ...settings, apiRetries: 0 },
        {
          backoffMs: 1
        }
      )
    ).rejects.toThrow(
      /^OSV API http:\/\/127\.0\.0\.1:\d+ failed: POST .*\/v1\/querybatch: HTTP 503 \(after 1 attempt\); the gate cannot pass without vulnerability data/
    )
  })

  it('fails closed when an advisory cannot be fetched, or warns when the workflow opted out', async () => {
    server = await startFakeOsv(records, {
      failures: new Map([
        ['/v1/vulns/GHSA-xvch-5gv4-984h', [500, 500, 500, 500, 500, 500, 500, 500]]
      ])
    })
    const source: VulnSource = { kind: 'osv-api', url: server.url }
    await expect(
      matchVulnerabilities(
        DEBIAN_IMAGE,
        DEBIAN_12,
        source,
        { ...settings, apiRetries: 1 },
        { backoffMs: 1 }
      )
    ).rejects.toThrow(
      /1 of 8 advisories could not be fetched \(GHSA-xvch-5gv4-984h: GET .* HTTP 500 \(after 2 attempts\)\)/
    )
    const warned = await matchVulnerabilities(
      DEBIAN_IMAGE,
      DEBIAN_12,
      source,
      { ...settings, apiRetries: 1, onDataError: 'warn' },
      { backoffMs: 1 }
    )
    expect(summary(warned.findings)).toEqual(
      EXPECTED_DEBIAN.filter(line => !line.startsWith('GHSA-xvch'))
    )
    expect(warned.warnings[0]).toMatch(
      /could not be fetched .*; vulnerability results are incomplete \(on-data-error: warn\)$/
    )
  })

  it('a refused connection fails closed too', async () => {
    server = await startFakeOsv(records)
    const url = server.url
    await server.close()
    server = undefined
    await expect(
      matchVulnerabilities(
        [npm('lodash', '4.17.15')],
        undefined,
        { kind: 'osv-api', url },
        { ...settings, apiRetries: 0 }
      )
    ).rejects.toThrow(InputError)
  })

  it('records cached across runs are reused while their modified stamp is unchanged', async () => {
    const mutable = loadFixtureRecords(FIXTURES)
    server = await startFakeOsv(mutable)
    const cacheDir = mkdtempSync(join(tmpdir(), 'cg-osv-cache-'))
    try {
      const source: VulnSource = { kind: 'osv-api', url: server.url }
      const first = await matchVulnerabilities(DEBIAN_IMAGE, DEBIAN_12, source, settings, {
        cacheDir
      })
      // Records the batch named (alias records looked up for severity are fetched each run).
      const gets = () =>
        server!.requests.filter(r => r.startsWith('GET ') && !r.includes('/CVE-')).length
      expect(first.stats.apiRecordsFromCache).toBe(0)
      const fetched = gets()
      expect(fetched).toBe(first.stats.apiVulnerabilityIds)
      // A new run (new process: the in-memory cache is gone) with the restored directory.
      const second = await matchVulnerabilities(DEBIAN_IMAGE, DEBIAN_12, source, settings, {
        cacheDir
      })
      expect(gets()).toBe(fetched)
      expect(second.stats.apiRecordsFromCache).toBe(fetched)
      expect(summary(second.findings)).toEqual(EXPECTED_DEBIAN)
      // The advisory changed upstream: only that one is fetched again.
      mutable.set('DSA-5532-1', { ...mutable.get('DSA-5532-1')!, modified: '2025-02-02T00:00:00Z' })
      const third = await matchVulnerabilities(DEBIAN_IMAGE, DEBIAN_12, source, settings, {
        cacheDir
      })
      expect(gets()).toBe(fetched + 1)
      expect(server.requests.filter(r => !r.includes('/CVE-')).pop()).toBe(
        'GET /v1/vulns/DSA-5532-1'
      )
      expect(third.stats.apiRecordsFromCache).toBe(fetched - 1)
    } finally {
      rmSync(cacheDir, { recursive: true, force: true })
    }
  })

  it('a query the API rejects (400) is isolated by splitting the batch; the rest are still matched', async () => {
    // A self-hosted API that does not know the Debian ecosystem answers 400 for its queries.
    server = await startFakeOsv(records, { unknownEcosystems: ['Debian'] })
    const forky: Package = {
      ...deb('libssl3', '3.5.0-1', 'openssl'),
      purl: 'pkg:deb/debian/libssl3@3.5.0-1?distro=debian-14'
    }
    const image = [...DEBIAN_IMAGE.filter(p => p.type !== 'deb'), forky]
    const forkyOs: OsInfo = { id: 'debian', versionId: '14' }
    const source: VulnSource = { kind: 'osv-api', url: server.url }
    // Fail closed by default, naming what was not evaluated.
    await expect(matchVulnerabilities(image, forkyOs, source, settings)).rejects.toThrow(
      /^vulnerabilities not evaluated: 1 package\(s\) were not checked: the OSV API rejected their query \(first: Debian:14 openssl 3\.5\.0-1: .*HTTP 400\); the gate cannot pass/
    )
    server.batches.length = 0
    const out = await matchVulnerabilities(image, forkyOs, source, {
      ...settings,
      onDataError: 'warn'
    })
    expect(summary(out.findings)).toEqual(EXPECTED_DEBIAN.filter(line => !line.startsWith('DSA-')))
    expect(out.warnings).toEqual([
      expect.stringMatching(
        /^1 package\(s\) were not checked: the OSV API rejected their query \(first: Debian:14 openssl 3\.5\.0-1: POST .*: HTTP 400\); vulnerability results are incomplete \(on-data-error: warn\)$/
      )
    ])
    expect(out.stats.apiQueriesRejected).toBe(1)
    // 8 queries: rejected whole, then halves of 4, 2 and 1 until the bad one stands alone.
    expect(server.batches.map(b => b.queries.length)).toEqual([8, 4, 4, 2, 2, 1, 1])
  })

  it('no packages with an OSV ecosystem: no request at all', async () => {
    server = await startFakeOsv(records)
    const rpm: Package = {
      name: 'bash',
      version: '5.2',
      type: 'rpm',
      purl: 'pkg:rpm/fedora/bash@5.2',
      locations: []
    }
    const fedora: OsInfo = { id: 'fedora', versionId: '40' }
    const source: VulnSource = { kind: 'osv-api', url: server.url }
    await expect(matchVulnerabilities([rpm], fedora, source, settings)).rejects.toThrow(
      /^vulnerabilities not evaluated: rpm on fedora 40 package\(s\) with no OSV ecosystem \(bash 5\.2\)/
    )
    const out = await matchVulnerabilities([rpm], fedora, source, {
      ...settings,
      onDataError: 'warn'
    })
    expect(out.findings).toEqual([])
    expect(server.requests).toEqual([])
  })
})
