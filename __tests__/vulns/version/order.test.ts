// The matcher sorts range events and binary-searches them, which is only sound
// when each comparer is a total preorder: transitive, with a transitive
// equality. Checked on every triple of a mixed pool per scheme (real shapes,
// edge cases and junk), since a single bad triple can misplace a fix.
import { describe, expect, it } from '@jest/globals'
import { compareVersions, type VersionScheme } from '../../../src/vulns/version/index.js'

const JUNK = [
  '',
  '~',
  '^',
  '-',
  '.',
  'abc:1.0',
  '1.0-',
  '1..0',
  'v',
  '+local',
  'x.y.z',
  '1.0\u0000',
  'αβ'
]

const POOLS: Record<VersionScheme, string[]> = {
  dpkg: [
    '1.0~rc1-1',
    '1.0-1',
    '1.0',
    '1.0-1+deb12u1',
    '1.0+dfsg-1',
    '1:0.1',
    '0:1.0-1',
    '1.00-1',
    '1.0-1~bpo',
    '1.0a',
    '1.0.0',
    '2.0-beta-1'
  ],
  apk: [
    '1.2.3_alpha',
    '1.2.3_rc1',
    '1.2.3',
    '1.2.3-r1',
    '1.2.3_p1',
    '1.2.3a',
    '1.2.03',
    '1.2.3_git1~ab',
    '1.2_foo',
    '1.2.3-r',
    '1.2a1',
    '1.02'
  ],
  rpm: [
    '1.0~rc1',
    '1.0',
    '1.0-1',
    '1.0-',
    '1.0^git1',
    '1.0.1',
    '1:0.9',
    '0:1.0-1',
    '1.0a',
    '1.0_1',
    '1.0-1.el9',
    '1.0-1.el9_3'
  ],
  pep440: [
    '1.0.dev1',
    '1.0a1',
    '1.0',
    '1.0+abc',
    '1.0+1',
    '1.0.post1',
    '1!0.1',
    '1.0.0',
    'v1.0',
    '1.0-final',
    'french toast',
    '1.0rc1'
  ],
  npm: [
    '1.2.3-alpha',
    '1.2.3-alpha.1',
    '1.2.3',
    '=1.2.3',
    'v1.2.3',
    '1.2.3+b',
    '1.2',
    'latest',
    '1.2.3-1',
    '01.2.3',
    '1.2.10',
    '1.2.3beta'
  ],
  go: [
    'v0.0.0-20191109021931-daa7c04131f5',
    'v1.2.3',
    '1.2.3',
    'v1.2',
    'v2.0.0+incompatible',
    'go1.21',
    'go1.21rc1',
    'go1.21.3',
    'master',
    'v1.2.3.4',
    'v1.2.4-pre',
    'v1'
  ],
  maven: [
    '1.0-alpha-1',
    '1.0-SNAPSHOT',
    '1.0',
    '1.0-ga',
    '1.0-sp',
    '1.0-foo',
    '1-1',
    '1.0.1',
    '1.0a1',
    '1-ga-1',
    '1.0.RELEASE',
    '1-0.1'
  ],
  semver: [
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0',
    'v1.0.0',
    '1.0.0+build',
    '1.0',
    '01.0.0',
    '1.0.0-0',
    '1.0.0-a.b',
    '2.0.0',
    '1.0.0-A',
    'junk'
  ]
}

describe.each(Object.keys(POOLS) as VersionScheme[])('%s', scheme => {
  it('is a total preorder on every triple of the pool', () => {
    const pool = [...POOLS[scheme], ...JUNK]
    const cmp = pool.map(a => pool.map(b => compareVersions(scheme, a, b)))
    const broken: string[] = []
    for (let i = 0; i < pool.length; i++) {
      for (let j = 0; j < pool.length; j++) {
        const ij = cmp[i]?.[j] as number
        if (ij !== -(cmp[j]?.[i] as number)) broken.push(`antisymmetry ${pool[i]} ${pool[j]}`)
        if (ij > 0) continue
        for (let k = 0; k < pool.length; k++) {
          const jk = cmp[j]?.[k] as number
          const ik = cmp[i]?.[k] as number
          if (jk <= 0 && ik > 0)
            broken.push(`${pool[i]} ≤ ${pool[j]} ≤ ${pool[k]} but ${pool[i]} > ${pool[k]}`)
          if (ij === 0 && jk === 0 && ik !== 0)
            broken.push(`${pool[i]} = ${pool[j]} = ${pool[k]} but ${ik}`)
        }
      }
    }
    expect(broken.slice(0, 10)).toEqual([])
  })
})
