// SARIF 2.1.0 for code scanning: one run per check that ran, each with its own
// automationDetails.id so GitHub keeps the checks apart (since 2025-07 it no
// longer merges runs that share a category, and uploads fail on a clash).
// A run is written even without results: that is how code scanning learns
// that earlier alerts are fixed.

import type { Log, ReportingDescriptor, Result, Run } from 'sarif'
import {
  CHECKS,
  compareBySeverity,
  SEVERITY_RANK,
  type CheckId,
  type Finding,
  type RuleMeta,
  type Severity
} from '../model/finding.js'
import {
  checksReported,
  encodePath,
  isCheckoutFile,
  isInImage,
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
  info: [0, 0, 0] // never written: see finishRule
}

export function securitySeverity(severity: Severity, cvssScore?: number): string {
  const [low, high, typical] = BANDS[severity]
  const score =
    typeof cvssScore === 'number' && cvssScore >= low && cvssScore <= high ? cvssScore : typical
  return score.toFixed(1)
}

/**
 * Results that are security alerts in code scanning: vulnerabilities,
 * secrets, and the Dockerfile rules about secrets (`secret-in-env`, …).
 */
function isSecurityRule(check: CheckId, ruleId: string): boolean {
  return check === 'vulnerabilities' || check === 'secrets' || /(^|-)secrets?(-|$)/.test(ruleId)
}

/**
 * A well-formed URI reference for the finding's location: a relative path
 * for files of the checkout; `file://` for absolute paths; for things inside
 * the image (package databases, image references, purls) a relative URI
 * with every segment percent-encoded, so `alpine:3.20` is not read as a
 * scheme.
 */
export function artifactUri(finding: Finding): string {
  const path = normalizePath(stripControls(finding.location.path))
  if (isCheckoutFile(finding)) return encodePath(path)
  if (!isInImage(finding)) {
    const absolute = absoluteFileUri(path)
    if (absolute) return absolute
  }
  return encodePath(path.replace(/^\/+/, ''))
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
}

/** SARIF log (2.1.0) for code scanning. See the module comment. */
export interface SarifOptions {
  /**
   * Results per run (default 25,000: code scanning rejects more). When a
   * check has more, the most severe are kept (open findings before
   * suppressed ones) and the run says how many were left out.
   */
  maxResultsPerRun?: number
}

export const SARIF_MAX_RESULTS_PER_RUN = 25_000

export function buildSarif(raw: ReportInput, opts: SarifOptions = {}): Log {
  const input = redactReport(raw)
  const category = (input.sarifCategory ?? DEFAULT_CATEGORY).replace(/\/+$/, '')
  const cap = Math.max(0, opts.maxResultsPerRun ?? SARIF_MAX_RESULTS_PER_RUN)
  const runs: Run[] = []
  const reported = checksReported(input)
  for (const check of CHECKS) {
    if (!reported.includes(check)) continue
    let findings = input.findings.filter(f => f.check === check)
    let suppressed = input.suppressed.filter(s => s.finding.check === check)
    const total = findings.length + suppressed.length
    if (total > cap) {
      // Keep the most severe, then restore the canonical order.
      const keep = new Set([...findings].sort(compareBySeverity).slice(0, cap))
      findings = findings.filter(f => keep.has(f))
      const room = cap - findings.length
      const keepSuppressed = new Set(
        [...suppressed].sort((a, b) => compareBySeverity(a.finding, b.finding)).slice(0, room)
      )
      suppressed = suppressed.filter(s => keepSuppressed.has(s))
    }
    const run = buildRun(check, findings, suppressed, input, category)
    if (total > cap) {
      const left = total - cap
      run.invocations = [
        {
          executionSuccessful: true,
          toolExecutionNotifications: [
            {
              level: 'warning',
              message: {
                text: `${left} of ${total} ${check} results left out (the most severe ${cap} are kept): code scanning accepts at most ${SARIF_MAX_RESULTS_PER_RUN} results per run. container-gate --format json lists them all.`
              }
            }
          ]
        }
      ]
      run.properties = { ...run.properties, resultsLeftOut: left }
    }
    runs.push(run)
  }
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs }
}

function buildRun(
  check: CheckId,
  findings: readonly Finding[],
  suppressed: readonly SuppressedFinding[],
  input: ReportInput,
  category: string
): Run {
  const rules = new Map<string, RuleEntry>()
  const metaById = new Map(input.rules.filter(r => r.check === check).map(r => [r.id, r]))
  // Every rule of the check is listed (code scanning shows rules that found nothing, too),
  // except the generic vulnerability rules: their results are filed under one rule per advisory.
  if (check !== 'vulnerabilities') {
    for (const meta of metaById.values()) rules.set(meta.id, ruleFromMeta(meta))
  }
  const all: { finding: Finding; suppression?: SuppressedFinding }[] = [
    ...findings.map(finding => ({ finding })),
    ...suppressed.map(s => ({ finding: s.finding, suppression: s }))
  ]
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
    return buildResult(finding, id, indexOf.get(id) as number, suppression)
  })
  return {
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
  return { descriptor, maxSeverity: meta.defaultSeverity }
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
    maxSeverity: finding.severity
  }
}

function ruleForAdvisory(finding: Finding, meta?: RuleMeta): RuleEntry {
  const vuln = finding.vulnerability as NonNullable<Finding['vulnerability']>
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
      fullDescription: { text },
      help: { text: `${text}${generic}`, markdown },
      helpUri: `https://osv.dev/vulnerability/${encodeURIComponent(id)}`,
      properties: { tags: ['vulnerabilities', finding.ruleId, ...vuln.aliases.slice(0, 8)] }
    },
    maxSeverity: finding.severity
  }
}

function finishRule(entry: RuleEntry, check: CheckId): ReportingDescriptor {
  const descriptor = entry.descriptor
  const tags = (descriptor.properties?.tags as string[] | undefined) ?? []
  const security = isSecurityRule(check, descriptor.id)
  const properties: Record<string, unknown> = {
    ...descriptor.properties,
    tags: [...new Set(security ? ['security', ...tags] : tags)].slice(0, 20)
  }
  // info is not a security level in code scanning: such rules stay plain notes.
  if (security && entry.maxSeverity !== 'info')
    properties['security-severity'] = securitySeverity(entry.maxSeverity)
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
  suppression?: SuppressedFinding
): Result {
  const { line, column, endLine } = finding.location
  const region: Record<string, number> = {}
  if (isPositiveInt(line)) {
    region.startLine = line
    if (isPositiveInt(column)) region.startColumn = column
    if (isPositiveInt(endLine) && endLine > line) region.endLine = endLine
  }
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
  if (isSecurityRule(finding.check, finding.ruleId) && finding.severity !== 'info')
    properties['security-severity'] = securitySeverity(finding.severity, cvss)
  const result: Result = {
    ruleId,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text: stripControls(finding.message) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(finding) },
          ...(Object.keys(region).length > 0 ? { region } : {})
        }
      }
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
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
