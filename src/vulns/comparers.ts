// The version comparers matching uses, one set per run: each refuses versions
// its scheme cannot place, so a garbage version never looks "below the fix"
// (a refusal leaves the range unevaluated, counted and reported, never a match).
import type { OsvRange } from './osv.js'
import {
  compareVersions,
  isValidVersion,
  schemeForEcosystem,
  type VersionScheme
} from './version/index.js'

export type Compare = (a: string, b: string) => number
/** The comparer for a range of `type` in `ecosystem` (the record's own ecosystem string), if known. */
export type ComparerFor = (ecosystem: string, rangeType: OsvRange['type']) => Compare | undefined

/** A version the scheme cannot place: the range it appears in is not evaluated. */
export class UncomparableVersion extends Error {
  override name = 'UncomparableVersion'
  constructor(
    readonly scheme: VersionScheme,
    readonly version: string
  ) {
    super(`not a ${scheme} version: ${version}`)
  }
}

/**
 * osv.dev's SemVer coercion (osv/semver_index.py) for versions advisories
 * write loosely: `1.0` → `1.0.0`, `v2.3` → `2.3.0`, `01.2.3` → `1.2.3`. A
 * real GHSA (GHSA-r683-j2x4-v87g) opens a node-fetch range at `1.0`.
 */
export function coerceSemVer(version: string): string | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?((?:[-+].*)?)$/.exec(version.trim())
  if (!m) return undefined
  const n = (part: string | undefined): string => String(BigInt(part ?? '0'))
  return `${n(m[1])}.${n(m[2])}.${n(m[3])}${m[4] ?? ''}`
}

const COERCED: ReadonlySet<VersionScheme> = new Set(['semver', 'npm', 'go'])

/**
 * Which versions a scheme can place. Most schemes define validity; apk is
 * compared as apk-tools and osv-scanner do, token by token up to the first
 * invalid one, so an NVD-derived `introduced` like `2.4.0-beta1` in an
 * Alpine range is still ordered (`2.4.0` then an invalid tail); only a version
 * with no leading number (`master`, `v1.2`) cannot be.
 */
function comparable(scheme: VersionScheme, version: string): boolean {
  if (scheme === 'apk') return /^\d/.test(version)
  return isValidVersion(scheme, version)
}

/**
 * A fresh set of comparers (one per scheme) with their own memo of which
 * versions are comparable: create one per run.
 */
export function createComparerFor(): ComparerFor {
  const comparers = new Map<VersionScheme, Compare>()
  const forScheme = (scheme: VersionScheme): Compare => {
    let compare = comparers.get(scheme)
    if (!compare) {
      // version → the form compared (itself, or its coercion), or null when it cannot be placed.
      const known = new Map<string, string | null>()
      const placed = (v: string): string => {
        let form = known.get(v)
        if (form === undefined) {
          if (comparable(scheme, v)) form = v
          else if (COERCED.has(scheme)) {
            const coerced = coerceSemVer(v)
            form = coerced !== undefined && comparable(scheme, coerced) ? coerced : null
          } else form = null
          known.set(v, form)
        }
        if (form === null) throw new UncomparableVersion(scheme, v)
        return form
      }
      compare = (a, b) => compareVersions(scheme, placed(a), placed(b))
      comparers.set(scheme, compare)
    }
    return compare
  }
  // SEMVER ranges compare as SemVer 2.0; ECOSYSTEM ranges with the ecosystem's own ordering.
  return (ecosystem, rangeType) => {
    const scheme = rangeType === 'SEMVER' ? 'semver' : schemeForEcosystem(ecosystem)
    return scheme ? forScheme(scheme) : undefined
  }
}
