import { describe, expect, it } from '@jest/globals'
import type { OsInfo, Package } from '../../src/model/package.js'
import type { Compare } from '../../src/vulns/comparers.js'
import { matchPackages } from '../../src/vulns/match.js'
import { evaluateAffected, evaluateRange } from '../../src/vulns/ranges.js'
import { VulnIndex } from '../../src/vulns/records.js'
import { computeSeverity } from '../../src/vulns/severity.js'
import { parseOsvRecord, type OsvRange } from '../../src/vulns/osv.js'

// A dotted-numeric ordering is enough to exercise the OSV event walk; the
// real per-ecosystem comparers are tested in __tests__/vulns/version.
const numeric: Compare = (a, b) => {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  if ([...pa, ...pb].some(Number.isNaN)) throw new Error(`not numeric: ${a} ${b}`)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}
const comparerFor = () => numeric

const range = (...events: OsvRange['events']): OsvRange => ({ type: 'ECOSYSTEM', events })

describe('evaluateRange', () => {
  it('introduced is inclusive, fixed exclusive', () => {
    const r = range({ introduced: '1.0' }, { fixed: '1.5' })
    expect(evaluateRange(r, '0.9', numeric)).toEqual({ affected: false })
    expect(evaluateRange(r, '1.0', numeric)).toEqual({ affected: true, fixed: '1.5' })
    expect(evaluateRange(r, '1.4.9', numeric)).toEqual({ affected: true, fixed: '1.5' })
    expect(evaluateRange(r, '1.5', numeric)).toEqual({ affected: false })
  })

  it('introduced "0" covers everything before the fix', () => {
    const r = range({ introduced: '0' }, { fixed: '2.0' })
    expect(evaluateRange(r, '0.0.1', numeric).affected).toBe(true)
    expect(evaluateRange(r, '2.0', numeric).affected).toBe(false)
  })

  it('last_affected is inclusive and means no fix', () => {
    const r = range({ introduced: '1.0' }, { last_affected: '1.3' })
    expect(evaluateRange(r, '1.3', numeric)).toEqual({ affected: true })
    expect(evaluateRange(r, '1.3.1', numeric)).toEqual({ affected: false })
  })

  it('several intervals in one range, in any event order', () => {
    const r = range(
      { fixed: '2.5' },
      { introduced: '2.0' },
      { fixed: '1.5' },
      { introduced: '1.0' }
    )
    expect(evaluateRange(r, '1.2', numeric)).toEqual({ affected: true, fixed: '1.5' })
    expect(evaluateRange(r, '1.7', numeric)).toEqual({ affected: false })
    expect(evaluateRange(r, '2.1', numeric)).toEqual({ affected: true, fixed: '2.5' })
    expect(evaluateRange(r, '3.0', numeric)).toEqual({ affected: false })
  })

  it('an open range (introduced only) has no fix', () => {
    expect(evaluateRange(range({ introduced: '1.0' }), '9.9', numeric)).toEqual({ affected: true })
  })

  it('limit caps the range from above', () => {
    const r = range({ introduced: '0' }, { limit: '3.0' })
    expect(evaluateRange(r, '2.9', numeric).affected).toBe(true)
    expect(evaluateRange(r, '3.0', numeric).affected).toBe(false)
    expect(evaluateRange(range({ introduced: '0' }, { limit: '*' }), '9', numeric).affected).toBe(
      true
    )
  })
})

describe('evaluateAffected', () => {
  const base = { ecosystem: 'npm', name: 'x', severity: [], versions: [] as string[] }

  it('matches an explicit versions list without ranges', () => {
    const affected = { ...base, ranges: [], versions: ['1.0.1', '1.0.2'] }
    expect(evaluateAffected(affected, '1.0.2', comparerFor).affected).toBe(true)
    expect(evaluateAffected(affected, '1.0.3', comparerFor).affected).toBe(false)
  })

  it('reports the fix that leaves every covering range (the highest)', () => {
    const affected = {
      ...base,
      ranges: [
        range({ introduced: '1.0' }, { fixed: '1.9' }),
        range({ introduced: '1.0' }, { fixed: '1.4' })
      ]
    }
    expect(evaluateAffected(affected, '1.2', comparerFor)).toEqual({
      affected: true,
      fixed: '1.9',
      unevaluated: 0,
      unevaluatedReasons: []
    })
  })

  it('counts ranges it cannot evaluate and never counts them as a match', () => {
    const affected = { ...base, ranges: [range({ introduced: '1.0' }, { fixed: '2.0' })] }
    expect(evaluateAffected(affected, '1.5', () => undefined)).toEqual({
      affected: false,
      fixed: undefined,
      unevaluated: 1,
      unevaluatedReasons: ['no ECOSYSTEM version ordering for npm']
    })
    expect(evaluateAffected(affected, 'not-a-version', comparerFor).unevaluated).toBe(1)
  })
})

describe('parseOsvRecord', () => {
  it('keeps ECOSYSTEM/SEMVER ranges, drops GIT ranges and merges upstream into aliases', () => {
    const record = parseOsvRecord({
      id: 'DSA-1',
      aliases: ['CVE-1'],
      upstream: ['CVE-1', 'CVE-2'],
      affected: [
        {
          package: { ecosystem: 'Debian:12', name: 'openssl' },
          ranges: [
            { type: 'GIT', repo: 'https://x', events: [{ introduced: '0' }, { fixed: 'abc' }] },
            { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0-1' }] }
          ]
        },
        { ranges: [{ type: 'GIT', repo: 'https://y', events: [{ introduced: '0' }] }] }
      ]
    })
    expect(record.aliases).toEqual(['CVE-1', 'CVE-2'])
    expect(record.affected).toHaveLength(1)
    expect(record.affected[0]!.ranges).toEqual([
      { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0-1' }] }
    ])
  })

  it.each([
    ['a non-object', 42],
    ['no id', { affected: [] }],
    ['affected not a list', { id: 'X', affected: {} }],
    ['package without name', { id: 'X', affected: [{ package: { ecosystem: 'npm' } }] }],
    [
      'unknown range type',
      {
        id: 'X',
        affected: [
          {
            package: { ecosystem: 'npm', name: 'a' },
            ranges: [{ type: 'FOO', events: [{ introduced: '0' }] }]
          }
        ]
      }
    ],
    [
      'range without events',
      {
        id: 'X',
        affected: [
          { package: { ecosystem: 'npm', name: 'a' }, ranges: [{ type: 'SEMVER', events: [] }] }
        ]
      }
    ],
    [
      'event without a key',
      {
        id: 'X',
        affected: [
          {
            package: { ecosystem: 'npm', name: 'a' },
            ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { broken: '1' }] }]
          }
        ]
      }
    ],
    [
      'range without introduced',
      {
        id: 'X',
        affected: [
          {
            package: { ecosystem: 'npm', name: 'a' },
            ranges: [{ type: 'SEMVER', events: [{ fixed: '1.0.0' }] }]
          }
        ]
      }
    ]
  ])('rejects %s', (_what, value) => {
    expect(() => parseOsvRecord(value)).toThrow()
  })
})

describe('severityOf', () => {
  const record = (extra: object) =>
    parseOsvRecord({ id: 'X', affected: [{ package: { ecosystem: 'npm', name: 'a' } }], ...extra })

  it('prefers a computed CVSS score over the textual label', () => {
    const r = record({
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
      database_specific: { severity: 'LOW' }
    })
    expect(computeSeverity(r, r.affected[0]!)).toMatchObject({
      severity: 'critical',
      source: 'cvss-3.1'
    })
  })

  it('falls back to a vendor label, then to medium', () => {
    const labelled = record({ database_specific: { severity: 'MODERATE' } })
    expect(computeSeverity(labelled, labelled.affected[0]!)).toEqual({
      severity: 'medium',
      source: 'vendor-rating',
      rating: 'MODERATE',
      unimportant: false
    })
    const ubuntu = record({ severity: [{ type: 'Ubuntu', score: 'high' }] })
    expect(computeSeverity(ubuntu, ubuntu.affected[0]!)).toEqual({
      severity: 'high',
      source: 'label',
      rating: 'high',
      unimportant: false
    })
    const bare = record({})
    expect(computeSeverity(bare, bare.affected[0]!)).toEqual({
      severity: 'medium',
      source: 'unknown',
      unimportant: false
    })
  })
})

describe('matchPackages', () => {
  const npm = (name: string, version: string, extra: Partial<Package> = {}): Package => ({
    name,
    version,
    type: 'npm',
    purl: `pkg:npm/${name}@${version}`,
    locations: [`/app/node_modules/${name}/package.json`],
    ...extra
  })
  const index = new VulnIndex()
  index.addRaw(
    {
      id: 'GHSA-aaaa',
      aliases: ['CVE-2020-1'],
      summary: 'Bad thing',
      affected: [
        {
          package: { ecosystem: 'npm', name: 'left' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0' }] }]
        }
      ]
    },
    'a.json'
  )
  index.addRaw(
    {
      id: 'OTHER-1',
      aliases: ['CVE-2020-1'],
      affected: [
        {
          package: { ecosystem: 'npm', name: 'left' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }]
        }
      ]
    },
    'b.json'
  )
  index.addRaw(
    {
      id: 'GHSA-gone',
      withdrawn: '2021-01-01T00:00:00Z',
      affected: [{ package: { ecosystem: 'npm', name: 'left' }, versions: ['1.0'] }]
    },
    'c.json'
  )
  index.addRaw({ id: 'BROKEN', affected: 'nope' }, 'd.json')
  index.addRaw(
    {
      id: 'GHSA-bbbb',
      affected: [
        {
          package: { ecosystem: 'npm', name: 'right' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0' }] }]
        }
      ]
    },
    'e.json'
  )

  it('counts withdrawn and malformed records', () => {
    expect(index.records).toBe(4)
    expect(index.withdrawn).toBe(1)
    expect(index.malformed).toBe(1)
    expect(index.malformedExamples[0]).toContain('d.json')
  })

  it('one finding per vulnerability and package: aliased advisories merge, withdrawn never match', () => {
    const out = matchPackages(
      [npm('left', '1.0', { layerIndex: 3, createdBy: 'RUN npm ci' })],
      undefined,
      index,
      comparerFor,
      {
        imageRef: 'app:1'
      }
    )
    expect(out.findings).toHaveLength(1)
    const [finding] = out.findings
    expect(finding).toMatchObject({
      check: 'vulnerabilities',
      ruleId: 'vulnerable-package',
      title: 'GHSA-aaaa in left 1.0',
      location: { path: 'app:1' },
      properties: {
        layerIndex: 3,
        createdBy: 'RUN npm ci',
        location: '/app/node_modules/left/package.json'
      },
      vulnerability: {
        vulnerabilityId: 'GHSA-aaaa',
        aliases: ['CVE-2020-1', 'OTHER-1'],
        package: 'left',
        version: '1.0',
        fixedVersion: '2.0',
        ecosystem: 'npm',
        purl: 'pkg:npm/left@1.0'
      }
    })
    expect(finding!.message).toBe(
      'left 1.0 is affected by GHSA-aaaa (CVE-2020-1, OTHER-1): Bad thing. Fixed in 2.0.'
    )
  })

  it('advisories sharing an alias stay apart when they disagree on the fix', () => {
    const split = new VulnIndex()
    const range = (fixed?: string) => [
      { type: 'SEMVER', events: [{ introduced: '0' }, ...(fixed ? [{ fixed }] : [])] }
    ]
    split.addRaw(
      {
        id: 'DSA-1',
        upstream: ['CVE-1', 'CVE-2'],
        affected: [{ package: { ecosystem: 'npm', name: 'p' }, ranges: range('2.0') }]
      },
      'dsa'
    )
    split.addRaw(
      {
        id: 'CVE-REC-1',
        upstream: ['CVE-1'],
        affected: [{ package: { ecosystem: 'npm', name: 'p' }, ranges: range('2.0') }]
      },
      'cve1'
    )
    split.addRaw(
      {
        id: 'CVE-REC-2',
        upstream: ['CVE-2'],
        affected: [{ package: { ecosystem: 'npm', name: 'p' }, ranges: range() }]
      },
      'cve2'
    )
    const out = matchPackages([npm('p', '1.0')], undefined, split, comparerFor)
    expect(
      out.findings
        .map(f => [
          f.vulnerability!.vulnerabilityId,
          f.vulnerability!.fixedVersion,
          f.vulnerability!.aliases
        ])
        .sort()
    ).toEqual([
      ['CVE-REC-1', '2.0', ['CVE-1', 'CVE-2', 'DSA-1']],
      ['CVE-REC-2', undefined, ['CVE-2']]
    ])
  })

  it('the same name@version in two places is one finding listing both locations', () => {
    const nested = npm('left', '1.0', {
      locations: ['/app/node_modules/a/node_modules/left/package.json'],
      layerIndex: 4
    })
    const top = npm('left', '1.0', { layerIndex: 5 })
    const out = matchPackages([top, nested], undefined, index, comparerFor)
    expect(out.findings).toHaveLength(1)
    expect(out.findings[0]!.properties).toMatchObject({
      layerIndex: 4,
      location: '/app/node_modules/a/node_modules/left/package.json',
      locations: [
        '/app/node_modules/a/node_modules/left/package.json',
        '/app/node_modules/left/package.json'
      ]
    })
  })

  it('fingerprints by id, ecosystem, package and installed version only', () => {
    const a = matchPackages([npm('left', '1.0')], undefined, index, comparerFor, { imageRef: 'a' })
    const b = matchPackages(
      [npm('left', '1.0', { layerIndex: 9 })],
      undefined,
      index,
      comparerFor,
      { imageRef: 'b' }
    )
    const c = matchPackages([npm('left', '1.1')], undefined, index, comparerFor)
    expect(a.findings[0]!.fingerprint).toBe(b.findings[0]!.fingerprint)
    expect(a.findings[0]!.fingerprint).not.toBe(c.findings[0]!.fingerprint)
  })

  it('unfixed findings get their own rule and disappear with ignoreUnfixed', () => {
    const out = matchPackages([npm('right', '1.5')], undefined, index, comparerFor)
    expect(out.findings[0]).toMatchObject({ ruleId: 'vulnerable-package-unfixed' })
    expect(out.findings[0]!.message).toContain('No fix yet.')
    const ignored = matchPackages([npm('right', '1.5')], undefined, index, comparerFor, {
      ignoreUnfixed: true
    })
    expect(ignored.findings).toEqual([])
    expect(ignored.stats.ignoredUnfixed).toBe(1)
  })

  it('location falls back to the in-image database path', () => {
    const out = matchPackages([npm('right', '1.5')], undefined, index, comparerFor)
    expect(out.findings[0]!.location).toEqual({ path: '/app/node_modules/right/package.json' })
  })

  it('warns about packages with no OSV ecosystem', () => {
    const os: OsInfo = { id: 'fedora', versionId: '40' }
    const rpm: Package = {
      name: 'bash',
      version: '5.2-1.fc40',
      type: 'rpm',
      purl: 'pkg:rpm/fedora/bash',
      locations: []
    }
    const out = matchPackages([rpm], os, index, comparerFor)
    expect(out.stats.packagesUnsupported).toBe(1)
    expect(out.warnings).toEqual([
      '1 rpm on fedora 40 package(s) have no OSV ecosystem and were not checked for vulnerabilities (bash 5.2-1.fc40)'
    ])
    expect([...out.notEvaluated.unsupportedPackages]).toEqual([
      ['rpm on fedora 40', ['bash 5.2-1.fc40']]
    ])
  })
})
