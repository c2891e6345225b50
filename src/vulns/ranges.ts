// Range walking per the OSV schema: is this version inside an affected
// entry's `versions` list or any of its ECOSYSTEM/SEMVER ranges, and which
// `fixed` event takes it out. Pure; the comparers are passed in.
import type { Compare, ComparerFor } from './comparers.js'
import type { OsvAffected, OsvRange, RangeEvent } from './osv.js'

interface PreparedRange {
  /** introduced/fixed/last_affected events in version order. */
  events: RangeEvent[]
  /** `limit` versions (`*` dropped: it means no limit). */
  limits: string[]
}

/** Ranges sorted once per run, not once per package evaluated against them. */
export type RangeCache = WeakMap<OsvRange, PreparedRange>

export function createRangeCache(): RangeCache {
  return new WeakMap()
}

function eventVersion(event: RangeEvent): string {
  if ('introduced' in event) return event.introduced
  if ('fixed' in event) return event.fixed
  if ('last_affected' in event) return event.last_affected
  return event.limit
}

function prepareRange(range: OsvRange, compare: Compare, cache?: RangeCache): PreparedRange {
  let prepared = cache?.get(range)
  if (!prepared) {
    const events = range.events
      .filter(e => !('limit' in e))
      .sort((a, b) => {
        // `introduced: "0"` means "from the very first version" and sorts before everything.
        const za = 'introduced' in a && a.introduced === '0'
        const zb = 'introduced' in b && b.introduced === '0'
        if (za || zb) return za === zb ? 0 : za ? -1 : 1
        return compare(eventVersion(a), eventVersion(b))
      })
    const limits = range.events.flatMap(e => ('limit' in e && e.limit !== '*' ? [e.limit] : []))
    prepared = { events, limits }
    cache?.set(range, prepared)
  }
  return prepared
}

export interface RangeVerdict {
  affected: boolean
  /** The first `fixed` event above the version, when affected and a fix exists. */
  fixed?: string
}

/**
 * Evaluate one ECOSYSTEM/SEMVER range per the OSV schema: walk the events in
 * version order; `introduced` (inclusive) opens, `fixed` (exclusive) and
 * `last_affected` (inclusive) close; `limit` caps the range from above.
 * Throws when the comparer refuses a version.
 */
export function evaluateRange(
  range: OsvRange,
  version: string,
  compare: Compare,
  cache?: RangeCache
): RangeVerdict {
  const { events, limits } = prepareRange(range, compare, cache)
  let affected = false
  let next = events.length
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!
    if ('introduced' in event) {
      if (event.introduced !== '0' && compare(version, event.introduced) < 0) {
        next = i
        break
      }
      affected = true
    } else if ('fixed' in event) {
      if (compare(version, event.fixed) < 0) {
        next = i
        break
      }
      affected = false
    } else if ('last_affected' in event) {
      if (compare(version, event.last_affected) <= 0) {
        next = i
        break
      }
      affected = false
    }
  }
  if (!affected) return { affected }
  if (limits.length > 0 && !limits.some(limit => compare(version, limit) < 0)) {
    return { affected: false }
  }
  for (let i = next; i < events.length; i++) {
    const event = events[i]!
    if ('fixed' in event) return { affected, fixed: event.fixed }
    if ('last_affected' in event) break
  }
  return { affected }
}

export interface AffectedVerdict extends RangeVerdict {
  /**
   * Ranges that could not be evaluated (no comparer for the ecosystem, or a version it refuses)
   * while no other range or listed version matched: the verdict may be a miss.
   */
  unevaluated: number
  /** Why, one line per range not evaluated. */
  unevaluatedReasons: string[]
}

function safeCompare(compare: Compare, a: string, b: string): number {
  try {
    return compare(a, b)
  } catch {
    return 0
  }
}

/** Is `version` affected by this `affected[]` entry: its `versions` list or any of its ranges. */
export function evaluateAffected(
  affected: OsvAffected,
  version: string,
  comparerFor: ComparerFor,
  cache?: RangeCache
): AffectedVerdict {
  let hit = affected.versions.includes(version)
  let fixed: string | undefined
  let fixedCompare: Compare | undefined
  const unevaluatedReasons: string[] = []
  for (const range of affected.ranges) {
    const compare = comparerFor(affected.ecosystem, range.type)
    if (!compare) {
      unevaluatedReasons.push(`no ${range.type} version ordering for ${affected.ecosystem}`)
      continue
    }
    let verdict: RangeVerdict
    try {
      verdict = evaluateRange(range, version, compare, cache)
    } catch (error) {
      unevaluatedReasons.push(error instanceof Error ? error.message : String(error))
      continue
    }
    if (!verdict.affected) continue
    hit = true
    // Several ranges may cover the version: the fix to report is the one that leaves them all.
    if (verdict.fixed !== undefined) {
      if (
        fixed === undefined ||
        (fixedCompare && safeCompare(fixedCompare, verdict.fixed, fixed) > 0)
      ) {
        fixed = verdict.fixed
        fixedCompare = compare
      }
    }
  }
  // A range left unevaluated matters only when nothing else says the version is affected:
  // that is where the verdict could be a miss.
  const missed = hit ? [] : unevaluatedReasons
  return { affected: hit, fixed, unevaluated: missed.length, unevaluatedReasons: missed }
}
