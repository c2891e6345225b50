// The last line of defence before any channel: every text of a report that a
// scan could have copied from an image, a scanned file or an advisory goes
// through the secrets redaction (src/redact/) once more. The
// checks redact where they copy; this makes sure a check that forgot cannot
// publish a secret through any reporter.
import type { Finding } from '../model/finding.js'
import { redactFinding, redactSecretsInText } from '../redact/index.js'
import type { ReportInput, SuppressedFinding } from './types.js'

const redactedReports = new WeakMap<ReportInput, ReportInput>()

/**
 * The report with its findings (open, suppressed, tripped), suppression
 * reasons and warnings redacted. Findings map one to one and always to the
 * same object (redactFinding), so `tripped` stays a subset of `findings` and
 * callers map their own sets of findings with redactFinding.
 */
export function redactReport(input: ReportInput): ReportInput {
  const known = redactedReports.get(input)
  if (known) return known
  const findings = mapSame(input.findings, redactFinding)
  const tripped = mapSame(input.gate.tripped, redactFinding)
  const suppressed = mapSame(input.suppressed, redactSuppressed)
  const warnings = mapSame(input.warnings, redactSecretsInText)
  const out =
    findings === input.findings &&
    tripped === input.gate.tripped &&
    suppressed === input.suppressed &&
    warnings === input.warnings
      ? input
      : { ...input, findings, suppressed, warnings, gate: { ...input.gate, tripped } }
  redactedReports.set(input, out)
  redactedReports.set(out, out)
  return out
}

/** Findings given apart from the report (new/existing, in or outside the diff), redacted the same way. */
export function redactFindings(findings: readonly Finding[]): Finding[] {
  return findings.map(redactFinding)
}

function redactSuppressed(s: SuppressedFinding): SuppressedFinding {
  const finding = redactFinding(s.finding)
  const reason = redactSecretsInText(s.reason)
  return finding === s.finding && reason === s.reason ? s : { ...s, finding, reason }
}

/** `items` mapped, or the same array when no item changed. */
function mapSame<T>(items: readonly T[], map: (item: T) => T): T[] {
  let changed = false
  const out = items.map(item => {
    const mapped = map(item)
    if (mapped !== item) changed = true
    return mapped
  })
  return changed ? out : (items as T[])
}
