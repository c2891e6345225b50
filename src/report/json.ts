// The JSON report (`--format json`): a public interface. Its shape is
// documented by docs/json-report.schema.json; fields are only ever added,
// never renamed or removed, while `version` stays 1.

import {
  CHECKS,
  SEVERITIES,
  type CheckId,
  type Finding,
  type PropertyValue,
  type Severity,
  type Threshold
} from '../model/finding.js'
import { checksReported } from './common.js'
import { safeProperties } from './text-safety.js'
import { redactReport } from './redact.js'
import type { ReportInput, SuppressedFinding } from './types.js'

export type JsonSeverityCounts = Record<Severity, number>

export interface JsonFinding {
  check: CheckId
  ruleId: string
  severity: Severity
  title: string
  message: string
  /** As given on the command line (relative to the working directory), or an in-image path / image reference. */
  path: string
  /** 1-based; null when the finding has no line (vulnerabilities, whole-file findings). */
  line: number | null
  column?: number
  endLine?: number
  fingerprint: string
  help?: string
  properties?: Record<string, PropertyValue>
  /** True when this finding fails the gate (at or above its check's threshold, KEV-listed, new under gate-on new). */
  failsGate: boolean
  // Vulnerability findings only:
  vulnerabilityId?: string
  aliases?: string[]
  package?: string
  version?: string
  fixedVersion?: string
  ecosystem?: string
  purl?: string
}

export interface JsonSuppressedFinding extends Omit<JsonFinding, 'failsGate'> {
  suppression: { source: SuppressedFinding['source']; reason: string }
}

export interface JsonReport {
  version: 1
  tool: { name: 'container-gate'; version: string }
  passed: boolean
  failOn: Threshold
  /** The threshold applied to each check (a per-check override or failOn). */
  thresholds: Record<CheckId, Threshold>
  /** The checks that ran; a check that did not run has no findings but is not "clean". */
  checksRun: CheckId[]
  findings: JsonFinding[]
  suppressed: JsonSuppressedFinding[]
  counts: {
    total: number
    bySeverity: JsonSeverityCounts
    byCheck: Record<CheckId, JsonSeverityCounts>
    suppressed: number
    failingGate: number
  }
  warnings: string[]
}

function jsonFinding(finding: Finding): Omit<JsonFinding, 'failsGate'> {
  const { path, line, column, endLine } = finding.location
  const out: Omit<JsonFinding, 'failsGate'> = {
    check: finding.check,
    ruleId: finding.ruleId,
    severity: finding.severity,
    title: finding.title,
    message: finding.message,
    path,
    line: line ?? null,
    ...(column !== undefined ? { column } : {}),
    ...(endLine !== undefined ? { endLine } : {}),
    fingerprint: finding.fingerprint
  }
  if (finding.help !== undefined) out.help = finding.help
  const properties = safeProperties(finding)
  if (properties) out.properties = properties
  const v = finding.vulnerability
  if (v) {
    out.vulnerabilityId = v.vulnerabilityId
    out.aliases = [...v.aliases]
    out.package = v.package
    out.version = v.version
    if (v.fixedVersion !== undefined) out.fixedVersion = v.fixedVersion
    out.ecosystem = v.ecosystem
    if (v.purl !== undefined) out.purl = v.purl
  }
  return out
}

export function renderJson(raw: ReportInput): JsonReport {
  const input = redactReport(raw)
  // What tripped the gate: by threshold, a KEV listing, and only new findings under gate-on new.
  const tripped = new Set(input.gate.tripped)
  const failsGate = (f: Finding): boolean => tripped.has(f)
  const byCheck = Object.fromEntries(
    CHECKS.map(check => [check, { ...input.gate.counts[check] }])
  ) as Record<CheckId, JsonSeverityCounts>
  const bySeverity = Object.fromEntries(
    SEVERITIES.map(s => [s, input.gate.totals[s]])
  ) as JsonSeverityCounts
  return {
    version: 1,
    tool: { name: 'container-gate', version: input.toolVersion },
    passed: input.gate.passed,
    failOn: input.gate.failOn,
    thresholds: { ...input.gate.thresholds },
    checksRun: checksReported(input),
    findings: input.findings.map(f => ({ ...jsonFinding(f), failsGate: failsGate(f) })),
    suppressed: input.suppressed.map(s => ({
      ...jsonFinding(s.finding),
      suppression: { source: s.source, reason: s.reason }
    })),
    counts: {
      total: input.findings.length,
      bySeverity,
      byCheck,
      suppressed: input.suppressed.length,
      failingGate: input.gate.tripped.length
    },
    warnings: [...input.warnings]
  }
}

/**
 * JSON text that is safe to print on a runner's stdout: `::` and `##[`
 * inside strings are written with JSON unicode escapes (`:\u003a`,
 * `#\u0023[`), so the parsed data is exactly the same but no line can be
 * read as a workflow command. (Outside strings JSON never contains them.)
 */
export function serializeJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent)
    .replace(/::/g, ':\\u003a')
    .replace(/##\[/g, '#\\u0023[')
}
