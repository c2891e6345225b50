// The one Finding shape shared by every check. Reports, the gate, ignores and
// baselines only ever see this shape, so a new check plugs in by producing it.

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const
export type Severity = (typeof SEVERITIES)[number]

/** A gate threshold: a severity at or above which the gate fails, or `none`. */
export const THRESHOLDS = ['critical', 'high', 'medium', 'low', 'none'] as const
export type Threshold = (typeof THRESHOLDS)[number]

export const CHECKS = ['dockerfile', 'secrets', 'vulnerabilities', 'signatures'] as const
export type CheckId = (typeof CHECKS)[number]

/** Higher is more severe. */
export const SEVERITY_RANK: Record<Severity, number> = {
  critical: 4,
  high: 3,
  medium: 2,
  low: 1,
  info: 0
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value)
}

export function isThreshold(value: string): value is Threshold {
  return (THRESHOLDS as readonly string[]).includes(value)
}

/** True when `severity` is at or above `threshold` (never for `none`). */
export function meetsThreshold(severity: Severity, threshold: Threshold): boolean {
  if (threshold === 'none') return false
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]
}

export interface Location {
  /** Path as the user gave it (relative to the working directory), or an in-image path. */
  path: string
  /** 1-based. */
  line?: number
  column?: number
  endLine?: number
  endColumn?: number
}

export interface VulnerabilityDetails {
  vulnerabilityId: string
  aliases: string[]
  package: string
  version: string
  /** Absent when no fix is known yet. */
  fixedVersion?: string
  ecosystem: string
  purl?: string
}

export type PropertyValue = string | number | boolean | string[]

export interface Finding {
  check: CheckId
  ruleId: string
  severity: Severity
  /** Short, one line: the rule's title or a specialised one. */
  title: string
  /** One or a few sentences. Never contains a secret in full. */
  message: string
  location: Location
  /** How to fix it. */
  help?: string
  /** Stable across runs and line moves: see `makeFingerprint`. */
  fingerprint: string
  /** Check-specific extras (layer index, redacted secret preview, hadolint alias, …). */
  properties?: Record<string, PropertyValue>
  vulnerability?: VulnerabilityDetails
}

/** What a rule is, for SARIF rule descriptors and the docs. */
export interface RuleMeta {
  id: string
  check: CheckId
  title: string
  defaultSeverity: Severity
  /** Rationale and fix, markdown. */
  help: string
  helpUri?: string
  /** Other tools' ids for the same rule (e.g. hadolint DL3007). */
  aliases?: string[]
  /** How often a result of this rule is a true positive (SARIF `precision`); default by check. */
  precision?: Precision
}

/** GitHub code scanning's `precision` levels. */
export type Precision = 'very-high' | 'high' | 'medium' | 'low'

const CHECK_ORDER = Object.fromEntries(CHECKS.map((check, i) => [check, i])) as Record<
  CheckId,
  number
>

/** The canonical deterministic order: check, path, line, column, rule, fingerprint. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    CHECK_ORDER[a.check] - CHECK_ORDER[b.check] ||
    cmp(a.location.path, b.location.path) ||
    (a.location.line ?? 0) - (b.location.line ?? 0) ||
    (a.location.column ?? 0) - (b.location.column ?? 0) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.fingerprint, b.fingerprint)
  )
}

/** Most severe first, then the canonical order: what annotations and summaries show first. */
export function compareBySeverity(a: Finding, b: Finding): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || compareFindings(a, b)
}

/**
 * Exploited first (in CISA's KEV catalog), then the likelier to be exploited (EPSS
 * probability, highest first), then compareBySeverity: what a reviewer fixes first.
 * Findings without exploitation data (every non-vulnerability one) order by severity.
 */
export function compareByExploitation(a: Finding, b: Finding): number {
  return (
    Number(b.properties?.kev === true) - Number(a.properties?.kev === true) ||
    epssOf(b) - epssOf(a) ||
    compareBySeverity(a, b)
  )
}

function epssOf(finding: Finding): number {
  const epss = finding.properties?.epss
  return typeof epss === 'number' && Number.isFinite(epss) ? epss : -1
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings)
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
