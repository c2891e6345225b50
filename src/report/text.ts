// The CLI's human report (and the action's log). Every value that came from
// a scanned file is one inert line (safeLine), and the whole text is passed
// through the block neutraliser once more, so no line of it can be read by
// the runner as a workflow command.

import { describeTripped } from '../gate/evaluate.js'
import {
  CHECKS,
  compareByExploitation,
  SEVERITIES,
  type CheckId,
  type Finding,
  type Severity
} from '../model/finding.js'
import { neutralizeWorkflowCommandsBlock } from '../util/workflow-commands.js'
import {
  CHECK_TITLES,
  checksReported,
  isInImage,
  plural,
  SOURCE_TEXT,
  whereText
} from './common.js'
import { safeLine } from './text-safety.js'
import { redactReport } from './redact.js'
import type { ReportInput } from './types.js'

export interface TextOptions {
  /** ANSI colours (the CLI sets it for a terminal). */
  color?: boolean
  /**
   * List at most this many findings per check (most severe first) and count
   * the rest; default: all. The action's log uses a limit, since the job
   * summary and SARIF carry every finding.
   */
  maxFindingsPerCheck?: number
}

const SGR: Record<Severity | 'pass' | 'fail' | 'dim' | 'bold', string> = {
  critical: '\u001b[1;35m',
  high: '\u001b[31m',
  medium: '\u001b[33m',
  low: '\u001b[36m',
  info: '\u001b[2m',
  pass: '\u001b[1;32m',
  fail: '\u001b[1;31m',
  dim: '\u001b[2m',
  bold: '\u001b[1m'
}

export function renderText(raw: ReportInput, opts: TextOptions = {}): string {
  const input = redactReport(raw)
  const paint = (style: keyof typeof SGR, text: string): string =>
    opts.color ? `${SGR[style]}${text}\u001b[0m` : text
  const { gate } = input
  const out: string[] = []

  const verdict = gate.passed ? paint('pass', 'PASSED') : paint('fail', 'FAILED')
  const why = gate.passed
    ? `no finding at or above the threshold (fail-on ${gate.failOn})`
    : describeTripped(gate.tripped, gate.thresholds, 'the threshold')
  out.push(`container-gate ${safeLine(input.toolVersion)}: ${verdict}: ${why}`, '')

  // Counts: check × severity, with each check's threshold and verdict.
  const header = ['Check', 'Threshold', ...SEVERITIES.map(s => s), 'Result']
  const rows: string[][] = [header]
  const reported = checksReported(input)
  for (const check of CHECKS) {
    const ran = reported.includes(check)
    const counts = gate.counts[check]
    const failed = gate.tripped.some(f => f.check === check)
    rows.push([
      check,
      gate.thresholds[check],
      ...SEVERITIES.map(s => (ran ? String(counts[s]) : '-')),
      !ran ? 'not run' : failed ? 'FAILED' : 'passed'
    ])
  }
  const widths = header.map((_, i) => Math.max(...rows.map(r => (r[i] as string).length)))
  for (const [r, row] of rows.entries()) {
    const cells = row.map((cell, i) =>
      i >= 2 && i < row.length - 1
        ? cell.padStart(widths[i] as number)
        : cell.padEnd(widths[i] as number)
    )
    let line = cells.join('  ').trimEnd()
    if (r === 0) line = paint('bold', line)
    else if (row[row.length - 1] === 'FAILED')
      line = line.replace(/FAILED$/, paint('fail', 'FAILED'))
    out.push(line)
  }

  const rulesHelp = new Map(input.rules.map(r => [r.id, r.help]))
  for (const check of CHECKS) {
    const findings = input.findings.filter(f => f.check === check).sort(compareByExploitation)
    if (findings.length === 0) continue
    out.push('', paint('bold', `${CHECK_TITLES[check]}: ${plural(findings.length, 'finding')}`))
    const limit = Math.max(0, opts.maxFindingsPerCheck ?? Infinity)
    for (const finding of findings.slice(0, limit))
      out.push(...findingLines(finding, rulesHelp, paint))
    if (findings.length > limit)
      out.push(
        `  … and ${plural(findings.length - limit, `more ${check} finding`)} (all are in the job summary, SARIF and --format json)`
      )
  }

  if (input.suppressed.length > 0) {
    out.push('', paint('bold', `Suppressed: ${plural(input.suppressed.length, 'finding')}`))
    for (const s of input.suppressed) {
      out.push(
        `  ${safeLine(whereText(s.finding))}  ${safeLine(s.finding.ruleId)} (${s.finding.severity}): ` +
          `${SOURCE_TEXT[s.source]}: ${safeLine(s.reason)}`
      )
    }
  }

  if (input.warnings.length > 0) {
    out.push('', paint('bold', `Warnings: ${input.warnings.length}`))
    for (const warning of input.warnings) out.push(`  - ${safeLine(warning)}`)
  }

  out.push('', gateLine(input, paint))
  const text = out.join('\n')
  // Fields are already inert; this guards what concatenation could form.
  return `${/::|##\[/.test(text) ? neutralizeWorkflowCommandsBlock(text) : text}\n`
}

function findingLines(
  finding: Finding,
  rulesHelp: ReadonlyMap<string, string>,
  paint: (style: keyof typeof SGR, text: string) => string
): string[] {
  const label = paint(finding.severity, finding.severity.toUpperCase().padEnd(8))
  const lines = [
    `  ${label}  ${safeLine(whereText(finding))}${inImageDetail(finding)}  ${safeLine(finding.ruleId)}: ${safeLine(finding.title)}`,
    `            ${safeLine(finding.message)}`
  ]
  // The rule's generic help is in the docs; show only help written for this finding.
  if (finding.help && finding.help !== rulesHelp.get(finding.ruleId))
    lines.push(`            Fix: ${safeLine(finding.help)}`)
  const redacted = finding.properties?.redacted
  if (typeof redacted === 'string' && !finding.message.includes(redacted))
    lines.push(`            Secret: ${safeLine(redacted)}`)
  lines.push(paint('dim', `            fingerprint ${safeLine(finding.fingerprint)}`))
  return lines
}

/** Where inside the image a vulnerable package was found (its package database or manifest). */
function inImageDetail(finding: Finding): string {
  const location = finding.properties?.location
  if (!isInImage(finding) || typeof location !== 'string' || location === finding.location.path)
    return ''
  return ` (${safeLine(location)})`
}

function gateLine(
  input: ReportInput,
  paint: (style: keyof typeof SGR, text: string) => string
): string {
  const { gate } = input
  if (gate.passed) return paint('pass', `Gate passed (fail-on ${gate.failOn}).`)
  const byCheck = new Map<CheckId, Finding[]>()
  for (const f of gate.tripped) byCheck.set(f.check, [...(byCheck.get(f.check) ?? []), f])
  const parts = [...byCheck].map(([check, tripped]) =>
    describeTripped(tripped, gate.thresholds, gate.thresholds[check]).replace(
      /^(\d+) (findings?)/,
      `$1 ${check} $2`
    )
  )
  return paint('fail', `Gate failed: ${parts.join(', ')}.`)
}
