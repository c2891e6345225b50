// Alias grouping: advisories that name each other (CVE ↔ GHSA ↔ DSA/USN…) are
// one vulnerability for a package, reported once by the advisory that speaks
// best for the group.
import type { OsvAffected, OsvRecord } from './osv.js'

export interface PackageHit {
  record: OsvRecord
  affected: OsvAffected
  fixed?: string
  /** Whether the hit's severity came from a CVSS vector (its own or an alias's). */
  scored: boolean
}

/**
 * Union of ids and aliases: advisories that alias each other are one
 * vulnerability, as long as that keeps the fix honest. Records that share an
 * alias merge when they agree on the fix, or when they name exactly the same
 * CVEs (two databases on one vulnerability, one of them behind). A bundle
 * like a DSA fixed in X never absorbs a still-open record for one of its CVEs,
 * or the finding would claim X fixes both.
 */
export function groupByAlias<T extends PackageHit>(hits: readonly T[]): T[][] {
  const cvesOf = (ids: Iterable<string>): string =>
    [...new Set([...ids].filter(id => id.startsWith('CVE-')))].sort().join(' ')
  const groups: { ids: Set<string>; fixed?: string; cves: string; hits: T[] }[] = []
  for (const hit of hits) {
    const ids = [hit.record.id, ...hit.record.aliases]
    const cves = cvesOf(ids)
    const joined = groups.filter(
      g =>
        ids.some(id => g.ids.has(id)) && (g.fixed === hit.fixed || (cves !== '' && g.cves === cves))
    )
    const target = { ids: new Set(ids), fixed: hit.fixed, cves, hits: [hit] }
    for (const group of joined) {
      for (const id of group.ids) target.ids.add(id)
      target.hits.push(...group.hits)
      if (target.fixed === undefined) target.fixed = group.fixed
      groups.splice(groups.indexOf(group), 1)
    }
    target.cves = cvesOf(target.ids)
    groups.push(target)
  }
  return groups.map(g => g.hits)
}

/** The advisory that speaks for a group: one with a fix, then one with CVSS, then the lowest id. */
export function representative<T extends PackageHit>(group: readonly T[]): T {
  if (group.length === 1) return group[0]!
  const rank = (h: T): number => (h.fixed !== undefined ? 2 : 0) + (h.scored ? 1 : 0)
  return [...group].sort(
    (a, b) =>
      rank(b) - rank(a) || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0)
  )[0]!
}

/** Every id of the group but the representative's, sorted. */
export function groupAliases(group: readonly PackageHit[], chosen: PackageHit): string[] {
  const aliases = new Set<string>()
  for (const hit of group) for (const id of [hit.record.id, ...hit.record.aliases]) aliases.add(id)
  aliases.delete(chosen.record.id)
  return [...aliases].sort()
}
