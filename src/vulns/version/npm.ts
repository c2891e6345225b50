// npm ordering is the `semver` package's, parsed loosely as npm does for
// registry data (`=1.2.3`, `v1.2.3`, `1.2.3beta`). Versions it cannot parse
// sort before valid ones, in plain string order among themselves.
import semver from 'semver'
import { compareStrings, memoize } from './digits.js'

type Parsed = semver.SemVer | null

const parseNpm = memoize(function parseNpmUncached(text: string): Parsed {
  try {
    return new semver.SemVer(text, { loose: true })
  } catch {
    return null
  }
})

export function compareNpmVersions(a: string, b: string): number {
  const va = parseNpm(a)
  const vb = parseNpm(b)
  if (va && vb) return va.compare(vb)
  if (va || vb) return va ? 1 : -1
  return compareStrings(a, b)
}

export function isValidNpmVersion(text: string): boolean {
  return parseNpm(text) !== null
}

/** `semver.satisfies` with npm's options, never throwing (an invalid range matches nothing). */
export function satisfiesNpmRange(
  version: string,
  range: string,
  options: semver.RangeOptions = {}
): boolean {
  try {
    return semver.satisfies(version, range, options)
  } catch {
    return false
  }
}
