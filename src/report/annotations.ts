// Workflow-command annotations (::error / ::warning / ::notice). GitHub shows
// at most 10 of each level per step and 50 per job and silently drops the
// rest, so we choose which ones it shows: the most severe first, and, when
// findings do not all fit, one notice that says how many are missing and
// where to see them.

import { compareBySeverity, type Finding } from '../model/finding.js'
import { imageObjectOf, imageRefOf } from '../model/image-location.js'
import { isCheckoutFile, isInImage, levelOf, normalizePath, plural } from './common.js'
import { safeLine } from './text-safety.js'
import { redactReport } from './redact.js'
import type { ReportInput } from './types.js'

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  message: string
  title: string
  /** Only for files of the checkout (never for image-internal paths or image references). */
  file?: string
  startLine?: number
  endLine?: number
  startColumn?: number
}

export interface AnnotationLimits {
  /** Annotations GitHub shows per level per step (default 10). */
  perLevel?: number
  /** Annotations GitHub shows per job, all steps together (default 50). */
  perJob?: number
  /** Warning slots already taken by this step (run warnings, policy changes). */
  warningsUsed?: number
}

export const DEFAULT_ANNOTATION_LIMITS = { perLevel: 10, perJob: 50 } as const

type Level = Annotation['level']

const MAX_HELP_CHARS = 400

function clip(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

/**
 * The annotations to emit, in order. Severity → level: critical/high →
 * error, medium → warning, low/info → notice. Most severe first; at most
 * `perLevel` per level and `perJob` in all. When the gate failed, one error
 * slot is left free for the step's failure message (core.setFailed is an
 * error annotation too). When findings are left out, the last annotation is
 * a notice saying how many and where to find them.
 *
 * Every text field is one inert line (see safeLine); @actions/core then
 * escapes `%`, CR, LF and, in properties, `:` and `,`.
 */
export function planAnnotations(raw: ReportInput, limits: AnnotationLimits = {}): Annotation[] {
  const input = redactReport(raw)
  const perLevel = Math.max(1, limits.perLevel ?? DEFAULT_ANNOTATION_LIMITS.perLevel)
  const perJob = Math.max(1, limits.perJob ?? DEFAULT_ANNOTATION_LIMITS.perJob)
  const ordered = [...input.findings].sort(compareForSlots)
  const errorCap = input.gate.passed ? perLevel : Math.max(0, perLevel - 1)
  const used = Math.max(0, limits.warningsUsed ?? 0)
  const caps: Record<Level, number> = {
    error: errorCap,
    warning: Math.max(0, perLevel - used),
    notice: perLevel
  }

  const jobCap = Math.max(1, perJob - used)
  let plan = choose(ordered, caps, jobCap)
  if (plan.chosen.length + plan.copies < ordered.length) {
    // Make room for the overflow notice itself, then choose again.
    plan = choose(ordered, { ...caps, notice: perLevel - 1 }, jobCap - 1)
  }
  const annotations = plan.chosen.map(finding => toAnnotation(finding, input.targets.image))
  const missing = ordered.length - plan.chosen.length - plan.copies
  if (missing > 0)
    annotations.push(overflowNotice(ordered, new Set(plan.chosen), plan.copyOf, missing, input))
  return annotations
}

/** Run warnings (a config line, a glob, missing data) shown as annotations at most; the rest stay in the summary. */
export const MAX_WARNING_ANNOTATIONS = 5

/**
 * A run warning about a line of a file starts `file:line: ` (the config
 * file's ignores, deprecated keys, checks that did not run): the annotation
 * goes on that line. The caller keeps `file` only when the checkout has it.
 */
export function warningLocation(
  warning: string
): { file: string; line: number; text: string } | undefined {
  const m = /^([^\s:][^:]*):(\d+): (.+)$/s.exec(warning)
  if (!m) return undefined
  return { file: m[1]!, line: Number(m[2]), text: m[3]! }
}

/**
 * The run's warnings (expired ignores, ignores or globs that matched nothing,
 * checks that did not run, missing vulnerability data) as warning
 * annotations, so a reviewer sees them on the pull request and not only in
 * the log: at most `max`, the last one counting the rest.
 */
export function planWarningAnnotations(
  raw: ReportInput,
  max: number = MAX_WARNING_ANNOTATIONS
): Annotation[] {
  const warnings = redactReport(raw).warnings
  const shown = warnings.length > max ? Math.max(0, max - 1) : warnings.length
  const out: Annotation[] = warnings.slice(0, shown).map(warning => {
    const at = warningLocation(warning)
    const annotation: Annotation = {
      level: 'warning',
      title: 'container-gate warning',
      message: safeLine(at ? at.text : warning)
    }
    if (at) {
      annotation.file = safeLine(normalizePath(at.file))
      annotation.startLine = at.line
    }
    return annotation
  })
  if (shown < warnings.length && max > 0) {
    out.push({
      level: 'warning',
      title: `container-gate: ${plural(warnings.length - shown, 'more warning')}`,
      message: `${plural(warnings.length - shown, 'more warning')} not shown as annotations; every warning is in the job summary and the step log.`
    })
  }
  return out
}

const LEVEL_RANK: Record<Level, number> = { error: 2, warning: 1, notice: 0 }

/** A repository file and line to put the annotation on. */
function hasFileLine(finding: Finding): boolean {
  return isCheckoutFile(finding) && finding.location.line !== undefined
}

/**
 * The order slots are given in: by level (each has its own 10), then findings
 * on a repository file and line before those that can only be described
 * (inside the image), findings of the checkout before the image's, then most
 * severe first.
 */
function compareForSlots(a: Finding, b: Finding): number {
  return (
    LEVEL_RANK[levelOf(b.severity)] - LEVEL_RANK[levelOf(a.severity)] ||
    Number(hasFileLine(b)) - Number(hasFileLine(a)) ||
    // A repository file before the image's copy of it, so the copy can tell it is one.
    Number(isInImage(a)) - Number(isInImage(b)) ||
    compareBySeverity(a, b)
  )
}

interface Plan {
  chosen: Finding[]
  /** In-image copies of a secret annotated on its repository file: not annotated again. */
  copies: number
  copyOf: ReadonlySet<Finding>
}

function choose(ordered: readonly Finding[], caps: Record<Level, number>, total: number): Plan {
  const used: Record<Level, number> = { error: 0, warning: 0, notice: 0 }
  const chosen: Finding[] = []
  const copyOf = new Set<Finding>()
  const annotatedSecrets = new Set<string>()
  for (const finding of ordered) {
    const hash = finding.properties?.secretHash
    if (typeof hash === 'string' && isInImage(finding) && annotatedSecrets.has(hash)) {
      copyOf.add(finding)
      continue
    }
    if (chosen.length >= total) continue
    const level = levelOf(finding.severity)
    if (used[level] >= caps[level]) continue
    used[level]++
    chosen.push(finding)
    if (typeof hash === 'string' && !isInImage(finding)) annotatedSecrets.add(hash)
  }
  return { chosen, copies: copyOf.size, copyOf }
}

function toAnnotation(finding: Finding, imageRef?: string): Annotation {
  const title = safeLine(`${finding.title} (${finding.ruleId}, ${finding.severity})`)
  const parts = [safeLine(finding.message)]
  // Rule help can be a paragraph; the summary and SARIF carry it whole.
  if (finding.help) parts.push(`Fix: ${clip(safeLine(finding.help), MAX_HELP_CHARS)}`)
  const object = imageObjectOf(finding)
  const ref = imageRefOf(finding) ?? imageRef
  const inImage = `in the image${ref ? ` ${ref}` : ''}`
  if (!isCheckoutFile(finding)) {
    parts.push(
      `Where: ${safeLine(object ? `${inImage}: ${object.path || finding.location.path}` : finding.location.path)}`
    )
  } else if (object && object.path !== '' && finding.check !== 'vulnerabilities') {
    // Placed on the Dockerfile line that created it: say what in the image it is.
    parts.push(`In the image: ${safeLine(object.path)}`)
  }
  const annotation: Annotation = {
    level: levelOf(finding.severity),
    title,
    message: parts.join('\n')
  }
  if (isCheckoutFile(finding)) {
    annotation.file = safeLine(normalizePath(finding.location.path))
    const { line, endLine, column } = finding.location
    if (line !== undefined) {
      annotation.startLine = line
      if (endLine !== undefined && endLine > line) annotation.endLine = endLine
      else if (column !== undefined) annotation.startColumn = column
    }
  }
  return annotation
}

function overflowNotice(
  ordered: readonly Finding[],
  chosen: ReadonlySet<Finding>,
  copies: ReadonlySet<Finding>,
  missing: number,
  input: ReportInput
): Annotation {
  const bySeverity = new Map<string, number>()
  for (const finding of ordered) {
    if (chosen.has(finding) || copies.has(finding)) continue
    bySeverity.set(finding.severity, (bySeverity.get(finding.severity) ?? 0) + 1)
  }
  const breakdown = [...bySeverity].map(([severity, n]) => `${n} ${severity}`).join(', ')
  const where = input.links ? 'the job summary of this run' : 'the job summary'
  return {
    level: 'notice',
    title: `container-gate: ${plural(missing, 'more finding')} not annotated`,
    message:
      `${plural(missing, 'more finding')} (${breakdown}) not shown as annotations: ` +
      `GitHub shows at most 10 annotations of each level per step and 50 per job. ` +
      `See ${where} for every finding, or the SARIF file (sarif-file) in code scanning.`
  }
}
