// Version ordering per ecosystem on the cases that decide real advisories:
// epochs, tildes, carets, pre-releases, local versions, pseudo-versions,
// Maven qualifiers. Stands alone (no ../shared needed).
import { describe, expect, it } from '@jest/globals'
import { apkVersionMatches } from '../../../src/vulns/version/apk.js'
import {
  compareApkVersions,
  compareDebianVersions,
  compareGoVersions,
  compareMavenVersions,
  compareNpmVersions,
  comparePep440Versions,
  compareRpmVersions,
  compareVersions,
  isValidVersion,
  schemeForEcosystem,
  type VersionScheme
} from '../../../src/vulns/version/index.js'
import { satisfiesNpmRange } from '../../../src/vulns/version/npm.js'

type Compare = (a: string, b: string) => number

/** Asserts a strictly ascending chain, checking every pair in both directions. */
function expectAscending(compare: Compare, chain: string[]): void {
  for (let i = 0; i < chain.length; i++) {
    for (let j = 0; j < chain.length; j++) {
      const want = Math.sign(i - j)
      const got = compare(chain[i] as string, chain[j] as string)
      if (got !== want) throw new Error(`${chain[i]} vs ${chain[j]}: want ${want}, got ${got}`)
    }
  }
}

function expectEqual(compare: Compare, a: string, b: string): void {
  expect([compare(a, b), compare(b, a)]).toEqual([0, 0])
}

describe('dpkg', () => {
  it('orders epoch before upstream before revision, with ~ before the end', () => {
    expectAscending(compareDebianVersions, [
      '1.0~rc1-1',
      '1.0-1',
      '1.0-1+deb12u1',
      '1.0-2',
      '1.0+dfsg-1',
      '1.0.1-1',
      '9.9-9',
      '1:0.1-1',
      '2:0.0.1'
    ])
  })

  it('Debian 12 security updates: ~debNuM revisions sort below the next upload', () => {
    // openssl in bookworm: 3.0.11-1~deb12u2 (DSA-5532) < 3.0.13-1~deb12u1 (DSA-5678 fix)
    expect(compareDebianVersions('3.0.11-1~deb12u2', '3.0.13-1~deb12u1')).toBe(-1)
    expect(compareDebianVersions('3.0.13-1~deb12u1', '3.0.13-1')).toBe(-1)
    expect(compareDebianVersions('2.36.1-8+deb11u1', '2.36.1-8')).toBe(1)
  })

  it('Ubuntu revisions compare numerically inside the revision', () => {
    expect(compareDebianVersions('2.35-0ubuntu3.6', '2.35-0ubuntu3.10')).toBe(-1)
    expect(compareDebianVersions('1.2.3-1ubuntu0.22.04.1', '1.2.3-1ubuntu0.22.04.2')).toBe(-1)
  })

  it('treats a missing epoch as 0, leading zeros as numbers, and ignores surrounding blanks', () => {
    expectEqual(compareDebianVersions, '0:1.0-1', '1.0-1')
    expectEqual(compareDebianVersions, '1.0010', '1.10')
    expectEqual(compareDebianVersions, ' 1.0-1\t', '1.0-1')
    expect(compareDebianVersions('1.0', '1.0-0')).toBe(0)
    expect(compareDebianVersions('1.0', '1.0-1')).toBe(-1)
  })

  it('compares invalid non-ASCII characters as dpkg does, by their UTF-8 bytes after letters', () => {
    // dpkg --compare-versions (with a bad-syntax warning): 1.é > 1.z, 1.é < 1.ê
    expect(compareDebianVersions('1.é', '1.z')).toBe(1)
    expect(compareDebianVersions('1.é', '1.ê')).toBe(-1)
  })

  it('splits upstream and revision at the last hyphen', () => {
    expect(compareDebianVersions('1.0-beta-2', '1.0-beta-10')).toBe(-1)
    expect(compareDebianVersions('1.0-beta-2', '1.0-1')).toBe(1)
  })
})

describe('apk', () => {
  it('orders suffixes alpha < beta < pre < rc < release < cvs/svn/git/hg < p', () => {
    expectAscending(compareApkVersions, [
      '1.2.3_alpha',
      '1.2.3_alpha2',
      '1.2.3_beta',
      '1.2.3_pre1',
      '1.2.3_rc1',
      '1.2.3',
      '1.2.3-r1',
      '1.2.3_git20240101',
      '1.2.3_p1',
      '1.2.3_p1-r3',
      '1.2.3a',
      '1.2.3b',
      '1.2.4'
    ])
  })

  it('compares -rN numerically (Alpine security rebuilds)', () => {
    expect(compareApkVersions('3.1.4-r5', '3.1.4-r6')).toBe(-1)
    expect(compareApkVersions('3.1.4-r10', '3.1.4-r9')).toBe(1)
    expect(compareApkVersions('1.36.1-r15', '1.36.1-r15')).toBe(0)
  })

  it('compares a dotted component with a leading zero as a string', () => {
    expect(compareApkVersions('1.01', '1.1')).toBe(-1)
    expect(compareApkVersions('1.001', '1.01')).toBe(-1)
    expect(compareApkVersions('2023.01.01', '2023.1.1')).toBe(-1)
  })

  it('accepts a ~hash before -rN and validates as apk-tools', () => {
    expect(isValidVersion('apk', '0.1_git20240101~1234abcd-r2')).toBe(true)
    expect(isValidVersion('apk', '1.2.3-r0')).toBe(true)
    for (const bad of ['', '1.2.3-r', '1.2.3_foo', '1.2.3-r1-r2', 'v1.2', '1..2', '1.2.3~']) {
      expect(isValidVersion('apk', bad)).toBe(false)
    }
  })
})

describe('apk dependency operators', () => {
  it('fuzzy ~ matches any version sharing the prefix; ! negates', () => {
    expect(apkVersionMatches('3.6.9_p1-r2', '~', '3.6')).toBe(true)
    expect(apkVersionMatches('3.7.0', '~', '3.6')).toBe(false)
    expect(apkVersionMatches('3.5.9', '<~', '3.6')).toBe(true)
    expect(apkVersionMatches('3.6.1', '!~', '3.6')).toBe(false)
    expect(apkVersionMatches('1.0-r1', '>=', '1.0')).toBe(true)
    expect(apkVersionMatches('1.0_rc1', '<', '1.0')).toBe(true)
    expect(apkVersionMatches('1.0', '?', '1.0')).toBe(false)
  })
})

describe('rpm', () => {
  it('~ sorts before the release, ^ after it but before the next version', () => {
    expectAscending(compareRpmVersions, [
      '1.0~beta1',
      '1.0~rc1',
      '1.0',
      '1.0^20240101git1',
      '1.0^20240102',
      '1.0.1'
    ])
  })

  it('compares epoch, then version, then release (RHEL openssl)', () => {
    expect(compareRpmVersions('1:3.0.7-25.el9_3', '1:3.0.7-27.el9')).toBe(-1)
    expect(compareRpmVersions('1:3.0.7-27.el9', '3.5.0-1.el9')).toBe(1)
    expectEqual(compareRpmVersions, '0:1.2-1', '1.2-1')
  })

  it('numeric segments beat alphabetic ones; separators only separate', () => {
    expect(compareRpmVersions('1.0.1', '1.0.a')).toBe(1)
    expect(compareRpmVersions('2.0_1', '2.0.1')).toBe(0)
    expect(compareRpmVersions('5.5p10', '5.5p2')).toBe(1)
  })

  it('a version without a release sorts before the same version with one', () => {
    expect(compareRpmVersions('1.2', '1.2-1.el9')).toBe(-1)
    expect(compareRpmVersions('1.2-1.el9', '1.2')).toBe(1)
    expect(compareRpmVersions('1.1-9', '1.2')).toBe(-1)
    // rpm 4.18 rpm.vercmp: an empty release is still a release.
    expect(compareRpmVersions('1.0-', '1.0')).toBe(1)
    expect(compareRpmVersions('10b-+', '10b-')).toBe(0)
  })
})

describe('PEP 440', () => {
  it('orders dev < pre < release < post, with local after the public version', () => {
    expectAscending(comparePep440Versions, [
      '1.0.dev1',
      '1.0a1.dev1',
      '1.0a1',
      '1.0a1.post1',
      '1.0b2',
      '1.0rc1',
      '1.0',
      '1.0+abc',
      '1.0+abc.5',
      '1.0+5',
      '1.0.post1.dev1',
      '1.0.post1',
      '1.0.1',
      '1!0.1'
    ])
  })

  it('normalises spellings as packaging does', () => {
    expectEqual(comparePep440Versions, '1.0-ALPHA.1', '1.0a1')
    expectEqual(comparePep440Versions, '1.0c1', '1.0rc1')
    expectEqual(comparePep440Versions, '1.0preview1', '1.0rc1')
    expectEqual(comparePep440Versions, 'v1.0', '1.0.0')
    expectEqual(comparePep440Versions, '1.0-1', '1.0.post1')
    expectEqual(comparePep440Versions, '1.0.rev', '1.0.post0')
    expectEqual(comparePep440Versions, '1.0+ubuntu_1', '1.0+ubuntu.1')
    expectEqual(comparePep440Versions, '0!1.0', '1.0')
  })

  it('compares release numbers of any size numerically', () => {
    expect(comparePep440Versions('2024.10', '2024.9')).toBe(1)
    expect(comparePep440Versions('1.99999999999999999999', '1.100000000000000000000')).toBe(-1)
  })

  it('sorts versions packaging rejects before every valid one, deterministically', () => {
    expect(isValidVersion('pep440', '1.0.0-final')).toBe(false)
    expect(comparePep440Versions('1.0.0-final', '0.0.1')).toBe(-1)
    expect(comparePep440Versions('0.0.1', 'french toast')).toBe(1)
    expect(comparePep440Versions('abc', 'abd')).toBe(-1)
    expect(isValidVersion('pep440', '2.31.0')).toBe(true)
  })
})

describe('npm', () => {
  it('orders pre-release identifiers numerically, then alphanumerically, before the release', () => {
    expectAscending(compareNpmVersions, [
      '1.2.3-alpha',
      '1.2.3-alpha.1',
      '1.2.3-alpha.beta',
      '1.2.3-beta.2',
      '1.2.3-beta.11',
      '1.2.3-rc.1',
      '1.2.3',
      '1.2.10'
    ])
  })

  it('ignores build metadata and parses loosely as npm', () => {
    expectEqual(compareNpmVersions, '1.0.0+build.5', '1.0.0')
    expectEqual(compareNpmVersions, '=1.2.3', 'v1.2.3')
    expect(compareNpmVersions('4.17.15', '4.17.21')).toBe(-1) // lodash GHSA-p6mc-m468-83gw
    expect(compareNpmVersions('2.6.0', '2.6.1')).toBe(-1) // node-fetch GHSA-w7rc-rwvf-8q5r
  })

  it('satisfiesNpmRange follows npm ranges and never throws on a bad range', () => {
    expect(satisfiesNpmRange('4.17.15', '<4.17.19')).toBe(true)
    expect(satisfiesNpmRange('1.2.3-beta.1', '^1.2.0')).toBe(false)
    expect(satisfiesNpmRange('1.2.3-beta.1', '^1.2.0', { includePrerelease: true })).toBe(true)
    expect(satisfiesNpmRange('1.2.3', '>>>nonsense')).toBe(false)
  })

  it('sorts unparsable versions first without throwing', () => {
    expect(compareNpmVersions('latest', '0.0.0')).toBe(-1)
    expect(compareNpmVersions('0.0.0', 'latest')).toBe(1)
    expect(isValidVersion('npm', 'latest')).toBe(false)
  })
})

describe('Go', () => {
  it('orders pseudo-versions as pre-releases of the next patch', () => {
    expectAscending(compareGoVersions, [
      'v0.0.0-20191109021931-daa7c04131f5',
      'v0.0.0-20200101000000-000000000000',
      'v0.1.0',
      'v1.2.3',
      'v1.2.4-0.20210101000000-abcdef123456',
      'v1.2.4-0.20210202000000-abcdef123456',
      'v1.2.4-pre',
      'v1.2.4',
      'v2.0.0-rc.1',
      'v2.0.0+incompatible',
      'v2.0.1+incompatible'
    ])
  })

  it('accepts versions with or without v, the vMAJOR.MINOR shorthand and ignores +incompatible', () => {
    expectEqual(compareGoVersions, 'v1.2.3', '1.2.3')
    expectEqual(compareGoVersions, 'v1.2', 'v1.2.0')
    expectEqual(compareGoVersions, 'v2.0.0+incompatible', '2.0.0')
  })

  it('reads go1.x toolchain versions for stdlib advisories', () => {
    expectAscending(compareGoVersions, [
      'go1.20.14',
      'go1.21rc2',
      'go1.21',
      '1.21.1',
      'go1.21.3',
      '1.21.4'
    ])
    expectEqual(compareGoVersions, 'go1.21.0', '1.21.0')
    expect(isValidVersion('go', 'go1.22.1')).toBe(true)
  })

  it('invalid versions sort first and never throw', () => {
    expect(compareGoVersions('master', 'v0.0.0-20191109021931-daa7c04131f5')).toBe(-1)
    expect(compareGoVersions('v1.2.3.4', 'v1.0.0')).toBe(-1)
    expect(isValidVersion('go', 'v1.2.3.4')).toBe(false)
  })
})

describe('SemVer 2.0 (OSV SEMVER ranges)', () => {
  it('compares strictly with big numbers and tolerates a leading v', () => {
    expect(compareVersions('semver', '1.0.0-alpha.1', '1.0.0-alpha.beta')).toBe(-1)
    expect(compareVersions('semver', '99999999999999999999.0.0', '100000000000000000000.0.0')).toBe(
      -1
    )
    expect(compareVersions('semver', 'v1.2.3', '1.2.3')).toBe(0)
    expect(isValidVersion('semver', '1.2.3-rc.1+build')).toBe(true)
    expect(isValidVersion('semver', '1.2')).toBe(false)
    expect(isValidVersion('semver', '01.2.3')).toBe(false)
  })
})

describe('Maven', () => {
  it('orders the well-known qualifiers', () => {
    expectAscending(compareMavenVersions, [
      '1.0-alpha-1',
      '1.0-beta-1',
      '1.0-milestone-1',
      '1.0-rc-1',
      '1.0-SNAPSHOT',
      '1.0',
      '1.0-sp-1',
      '1.0-foo',
      '1.0.1'
    ])
  })

  it('treats aliases, case, trailing zeros and release qualifiers as equal', () => {
    expectEqual(compareMavenVersions, '1.0a1', '1.0-alpha-1')
    expectEqual(compareMavenVersions, '1.0-cr1', '1.0-rc1')
    expectEqual(compareMavenVersions, '1.0-RC1', '1.0-rc1')
    expectEqual(compareMavenVersions, '1.0.0', '1')
    expectEqual(compareMavenVersions, '1.0-ga', '1.0')
    expectEqual(compareMavenVersions, '1.0.Final', '1')
    expectEqual(compareMavenVersions, '5.3.18.RELEASE', '5.3.18')
  })

  it('orders real fixed versions (log4j, jackson-databind)', () => {
    expectAscending(compareMavenVersions, ['2.14.1', '2.15.0-rc1', '2.15.0', '2.16.0', '2.17.1'])
    expectAscending(compareMavenVersions, [
      '2.9.10',
      '2.9.10.1',
      '2.9.10.8',
      '2.10.0',
      // "pr" is no known qualifier, so Maven sorts 2.10.0.pr1 after 2.10.0 (a known jackson quirk).
      '2.10.0.pr1'
    ])
  })

  it('a hyphenated number is less than a dotted one', () => {
    expect(compareMavenVersions('1-1', '1.1')).toBe(-1)
    expect(compareMavenVersions('1.0.RC2', '1.0-RC3')).toBe(-1)
    expect(compareMavenVersions('1.0-RC3', '1.0.1')).toBe(-1)
  })
})

describe('parse caches', () => {
  it('stay correct after more distinct versions than they hold', () => {
    // 25,000 distinct versions overflow the 20,000-entry caches at least once.
    for (let i = 0; i < 25_000; i++) {
      const v = `1.${i}.0`
      if (
        comparePep440Versions(v, '1.12500.0') !== Math.sign(i - 12_500) ||
        compareMavenVersions(v, '1.12500') !== Math.sign(i - 12_500) ||
        compareNpmVersions(v, '1.12500.0') !== Math.sign(i - 12_500)
      ) {
        throw new Error(`wrong order for ${v}`)
      }
    }
    expect(comparePep440Versions('1.0.0', '1.0')).toBe(0)
  })
})

describe('schemeForEcosystem', () => {
  it.each([
    ['Debian:12', 'dpkg'],
    ['Ubuntu:22.04:LTS', 'dpkg'],
    ['Ubuntu:Pro:18.04:LTS', 'dpkg'],
    ['Alpine:v3.19', 'apk'],
    ['Wolfi', 'apk'],
    ['Red Hat', 'rpm'],
    ['Red Hat:enterprise_linux:9::appstream', 'rpm'],
    ['Rocky Linux:9', 'rpm'],
    ['AlmaLinux:9', 'rpm'],
    ['openSUSE:Leap 15.5', 'rpm'],
    ['npm', 'npm'],
    ['PyPI', 'pep440'],
    ['Go', 'go'],
    ['Maven', 'maven'],
    ['crates.io', 'semver'],
    ['Echo', 'dpkg'],
    ['Chainguard', 'apk'],
    ['MinimOS', 'apk'],
    ['SUSE:Linux Enterprise Server 15 SP5', 'rpm'],
    ['Mageia:9', 'rpm']
  ])('%s → %s', (ecosystem, scheme) => {
    expect(schemeForEcosystem(ecosystem)).toBe(scheme)
  })

  it('leaves ecosystems with an unimplemented ordering undefined', () => {
    for (const ecosystem of [
      'RubyGems',
      'NuGet',
      'Packagist',
      'GIT',
      '',
      'debian:12',
      'toString'
    ]) {
      expect(schemeForEcosystem(ecosystem)).toBeUndefined()
    }
  })
})

describe('every scheme on junk input', () => {
  const schemes: VersionScheme[] = ['dpkg', 'apk', 'rpm', 'pep440', 'npm', 'go', 'maven', 'semver']
  const junk = [
    '',
    ' ',
    '~',
    '^',
    '-',
    '.',
    ':',
    '::1',
    'abc:1.0',
    '1.0-',
    '1.0--1',
    '1..0',
    '-r1',
    '_pre',
    'v',
    'go',
    '1.0\u0000',
    'αβγ',
    '１.２',
    '😀1.0',
    '1'.repeat(400),
    '1-'.repeat(300),
    '1.0-r1~',
    '+local',
    '1!',
    'x.y.z',
    '1.2.3',
    '1.2.3-1',
    '0:1.2.3-1'
  ]

  it.each(schemes)('%s: returns -1/0/1, reflexive and antisymmetric, never throws', scheme => {
    for (const a of junk) {
      expect(compareVersions(scheme, a, a)).toBe(0)
      for (const b of junk) {
        const ab = compareVersions(scheme, a, b)
        const ba = compareVersions(scheme, b, a)
        expect([-1, 0, 1]).toContain(ab)
        if (ab !== -ba)
          throw new Error(`${scheme}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}: ${ab} / ${ba}`)
      }
      expect(typeof isValidVersion(scheme, a)).toBe('boolean')
    }
  })

  it('very long versions neither throw nor overflow the stack (Maven refuses > 256 characters)', () => {
    const deep = '1-'.repeat(25_000)
    for (const scheme of schemes) {
      expect([-1, 0, 1]).toContain(compareVersions(scheme, deep, `${deep}1`))
      expect(compareVersions(scheme, deep, deep)).toBe(0)
    }
    expect(compareVersions('maven', deep, '1.0')).toBe(-1)
    expect(isValidVersion('maven', '1-'.repeat(200))).toBe(false)
    expect(isValidVersion('maven', '1-'.repeat(128))).toBe(true)
  })

  it('isValidVersion accepts any non-empty string for dpkg, rpm and maven', () => {
    for (const scheme of ['dpkg', 'rpm', 'maven'] as const) {
      expect(isValidVersion(scheme, '1.0')).toBe(true)
      expect(isValidVersion(scheme, '')).toBe(false)
    }
  })
})
