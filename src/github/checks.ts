// A check run carries annotations past the 10-per-type cap of workflow
// commands: GitHub takes at most 50 per request, so the first 50 go with the
// create call and the rest are appended by updates, the last one completing it.
import { SEVERITIES, type Finding, type Severity } from '../model/finding.js'
import { isDiffAddressable, repoPath } from '../pr/diff.js'
import type { PullRequestContext } from '../pr/context.js'
import { redactFinding } from '../redact/index.js'
import { GitHubApiError, type GitHubClient, type WriteOptions } from './client.js'

export const ANNOTATIONS_PER_REQUEST = 50
/** GitHub answers 422 "Only 65535 characters are allowed" past this. */
export const MAX_CHECK_SUMMARY_CHARS = 65535
const MAX_ANNOTATION_MESSAGE = 4000
const MAX_ANNOTATION_TITLE = 255

export interface CheckAnnotation {
  path: string
  start_line: number
  end_line: number
  start_column?: number
  end_column?: number
  annotation_level: 'notice' | 'warning' | 'failure'
  message: string
  title?: string
}

export interface CheckRunRequest {
  name: string
  /** The PR head (so the run shows on the PR), or GITHUB_SHA on push. */
  headSha: string
  conclusion: 'success' | 'failure' | 'neutral'
  title: string
  /** Markdown; cut to 65,535 characters with a stated count. */
  summary: string
  annotations: CheckAnnotation[]
  detailsUrl?: string
}

export interface CheckRunResult {
  id: number
  htmlUrl?: string
  annotations: number
  requests: number
}

const WRITE: WriteOptions = { permission: 'checks: write', purpose: 'the check run' }

const LEVEL: Record<Severity, CheckAnnotation['annotation_level']> = {
  critical: 'failure',
  high: 'failure',
  medium: 'warning',
  low: 'notice',
  info: 'notice'
}

/**
 * Annotations for the findings that sit in files of the checkout, most severe
 * first. Others (in-image paths, image references) cannot be annotated; they
 * are counted so the summary can say where they went.
 */
export function findingsToCheckAnnotations(
  findings: readonly Finding[],
  opts: { root?: string; isCheckoutFile?: (path: string) => boolean } = {}
): { annotations: CheckAnnotation[]; notAnnotatable: number } {
  const annotations: CheckAnnotation[] = []
  let notAnnotatable = 0
  // Most severe first; the given (canonical) order within a severity.
  const redacted = findings.map(redactFinding)
  for (const f of SEVERITIES.flatMap(s => redacted.filter(f => f.severity === s))) {
    if (!isDiffAddressable(f) || (opts.isCheckoutFile && !opts.isCheckoutFile(f.location.path))) {
      notAnnotatable++
      continue
    }
    const start = Math.max(1, f.location.line ?? 1)
    const end = Math.max(start, f.location.endLine ?? start)
    const a: CheckAnnotation = {
      path: repoPath(f.location.path, opts.root),
      start_line: start,
      end_line: end,
      annotation_level: LEVEL[f.severity],
      title: clip(`${f.title} [${f.ruleId}] (${f.severity})`, MAX_ANNOTATION_TITLE),
      message: clip(f.help ? `${f.message}\n\n${f.help}` : f.message, MAX_ANNOTATION_MESSAGE)
    }
    // Columns are only allowed on single-line annotations.
    if (start === end && f.location.column !== undefined) {
      a.start_column = f.location.column
      a.end_column = Math.max(f.location.column, f.location.endColumn ?? f.location.column)
    }
    annotations.push(a)
  }
  return { annotations, notAnnotatable }
}

/** The conclusion for a verdict: failure when the gate failed, else success. */
export function checkConclusion(passed: boolean): CheckRunRequest['conclusion'] {
  return passed ? 'success' : 'failure'
}

/**
 * Create a completed check run with every annotation, 50 per request.
 * Undefined when the token cannot write checks (one warning was logged).
 */
export async function publishCheckRun(
  client: GitHubClient,
  ctx: Pick<PullRequestContext, 'repo'>,
  run: CheckRunRequest
): Promise<CheckRunResult | undefined> {
  if (!client.canWrite) {
    client.skipped(WRITE)
    return undefined
  }
  const { owner, repo } = ctx.repo
  const batches: CheckAnnotation[][] = []
  for (let i = 0; i < run.annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    batches.push(run.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST))
  }
  const output = (annotations: CheckAnnotation[]) => ({
    title: clip(run.title, MAX_ANNOTATION_TITLE),
    summary: clipSummary(run.summary),
    ...(annotations.length > 0 ? { annotations } : {})
  })
  const done = { status: 'completed', conclusion: run.conclusion }
  const created = await client.write<{ id: number; html_url?: string }>(
    'POST',
    `/repos/${owner}/${repo}/check-runs`,
    {
      name: run.name,
      head_sha: run.headSha,
      ...(run.detailsUrl ? { details_url: run.detailsUrl } : {}),
      ...(batches.length <= 1 ? done : { status: 'in_progress' }),
      output: output(batches[0] ?? [])
    },
    WRITE
  )
  if (!created) return undefined
  let requests = 1
  let sent = batches[0]?.length ?? 0
  const path = `/repos/${owner}/${repo}/check-runs/${created.id}`
  try {
    for (let i = 1; i < batches.length; i++) {
      const last = i === batches.length - 1
      const ok = await client.write(
        'PATCH',
        path,
        { ...(last ? done : {}), output: output(batches[i]) },
        WRITE
      )
      requests++
      if (ok === undefined) break
      sent += batches[i].length
    }
  } catch (error) {
    // Never leave the run spinning "in progress" on the PR: close it, then report the failure.
    if (error instanceof GitHubApiError) {
      await client.write('PATCH', path, done, WRITE).catch(() => undefined)
    }
    throw error
  }
  return { id: created.id, htmlUrl: created.html_url, annotations: sent, requests }
}

/** Cut a summary to GitHub's limit, saying how much was left out. */
export function clipSummary(summary: string, max = MAX_CHECK_SUMMARY_CHARS): string {
  if (summary.length <= max) return summary
  const note = (cut: number) =>
    `\n\n…(${cut} more characters not shown; the full report is in the job summary)`
  let keep = max - note(summary.length).length
  // Do not split a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(summary[keep - 1] ?? '')) keep--
  return summary.slice(0, keep) + note(summary.length - keep)
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…'
}
