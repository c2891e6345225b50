// Ecosystem mapping and the real per-ecosystem comparers together, one case
// per distro/language family. The records here are minimal synthetic ones
// (ids *-TEST-*) shaped like each database's real output; the advisories
// written from real facts live in fixtures/vulns (recall.test.ts).
import { describe, expect, it } from '@jest/globals'
import type { OsInfo, Package } from '../../src/model/package.js'
import { createComparerFor, matchPackages, VulnIndex } from '../../src/vulns/index.js'

const defaultComparerFor = createComparerFor()

function indexOf(
  records: { id: string; ecosystem: string; name: string; events: object[]; type?: string }[]
): VulnIndex {
  const index = new VulnIndex()
  for (const r of records) {
    index.addRaw(
      {
        id: r.id,
        affected: [
          {
            package: { ecosystem: r.ecosystem, name: r.name },
            ranges: [{ type: r.type ?? 'ECOSYSTEM', events: r.events }]
          }
        ]
      },
      r.id
    )
  }
  return index
}

const pkg = (p: Partial<Package> & Pick<Package, 'name' | 'version' | 'type'>): Package => ({
  purl: `pkg:${p.type}/${p.name}@${p.version}`,
  locations: ['/db'],
  ...p
})

const ids = (packages: Package[], os: OsInfo | undefined, index: VulnIndex) =>
  matchPackages(packages, os, index, defaultComparerFor).findings.map(
    f =>
      `${f.vulnerability!.vulnerabilityId} ${f.vulnerability!.package} ${f.vulnerability!.fixedVersion ?? '-'}`
  )

describe('distro and language ecosystems with their own version ordering', () => {
  it('Red Hat: every stream of the major release, rpm ordering with epoch', () => {
    const index = indexOf([
      {
        id: 'RHSA-TEST-1',
        ecosystem: 'Red Hat:enterprise_linux:9::appstream',
        name: 'openssl-libs',
        events: [{ introduced: '0' }, { fixed: '1:3.0.7-25.el9_3' }]
      },
      {
        id: 'RHSA-TEST-2',
        ecosystem: 'Red Hat:rhel_eus:9.2::baseos',
        name: 'openssl-libs',
        events: [{ introduced: '0' }, { fixed: '1:3.0.7-99.el9_2' }]
      },
      {
        id: 'RHSA-TEST-3',
        ecosystem: 'Red Hat:enterprise_linux:8::baseos',
        name: 'openssl-libs',
        events: [{ introduced: '0' }, { fixed: '1:1.1.1k-12.el8' }]
      }
    ])
    const rhel9: OsInfo = { id: 'rhel', versionId: '9.3' }
    expect(
      ids([pkg({ name: 'openssl-libs', version: '1:3.0.7-24.el9', type: 'rpm' })], rhel9, index)
    ).toEqual(['RHSA-TEST-1 openssl-libs 1:3.0.7-25.el9_3'])
    expect(
      ids([pkg({ name: 'openssl-libs', version: '1:3.0.7-25.el9_3', type: 'rpm' })], rhel9, index)
    ).toEqual([])
  })

  it('Rocky Linux and AlmaLinux by major release', () => {
    const index = indexOf([
      {
        id: 'RLSA-TEST-1',
        ecosystem: 'Rocky Linux:9',
        name: 'curl',
        events: [{ introduced: '0' }, { fixed: '7.76.1-26.el9_3.2' }]
      },
      {
        id: 'ALSA-TEST-1',
        ecosystem: 'AlmaLinux:8',
        name: 'curl',
        events: [{ introduced: '0' }, { fixed: '7.61.1-33.el8' }]
      }
    ])
    const curl9 = pkg({ name: 'curl', version: '7.76.1-26.el9', type: 'rpm' })
    expect(ids([curl9], { id: 'rocky', versionId: '9.3' }, index)).toEqual([
      'RLSA-TEST-1 curl 7.76.1-26.el9_3.2'
    ])
    expect(ids([curl9], { id: 'almalinux', versionId: '9.3' }, index)).toEqual([])
  })

  it('Ubuntu LTS by source package, dpkg ordering', () => {
    const index = indexOf([
      {
        id: 'UBUNTU-TEST-1',
        ecosystem: 'Ubuntu:22.04:LTS',
        name: 'openssl',
        events: [{ introduced: '0' }, { fixed: '3.0.2-0ubuntu1.12' }]
      },
      {
        id: 'UBUNTU-TEST-2',
        ecosystem: 'Ubuntu:24.04:LTS',
        name: 'openssl',
        events: [{ introduced: '0' }, { fixed: '3.0.13-0ubuntu3.1' }]
      }
    ])
    const libssl = pkg({
      name: 'libssl3',
      version: '3.0.2-0ubuntu1.10',
      type: 'deb',
      sourceName: 'openssl'
    })
    expect(ids([libssl], { id: 'ubuntu', versionId: '22.04' }, index)).toEqual([
      'UBUNTU-TEST-1 libssl3 3.0.2-0ubuntu1.12'
    ])
  })

  it('Alpine: another branch never matches; apk suffix ordering', () => {
    const index = indexOf([
      {
        id: 'ALPINE-TEST-1',
        ecosystem: 'Alpine:v3.18',
        name: 'busybox',
        events: [{ introduced: '0' }, { fixed: '1.36.1-r7' }]
      },
      {
        id: 'ALPINE-TEST-2',
        ecosystem: 'Alpine:v3.19',
        name: 'busybox',
        events: [{ introduced: '0' }, { fixed: '1.36.1_p1-r0' }]
      }
    ])
    const busybox = pkg({
      name: 'busybox',
      version: '1.36.1-r15',
      type: 'apk',
      sourceName: 'busybox'
    })
    // 1.36.1-r15 < 1.36.1_p1-r0 (a _p suffix sorts after the plain version).
    expect(ids([busybox], { id: 'alpine', versionId: '3.19.0' }, index)).toEqual([
      'ALPINE-TEST-2 busybox 1.36.1_p1-r0'
    ])
  })

  it('PyPI: PEP 440 ordering (pre-releases, post-releases) and an unparsable version never matches', () => {
    const index = indexOf([
      {
        id: 'PYSEC-TEST-1',
        ecosystem: 'PyPI',
        name: 'Django',
        events: [{ introduced: '4.2' }, { fixed: '4.2.post1' }]
      }
    ])
    expect(ids([pkg({ name: 'django', version: '4.2', type: 'pypi' })], undefined, index)).toEqual([
      'PYSEC-TEST-1 django 4.2.post1'
    ])
    expect(
      ids([pkg({ name: 'django', version: '4.2rc1', type: 'pypi' })], undefined, index)
    ).toEqual([])
    const garbage = matchPackages(
      [pkg({ name: 'django', version: 'not a version', type: 'pypi' })],
      undefined,
      index,
      defaultComparerFor
    )
    expect(garbage.findings).toEqual([])
    expect(garbage.stats.unevaluatedRanges).toBe(1)
    expect(garbage.warnings[0]).toMatch(/1 advisory version range\(s\) could not be evaluated/)
  })

  it('Go: SEMVER ranges without the v, stdlib at the toolchain version', () => {
    const index = indexOf([
      {
        id: 'GO-TEST-1',
        ecosystem: 'Go',
        name: 'golang.org/x/net',
        type: 'SEMVER',
        events: [{ introduced: '0' }, { fixed: '0.17.0' }]
      },
      {
        id: 'GO-TEST-2',
        ecosystem: 'Go',
        name: 'stdlib',
        type: 'SEMVER',
        events: [{ introduced: '1.21.0-0' }, { fixed: '1.21.3' }]
      }
    ])
    expect(
      ids(
        [
          pkg({ name: 'golang.org/x/net', version: 'v0.15.0', type: 'golang' }),
          pkg({ name: 'stdlib', version: 'go1.21.1', type: 'golang' }),
          pkg({ name: 'stdlib', version: 'go1.20', type: 'golang' })
        ],
        undefined,
        index
      ).sort()
    ).toEqual(['GO-TEST-1 golang.org/x/net 0.17.0', 'GO-TEST-2 stdlib 1.21.3'])
  })

  it('Maven: ComparableVersion ordering (qualifiers)', () => {
    const index = indexOf([
      {
        id: 'GHSA-TEST-1',
        ecosystem: 'Maven',
        name: 'org.apache.logging.log4j:log4j-core',
        events: [{ introduced: '2.0-beta9' }, { fixed: '2.15.0' }]
      }
    ])
    const log4j = (version: string) =>
      pkg({ name: 'org.apache.logging.log4j:log4j-core', version, type: 'maven' })
    expect(ids([log4j('2.14.1')], undefined, index)).toEqual([
      'GHSA-TEST-1 org.apache.logging.log4j:log4j-core 2.15.0'
    ])
    expect(ids([log4j('2.0-alpha1')], undefined, index)).toEqual([])
    expect(ids([log4j('2.15.0')], undefined, index)).toEqual([])
  })
})
