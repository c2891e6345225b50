// The sticky PR comment: new findings first, then a short "already present"
// section, always within GitHub's 65,536-character limit. It is rendered for
// green verdicts too, so a fixed PR shows "passed" instead of a stale failure.
import { describeTripped } from '../gate/evaluate.js'
import { makeFingerprint } from '../model/fingerprint.js'
import { compareByExploitation, type Finding } from '../model/finding.js'
import type { RunnerContext } from '../model/runner.js'
import { mdCode, mdText } from '../report/markdown.js'
import { redactFindings, redactReport } from '../report/redact.js'
import type { BaselineComparison, ReportInput } from '../report/types.js'
import { isDiffAddressable } from './diff.js'

/** GitHub rejects issue comments longer than this (422 Validation Failed). */
export const MAX_COMMENT_CHARS = 65536

/** How many already-present findings the short section lists. */
const EXISTING_LISTED = 20
const MESSAGE_CHARS = 300
/** `| x | \`r\` | \`p\` | t: m |` and its line break. */
const MIN_ROW_CHARS = 24

/**
 * The hidden marker that identifies this step's comment. Matrix legs share
 * workflow, job and step, so pass what tells them apart as `variant` (the
 * scan targets, or a `comment-key` input); each distinct marker keeps its own
 * comment.
 */
export function commentMarker(workflow: string, job: string, step: string, variant = ''): string {
  return `<!-- container-gate:${makeFingerprint('pr-comment', workflow, job, step, variant)} -->`
}

export interface PrCommentOptions {
  marker: string
  /** The run's page, where the job summary is. */
  summaryUrl?: string
  maxChars?: number
  /** How the verdict was reached, for the header line. */
  gateOn?: 'all' | 'new'
  /**
   * False when there was no baseline to compare with: then every finding is
   * listed as a finding, not claimed as "new". Default true.
   */
  baseline?: boolean
  /** Where accepted findings go (default `.container-gate.yml`). */
  configFile?: string
  /** Where the already-present findings were found: said with `gate-on: new`. */
  comparison?: BaselineComparison
}

interface Parts {
  input: ReportInput
  added: Finding[]
  existing: Finding[]
  tripped: Set<Finding>
  row: (f: Finding) => string
  opts: PrCommentOptions
}

export function renderPrComment(
  raw: ReportInput,
  rawSplit: { added: Finding[]; existing: Finding[] },
  opts: PrCommentOptions
): string {
  // Scanned text is redacted first: tripped/added/existing map to the same redacted objects.
  const input = redactReport(raw)
  const split = {
    added: redactFindings(rawSplit.added),
    existing: redactFindings(rawSplit.existing)
  }
  const max = Math.min(opts.maxChars ?? MAX_COMMENT_CHARS, MAX_COMMENT_CHARS)
  const tripped = new Set(input.gate.tripped)
  // Rows are rendered once; the size search below only joins them.
  const rows = new Map<Finding, string>()
  const row = (f: Finding): string => {
    let text = rows.get(f)
    if (text === undefined) {
      text = `| ${severityText(f, tripped)} | ${mdCode(f.ruleId)} | ${location(f, input)} | ${mdText(f.title)}: ${mdText(clip(f.message))} |`
      rows.set(f, text)
    }
    return text
  }
  const parts: Parts = {
    input,
    added: bySeverity(split.added),
    existing: bySeverity(split.existing),
    tripped,
    row,
    opts
  }
  const count = parts.added.length
  // A table row is never shorter than MIN_ROW_CHARS, which bounds how many can fit.
  const fitAtMost = Math.floor(max / MIN_ROW_CHARS)
  if (count <= fitAtMost) {
    const full = compose(parts, count, EXISTING_LISTED, false)
    if (full.length <= max) return full
  }
  // Too long: keep the header, show as many new findings as fit, state the count.
  let lo = 0
  let hi = Math.min(count, fitAtMost)
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (compose(parts, mid, 0, true).length <= max) lo = mid
    else hi = mid - 1
  }
  const text = compose(parts, lo, 0, true)
  // Only a pathological header (thousands of warnings) can still be too long.
  return text.length <= max
    ? text
    : text.slice(0, max - 40) + '\n\n…(comment cut at the size limit)\n'
}

function severityText(f: Finding, tripped: Set<Finding>): string {
  return tripped.has(f) ? `**${f.severity}** ❌` : f.severity
}

function compose(
  { input, added, existing, tripped, row, opts }: Parts,
  newShown: number,
  existingShown: number,
  truncated: boolean
): string {
  const out: string[] = [opts.marker]
  const gate = input.gate
  const hasBaseline = opts.baseline !== false
  const fresh = hasBaseline ? 'new finding' : 'finding'
  const scope = opts.gateOn === 'new' ? ' (only new findings can fail it)' : ''
  if (gate.passed) {
    out.push(`### ✅ container-gate: passed`)
    out.push('')
    out.push(
      added.length === 0
        ? `No ${fresh}s${scope}.`
        : `${plural(added.length, fresh)}, none at or above the gate's thresholds${scope}.`
    )
  } else {
    const old = existing.filter(f => tripped.has(f)).length
    const hint =
      old > 0
        ? ` ${old} of them ${old === 1 ? 'was' : 'were'} already present; \`gate-on: new\` gates only on what a change introduces.`
        : ''
    out.push(`### ❌ container-gate: failed`)
    out.push('')
    out.push(
      `${describeTripped(gate.tripped, gate.thresholds, "the gate's thresholds")}${scope}.${hint}`
    )
  }
  const counts = hasBaseline
    ? [`**${added.length}** new`, `**${existing.length}** already present`]
    : [
        `**${added.length}** ${added.length === 1 ? 'finding' : 'findings'} (no baseline to tell new from existing)`
      ]
  if (input.suppressed.length > 0) counts.push(`${input.suppressed.length} ignored`)
  out.push('')
  out.push(
    `${counts.join(' · ')} · thresholds: ${thresholdText(input)} · checks: ${input.checksRun.join(', ') || 'none'}`
  )
  const comparison = opts.comparison
  if (comparison?.gateOn === 'new' && hasBaseline) {
    const sources: string[] = []
    if (comparison.baseSha !== undefined)
      sources.push(
        `**${comparison.onBaseCommit.length}** on the base commit ${mdCode(comparison.baseSha.slice(0, 7))}`
      )
    if (comparison.baselineFile !== undefined)
      sources.push(
        `**${comparison.inBaselineFile.length}** in the baseline ${mdCode(comparison.baselineFile)}`
      )
    const newTripped = added.filter(f => tripped.has(f)).length
    out.push('')
    out.push(
      `Already present${sources.length > 0 ? `: ${sources.join(', ')}` : ''}. Only new findings can fail the gate (\`gate-on: new\`)` +
        (newTripped > 0
          ? `; ❌ marks the ${plural(newTripped, 'new finding')} that trip${newTripped === 1 ? 's' : ''} it.`
          : '; no new finding trips it.')
    )
  }

  if (truncated) {
    const where = opts.summaryUrl
      ? `the [job summary](${opts.summaryUrl})`
      : 'the job summary of this run'
    out.push('')
    out.push(
      `> [!WARNING]\n> This comment is truncated to fit GitHub's size limit: ${newShown} of ${added.length} ${fresh}s shown${existing.length > 0 ? `, ${existing.length} already present not listed` : ''}. Every finding is in ${where}.`
    )
  }

  if (added.length > 0) {
    out.push('')
    out.push(hasBaseline ? `#### New findings` : `#### Findings`)
    out.push('')
    out.push('| Severity | Rule | Location | Message |')
    out.push('| --- | --- | --- | --- |')
    for (const f of added.slice(0, newShown)) out.push(row(f))
    const secrets = added.slice(0, newShown).filter(f => f.check === 'secrets')
    if (secrets.length > 0) {
      out.push('')
      out.push(
        `If a secret finding is a false positive or a test value, accept it by adding its fingerprint to ${mdCode(opts.configFile ?? '.container-gate.yml')} (rotate it first if it is real):`
      )
      out.push('')
      out.push('```yaml')
      out.push('ignore:')
      for (const f of secrets) {
        out.push(
          `  # ${yamlComment(`${f.ruleId} at ${f.location.path}${f.location.line ? `:${f.location.line}` : ''}`)}`
        )
        out.push(`  - fingerprint: ${f.fingerprint}`)
        out.push(`    reason: "accepted in PR review: <why>"`)
      }
      out.push('```')
    }
  }

  if (existing.length > 0) {
    out.push('')
    out.push(
      `<details><summary>Already present: ${plural(existing.length, 'finding')} not introduced by this change</summary>`
    )
    out.push('')
    const onBase = new Set(redactFindings(comparison?.onBaseCommit ?? []))
    const inFile = new Set(redactFindings(comparison?.inBaselineFile ?? []))
    for (const f of existing.slice(0, existingShown)) {
      const where = [
        ...(onBase.has(f) ? ['base commit'] : []),
        ...(inFile.has(f) ? ['baseline'] : [])
      ].join(', ')
      out.push(
        `- ${severityText(f, tripped)} ${mdCode(f.ruleId)} ${location(f, input)}${where ? ` (${where})` : ''}`
      )
    }
    const rest = existing.length - Math.min(existingShown, existing.length)
    if (rest > 0) out.push(`- …and ${rest} more in the job summary`)
    out.push('')
    out.push('</details>')
  }
  out.push('')
  out.push(
    opts.summaryUrl
      ? `<sub>container-gate ${mdText(input.toolVersion)} · [full report in the job summary](${opts.summaryUrl})</sub>`
      : `<sub>container-gate ${mdText(input.toolVersion)}</sub>`
  )
  return out.join('\n') + '\n'
}

/** Exploited first (KEV, then EPSS), then most severe, then the canonical order. */
function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareByExploitation)
}

function thresholdText(input: ReportInput): string {
  const t = input.gate.thresholds
  const distinct = new Set(Object.values(t))
  if (distinct.size === 1) return `fail-on ${input.gate.failOn}`
  return Object.entries(t)
    .map(([check, th]) => `${check} ${th}`)
    .join(', ')
}

function location(f: Finding, input: ReportInput): string {
  const { path, line } = f.location
  const label = `${path}${line ? `:${line}` : ''}`
  const links = input.links
  // Only checkout files have a blob URL; in-image paths start with / and image refs have no line.
  if (links && isDiffAddressable(f) && !/^[a-z]+:\/\//i.test(path) && !path.includes('@sha256:')) {
    const url = `${links.serverUrl}/${encodePath(links.repository)}/blob/${encodeURIComponent(links.sha)}/${encodePath(path)}${line ? `#L${line}` : ''}`
    return `[${mdCode(label)}](${url})`
  }
  return mdCode(label)
}

function encodePath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .split('/')
    .map(encodeURIComponent)
    .join('/')
}

function yamlComment(text: string): string {
  // One comment line, and no backticks that could close the code fence.
  return text.replace(/\r\n|\r|\n/g, ' ').replace(/`/g, "'")
}

function clip(text: string): string {
  const chars = Array.from(text)
  return chars.length <= MESSAGE_CHARS ? text : chars.slice(0, MESSAGE_CHARS - 1).join('') + '…'
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

/** The run's page (the job summary is shown there). */
export function runSummaryUrl(
  runner: Pick<RunnerContext, 'serverUrl' | 'repository' | 'runId' | 'runAttempt'>
): string | undefined {
  const { serverUrl, repository, runId, runAttempt } = runner
  if (!repository || !runId) return undefined
  const attempt = runAttempt && runAttempt !== '1' ? `/attempts/${runAttempt}` : ''
  return `${serverUrl}/${repository.owner}/${repository.repo}/actions/runs/${runId}${attempt}`
}
