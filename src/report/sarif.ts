// SARIF 2.1.0 for code scanning: one run per check that ran, each with its own
// automationDetails.id so GitHub keeps the checks apart (since 2025-07 it no
// longer merges runs that share a category, and uploads fail on a clash).
// A run is written even without results: that is how code scanning learns
// that earlier alerts are fixed. The writer keeps code scanning's upload
// limits (25,000 results per run, 1,000 locations per result, 10 MB gzipped):
// what does not fit is left out least severe first, and the run says so.

import { gzipSync } from 'node:zlib'
import type {
  Location,
  LogicalLocation,
  Log,
  Notification,
  ReportingDescriptor,
  Result,
  Run
} from 'sarif'
import {
  compareBySeverity,
  SEVERITY_RANK,
  type CheckId,
  type Finding,
  type Precision,
  type RuleMeta,
  type Severity
} from '../model/finding.js'
import { splitImageReference } from '../image/reference.js'
import { imageObjectOf, imageRefOf, imageUri } from '../model/image-location.js'
import {
  checksReported,
  encodePath,
  isCheckoutFile,
  isOnlyInImage,
  levelOf,
  normalizePath
} from './common.js'
import { mdText } from './markdown.js'
import { safeProperties, stripControls } from './text-safety.js'
import { redactReport } from './redact.js'
import type { ReportInput, SuppressedFinding } from './types.js'

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'
export const TOOL_NAME = 'container-gate'
/** The partialFingerprints key: our stable fingerprint (never a line number). */
export const FINGERPRINT_KEY = 'containerGateFingerprint/v1'
const DEFAULT_CATEGORY = 'container-gate'

type SarifLevel = 'error' | 'warning' | 'note'

function sarifLevel(severity: Severity): SarifLevel {
  const level = levelOf(severity)
  return level === 'notice' ? 'note' : level
}

/**
 * GitHub's `security-severity` (0.0–10.0): >= 9 critical, 7–8.9 high,
 * 4–6.9 medium, 0.1–3.9 low. A CVSS score is used when it falls in the
 * finding's severity band (a config override may have moved the severity).
 */
const BANDS: Record<Severity, [number, number, number]> = {
  critical: [9, 10, 9.5],
  high: [7, 8.9, 8],
  medium: [4, 6.9, 5.5],
  low: [0.1, 3.9, 2],
  // Code scanning has no level below low: an informational result is the lowest low.
  info: [0.1, 0.1, 0.1]
}

export function securitySeverity(severity: Severity, cvssScore?: number): string {
  const [low, high, typical] = BANDS[severity]
  const score =
    typeof cvssScore === 'number' && cvssScore >= low && cvssScore <= high ? cvssScore : typical
  return score.toFixed(1)
}

/**
 * Where the result is. A file of the checkout (or an in-image finding placed
 * on its Dockerfile line): a repository-relative URI, plus the in-image
 * object as a logical location. Something only inside the image: the image
 * itself as the artifact (its repository, `acme/shop`, as Trivy does) and the
 * object as the logical location `image://<ref>/<path>`, so code scanning
 * never files it under a repository path (`/app/src/server.js` is not the
 * repository's `app/src/server.js`) and still accepts it: it rejects the
 * whole upload when one result has no artifact URI. An absolute path of the
 * runner: a `file://` URI (code scanning makes it relative to the checkout).
 */
export function resultLocation(finding: Finding, imageRef?: string): Location {
  const object = imageObjectOf(finding)
  const logicalLocations: LogicalLocation[] | undefined = object && [
    {
      fullyQualifiedName: imageUri(imageRefOf(finding) ?? imageRef, object),
      ...(object.path !== '' ? { name: stripControls(object.path) } : {}),
      kind: object.kind === 'env' ? 'variable' : 'resource'
    }
  ]
  const path = normalizePath(stripControls(finding.location.path))
  const region = regionOf(finding)
  const physical = (uri: string): Location['physicalLocation'] => ({
    artifactLocation: { uri },
    ...(region ? { region } : {})
  })
  if (isCheckoutFile(finding))
    return {
      physicalLocation: physical(encodePath(path)),
      ...(logicalLocations ? { logicalLocations } : {})
    }
  if (logicalLocations)
    return {
      physicalLocation: {
        artifactLocation: { uri: imageArtifactUri(imageRefOf(finding) ?? imageRef) }
      },
      logicalLocations
    }
  const absolute = absoluteFileUri(path)
  return { physicalLocation: physical(absolute ?? encodePath(path.replace(/^\/+/, ''))) }
}

/**
 * The artifact URI of an image: its repository path for a registry reference (`ghcr.io/acme/shop:1.4`
 * → `acme/shop`), the archive's file name for an image archive or layout on the runner.
 */
export function imageArtifactUri(ref: string | undefined): string {
  const text = stripControls(ref ?? '').trim()
  if (text === '') return 'container-image'
  if (/^(?:\/|\.\.?\/|[A-Za-z]:\\)|\.(?:tar|tgz|tar\.gz|tar\.zst)$/i.test(text)) {
    const name =
      text
        .replace(/[\\/]+$/, '')
        .split(/[\\/]/)
        .pop() ?? ''
    return encodePath(name === '' || name === '.' || name === '..' ? 'container-image' : name)
  }
  return encodePath(splitImageReference(text).repository.replace(/^\/+/, '') || 'container-image')
}

function regionOf(finding: Finding): Record<string, number> | undefined {
  const { line, column, endLine } = finding.location
  if (!isPositiveInt(line)) return undefined
  const region: Record<string, number> = { startLine: line }
  if (isPositiveInt(column)) region.startColumn = column
  if (isPositiveInt(endLine) && endLine > line) region.endLine = endLine
  return region
}

function absoluteFileUri(path: string): string | undefined {
  if (path.startsWith('/')) return `file://${encodePath(path)}`
  const drive = /^([a-zA-Z]):\/(.*)$/.exec(path)
  if (drive) return `file:///${drive[1]}:/${encodePath(drive[2] as string)}`
  return undefined
}

interface RuleEntry {
  descriptor: ReportingDescriptor
  maxSeverity: Severity
  precision: Precision
  /** The advisory's own CVSS base score, when it has one. */
  cvss?: number
}

/** By check, for rules that do not say: a parsed Dockerfile or a signature is certain; a version match nearly so. */
const DEFAULT_PRECISION: Record<CheckId, Precision> = {
  dockerfile: 'very-high',
  secrets: 'high',
  vulnerabilities: 'high',
  signatures: 'very-high'
}

/** Code scanning shows at most 1,024 characters of a rule's full description. */
const MAX_FULL_DESCRIPTION = 1_000

function clipText(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

/** SARIF log (2.1.0) for code scanning. See the module comment. */
export interface SarifOptions {
  /**
   * Results per run (default 25,000: code scanning rejects more). When a
   * check has more, the most severe are kept (open findings before
   * suppressed ones) and the run says how many were left out.
   */
  maxResultsPerRun?: number
  /**
   * The log's size gzipped, as written (default 10 MB: code scanning rejects
   * more). Over it, the least severe results of all runs are left out until
   * it fits, and each run says how many of its own went.
   */
  maxGzipBytes?: number
}

export const SARIF_MAX_RESULTS_PER_RUN = 25_000
export const SARIF_MAX_LOCATIONS_PER_RESULT = 1_000
export const SARIF_MAX_GZIP_BYTES = 10_000_000

/** The log as the action and the CLI write it (the bytes the size limit is about). */
export function serializeSarif(log: Log): string {
  return `${JSON.stringify(log, null, 2)}\n`
}

interface Entry {
  finding: Finding
  suppression?: SuppressedFinding
}

/** Most severe first, open findings before accepted ones, then the canonical order. */
function compareEntries(a: Entry, b: Entry): number {
  return (
    SEVERITY_RANK[b.finding.severity] - SEVERITY_RANK[a.finding.severity] ||
    Number(a.suppression !== undefined) - Number(b.suppression !== undefined) ||
    compareBySeverity(a.finding, b.finding)
  )
}

export function buildSarif(raw: ReportInput, opts: SarifOptions = {}): Log {
  const input = redactReport(raw)
  const category = (input.sarifCategory ?? DEFAULT_CATEGORY).replace(/\/+$/, '')
  const cap = Math.max(0, opts.maxResultsPerRun ?? SARIF_MAX_RESULTS_PER_RUN)
  const maxGzip = opts.maxGzipBytes ?? SARIF_MAX_GZIP_BYTES
  const reported = checksReported(input)
  const perCheck = reported.map(check => {
    const all: Entry[] = [
      ...input.findings.filter(f => f.check === check).map(finding => ({ finding })),
      ...input.suppressed
        .filter(s => s.finding.check === check)
        .map(s => ({ finding: s.finding, suppression: s }))
    ]
    const ranked = [...all].sort(compareEntries)
    return { check, all, ranked, byCount: Math.max(0, all.length - cap) }
  })
  const assemble = (keep: (check: CheckId) => ReadonlySet<Entry>): Log => ({
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: perCheck.map(({ check, all, byCount }) => {
      const kept = keep(check)
      // The canonical order, as the other reports list them.
      const entries = all.filter(e => kept.has(e))
      const bySize = all.length - byCount - entries.length
      return buildRun(check, entries, input, category, { cap, total: all.length, byCount, bySize })
    })
  })
  const underCap = new Map(perCheck.map(p => [p.check, new Set(p.ranked.slice(0, cap))]))
  let log = assemble(check => underCap.get(check) as Set<Entry>)
  if (gzippedSize(log) <= maxGzip) return log

  // Too large: keep the k most severe results of all runs, the largest k that fits.
  const ranked = perCheck
    .flatMap(p => p.ranked.slice(0, cap).map(entry => ({ entry, check: p.check })))
    .sort((a, b) => compareEntries(a.entry, b.entry))
  const keepTop = (k: number): Log => {
    const sets = new Map<CheckId, Set<Entry>>(reported.map(c => [c, new Set()]))
    for (const { entry, check } of ranked.slice(0, k)) sets.get(check)?.add(entry)
    return assemble(check => sets.get(check) as Set<Entry>)
  }
  let low = 0
  let high = ranked.length - 1
  log = keepTop(0)
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    const candidate = keepTop(mid)
    if (gzippedSize(candidate) <= maxGzip) {
      low = mid
      log = candidate
    } else high = mid - 1
  }
  return low === 0 ? keepTop(0) : log
}

function gzippedSize(log: Log): number {
  return gzipSync(serializeSarif(log)).length
}

/**
 * One line per run that left results out or has results only inside the
 * image, for the log of the action and the CLI.
 */
export function sarifLeftOutLines(log: Log): string[] {
  return log.runs.flatMap(run =>
    (run.invocations?.[0]?.toolExecutionNotifications ?? [])
      .filter(
        n =>
          n.descriptor?.id === LEFT_OUT_NOTIFICATION || n.descriptor?.id === NO_REPOSITORY_LOCATION
      )
      .map(n => `SARIF ${String(run.properties?.check)}: ${n.message.text ?? ''}`)
  )
}

const LEFT_OUT_NOTIFICATION = 'results-left-out'
const NO_REPOSITORY_LOCATION = 'results-without-repository-location'

interface RunCounts {
  cap: number
  total: number
  /** Left out over the per-run cap. */
  byCount: number
  /** Left out to bring the log under the size limit. */
  bySize: number
}

function buildRun(
  check: CheckId,
  all: readonly Entry[],
  input: ReportInput,
  category: string,
  counts: RunCounts
): Run {
  const rules = new Map<string, RuleEntry>()
  const metaById = new Map(input.rules.filter(r => r.check === check).map(r => [r.id, r]))
  // Every rule of the check is listed (code scanning shows rules that found nothing, too),
  // except the generic vulnerability rules: their results are filed under one rule per advisory.
  if (check !== 'vulnerabilities') {
    for (const meta of metaById.values()) rules.set(meta.id, ruleFromMeta(meta))
  }
  const ruleIds = all.map(({ finding }) => {
    const id = sarifRuleId(finding)
    let entry = rules.get(id)
    if (!entry) {
      entry = finding.vulnerability
        ? ruleForAdvisory(finding, metaById.get(finding.ruleId))
        : ruleFromFinding(finding, metaById.get(finding.ruleId))
      rules.set(id, entry)
    }
    if (SEVERITY_RANK[finding.severity] > SEVERITY_RANK[entry.maxSeverity])
      entry.maxSeverity = finding.severity
    return id
  })

  const ordered = [...rules.keys()].sort()
  const indexOf = new Map(ordered.map((id, i) => [id, i]))
  const descriptors = ordered.map(id => finishRule(rules.get(id) as RuleEntry, check))
  const results = all.map(({ finding, suppression }, i) => {
    const id = ruleIds[i] as string
    return buildResult(finding, id, indexOf.get(id) as number, input.targets.image, suppression)
  })
  const run: Run = {
    tool: {
      driver: {
        name: TOOL_NAME,
        version: input.toolVersion,
        semanticVersion: input.toolVersion,
        rules: descriptors
      }
    },
    automationDetails: { id: `${category}/${check}/` },
    columnKind: 'unicodeCodePoints',
    results,
    properties: { check }
  }
  const notifications: Notification[] = []
  const properties: Record<string, unknown> = { check }
  const left = counts.byCount + counts.bySize
  if (left > 0) {
    const why = [
      counts.byCount > 0
        ? `code scanning accepts at most ${SARIF_MAX_RESULTS_PER_RUN} results per run (the most severe ${counts.cap} are kept)`
        : '',
      counts.bySize > 0
        ? `${counts.bySize} of the least severe to keep the file under code scanning's ${SARIF_MAX_GZIP_BYTES / 1_000_000} MB gzipped limit`
        : ''
    ].filter(Boolean)
    notifications.push({
      level: 'warning',
      descriptor: { id: LEFT_OUT_NOTIFICATION },
      message: {
        text: `${left} of ${counts.total} ${check} results left out: ${why.join('; ')}. container-gate --format json lists them all.`
      }
    })
    properties.resultsLeftOut = left
    if (counts.byCount > 0) properties.resultsLeftOutOverRunLimit = counts.byCount
    if (counts.bySize > 0) properties.resultsLeftOutOverSizeLimit = counts.bySize
  }
  const inImageOnly = all.filter(({ finding }) => isOnlyInImage(finding)).length
  if (inImageOnly > 0) {
    notifications.push({
      level: 'warning',
      descriptor: { id: NO_REPOSITORY_LOCATION },
      message: {
        text: `${inImageOnly} ${check} results are only inside the image: code scanning files them under the image (${imageArtifactUri(input.targets.image)}), not a file of this repository, with the object in the image as a logical image:// location. Name the Dockerfile that built the image (one Dockerfile) to place them on its lines.`
      }
    })
    properties.resultsWithoutRepositoryLocation = inImageOnly
  }
  run.properties = properties
  if (notifications.length > 0)
    run.invocations = [{ executionSuccessful: true, toolExecutionNotifications: notifications }]
  return run
}

/** Vulnerability results are filed under their advisory, so code scanning shows one alert kind per CVE. */
function sarifRuleId(finding: Finding): string {
  return finding.vulnerability ? finding.vulnerability.vulnerabilityId : finding.ruleId
}

function ruleFromMeta(meta: RuleMeta): RuleEntry {
  const descriptor: ReportingDescriptor = {
    id: meta.id,
    name: meta.id,
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.title },
    help: { text: meta.help, markdown: meta.help },
    ...(isAbsoluteUri(meta.helpUri) ? { helpUri: meta.helpUri } : {}),
    properties: { tags: [meta.check, ...(meta.aliases ?? [])] }
  }
  return {
    descriptor,
    maxSeverity: meta.defaultSeverity,
    precision: meta.precision ?? DEFAULT_PRECISION[meta.check]
  }
}

/** A rule a finding refers to but the check did not list: described from the finding. */
function ruleFromFinding(finding: Finding, meta?: RuleMeta): RuleEntry {
  if (meta) return ruleFromMeta(meta)
  const help = finding.help ?? finding.title
  return {
    descriptor: {
      id: finding.ruleId,
      name: finding.ruleId,
      shortDescription: { text: stripControls(finding.title) },
      // Help written for this finding quotes scanned text (package, base image): text, not markdown.
      help: { text: stripControls(help), markdown: mdText(help) },
      properties: { tags: [finding.check] }
    },
    maxSeverity: finding.severity,
    precision: DEFAULT_PRECISION[finding.check]
  }
}

function ruleForAdvisory(finding: Finding, meta?: RuleMeta): RuleEntry {
  const vuln = finding.vulnerability as NonNullable<Finding['vulnerability']>
  const cvss = finding.properties?.cvssScore
  const id = vuln.vulnerabilityId
  const aliases = vuln.aliases.length > 0 ? ` (${vuln.aliases.join(', ')})` : ''
  const generic = meta ? `\n\n${meta.help}` : ''
  const text = stripControls(`${id}${aliases}: ${finding.message}`)
  // The advisory id, aliases and summary are OSV text, the help quotes package names: all
  // scanned text, escaped; only the rule's generic help is our markdown.
  const markdown =
    `**${mdText(id)}**${mdText(aliases)}\n\n${mdText(`${id}${aliases}: ${finding.message}`)}\n\n` +
    `${finding.help ? mdText(finding.help) : ''}${generic}\n\n` +
    `Advisory: <https://osv.dev/vulnerability/${encodeURIComponent(id)}>`
  return {
    descriptor: {
      id,
      name: finding.ruleId,
      shortDescription: { text: stripControls(`${id}${aliases}`) },
      fullDescription: { text: clipText(text, MAX_FULL_DESCRIPTION) },
      help: { text: `${text}${generic}`, markdown },
      helpUri: `https://osv.dev/vulnerability/${encodeURIComponent(id)}`,
      properties: { tags: ['vulnerabilities', finding.ruleId, ...vuln.aliases.slice(0, 8)] }
    },
    maxSeverity: finding.severity,
    precision: meta?.precision ?? DEFAULT_PRECISION.vulnerabilities,
    ...(typeof cvss === 'number' ? { cvss } : {})
  }
}

/**
 * Every rule is a security rule in code scanning: `security-severity` from
 * its most severe result (an advisory's own CVSS when it agrees), tags
 * `security` and the check, and a precision, so alerts rank by severity.
 */
function finishRule(entry: RuleEntry, check: CheckId): ReportingDescriptor {
  const descriptor = entry.descriptor
  const tags = (descriptor.properties?.tags as string[] | undefined) ?? []
  const properties: Record<string, unknown> = {
    ...descriptor.properties,
    tags: [...new Set(['security', check, ...tags])].slice(0, 20),
    precision: entry.precision,
    'security-severity': securitySeverity(entry.maxSeverity, entry.cvss)
  }
  return {
    ...descriptor,
    defaultConfiguration: { level: sarifLevel(entry.maxSeverity) },
    properties
  }
}

function buildResult(
  finding: Finding,
  ruleId: string,
  ruleIndex: number,
  imageRef: string | undefined,
  suppression?: SuppressedFinding
): Result {
  const props = safeProperties(finding) ?? {}
  const cvss = typeof props.cvssScore === 'number' ? props.cvssScore : undefined
  const properties: Record<string, unknown> = {
    ...props,
    check: finding.check,
    severity: finding.severity,
    tags: [finding.check, finding.severity]
  }
  if (finding.vulnerability) {
    const v = finding.vulnerability
    Object.assign(properties, {
      ruleId: finding.ruleId,
      vulnerabilityId: v.vulnerabilityId,
      aliases: v.aliases,
      package: v.package,
      version: v.version,
      ...(v.fixedVersion !== undefined ? { fixedVersion: v.fixedVersion } : {}),
      ecosystem: v.ecosystem,
      ...(v.purl ? { purl: v.purl } : {})
    })
  }
  properties['security-severity'] = securitySeverity(finding.severity, cvss)
  const result: Result = {
    ruleId,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text: stripControls(finding.message) },
    locations: [resultLocation(finding, imageRef)].slice(0, SARIF_MAX_LOCATIONS_PER_RESULT),
    partialFingerprints: {
      // Code scanning tracks alerts by this key; ours survives line moves (no line number in it).
      primaryLocationLineHash: `${finding.fingerprint.slice(0, 16)}:1`,
      [FINGERPRINT_KEY]: finding.fingerprint
    },
    properties
  }
  if (suppression) {
    result.suppressions = [
      {
        kind: suppression.source === 'inline' ? 'inSource' : 'external',
        status: 'accepted',
        justification: stripControls(suppression.reason)
      }
    ]
  }
  return result
}

/** SARIF's helpUri must be an absolute URI; anything else is left out rather than invalidating the log. */
function isAbsoluteUri(uri: string | undefined): uri is string {
  if (!uri) return false
  try {
    return new URL(uri).protocol.length > 1
  } catch {
    return false
  }
}

function isPositiveInt(n: number | undefined): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1
}
