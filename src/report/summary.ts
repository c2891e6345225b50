// The job summary ($GITHUB_STEP_SUMMARY): the primary human report, because
// it needs no token and works on fork PRs. GitHub drops a step's summary
// entirely above 1 MiB, so the page is built against a byte budget: the
// verdict and the counts always fit; findings share what is left, each
// check getting a fair part; whatever does not fit is counted, not lost
// silently. Every scanned value is escaped for markdown and HTML.

import { describeTripped } from '../gate/evaluate.js'
import {
  CHECKS,
  compareByExploitation,
  SEVERITIES,
  type CheckId,
  type Finding,
  type RuleMeta,
  type Severity
} from '../model/finding.js'
import { imageObjectOf } from '../model/image-location.js'
import {
  CHECK_TITLES,
  checksReported,
  isCheckoutFile,
  plural,
  SOURCE_TEXT,
  sourceLink,
  whereText
} from './common.js'
import { escapeAttribute, mdCode, mdText } from './markdown.js'
import { safeProperties, stripControls } from './text-safety.js'
import { redactReport } from './redact.js'
import type { ReportTable } from '../model/check.js'
import type { BaselineComparison, ReportInput, SuppressedFinding } from './types.js'
import { redactFinding } from '../redact/index.js'

export const SUMMARY_MAX_BYTES = 1024 * 1024

export interface SummaryOptions {
  /** Upper bound for the whole page in UTF-8 bytes (default 1 MiB, GitHub's per-step limit). */
  maxBytes?: number
  /**
   * On pull requests: findings outside the diff (not annotated). Each check
   * lists them after its own, folded, so reviewers see the diff's first.
   */
  outsideDiff?: ReadonlySet<Finding>
  /** On pull requests: what was already there (base commit, baseline file); shown with `gate-on: new`. */
  comparison?: BaselineComparison
}

const SEVERITY_MARK: Record<Severity, string> = {
  critical: '🟣',
  high: '🔴',
  medium: '🟠',
  low: '🟡',
  info: '⚪'
}
const MAX_TRIPPED_LISTED = 10
const MAX_WARNINGS_LISTED = 100
const MAX_TEXT_CHARS = 4000
/** Room kept for the closing "not shown" notes. */
const TAIL_RESERVE = 2048

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8')

export function renderSummary(raw: ReportInput, opts: SummaryOptions = {}): string {
  const input = redactReport(raw)
  const maxBytes = Math.max(0, Math.floor(opts.maxBytes ?? SUMMARY_MAX_BYTES))
  const head = renderHead(input) + renderComparison(input, opts.comparison)
  const warnings = renderWarnings(input.warnings)

  // Sections that share the budget: one per check with findings, then the suppressed ones.
  const sections: Section[] = []
  const reported = checksReported(input)
  for (const check of CHECKS) {
    if (!reported.includes(check)) continue
    const findings = input.findings.filter(f => f.check === check).sort(compareByExploitation)
    const outside = opts.outsideDiff && new Set([...opts.outsideDiff].map(redactFinding))
    if (outside && outside.size > 0) {
      const inDiff = findings.filter(f => !outside.has(f))
      const elsewhere = findings.filter(f => outside.has(f))
      const section = checkSection(check, inDiff, input, findings.length)
      sections.push(section)
      if (elsewhere.length > 0) sections.push(outsideDiffSection(check, elsewhere, input, section))
    } else {
      sections.push(checkSection(check, findings, input))
    }
    for (const table of input.tables ?? [])
      if (table.check === check) sections.push(tableSection(table))
  }
  if (input.suppressed.length > 0) sections.push(suppressedSection(input.suppressed))

  const fixed = bytes(head) + bytes(warnings) + TAIL_RESERVE
  let budget = maxBytes - fixed
  if (budget < 0) return minimal(input, maxBytes)
  const sectionHeads = sections.reduce((sum, s) => sum + bytes(s.head) + 1, 0)
  budget -= sectionHeads
  if (budget < 0) return minimal(input, maxBytes)

  // Render each section only as far as the whole budget could ever show (a
  // 100,000-finding check renders ~1 MiB of blocks, not 60 MiB).
  const rendered = sections.map(section => renderUpTo(section, budget))
  const allowance = shareBudget(
    rendered.map(r => r.bytes),
    budget
  )
  const parts = [head]
  let leftOut = 0
  for (const [i, section] of sections.entries()) {
    let used = 0
    const body: string[] = []
    for (const item of (rendered[i] as Rendered).items) {
      const size = bytes(item) + 1
      if (used + size > (allowance[i] as number)) break
      used += size
      body.push(item)
    }
    const missing = section.count - body.length
    leftOut += section.countsFindings ? missing : 0
    parts.push(section.head, ...body)
    if (section.foot) parts.push(section.foot)
    if (missing > 0)
      parts.push(`\n_${plural(missing, section.noun)} not shown here (size limit)._\n`)
  }
  if (warnings) parts.push(warnings)
  if (leftOut > 0) {
    parts.push(
      `\n> [!NOTE]\n> ${plural(leftOut, 'finding')} left out of this summary to keep it under ` +
        `${formatSize(maxBytes)} (GitHub drops larger summaries). Every finding is in the SARIF file ` +
        `(\`sarif-file\`) and in \`container-gate --format json\`.\n`
    )
  }
  parts.push(
    `\n<sub>container-gate ${mdText(input.toolVersion)} · severity → annotation: ` +
      `critical/high = error, medium = warning, low/info = notice</sub>\n`
  )
  const page = parts.join('\n')
  return bytes(page) <= maxBytes ? page : minimal(input, maxBytes)
}

interface Section {
  head: string
  count: number
  item: (index: number) => string
  foot?: string
  noun: string
  /** Whether items left out count as findings left out (suppressed ones are reported apart). */
  countsFindings: boolean
}

interface Rendered {
  items: string[]
  /** Bytes of all items, or just over `limit` when rendering stopped early. */
  bytes: number
}

function renderUpTo(section: Section, limit: number): Rendered {
  const items: string[] = []
  let total = 0
  for (let i = 0; i < section.count && total <= limit; i++) {
    const item = section.item(i)
    items.push(item)
    total += bytes(item) + 1
  }
  return { items, bytes: total }
}

/**
 * Water-filling: the smallest needs are met first, and whatever a section
 * does not use is shared among the others, so a check with 3 findings is
 * never squeezed out by one with 100,000.
 */
function shareBudget(needs: readonly number[], budget: number): number[] {
  const allowance = needs.map(() => 0)
  const order = needs.map((_, i) => i).sort((a, b) => (needs[a] as number) - (needs[b] as number))
  let remaining = budget
  for (const [k, i] of order.entries()) {
    const fair = Math.floor(remaining / (order.length - k))
    const given = Math.min(needs[i] as number, fair)
    allowance[i] = given
    remaining -= given
  }
  return allowance
}

function renderHead(input: ReportInput): string {
  const { gate } = input
  const lines: string[] = []
  if (gate.passed) {
    lines.push(`## ✅ container-gate: passed`, '')
    lines.push(`No finding at or above the threshold (fail-on **${gate.failOn}**).`)
  } else {
    lines.push(`## ❌ container-gate: failed`, '')
    lines.push(
      describeTripped(gate.tripped, gate.thresholds, 'the threshold').replace(
        / at or above the threshold$/,
        ` at or above the threshold fail${gate.tripped.length === 1 ? 's' : ''} the gate`
      ) + '.'
    )
  }
  lines.push('', targetsLine(input), '')

  // Per check: threshold, counts, verdict.
  const reported = checksReported(input)
  lines.push(
    `| Check | Fail on | ${SEVERITIES.map(s => `${SEVERITY_MARK[s]} ${s}`).join(' | ')} | Suppressed | Result |`,
    `| --- | --- | ${SEVERITIES.map(() => '---:').join(' | ')} | ---: | --- |`
  )
  for (const check of CHECKS) {
    const ran = reported.includes(check)
    const threshold = gate.thresholds[check]
    const suppressed = input.suppressed.filter(s => s.finding.check === check).length
    const tripped = gate.tripped.filter(f => f.check === check)
    const counts = SEVERITIES.map(s => (ran ? String(gate.counts[check][s]) : '–'))
    const result = !ran
      ? 'not run'
      : tripped.length > 0
        ? `❌ failed: ${describeTripped(tripped, gate.thresholds, `**${threshold}**`)}`
        : threshold === 'none'
          ? '✅ passed (gate off)'
          : '✅ passed'
    lines.push(
      `| ${CHECK_TITLES[check]} | ${threshold} | ${counts.join(' | ')} | ${ran ? suppressed : '–'} | ${result} |`
    )
  }
  const total = SEVERITIES.map(s => `**${gate.totals[s]}**`)
  lines.push(
    `| **Total** | ${gate.failOn} | ${total.join(' | ')} | **${input.suppressed.length}** | ${gate.passed ? '✅ passed' : '❌ failed'} |`
  )

  if (!gate.passed) {
    lines.push('', '### Why the gate failed', '')
    const tripped = [...gate.tripped].sort(compareByExploitation)
    for (const finding of tripped.slice(0, MAX_TRIPPED_LISTED)) {
      lines.push(
        `- ${SEVERITY_MARK[finding.severity]} **${finding.severity}** ${mdCode(finding.ruleId)} ` +
          `${mdText(clip(finding.title, 200))} at ${locationHtml(finding, input)}` +
          ` (${finding.check} fails on ${gate.thresholds[finding.check]})`
      )
    }
    if (gate.tripped.length > MAX_TRIPPED_LISTED)
      lines.push(`- … and ${gate.tripped.length - MAX_TRIPPED_LISTED} more, listed below`)
  }
  lines.push('')
  return lines.join('\n')
}

/** Existing findings listed in the summary's folded section at most (the rest are counted). */
const MAX_EXISTING_LISTED = 50

/**
 * `gate-on: new` explained: how many findings were already there and where
 * that was learnt (the base commit, the baseline file), which new ones
 * tripped the gate, and the existing ones folded.
 */
function renderComparison(input: ReportInput, raw: BaselineComparison | undefined): string {
  if (!raw || raw.gateOn !== 'new') return ''
  const existing = raw.existing.map(redactFinding).sort(compareByExploitation)
  const onBase = new Set(raw.onBaseCommit.map(redactFinding))
  const inFile = new Set(raw.inBaselineFile.map(redactFinding))
  const tripped = new Set(input.gate.tripped)
  const trippedNew = raw.added.map(redactFinding).filter(f => tripped.has(f))
  const lines = ['### New findings only (`gate-on: new`)', '']
  const sources: string[] = []
  if (raw.baseSha !== undefined)
    sources.push(`**${onBase.size}** on the base commit ${mdCode(raw.baseSha.slice(0, 7))}`)
  if (raw.baselineFile !== undefined)
    sources.push(`**${inFile.size}** in the baseline ${mdCode(raw.baselineFile)}`)
  lines.push(
    `**${raw.added.length}** new, **${existing.length}** already there` +
      (sources.length > 0 ? ` (${sources.join(', ')})` : '') +
      '. Only new findings can fail the gate; the ones already there are reported, not gated.'
  )
  lines.push('')
  lines.push(
    trippedNew.length === 0
      ? `No new finding trips the gate.`
      : `${plural(trippedNew.length, 'new finding')} trip${trippedNew.length === 1 ? 's' : ''} the gate:`
  )
  if (trippedNew.length > 0) lines.push('')
  for (const f of trippedNew.sort(compareByExploitation).slice(0, MAX_TRIPPED_LISTED)) {
    lines.push(
      `- ${SEVERITY_MARK[f.severity]} **${f.severity}** ${mdCode(f.ruleId)} ${mdText(clip(f.title, 200))} at ${locationHtml(f, input)}`
    )
  }
  if (trippedNew.length > MAX_TRIPPED_LISTED)
    lines.push(`- … and ${trippedNew.length - MAX_TRIPPED_LISTED} more, listed below`)
  if (existing.length > 0) {
    lines.push(
      '',
      `<details><summary>Already there: ${plural(existing.length, 'finding')}, not gated</summary>`,
      ''
    )
    for (const f of existing.slice(0, MAX_EXISTING_LISTED)) {
      const where = [
        ...(onBase.has(f) ? ['base commit'] : []),
        ...(inFile.has(f) ? ['baseline'] : [])
      ].join(', ')
      lines.push(
        `- ${SEVERITY_MARK[f.severity]} **${f.severity}** ${mdCode(f.ruleId)} ${mdText(clip(f.title, 200))} at ${locationHtml(f, input)} (${where})`
      )
    }
    if (existing.length > MAX_EXISTING_LISTED)
      lines.push(`- … and ${existing.length - MAX_EXISTING_LISTED} more, listed below`)
    lines.push('', '</details>')
  }
  lines.push('')
  return lines.join('\n') + '\n'
}

function targetsLine(input: ReportInput): string {
  const parts: string[] = []
  const list = (items: readonly string[]): string =>
    items.slice(0, 10).map(mdCode).join(', ') +
    (items.length > 10 ? `, and ${items.length - 10} more` : '')
  if (input.targets.dockerfiles.length > 0)
    parts.push(`Dockerfiles ${list(input.targets.dockerfiles)}`)
  if (input.targets.image) parts.push(`image ${mdCode(input.targets.image)}`)
  if (input.targets.secretsPaths.length > 0)
    parts.push(`secrets in ${list(input.targets.secretsPaths)}`)
  let line = parts.length > 0 ? `Scanned: ${parts.join(' · ')}.` : 'Nothing was scanned.'
  if (input.links) {
    const { serverUrl, repository, sha } = input.links
    const url = `${serverUrl.replace(/\/+$/, '')}/${repository}/commit/${encodeURIComponent(sha)}`
    line += ` Commit <a href="${escapeAttribute(url)}">${mdText(sha.slice(0, 7))}</a>.`
  }
  return line
}

function checkSection(
  check: CheckId,
  findings: readonly Finding[],
  input: ReportInput,
  total = findings.length
): Section {
  const counts = SEVERITIES.filter(s => input.gate.counts[check][s] > 0).map(
    s => `${input.gate.counts[check][s]} ${s}`
  )
  const head =
    total === 0
      ? `\n### ${CHECK_TITLES[check]}: no findings\n`
      : `\n### ${CHECK_TITLES[check]}: ${plural(total, 'finding')} (${counts.join(', ')})\n`
  const stats = Object.entries(input.stats[check] ?? {})
    .map(([key, value]) => `${mdText(key)} ${value}`)
    .join(' · ')
  const used = new Set(findings.map(f => f.ruleId))
  const rules = input.rules.filter(r => r.check === check && used.has(r.id))
  const ruleHelp = new Map(rules.map(r => [r.id, r.help]))
  return {
    head: `${head}${stats ? `\n<sub>${stats}</sub>\n` : ''}${howToFix(rules)}`,
    count: findings.length,
    item: i => findingBlock(findings[i] as Finding, input, ruleHelp),
    noun: `${check} finding`,
    countsFindings: true
  }
}

/** A table a check added (e.g. the signer of each base image), every cell escaped. */
function tableSection(table: ReportTable): Section {
  const cell = (text: string) => mdText(clip(text, 300)) || ' '
  const head =
    `\n#### ${mdText(table.title)}\n\n| ${table.columns.map(cell).join(' | ')} |\n` +
    `| ${table.columns.map(() => '---').join(' | ')} |`
  return {
    head,
    count: table.rows.length,
    item: i => `| ${(table.rows[i] ?? []).map(cell).join(' | ')} |`,
    noun: 'row',
    countsFindings: false
  }
}

/** A check's findings outside the pull request's diff, folded under its own. */
function outsideDiffSection(
  check: CheckId,
  findings: readonly Finding[],
  input: ReportInput,
  main: Section
): Section {
  const used = new Set(findings.map(f => f.ruleId))
  const ruleHelp = new Map(
    input.rules.filter(r => r.check === check && used.has(r.id)).map(r => [r.id, r.help])
  )
  return {
    head: `\n<details><summary>${plural(findings.length, `${check} finding`)} outside this pull request's diff</summary>\n`,
    count: findings.length,
    item: i => findingBlock(findings[i] as Finding, input, ruleHelp),
    foot: '\n</details>\n',
    noun: main.noun,
    countsFindings: true
  }
}

/**
 * Each rule's help once per check (folded), instead of repeating a paragraph
 * in every finding. Rule help is our own markdown, not scanned text.
 */
function howToFix(rules: readonly RuleMeta[]): string {
  if (rules.length === 0) return ''
  const entries = rules.map(rule => {
    const aliases = rule.aliases?.length ? ` (${rule.aliases.map(mdText).join(', ')})` : ''
    const more = rule.helpUri ? `\n\n<a href="${escapeAttribute(rule.helpUri)}">More</a>` : ''
    return `${mdCode(rule.id)} **${mdText(rule.title)}**${aliases}: ${clip(stripControls(rule.help), MAX_TEXT_CHARS)}${more}`
  })
  return (
    `\n<details><summary>How to fix: ${plural(rules.length, 'rule')}</summary>\n\n` +
    `${entries.join('\n\n')}\n\n</details>\n`
  )
}

function findingBlock(
  finding: Finding,
  input: ReportInput,
  ruleHelp: ReadonlyMap<string, string>
): string {
  const summary =
    `${SEVERITY_MARK[finding.severity]} <b>${finding.severity.toUpperCase()}</b> ` +
    `${mdCode(finding.ruleId)} ${mdText(clip(finding.title, 300))} — ${locationHtml(finding, input)}`
  const body: string[] = [mdText(clip(finding.message, MAX_TEXT_CHARS))]
  // Generic rule help is in the "How to fix" fold; only help written for this finding is repeated.
  if (finding.help && finding.help !== ruleHelp.get(finding.ruleId))
    body.push(`**Fix:** ${mdText(clip(finding.help, MAX_TEXT_CHARS))}`)
  const v = finding.vulnerability
  if (v) {
    const aliases = v.aliases.length > 0 ? ` (${v.aliases.map(mdText).join(', ')})` : ''
    body.push(
      `**Package:** ${mdCode(v.package)} ${mdCode(v.version)} (${mdText(v.ecosystem)}) · ` +
        `**Fixed in:** ${v.fixedVersion ? mdCode(v.fixedVersion) : 'no fix yet'} · ` +
        `**Advisory:** <a href="https://osv.dev/vulnerability/${encodeURIComponent(v.vulnerabilityId)}">${mdText(v.vulnerabilityId)}</a>${aliases}`
    )
  }
  const props = safeProperties(finding)
  const shown = props
    ? Object.entries(props)
        .map(([key, value]) => `${mdText(key)}: ${mdCode(clip(String(value), 300))}`)
        .join(' · ')
    : ''
  body.push(
    `<sub>fingerprint ${mdCode(finding.fingerprint)}${shown ? ` · ${shown}` : ''}</sub>`,
    `<sub>To accept it, add under <code>ignore:</code> in .container-gate.yml: ${mdCode(ignoreHint(finding))}</sub>`
  )
  return `<details><summary>${summary}</summary>\n\n${body.join('\n\n')}\n\n</details>`
}

/** A config-file ignore entry (YAML flow style; JSON strings are valid YAML scalars). */
function ignoreHint(finding: Finding): string {
  const v = finding.vulnerability
  const keys = v
    ? `vulnerability: ${JSON.stringify(v.vulnerabilityId)}, package: ${JSON.stringify(v.package)}`
    : `fingerprint: ${JSON.stringify(finding.fingerprint)}`
  return `- { ${keys}, reason: "why it is accepted", expires: YYYY-MM-DD }`
}

function suppressedSection(suppressed: readonly SuppressedFinding[]): Section {
  return {
    head:
      `\n<details><summary>Suppressed: ${plural(suppressed.length, 'finding')} (not counted by the gate)</summary>\n\n` +
      `| Severity | Rule | Where | Suppressed by | Reason |\n| --- | --- | --- | --- | --- |`,
    count: suppressed.length,
    item: i => suppressedRow(suppressed[i] as SuppressedFinding),
    foot: '\n</details>\n',
    noun: 'suppressed finding',
    countsFindings: false
  }
}

function suppressedRow(s: SuppressedFinding): string {
  return (
    `| ${s.finding.severity} | ${mdCode(s.finding.ruleId)} | ${mdCode(clip(whereText(s.finding), 300))} | ` +
    `${SOURCE_TEXT[s.source]} | ${mdText(clip(s.reason, 500))} |`
  )
}

function renderWarnings(warnings: readonly string[]): string {
  if (warnings.length === 0) return ''
  const lines = [`\n### ⚠️ Warnings (${warnings.length})\n`]
  for (const warning of warnings.slice(0, MAX_WARNINGS_LISTED))
    lines.push(`- ${mdText(clip(warning, 500))}`)
  if (warnings.length > MAX_WARNINGS_LISTED)
    lines.push(`- … and ${warnings.length - MAX_WARNINGS_LISTED} more (see the step log)`)
  return lines.join('\n') + '\n'
}

function locationHtml(finding: Finding, input: ReportInput): string {
  const where = mdText(clip(whereText(finding), 300))
  const link = sourceLink(finding, input.links)
  // A secret of the image placed on the Dockerfile line that created it: say which file or variable.
  const object = finding.check === 'vulnerabilities' ? undefined : imageObjectOf(finding)
  const inImage =
    object && object.path !== '' && isCheckoutFile(finding)
      ? ` (in the image: <code>${mdText(clip(object.path, 300))}</code>)`
      : ''
  if (link) return `<a href="${escapeAttribute(link)}">${where}</a>${inImage}`
  return isCheckoutFile(finding)
    ? `<code>${where}</code>${inImage}`
    : `<code>${where}</code> (in the image)`
}

/** The verdict alone, for a budget too small for anything else. */
function minimal(input: ReportInput, maxBytes: number): string {
  const text = input.gate.passed
    ? `## ✅ container-gate: passed\n`
    : `## ❌ container-gate: failed (${describeTripped(input.gate.tripped, input.gate.thresholds, 'the threshold')}; details in the step log)\n`
  if (bytes(text) <= maxBytes) return text
  let out = ''
  for (const char of text) {
    if (bytes(out + char) > maxBytes) break
    out += char
  }
  return out
}

function clip(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

function formatSize(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`
  if (n >= 1024) return `${Math.round(n / 1024)} KiB`
  return `${n} bytes`
}
