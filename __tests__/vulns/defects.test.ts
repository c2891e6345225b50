// Issue 14's defects, one block each, every one on a real record (fixtures/vulns/README.md
// says where each comes from). Each block failed on the code before the fix: the tests use
// only the check's public entry points (matchVulnerabilities, the catalog parsers), so they
// run unchanged against that code.
import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { zipSync } from 'fflate'
import { parseDpkgStatus } from '../../src/image/catalog/dpkg.js'
import { goPackages } from '../../src/image/catalog/golang.js'
import { readJavaArchive } from '../../src/image/catalog/java.js'
import type { OsInfo, Package } from '../../src/model/package.js'
import { matchVulnerabilities, type VulnSource } from '../../src/vulns/index.js'
import { DEFAULT_VULNERABILITY_SETTINGS } from '../../src/vulns/settings.js'
import { loadFixtureRecords, startFakeOsv, type FakeOsv } from './osv-server.js'

const FIXTURES = join(import.meta.dirname, '../../fixtures/vulns')
const OSV = join(FIXTURES, 'osv')
const offline: VulnSource = { kind: 'path', path: OSV }
const settings = DEFAULT_VULNERABILITY_SETTINGS
const warn = { ...settings, onDataError: 'warn' as const }
const records = loadFixtureRecords(OSV)

function pkg(p: Partial<Package> & Pick<Package, 'name' | 'version' | 'type'>): Package {
  return { purl: `pkg:${p.type}/${p.name}@${p.version}`, locations: ['/db'], ...p }
}

const ids = (findings: { vulnerability?: { vulnerabilityId: string; fixedVersion?: string } }[]) =>
  findings
    .map(f => `${f.vulnerability!.vulnerabilityId} fixed=${f.vulnerability!.fixedVersion}`)
    .sort()

let server: FakeOsv | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('1. end-of-life Ubuntu: Pro entries are evaluated, and asked for', () => {
  const xenial: OsInfo = { id: 'ubuntu', versionId: '16.04' }
  const focal: OsInfo = { id: 'ubuntu', versionId: '20.04' }
  // xenial's last public wayland: the fix (UBUNTU-CVE-2021-3782) is published only for Pro.
  const wayland = pkg({
    name: 'libwayland-client0',
    version: '1.12.0-1~ubuntu16.04.3',
    type: 'deb',
    sourceName: 'wayland'
  })
  // focal's netty: UBUNTU-CVE-2022-24823 has a Pro:20.04 entry only.
  const netty = pkg({
    name: 'libnetty-java',
    version: '1:4.1.45-1',
    type: 'deb',
    sourceName: 'netty'
  })

  it('offline', async () => {
    const x = await matchVulnerabilities([wayland], xenial, offline, settings)
    expect(ids(x.findings)).toEqual(['UBUNTU-CVE-2021-3782 fixed=1.12.0-1~ubuntu16.04.3+esm1'])
    expect(x.findings[0]!.vulnerability!.ecosystem).toBe('Ubuntu:Pro:16.04:LTS')
    const f = await matchVulnerabilities([netty], focal, offline, settings)
    expect(ids(f.findings)).toEqual(['UBUNTU-CVE-2022-24823 fixed=1:4.1.45-1ubuntu0.1~esm2'])
  })

  it('through the API: one Ubuntu:16.04 query finds the Pro entry (osv.dev stores it there)', async () => {
    server = await startFakeOsv(records)
    const out = await matchVulnerabilities(
      [wayland],
      xenial,
      { kind: 'osv-api', url: server.url },
      settings
    )
    expect(ids(out.findings)).toEqual(['UBUNTU-CVE-2021-3782 fixed=1.12.0-1~ubuntu16.04.3+esm1'])
    expect(server.batches[0]!.queries[0]!.package.ecosystem).toBe('Ubuntu:16.04')
  })
})

describe('2. held packages (apt-mark hold) are installed', () => {
  // fixtures/vulns/dpkg/status-held: the demo image's Debian 12 status after
  // `dpkg --set-selections <<< "libssl3 hold"` (dpkg 1.21.22 wrote `Status: hold ok installed`).
  const status = readFileSync(join(FIXTURES, 'dpkg/status-held'), 'utf8')

  it('the held libssl3 is inventoried and matched', async () => {
    const raw = parseDpkgStatus(status, true)
    expect(raw.map(p => p.name)).toContain('libssl3')
    const packages = raw.map(p => pkg({ ...p, type: 'deb' }))
    const out = await matchVulnerabilities(
      packages,
      { id: 'debian', versionId: '12', versionCodename: 'bookworm' },
      offline,
      settings
    )
    expect(
      out.findings.map(f => `${f.vulnerability!.vulnerabilityId} ${f.vulnerability!.package}`)
    ).toContain('DSA-5532-1 libssl3')
  })
})

describe('3. Go release candidates keep their pre-release', () => {
  it('go1.21rc2 is 1.21.0-rc.2, inside GO-2023-1987 (fixed in 1.21.0-rc.4)', async () => {
    const stdlib = goPackages({ goVersion: 'go1.21rc2', deps: [] }).map(p =>
      pkg({ ...p, type: 'golang' })
    )
    const out = await matchVulnerabilities(stdlib, undefined, offline, settings)
    expect(ids(out.findings)).toContain('GO-2023-1987 fixed=1.21.0-rc.4')
  })
})

describe('4. severity: record CVSS, then aliases, then the distribution, then GHSA', () => {
  it("Rocky's `Important:` advisory is high and trips fail-on: high (it defaulted to medium)", async () => {
    const rocky: OsInfo = { id: 'rocky', versionId: '8.7' }
    const out = await matchVulnerabilities(
      [pkg({ name: 'firefox', version: '102.10.0-1.el8_7', type: 'rpm' })],
      rocky,
      offline,
      settings
    )
    expect(out.findings[0]).toMatchObject({
      severity: 'high',
      vulnerability: { vulnerabilityId: 'RLSA-2023:3220' },
      properties: { severitySource: 'vendor-rating' }
    })
  })

  it('a record without CVSS takes the CVSS of the record it aliases (PYSEC-2023-74 ← GHSA-j8r2-6x86-q33q)', async () => {
    // PYSEC-2023-74 carries no severity; its alias GHSA-j8r2-6x86-q33q carries NVD's vector.
    // Records a match aliases are fetched by id: here the GHSA is served by GET only, standing
    // in for the CVE record of a DSA (CVE records name no package, so querybatch never returns
    // them; no real DSA/CVE pair is in reachable test data).
    server = await startFakeOsv(
      new Map(
        [...records].filter(([id]) => id === 'PYSEC-2023-74' || id === 'GHSA-j8r2-6x86-q33q')
      ),
      { queryOnly: new Set(['PYSEC-2023-74']) }
    )
    const out = await matchVulnerabilities(
      [pkg({ name: 'requests', version: '2.20.0', type: 'pypi' })],
      undefined,
      { kind: 'osv-api', url: server.url },
      settings
    )
    expect(out.findings[0]).toMatchObject({
      severity: 'medium',
      vulnerability: { vulnerabilityId: 'PYSEC-2023-74' },
      properties: {
        severitySource: 'alias-cvss-3.1',
        severityAlias: 'GHSA-j8r2-6x86-q33q',
        cvssScore: 6.1
      }
    })
    expect(server.requests).toContain('GET /v1/vulns/GHSA-j8r2-6x86-q33q')
  })

  it("AlmaLinux's `Important:` rates an advisory whose CVEs are only `related` (ALSA-2025:1671)", async () => {
    const out = await matchVulnerabilities(
      [pkg({ name: 'mysql', version: '8.0.36-1.el9_3', type: 'rpm' })],
      { id: 'almalinux', versionId: '9.3' },
      offline,
      settings
    )
    expect(out.findings[0]).toMatchObject({
      severity: 'high',
      vulnerability: { vulnerabilityId: 'ALSA-2025:1671' },
      properties: { severitySource: 'vendor-rating', distroRating: 'Important' }
    })
  })

  it("Debian's urgency rates a record without CVSS (CVE-2024-3847: low)", async () => {
    const out = await matchVulnerabilities(
      [pkg({ name: 'chromium', version: '120.0.6099.224-1~deb11u1', type: 'deb' })],
      { id: 'debian', versionId: '11' },
      offline,
      settings
    )
    expect(out.findings[0]).toMatchObject({
      severity: 'low',
      properties: { severitySource: 'debian-urgency', distroRating: 'low' }
    })
  })

  it('a GHSA without CVSS takes its database_specific.severity (GHSA-2h6c-j3gf-xp9r: MODERATE)', async () => {
    const out = await matchVulnerabilities(
      [pkg({ name: 'github.com/ipfs/go-bitfield', version: 'v1.0.0', type: 'golang' })],
      undefined,
      offline,
      settings
    )
    const ghsa = out.findings.find(f => f.vulnerability!.vulnerabilityId === 'GHSA-2h6c-j3gf-xp9r')
    expect(ghsa).toMatchObject({ severity: 'medium', properties: { severitySource: 'ghsa' } })
  })

  it('Debian `unimportant` and Ubuntu `negligible` are hidden by default, as osv-scanner does', async () => {
    const unixodbc = pkg({ name: 'unixodbc', version: '2.3.6-0.1', type: 'deb' })
    const buster: OsInfo = { id: 'debian', versionId: '10' }
    const hidden = await matchVulnerabilities([unixodbc], buster, offline, settings)
    expect(hidden.findings).toEqual([])
    expect(hidden.stats.unimportantHidden).toBe(1)
    const shown = await matchVulnerabilities([unixodbc], buster, offline, {
      ...settings,
      showUnimportant: true
    })
    expect(ids(shown.findings)).toEqual(['CVE-2024-1013 fixed=undefined'])
    expect(shown.findings[0]!.properties).toMatchObject({ unimportant: true })
    // osv-scanner's recorded osv.dev answer for jammy's glibc 2.35-0ubuntu3.8 includes
    // UBUNTU-CVE-2016-20013 (negligible), which osv-scanner then hides.
    const glibc = pkg({
      name: 'libc6',
      version: '2.35-0ubuntu3.8',
      type: 'deb',
      sourceName: 'glibc'
    })
    const jammy = await matchVulnerabilities(
      [glibc],
      { id: 'ubuntu', versionId: '22.04' },
      offline,
      settings
    )
    expect(jammy.findings).toEqual([])
  })
})

describe('5. distributions that had no mapping', () => {
  it('Chainguard and Wolfi by apk origin', async () => {
    const chainguard = await matchVulnerabilities(
      [pkg({ name: 'haproxy-2.8', version: '2.8.17-r0', type: 'apk', sourceName: 'haproxy-2.8' })],
      { id: 'chainguard', versionId: '20230214' },
      offline,
      settings
    )
    expect(ids(chainguard.findings)).toEqual(['CGA-224q-ccj5-2p53 fixed=2.8.18-r0'])
    const wolfi = await matchVulnerabilities(
      [pkg({ name: 'haproxy-3.1', version: '3.1.6-r1', type: 'apk', sourceName: 'haproxy-3.1' })],
      { id: 'wolfi', versionId: '20230201' },
      offline,
      settings
    )
    expect(ids(wolfi.findings)).toEqual(['CGA-224q-ccj5-2p53 fixed=3.1.7-r0'])
  })
})

describe('6. fail-open cases fail with on-data-error: fail, naming what was not evaluated', () => {
  it('an rpm distribution with no OSV ecosystem', async () => {
    const fedora = [pkg({ name: 'bash', version: '5.2.26-3.fc40', type: 'rpm' })]
    await expect(
      matchVulnerabilities(fedora, { id: 'fedora', versionId: '40' }, offline, settings)
    ).rejects.toThrow(/not evaluated: .*rpm on fedora 40 .*bash 5\.2\.26-3\.fc40/)
    const warned = await matchVulnerabilities(
      fedora,
      { id: 'fedora', versionId: '40' },
      offline,
      warn
    )
    expect(warned.warnings.join('\n')).toMatch(/bash 5\.2\.26-3\.fc40/)
  })

  it('queries the API rejects with 400 (a self-hosted osv.dev that does not know Wolfi)', async () => {
    server = await startFakeOsv(records, { unknownEcosystems: ['Wolfi'] })
    const haproxy = pkg({ name: 'haproxy-3.1', version: '3.1.6-r1', type: 'apk' })
    await expect(
      matchVulnerabilities(
        [haproxy],
        { id: 'wolfi' },
        { kind: 'osv-api', url: server.url },
        settings
      )
    ).rejects.toThrow(/rejected their query \(first: Wolfi haproxy-3\.1 3\.1\.6-r1/)
  })

  it('a malformed record (a real one cut short)', async () => {
    const text = readFileSync(join(OSV, 'debian/DSA-3029-1.json'), 'utf8')
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const dir = mkdtempSync(join(tmpdir(), 'cg-malformed-'))
    try {
      writeFileSync(join(dir, 'DSA-3029-1.json'), text.slice(0, text.length / 2))
      writeFileSync(
        join(dir, 'GHSA-xvch-5gv4-984h.json'),
        readFileSync(join(OSV, 'npm/GHSA-xvch-5gv4-984h.json'))
      )
      const minimist = [pkg({ name: 'minimist', version: '1.2.0', type: 'npm' })]
      await expect(
        matchVulnerabilities(minimist, undefined, { kind: 'path', path: dir }, settings)
      ).rejects.toThrow(/malformed OSV record.*DSA-3029-1\.json/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a range the installed version cannot be ordered against (PYSEC-2023-74, requests 2.30.0-custom)', async () => {
    const requests = [pkg({ name: 'requests', version: '2.30.0-custom', type: 'pypi' })]
    await expect(matchVulnerabilities(requests, undefined, offline, settings)).rejects.toThrow(
      /not evaluated: .*advisory range\(s\) whose versions cannot be ordered/
    )
    const warned = await matchVulnerabilities(requests, undefined, offline, warn)
    expect(warned.stats.unevaluatedRanges).toBeGreaterThan(0)
  })
})

describe('7. API robustness', () => {
  it('ids with a colon reach /v1/vulns/{id} as osv.dev’s client sends them (ALSA-2023:4520)', async () => {
    server = await startFakeOsv(records)
    const out = await matchVulnerabilities(
      [pkg({ name: 'python3-requests', version: '2.20.0-2.1.el8_1', type: 'rpm' })],
      { id: 'almalinux', versionId: '8.8' },
      { kind: 'osv-api', url: server.url },
      settings
    )
    expect(ids(out.findings)).toEqual(['ALSA-2023:4520 fixed=2.20.0-3.el8_8'])
    expect(server.requests).toContain('GET /v1/vulns/ALSA-2023:4520')
  })

  it('Retry-After is honoured, and a wait beyond the budget fails at once with the reason', async () => {
    server = await startFakeOsv(records, {
      failures: new Map([['/v1/querybatch', [429]]]),
      failureHeaders: new Map([['/v1/querybatch', { 'retry-after': '1' }]])
    })
    const minimist = [pkg({ name: 'minimist', version: '1.2.0', type: 'npm' })]
    const api: VulnSource = { kind: 'osv-api', url: server.url }
    const started = Date.now()
    const out = await matchVulnerabilities(minimist, undefined, api, settings, { backoffMs: 1 })
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
    expect(ids(out.findings)).toEqual(['GHSA-xvch-5gv4-984h fixed=1.2.6'])
    await server.close()
    server = await startFakeOsv(records, {
      failures: new Map([['/v1/querybatch', [429]]]),
      failureHeaders: new Map([['/v1/querybatch', { 'retry-after': '3600' }]])
    })
    await expect(
      matchVulnerabilities(minimist, undefined, { kind: 'osv-api', url: server.url }, settings, {
        backoffMs: 1
      })
    ).rejects.toThrow(/Retry-After/)
  })
})

describe('7. answers the local evaluation does not confirm are counted and reported', () => {
  it('an API answering by name only: lodash 4.17.21 and glibc on Ubuntu 25.10 get no finding, and a count', async () => {
    server = await startFakeOsv(records, { byNameOnly: true })
    const out = await matchVulnerabilities(
      [
        pkg({ name: 'lodash', version: '4.17.21', type: 'npm' }),
        pkg({ name: 'libc6', version: '2.42-0ubuntu3', type: 'deb', sourceName: 'glibc' })
      ],
      { id: 'ubuntu', versionId: '25.10' },
      { kind: 'osv-api', url: server.url },
      settings
    )
    expect(out.findings).toEqual([])
    expect(out.stats.apiAnswersNotConfirmed).toBeGreaterThan(0)
    expect(out.stats.apiAnswersOtherRelease).toBeGreaterThan(0)
    expect(out.warnings.join('\n')).toMatch(
      /OSV API answer\(s\) were not confirmed by evaluating the advisory's ranges here and were not reported \(GHSA-.* for npm lodash 4\.17\.21/
    )
  })
})

describe('8. the lodash record as GitHub publishes it', () => {
  it('4.17.19 is affected (fixed in 4.17.20), and so is lodash-es', async () => {
    const out = await matchVulnerabilities(
      [
        pkg({ name: 'lodash', version: '4.17.19', type: 'npm' }),
        pkg({ name: 'lodash-es', version: '4.17.15', type: 'npm' })
      ],
      undefined,
      offline,
      settings
    )
    const p6mc = out.findings
      .filter(f => f.vulnerability!.vulnerabilityId === 'GHSA-p6mc-m468-83gw')
      .map(
        f =>
          `${f.vulnerability!.package} ${f.vulnerability!.version} fixed=${f.vulnerability!.fixedVersion}`
      )
      .sort()
    expect(p6mc).toEqual(['lodash 4.17.19 fixed=4.17.20', 'lodash-es 4.17.15 fixed=4.17.20'])
  })
})

describe('10. versions the strict grammar refuses are evaluated as osv.dev does; Maven groups', () => {
  it('GHSA-r683-j2x4-v87g opens at `1.0`: node-fetch 3.0.0 is affected (it was never evaluated)', async () => {
    const out = await matchVulnerabilities(
      [pkg({ name: 'node-fetch', version: '3.0.0', type: 'npm' })],
      undefined,
      offline,
      settings
    )
    expect(ids(out.findings)).toEqual(['GHSA-r683-j2x4-v87g fixed=3.1.1'])
  })

  it('a jar with only a MANIFEST: the group from osv-scalibr’s reading of it (spring-web)', () => {
    // osv-scalibr's test MANIFEST for spring-web 5.3.26 (known-group-id/MANIFEST.MF).
    const manifest = readFileSync(join(FIXTURES, 'java/spring-web-MANIFEST.MF'))
    const jar = zipSync({ 'META-INF/MANIFEST.MF': manifest })
    expect(readJavaArchive(jar, '/app/lib/spring-web-5.3.26.jar').map(p => p.name)).toEqual([
      'org.springframework:spring-web'
    ])
  })

  it('a jar whose group cannot be read is reported, not queried by a name that never matches', async () => {
    const jar = zipSync({
      'META-INF/MANIFEST.MF': readFileSync(join(FIXTURES, 'java/no-group-MANIFEST.MF'))
    })
    const [raw] = readJavaArchive(jar, '/app/lib/some-package.jar')
    await expect(
      matchVulnerabilities([pkg({ ...raw!, type: 'maven' })], undefined, offline, settings)
    ).rejects.toThrow(/maven package\(s\) with no OSV ecosystem \(some-package 1\.2\.3\)/)
  })
})
