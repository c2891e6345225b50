// Pure matching: each package's applicable OSV entries (records.ts), their
// ranges walked (ranges.ts), aliases grouped (aliases.ts), severity chosen
// (severity.ts), one finding per (vulnerability, package) (findings.ts).
// Same packages and index, same findings in the same order.
import type { Finding } from '../model/finding.js'
import type { OsInfo, Package } from '../model/package.js'
import { groupAliases, groupByAlias, representative, type PackageHit } from './aliases.js'
import type { ComparerFor } from './comparers.js'
import { osvEcosystemFor } from './ecosystem.js'
import { buildFinding, mergeSamePackage } from './findings.js'
import { evaluateAffected, type RangeCache } from './ranges.js'
import type { VulnIndex } from './records.js'
import type { CvssMemo } from './cvss.js'
import { computeSeverity, type AliasCvss, type SeverityVerdict } from './severity.js'

export { RULE_FIXABLE, RULE_UNFIXED } from './findings.js'
export type { Compare, ComparerFor } from './comparers.js'

export interface MatchOptions {
  imageRef?: string
  ignoreUnfixed?: boolean
  /** Report Debian `unimportant` / Ubuntu `negligible` advisories too (hidden by default). */
  showUnimportant?: boolean
  /** CVSS of records the matched ones alias (severity step 2). */
  aliasCvss?: AliasCvss
  /** Sorted ranges, shared across the run's match calls. */
  rangeCache?: RangeCache
  /** CVSS scores by vector, kept for the run (default: for this call). */
  cvssMemo?: CvssMemo
}

/** What matching could not do, by kind, with examples naming it. */
export interface NotEvaluated {
  /** Packages with no OSV ecosystem, by kind (`rpm on fedora 40`) → examples (`bash 5.2-1`). */
  unsupportedPackages: Map<string, string[]>
  /** Ranges that could not be evaluated: `record / package version: reason`. */
  unevaluatedRanges: string[]
}

export interface MatchOutcome {
  findings: Finding[]
  warnings: string[]
  stats: Record<string, number>
  notEvaluated: NotEvaluated
}

interface Hit extends PackageHit {
  rating: SeverityVerdict
}

const EXAMPLES = 3

/** Match the inventory against the index. */
export function matchPackages(
  packages: readonly Package[],
  os: OsInfo | undefined,
  index: VulnIndex,
  comparerFor: ComparerFor,
  options: MatchOptions = {}
): MatchOutcome {
  const stats = {
    packagesMatched: 0,
    packagesUnsupported: 0,
    vulnerablePackages: 0,
    ignoredUnfixed: 0,
    unimportantHidden: 0,
    unevaluatedRanges: 0
  }
  const notEvaluated: NotEvaluated = { unsupportedPackages: new Map(), unevaluatedRanges: [] }
  const unsupportedCounts = new Map<string, number>()
  const severities = new WeakMap<object, SeverityVerdict>()
  const cvssMemo = options.cvssMemo ?? new Map()
  const severityOf = (hit: Omit<Hit, 'rating' | 'scored'>): SeverityVerdict => {
    let verdict = severities.get(hit.affected)
    if (!verdict) {
      verdict = computeSeverity(hit.record, hit.affected, options.aliasCvss, cvssMemo)
      severities.set(hit.affected, verdict)
    }
    return verdict
  }
  const findings: Finding[] = []
  for (const pkg of packages) {
    const key = osvEcosystemFor(pkg, os)
    if (!key) {
      stats.packagesUnsupported++
      const kind = `${pkg.type}${os && ['deb', 'apk', 'rpm'].includes(pkg.type) ? ` on ${os.id}${os.versionId ? ` ${os.versionId}` : ''}` : ''}`
      const examples = notEvaluated.unsupportedPackages.get(kind) ?? []
      if (examples.length < EXAMPLES) examples.push(`${pkg.name} ${pkg.version}`.trim())
      notEvaluated.unsupportedPackages.set(kind, examples)
      unsupportedCounts.set(kind, (unsupportedCounts.get(kind) ?? 0) + 1)
      continue
    }
    stats.packagesMatched++
    // The same record may list the package twice (two affected entries): one hit per record.
    const byId = new Map<string, Hit>()
    for (const entry of index.candidates(key)) {
      const verdict = evaluateAffected(entry.affected, key.version, comparerFor, options.rangeCache)
      stats.unevaluatedRanges += verdict.unevaluated
      for (const reason of verdict.unevaluatedReasons) {
        if (notEvaluated.unevaluatedRanges.length < EXAMPLES)
          notEvaluated.unevaluatedRanges.push(
            `${entry.record.id} / ${key.name} ${key.version}: ${reason}`
          )
      }
      if (!verdict.affected) continue
      const rating = severityOf(entry)
      const hit: Hit = {
        record: entry.record,
        affected: entry.affected,
        fixed: verdict.fixed,
        rating,
        scored: rating.cvss !== undefined
      }
      const seen = byId.get(hit.record.id)
      if (!seen || (seen.fixed === undefined && hit.fixed !== undefined))
        byId.set(hit.record.id, hit)
    }
    if (byId.size === 0) continue
    let vulnerable = false
    for (const group of groupByAlias([...byId.values()])) {
      const chosen = representative(group)
      if (chosen.rating.unimportant && !options.showUnimportant) {
        stats.unimportantHidden++
        continue
      }
      if (options.ignoreUnfixed && chosen.fixed === undefined) {
        stats.ignoredUnfixed++
        continue
      }
      findings.push(
        buildFinding({
          pkg,
          key,
          record: chosen.record,
          affected: chosen.affected,
          fixed: chosen.fixed,
          rating: chosen.rating,
          aliases: groupAliases(group, chosen),
          imageRef: options.imageRef
        })
      )
      vulnerable = true
    }
    if (vulnerable) stats.vulnerablePackages++
  }
  const warnings: string[] = []
  for (const [kind, examples] of [...notEvaluated.unsupportedPackages].sort()) {
    const count = unsupportedCounts.get(kind) ?? 0
    warnings.push(
      `${count} ${kind} package(s) have no OSV ecosystem and were not checked for vulnerabilities (${examples.join(', ')}${count > examples.length ? ', …' : ''})`
    )
  }
  if (stats.unevaluatedRanges > 0) {
    warnings.push(
      `${stats.unevaluatedRanges} advisory version range(s) could not be evaluated (unknown version ordering or an unparsable version) and were not counted as matches (${notEvaluated.unevaluatedRanges.join('; ')})`
    )
  }
  return { findings: mergeSamePackage(findings), warnings, stats, notEvaluated }
}
