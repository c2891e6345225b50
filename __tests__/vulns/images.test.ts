// Real image fixtures (issue 14, defect 5): a Wolfi image and a SUSE Linux Enterprise 15 SP3
// image (rpm ndb database), built by fixtures/vulns/images/build.sh from real package databases
// and os-release files (sources in fixtures/vulns/README.md). Each is read with readImage, its
// inventory checked against the source's own list, and scanned against the fake OSV API: the
// queries must carry the ecosystem osv-scalibr gives the distro and osv.dev files its entries
// under. Before the fix Wolfi packages were skipped (no mapping) and the ndb database was not
// read at all (no packages).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readImage } from '../../src/image/index.js'
import { readNdbBlobs } from '../../src/image/catalog/rpm-ndb.js'
import { CorruptDatabaseError } from '../../src/image/catalog/types.js'
import { matchVulnerabilities } from '../../src/vulns/index.js'
import { DEFAULT_VULNERABILITY_SETTINGS } from '../../src/vulns/settings.js'
import { loadFixtureRecords, startFakeOsv, type FakeOsv } from './osv-server.js'

const FIXTURES = join(import.meta.dirname, '../../fixtures/vulns')
const IMAGES = join(FIXTURES, 'images')

let api: FakeOsv
beforeAll(async () => {
  api = await startFakeOsv(loadFixtureRecords(join(FIXTURES, 'osv')))
})
afterAll(async () => {
  await api.close()
})

/** The `P:`, `V:`, `o:` of each stanza, read straight from the database text. */
function apkStanzas(text: string): [string, string, string][] {
  return text
    .split('\n\n')
    .filter(s => s.trim())
    .map(s => {
      const field = (k: string): string => new RegExp(`^${k}:(.*)$`, 'm').exec(s)?.[1] ?? ''
      return [field('P'), field('V'), field('o')]
    })
}

describe('Wolfi image (apk database of a real Wolfi image, Wolfi os-release)', () => {
  const layout = join(IMAGES, 'wolfi', 'layout')

  it('inventories every apk stanza with its origin', async () => {
    const scan = await readImage(layout)
    expect(scan.os).toMatchObject({ id: 'wolfi', versionId: '20220914' })
    const installed = readFileSync(
      join(IMAGES, 'wolfi', 'rootfs', 'usr', 'lib', 'apk', 'db', 'installed'),
      'utf8'
    )
    const expected = apkStanzas(installed).sort()
    expect(expected).toHaveLength(23)
    expect(
      scan.packages
        .filter(p => p.type === 'apk')
        .map(p => [p.name, p.version, p.sourceName])
        .sort()
    ).toEqual(expected)
  })

  it('asks for the Wolfi ecosystem by origin and finds Wolfi glibc entry', async () => {
    const scan = await readImage(layout)
    const before = api.batches.length
    const out = await matchVulnerabilities(
      scan.packages,
      scan.os,
      { kind: 'osv-api', url: api.url },
      DEFAULT_VULNERABILITY_SETTINGS
    )
    const queries = api.batches.slice(before).flatMap(b => b.queries)
    expect(new Set(queries.map(q => q.package.ecosystem))).toEqual(new Set(['Wolfi']))
    expect(queries).toContainEqual({
      package: { ecosystem: 'Wolfi', name: 'openssl' },
      version: '3.5.1-r0'
    })
    expect(queries).toContainEqual({
      package: { ecosystem: 'Wolfi', name: 'glibc' },
      version: '2.41-r53'
    })
    // glibc's three binaries share the origin's entry (fixed in 2.41-r56).
    expect(
      out.findings
        .map(f => `${f.vulnerability!.vulnerabilityId} ${f.vulnerability!.package}`)
        .sort()
    ).toEqual([
      'CGA-c3gc-wg62-gr48 glibc',
      'CGA-c3gc-wg62-gr48 glibc-locale-posix',
      'CGA-c3gc-wg62-gr48 ld-linux'
    ])
    expect(out.findings[0]!.vulnerability!.fixedVersion).toBe('2.41-r56')
  })

  it('does not apply the Wolfi entry to a Chainguard image (another ecosystem)', async () => {
    const scan = await readImage(layout)
    const out = await matchVulnerabilities(
      scan.packages,
      { id: 'chainguard', versionId: '20230214' },
      { kind: 'osv-api', url: api.url },
      DEFAULT_VULNERABILITY_SETTINGS
    )
    expect(out.findings).toEqual([])
  })
})

// go-rpmdb's expected entries for these seven packages (pkg/rpmdb_testcase_test.go, SLE15WithNDB):
// name, version, release, arch, source rpm.
const SLE15_NDB: [string, string, string, string, string][] = [
  ['glibc', '2.31', '9.3.2', 'x86_64', 'glibc-2.31-9.3.2.src.rpm'],
  ['libpcre1', '8.45', '20.10.1', 'x86_64', 'pcre-8.45-20.10.1.src.rpm'],
  ['libreadline7', '7.0', '19.6.1', 'x86_64', 'bash-4.4-19.6.1.src.rpm'],
  ['bash', '4.4', '19.6.1', 'x86_64', 'bash-4.4-19.6.1.src.rpm'],
  ['liblzma5', '5.2.3', '4.3.1', 'x86_64', 'xz-5.2.3-4.3.1.src.rpm'],
  ['libz1', '1.2.11', '3.21.1', 'x86_64', 'zlib-1.2.11-3.21.1.src.rpm'],
  ['libcrypt1', '4.4.15', '2.51', 'x86_64', 'libxcrypt-4.4.15-2.51.src.rpm']
]

describe('SUSE Linux Enterprise 15 SP3 image (rpm ndb Packages.db)', () => {
  const layout = join(IMAGES, 'sles', 'layout')

  it('reads the ndb database as go-rpmdb does', async () => {
    const scan = await readImage(layout)
    expect(scan.os).toMatchObject({ id: 'sles', versionId: '15.3' })
    expect(scan.warnings).toEqual([])
    const rpms = scan.packages.filter(p => p.type === 'rpm')
    expect(rpms.map(p => [p.name, p.version, p.arch]).sort()).toEqual(
      SLE15_NDB.map(([n, v, r, a]) => [n, `${v}-${r}`, a]).sort()
    )
    const bySource = Object.fromEntries(rpms.map(p => [p.name, p.sourceName]))
    expect(bySource).toMatchObject({ libreadline7: 'bash', libz1: 'zlib', libcrypt1: 'libxcrypt' })
    expect(rpms.find(p => p.name === 'glibc')!.locations).toEqual([
      '/usr/lib/sysimage/rpm/Packages.db'
    ])
  })

  it('asks for the SUSE family with each binary package', async () => {
    const scan = await readImage(layout)
    const before = api.batches.length
    await matchVulnerabilities(
      scan.packages,
      scan.os,
      { kind: 'osv-api', url: api.url },
      DEFAULT_VULNERABILITY_SETTINGS
    )
    const queries = api.batches.slice(before).flatMap(b => b.queries)
    expect(
      queries.map(q => `${q.package.ecosystem} ${q.package.name} ${q.version}`).sort()
    ).toEqual(SLE15_NDB.map(([n, v, r]) => `SUSE ${n} ${v}-${r}`).sort())
  })
})

describe('rpm ndb reader on damaged files', () => {
  const real = readFileSync(
    join(IMAGES, 'sles', 'rootfs', 'usr', 'lib', 'sysimage', 'rpm', 'Packages.db')
  )
  const damaged = (edit: (b: Buffer) => Buffer): Buffer => edit(Buffer.from(real))

  it.each([
    ['a file cut inside the slot page', damaged(b => b.subarray(0, 1000)), /slot pages cut short/],
    ['a file cut inside a blob', damaged(b => b.subarray(0, 8192)), /past the end|cut short/],
    ['another magic', damaged(b => (b.write('XXXX', 0), b)), /not an rpm ndb/],
    ['an absurd slot page count', damaged(b => (b.writeUInt32LE(1 << 20, 12), b)), /slot pages/],
    ['a slot without its magic', damaged(b => (b.write('Slox', 48), b)), /no slot magic/],
    ['a slot pointing at no blob', damaged(b => (b.writeUInt32LE(300, 40), b)), /no blob/]
  ])('%s is a CorruptDatabaseError', (_what, file, message) => {
    expect(() => readNdbBlobs(file)).toThrow(CorruptDatabaseError)
    expect(() => readNdbBlobs(file)).toThrow(message)
  })
})
