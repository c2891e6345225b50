// Pure matching: an index of OSV records by (ecosystem, name), range
// evaluation per the OSV schema, and one finding per (vulnerability, package).
// The version comparers are passed in, so this file does no I/O and knows no
// ecosystem's ordering rules itself.
import { makeFingerprint } from '../model/fingerprint.js'
import type { Finding, PropertyValue, Severity } from '../model/finding.js'
import type { OsInfo, Package } from '../model/package.js'
import { redactFinding } from '../redact/index.js'
import { scoreSeverityEntry, severityForLabel, severityForScore, type CvssScore } from './cvss.js'
import { indexKey, osvEcosystemFor, type OsvPackageKey } from './ecosystem.js'
import {
  MalformedRecord,
  parseOsvRecord,
  type OsvAffected,
  type OsvRange,
  type OsvRecord,
  type RangeEvent
} from './osv.js'

export type Compare = (a: string, b: string) => number
/** The comparer for a range of `type` in `ecosystem` (the record's own ecosystem string), if known. */
export type ComparerFor = (ecosystem: string, rangeType: OsvRange['type']) => Compare | undefined

export const RULE_FIXABLE = 'vulnerable-package'
export const RULE_UNFIXED = 'vulnerable-package-unfixed'

interface IndexedEntry {
  record: OsvRecord
  affected: OsvAffected
}

/** OSV records indexed by (ecosystem, package name): matching is one lookup per package. */
export class VulnIndex {
  private readonly byKey = new Map<string, IndexedEntry[]>()
  private readonly ids = new Set<string>()
  records = 0
  withdrawn = 0
  malformed = 0
  duplicates = 0
  /** The first few reasons, for the warning. */
  readonly malformedExamples: string[] = []

  /** Parse and add one record (raw JSON value); `origin` names the file for warnings. */
  addRaw(value: unknown, origin: string): void {
    let record: OsvRecord
    try {
      record = parseOsvRecord(value)
    } catch (error) {
      this.noteMalformed(origin, error instanceof MalformedRecord ? error.message : String(error))
      return
    }
    this.add(record)
  }

  noteMalformed(origin: string, reason: string): void {
    this.malformed++
    if (this.malformedExamples.length < 3) this.malformedExamples.push(`${origin}: ${reason}`)
  }

  add(record: OsvRecord): void {
    if (this.ids.has(record.id)) {
      // The same advisory twice (e.g. a dir holding two exports): first one wins.
      this.duplicates++
      return
    }
    this.ids.add(record.id)
    this.records++
    if (record.withdrawn) {
      this.withdrawn++
      return
    }
    for (const affected of record.affected) {
      const key = indexKey(affected.ecosystem, affected.name)
      const list = this.byKey.get(key)
      if (list) list.push({ record, affected })
      else this.byKey.set(key, [{ record, affected }])
    }
  }

  lookup(ecosystem: string, name: string): readonly IndexedEntry[] {
    return this.byKey.get(indexKey(ecosystem, name)) ?? []
  }
}

interface PreparedRange {
  /** introduced/fixed/last_affected events in version order. */
  events: RangeEvent[]
  /** `limit` versions (`*` dropped: it means no limit). */
  limits: string[]
}

// Ranges are sorted once per run, not once per package evaluated against them.
const preparedRanges = new WeakMap<OsvRange, PreparedRange>()

function eventVersion(event: RangeEvent): string {
  if ('introduced' in event) return event.introduced
  if ('fixed' in event) return event.fixed
  if ('last_affected' in event) return event.last_affected
  return event.limit
}

function prepareRange(range: OsvRange, compare: Compare): PreparedRange {
  let prepared = preparedRanges.get(range)
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
    preparedRanges.set(range, prepared)
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
 * Throws when the comparer rejects a version.
 */
export function evaluateRange(range: OsvRange, version: string, compare: Compare): RangeVerdict {
  const { events, limits } = prepareRange(range, compare)
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
  /** Ranges that could not be evaluated (no comparer for the ecosystem, or a version it rejects). */
  unevaluated: number
}

/** Is `version` affected by this `affected[]` entry: its `versions` list or any of its ranges. */
export function evaluateAffected(
  affected: OsvAffected,
  version: string,
  comparerFor: ComparerFor
): AffectedVerdict {
  let hit = affected.versions.includes(version)
  let fixed: string | undefined
  let fixedCompare: Compare | undefined
  let unevaluated = 0
  for (const range of affected.ranges) {
    const compare = comparerFor(affected.ecosystem, range.type)
    if (!compare) {
      unevaluated++
      continue
    }
    let verdict: RangeVerdict
    try {
      verdict = evaluateRange(range, version, compare)
    } catch {
      unevaluated++
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
  return { affected: hit, fixed, unevaluated }
}

function safeCompare(compare: Compare, a: string, b: string): number {
  try {
    return compare(a, b)
  } catch {
    return 0
  }
}

export interface SeverityVerdict {
  severity: Severity
  /** Where it came from: `cvss-4.0`, `cvss-3.1`, `cvss-3.0`, `cvss-2.0`, `label`, or `unknown`. */
  source: string
  cvss?: CvssScore
}

const CVSS_PREFERENCE: Record<CvssScore['version'], number> = {
  '4.0': 4,
  '3.1': 3,
  '3.0': 2,
  '2.0': 1
}

/**
 * The finding's severity: the newest CVSS version's computed base score
 * (the package entry's own vectors first, then the record's), else the
 * textual rating (GHSA `database_specific.severity`, Ubuntu priority…).
 * With neither, `medium`: an advisory with no rating must still reach the
 * gate rather than hide as info.
 */
export function severityOf(record: OsvRecord, affected: OsvAffected): SeverityVerdict {
  let verdict = severities.get(affected)
  if (!verdict) {
    verdict = computeSeverity(record, affected)
    severities.set(affected, verdict)
  }
  return verdict
}

// An affected entry belongs to exactly one record, so it keys the cache alone.
const severities = new WeakMap<OsvAffected, SeverityVerdict>()

function computeSeverity(record: OsvRecord, affected: OsvAffected): SeverityVerdict {
  let best: CvssScore | undefined
  for (const entry of [...affected.severity, ...record.severity]) {
    const scored = scoreSeverityEntry(entry.type, entry.score)
    if (scored && (!best || CVSS_PREFERENCE[scored.version] > CVSS_PREFERENCE[best.version]))
      best = scored
  }
  if (best)
    return {
      severity: severityForScore(best.score, best.version),
      source: `cvss-${best.version}`,
      cvss: best
    }
  const labels = [
    affected.labelSeverity,
    record.labelSeverity,
    ...[...affected.severity, ...record.severity]
      .filter(s => !s.type.startsWith('CVSS'))
      .map(s => s.score)
  ]
  for (const label of labels) {
    const severity = label ? severityForLabel(label) : undefined
    if (severity) return { severity, source: 'label' }
  }
  return { severity: 'medium', source: 'unknown' }
}

export interface MatchOptions {
  imageRef?: string
  ignoreUnfixed?: boolean
}

export interface MatchOutcome {
  findings: Finding[]
  warnings: string[]
  stats: Record<string, number>
}

interface PackageHit {
  record: OsvRecord
  affected: OsvAffected
  fixed?: string
}

/**
 * Union of ids and aliases: advisories that alias each other are one
 * vulnerability, as long as that keeps the fix honest. Records that share an
 * alias merge when they agree on the fix, or when they name exactly the same
 * CVEs (two databases on one vulnerability, one of them behind). A bundle
 * like a DSA fixed in X never absorbs a still-open record for one of its CVEs,
 * or the finding would claim X fixes both.
 */
function groupByAlias(hits: readonly PackageHit[]): PackageHit[][] {
  const cvesOf = (ids: Iterable<string>): string =>
    [...new Set([...ids].filter(id => id.startsWith('CVE-')))].sort().join(' ')
  const groups: { ids: Set<string>; fixed?: string; cves: string; hits: PackageHit[] }[] = []
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
function representative(group: readonly PackageHit[]): PackageHit {
  if (group.length === 1) return group[0]!
  const rank = (h: PackageHit): number =>
    (h.fixed !== undefined ? 2 : 0) + (severityOf(h.record, h.affected).cvss ? 1 : 0)
  return [...group].sort(
    (a, b) =>
      rank(b) - rank(a) || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0)
  )[0]!
}

/**
 * Match the inventory against the index. Pure: same packages and index,
 * same findings in the same order.
 */
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
    unevaluatedRanges: 0
  }
  const unsupported = new Map<string, number>()
  const findings: Finding[] = []
  for (const pkg of packages) {
    const key = osvEcosystemFor(pkg, os)
    if (!key) {
      stats.packagesUnsupported++
      const kind = `${pkg.type}${os && ['deb', 'apk', 'rpm'].includes(pkg.type) ? ` on ${os.id}${os.versionId ? ` ${os.versionId}` : ''}` : ''}`
      unsupported.set(kind, (unsupported.get(kind) ?? 0) + 1)
      continue
    }
    stats.packagesMatched++
    const hits: PackageHit[] = []
    for (const entry of index.lookup(key.ecosystem, key.name)) {
      const verdict = evaluateAffected(entry.affected, key.version, comparerFor)
      stats.unevaluatedRanges += verdict.unevaluated
      if (verdict.affected)
        hits.push({ record: entry.record, affected: entry.affected, fixed: verdict.fixed })
    }
    if (hits.length === 0) continue
    // The same record may list the package twice (two affected entries): merge them.
    const byId = new Map<string, PackageHit>()
    for (const hit of hits) {
      const seen = byId.get(hit.record.id)
      if (!seen || (seen.fixed === undefined && hit.fixed !== undefined))
        byId.set(hit.record.id, hit)
    }
    let vulnerable = false
    for (const group of groupByAlias([...byId.values()])) {
      const chosen = representative(group)
      if (options.ignoreUnfixed && chosen.fixed === undefined) {
        stats.ignoredUnfixed++
        continue
      }
      const aliases = new Set<string>()
      for (const hit of group)
        for (const id of [hit.record.id, ...hit.record.aliases]) aliases.add(id)
      aliases.delete(chosen.record.id)
      findings.push(buildFinding(pkg, key, chosen, [...aliases].sort(), options))
      vulnerable = true
    }
    if (vulnerable) stats.vulnerablePackages++
  }
  const warnings: string[] = []
  for (const [kind, count] of [...unsupported].sort()) {
    warnings.push(
      `${count} ${kind} package(s) have no OSV ecosystem and were not checked for vulnerabilities`
    )
  }
  if (stats.unevaluatedRanges > 0) {
    warnings.push(
      `${stats.unevaluatedRanges} advisory version range(s) could not be evaluated (unknown version ordering or an unparsable version) and were not counted as matches`
    )
  }
  return { findings: mergeSamePackage(findings), warnings, stats }
}

/**
 * The same name@version installed in several places (nested node_modules,
 * two site-packages) is one package: one finding, whose `locations` lists
 * every in-image path. Its layer is that of the first location in path order.
 */
function mergeSamePackage(findings: Finding[]): Finding[] {
  const byFingerprint = new Map<string, Finding[]>()
  for (const finding of findings) {
    const list = byFingerprint.get(finding.fingerprint)
    if (list) list.push(finding)
    else byFingerprint.set(finding.fingerprint, [finding])
  }
  const out: Finding[] = []
  for (const fingerprint of [...byFingerprint.keys()].sort()) {
    const group = byFingerprint.get(fingerprint)!
    if (group.length === 1) {
      out.push(group[0]!)
      continue
    }
    const where = (f: Finding): string => String(f.properties?.location ?? '')
    group.sort((a, b) => (where(a) < where(b) ? -1 : where(a) > where(b) ? 1 : 0))
    const locations = [...new Set(group.map(where).filter(Boolean))]
    out.push({ ...group[0]!, properties: { ...group[0]!.properties, locations } })
  }
  return out
}

function buildFinding(
  pkg: Package,
  key: OsvPackageKey,
  hit: PackageHit,
  aliases: string[],
  options: MatchOptions
): Finding {
  const { record, fixed } = hit
  const rating = severityOf(record, hit.affected)
  // Distro packages are matched by their source package: say so when it differs from the binary.
  const fromSource = pkg.sourceName !== undefined && pkg.sourceName !== pkg.name
  const source = fromSource ? ` (source package ${key.name})` : ''
  const also =
    aliases.length > 0
      ? ` (${aliases.slice(0, 4).join(', ')}${aliases.length > 4 ? ', …' : ''})`
      : ''
  const oneLine = record.summary?.replace(/\s+/g, ' ').trim() ?? ''
  const summary = oneLine ? `: ${oneLine.length > 200 ? `${oneLine.slice(0, 199)}…` : oneLine}` : ''
  const fix = fixed !== undefined ? `Fixed in ${fixed}.` : 'No fix yet.'
  const inImage = pkg.locations[0]
  const properties: Record<string, PropertyValue> = {
    ecosystem: key.ecosystem,
    severitySource: rating.source
  }
  if (inImage) properties.location = inImage
  if (pkg.layerIndex !== undefined) properties.layerIndex = pkg.layerIndex
  if (pkg.layerDigest) properties.layerDigest = pkg.layerDigest
  if (pkg.createdBy) properties.createdBy = pkg.createdBy
  if (fromSource) properties.sourcePackage = key.name
  if (rating.cvss) {
    properties.cvssScore = rating.cvss.score
    properties.cvssVector = rating.cvss.vector
  }
  // Package metadata, file names, layer history and advisory text come from the image and OSV.
  return redactFinding({
    check: 'vulnerabilities',
    ruleId: fixed !== undefined ? RULE_FIXABLE : RULE_UNFIXED,
    severity: rating.severity,
    title: `${record.id} in ${pkg.name} ${pkg.version}`,
    message: `${pkg.name} ${pkg.version}${source} is affected by ${record.id}${also}${summary}. ${fix}`,
    location: { path: options.imageRef ?? inImage ?? pkg.purl },
    help:
      fixed !== undefined
        ? `Upgrade ${pkg.name} to ${fixed} or later (rebuild on a newer base image if the package came with it).`
        : `No fixed version of ${pkg.name} is published yet: assess the advisory, then ignore it with a reason and an expiry, or remove the package.`,
    fingerprint: makeFingerprint(
      'vulnerabilities',
      record.id,
      key.ecosystem,
      pkg.name,
      pkg.version
    ),
    properties,
    vulnerability: {
      vulnerabilityId: record.id,
      aliases,
      package: pkg.name,
      version: pkg.version,
      ...(fixed !== undefined ? { fixedVersion: fixed } : {}),
      ecosystem: key.ecosystem,
      purl: pkg.purl
    }
  })
}
