// Every upstream test vector in ../shared/version-vectors (dpkg, apk-tools,
// rpm, pypa/packaging, node-semver, Maven; see its manifest.json) must agree
// with our comparers, row by row. Skips with a message when ../shared is absent.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { apkVersionMatches } from '../../../src/vulns/version/apk.js'
import {
  compareApkVersions,
  compareDebianVersions,
  compareMavenVersions,
  compareNpmVersions,
  comparePep440Versions,
  compareRpmVersions,
  compareVersions,
  isValidVersion
} from '../../../src/vulns/version/index.js'
import { satisfiesNpmRange } from '../../../src/vulns/version/npm.js'

const dir = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'version-vectors')
const present = existsSync(join(dir, 'manifest.json'))
if (!present) console.log(`version conformance skipped: ${dir} not found (it lives in ../shared)`)

interface CompareRow {
  a: string
  b: string
  cmp: number
  src: string
  options?: Record<string, unknown>
}

function load<T>(file: string): T {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as T
}

/** Rows where our answer differs, as readable lines (empty = full agreement). */
function mismatches(rows: CompareRow[], compare: (a: string, b: string) => number): string[] {
  return rows
    .filter(row => compare(row.a, row.b) !== row.cmp)
    .map(
      row =>
        `${JSON.stringify(row.a)} vs ${JSON.stringify(row.b)}: want ${row.cmp}, got ${compare(row.a, row.b)} (${row.src})`
    )
}

const maybe = present ? describe : describe.skip

maybe('upstream version vectors', () => {
  const manifest = present
    ? load<Record<string, { vectors: number; extras?: Record<string, number> }>>('manifest.json')
    : {}

  const suites: [string, string, (a: string, b: string) => number][] = [
    ['dpkg', 'dpkg.json', compareDebianVersions],
    ['apk', 'apk.json', compareApkVersions],
    ['rpm', 'rpm.json', compareRpmVersions],
    ['pep440', 'pep440.json', comparePep440Versions],
    ['semver', 'semver.json', compareNpmVersions],
    ['maven', 'maven.json', compareMavenVersions]
  ]

  it.each(suites)('%s: every row of %s agrees', (name, file, compare) => {
    const rows = load<CompareRow[]>(file)
    expect(rows.length).toBe(manifest[name]?.vectors)
    expect(mismatches(rows, compare)).toEqual([])
    // The reversed pair must give the opposite answer (antisymmetry on real data).
    expect(
      mismatches(
        rows.map(r => ({ ...r, a: r.b, b: r.a, cmp: -r.cmp })),
        compare
      )
    ).toEqual([])
  })

  it('rpm: the rows upstream disables also agree', () => {
    const rows = load<CompareRow[]>('rpm-disabled-upstream.json')
    expect(rows.length).toBe(manifest.rpm?.extras?.['rpm-disabled-upstream'])
    expect(mismatches(rows, compareRpmVersions)).toEqual([])
  })

  it('npm rows agree through compareVersions("npm") as well', () => {
    const rows = load<CompareRow[]>('semver.json')
    expect(mismatches(rows, (a, b) => compareVersions('npm', a, b))).toEqual([])
  })

  it('apk: fuzzy operators (~, <~, >~, !~) match as apk-tools', () => {
    const rows = load<{ a: string; op: string; b: string; src: string }[]>('apk-fuzzy.json')
    expect(rows.length).toBe(manifest.apk?.extras?.['apk-fuzzy'])
    const wrong = rows
      .filter(r => !apkVersionMatches(r.a, r.op, r.b))
      .map(r => `${r.a} ${r.op} ${r.b} (${r.src})`)
    expect(wrong).toEqual([])
  })

  it('apk: validity agrees with apk_version_validate', () => {
    const rows = load<{ v: string; valid: boolean; src: string }[]>('apk-validity.json')
    expect(rows.length).toBe(manifest.apk?.extras?.['apk-validity'])
    const wrong = rows
      .filter(r => isValidVersion('apk', r.v) !== r.valid)
      .map(r => `${JSON.stringify(r.v)} valid=${r.valid} (${r.src})`)
    expect(wrong).toEqual([])
  })

  it('pep440: the sorted list sorts strictly ascending, and shuffling then sorting restores it', () => {
    const sorted = load<string[]>('pep440-sorted.json')
    expect(sorted.length).toBe(manifest.pep440?.extras?.['pep440-sorted'])
    const wrong: string[] = []
    for (let i = 1; i < sorted.length; i++) {
      if (comparePep440Versions(sorted[i - 1] as string, sorted[i] as string) !== -1) {
        wrong.push(`${sorted[i - 1]} < ${sorted[i]}`)
      }
    }
    expect(wrong).toEqual([])
    const reversed = [...sorted].reverse()
    expect(reversed.sort(comparePep440Versions)).toEqual(sorted)
  })

  it('semver: range cases of node-semver (satisfies with their options)', () => {
    const rows = load<
      {
        range: string
        version: string
        satisfies: boolean
        options: Record<string, unknown>
        src: string
      }[]
    >('semver-ranges.json')
    expect(rows.length).toBe(manifest.semver?.extras?.['semver-ranges'])
    const wrong = rows
      .filter(r => satisfiesNpmRange(r.version, r.range, r.options) !== r.satisfies)
      .map(
        r =>
          `${r.version} in ${JSON.stringify(r.range)} ${JSON.stringify(r.options)}: want ${r.satisfies} (${r.src})`
      )
    expect(wrong).toEqual([])
  })
})
