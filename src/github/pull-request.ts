// The pull-request channels in two calls for the action's main: prepare()
// after the scan (event, baseline, diff, gate-on), publish() after the
// summary is rendered (check run, sticky comment). Every failure here is a
// warning: the verdict and the other channels never depend on the GitHub API.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { errorMessage } from '../model/errors.js'
import type { Finding } from '../model/finding.js'
import { makeFingerprint } from '../model/fingerprint.js'
import type { BaselineComparison, ReportInput } from '../report/types.js'
import { buildBaseline, mergeBaselines, splitNewExisting, type Baseline } from '../pr/baseline.js'
import { repositoryPrefix, withBaseCheckout } from '../pr/base-tree.js'
import { commentMarker, renderPrComment, runSummaryUrl } from '../pr/comment.js'
import type { PullRequestContext, RunnerContext } from '../model/runner.js'
import {
  changedLinesFromGit,
  partitionByDiff,
  type ChangedLines,
  type FilterMode
} from '../pr/diff.js'
import { gateOnNewFindings } from '../pr/gate-on.js'
import type { PullRequestSettings } from '../pr/settings.js'

export type { PullRequestSettings } from '../pr/settings.js'
import {
  checkConclusion,
  clipSummary,
  findingsToCheckAnnotations,
  publishCheckRun,
  type CheckRunResult
} from './checks.js'
import { GitHubClient, type WriteOptions } from './client.js'
import { upsertStickyComment } from './comments.js'
import { changedLinesFromApi } from './files.js'

/** GitHub's PR files API stops listing after this many files. */
const API_FILE_LIMIT = 3000

export interface PullRequestIo {
  workspace: string
  warn: (line: string) => void
  info?: (line: string) => void
  /**
   * Scan the base commit's tree (a directory) with the same config, no image,
   * and return the findings after ignores. When given, on pull requests the
   * base commit's findings join the baseline.
   */
  scanBase?: (dir: string) => Promise<Finding[]>
  /** For tests; defaults to the global fetch. */
  fetch?: typeof fetch
  /** For tests: the pause between GitHub API writes (default GitHub's advice, see octokit.ts). */
  writeSpacingMs?: number
}

export interface PreparedPullRequest {
  ctx?: PullRequestContext
  client: GitHubClient
  /** The report to publish everywhere: with `gate-on: new`, its gate counts only new findings. */
  report: ReportInput
  /** New vs already present (all new when there is no baseline). */
  split: { added: Finding[]; existing: Finding[] }
  baselineUsed: boolean
  /** Where the existing findings were found (base commit, baseline file), for the summary and comment. */
  comparison?: BaselineComparison
  filterMode: FilterMode
  changed?: ChangedLines
  /** What annotations show (the filter mode applied). */
  inDiff: Finding[]
  /** Outside the diff: only in the job summary, folded. */
  outside: Finding[]
  /** The scan directory inside the repository ('' at the root). */
  root: string
}

export async function preparePullRequest(
  report: ReportInput,
  settings: PullRequestSettings,
  runner: RunnerContext,
  io: PullRequestIo
): Promise<PreparedPullRequest> {
  const ctx = runner.pr
  if (runner.eventError && runner.eventName.startsWith('pull_request')) io.warn(runner.eventError)
  const client = new GitHubClient({
    token: settings.githubToken,
    apiUrl: runner.apiUrl,
    warn: io.warn,
    readOnlyReason: ctx?.readOnlyReason,
    fetch: io.fetch,
    writeSpacingMs: io.writeSpacingMs
  })
  const root = await repositoryPrefix(io.workspace)

  // Baseline: the committed file and/or the base commit's findings.
  const baselines: Baseline[] = settings.baseline ? [settings.baseline] : []
  let baseCommit: Baseline | undefined
  if (ctx && io.scanBase && (settings.gateOn === 'new' || settings.prComment)) {
    // Only gate-on new depends on it; for the comment alone it is a nicety.
    const note = settings.gateOn === 'new' ? io.warn : (io.info ?? (() => undefined))
    try {
      const base = await withBaseCheckout(io.workspace, ctx.baseSha, io.scanBase, {
        tempDir: runner.tempDir
      })
      if (base) {
        baseCommit = buildBaseline(base)
        baselines.push(baseCommit)
        io.info?.(
          `Base commit ${ctx.baseSha.slice(0, 12)}: ${base.length} finding(s) already there`
        )
      } else {
        note(
          `could not check out the base commit ${ctx.baseSha.slice(0, 12)} to find what was already there; comparing with the baseline file only`
        )
      }
    } catch (error) {
      note(`could not scan the base commit ${ctx.baseSha.slice(0, 12)}: ${errorMessage(error)}`)
    }
  }
  const baseline = baselines.length > 0 ? mergeBaselines(...baselines) : undefined
  const split = baseline
    ? splitNewExisting(report.findings, baseline)
    : { added: [...report.findings], existing: [] }
  if (settings.gateOn === 'new' && !baseline) {
    io.warn(
      'gate-on is `new` but there is no baseline (no baseline file, and no pull request base commit to compare with): every finding counts as new'
    )
  }
  const comparison: BaselineComparison | undefined = baseline
    ? {
        gateOn: settings.gateOn,
        added: split.added,
        existing: split.existing,
        onBaseCommit: baseCommit ? splitNewExisting(split.existing, baseCommit).existing : [],
        inBaselineFile: settings.baseline
          ? splitNewExisting(split.existing, settings.baseline).existing
          : [],
        ...(baseCommit && ctx ? { baseSha: ctx.baseSha } : {}),
        ...(settings.baseline ? { baselineFile: settings.baselineName ?? 'the baseline file' } : {})
      }
    : undefined
  const published =
    settings.gateOn === 'new'
      ? { ...report, gate: gateOnNewFindings(report.gate, split.added) }
      : report

  // Diff: local history first (no API call), then the PR files API.
  let filterMode: FilterMode = settings.filterMode ?? (ctx ? 'added' : 'nofilter')
  let changed: ChangedLines | undefined
  if (filterMode !== 'nofilter') {
    if (!ctx) {
      io.info?.(`filter-mode ${filterMode} applies to pull requests only; showing every finding`)
      filterMode = 'nofilter'
    } else {
      try {
        changed = await changedLinesFromGit(io.workspace, ctx.baseSha, 'HEAD')
      } catch (error) {
        // A diff past git's output cap (util/git.ts): say so, and ask the API instead.
        io.warn(
          `could not diff the pull request locally: ${errorMessage(error)}; using the pull request files API`
        )
      }
      if (!changed) {
        try {
          changed = await changedLinesFromApi(client, ctx)
          if (changed.size >= API_FILE_LIMIT) {
            io.warn(
              `the pull request files API lists at most ${API_FILE_LIMIT} files; findings in files past that count as outside the diff (fetch the base commit, or use a deeper checkout, to diff locally)`
            )
          }
        } catch (error) {
          io.warn(
            `could not learn the pull request's changed lines (${errorMessage(error)}); annotating every finding (filter-mode nofilter)`
          )
          filterMode = 'nofilter'
        }
      }
    }
  }
  const { inDiff, outside } =
    changed && filterMode !== 'nofilter'
      ? partitionByDiff(published.findings, changed, filterMode, { root })
      : { inDiff: [...published.findings], outside: [] }

  return {
    ctx,
    client,
    report: published,
    split,
    baselineUsed: baseline !== undefined,
    comparison,
    filterMode,
    changed,
    inDiff,
    outside,
    root
  }
}

export interface PublishedPullRequest {
  comment?: 'created' | 'updated' | 'unchanged' | 'skipped'
  checkRun?: CheckRunResult
  /** Emit these as workflow-command annotations (all of inDiff unless the check run carried them). */
  commandAnnotations: Finding[]
}

export async function publishPullRequest(
  prep: PreparedPullRequest,
  settings: PullRequestSettings,
  runner: RunnerContext,
  io: PullRequestIo & { summaryMarkdown?: string }
): Promise<PublishedPullRequest> {
  const result: PublishedPullRequest = { commandAnnotations: prep.inDiff }
  const { report, ctx, client } = prep
  const variant = settings.commentKey ?? scanVariant(runner.inputs, report)
  const repo = ctx?.repo ?? runner.repository
  // A token known to be unusable: one warning naming every permission the configured writes need.
  const wanted: WriteOptions[] = []
  if (settings.annotations === 'check-run' && repo)
    wanted.push({ permission: 'checks: write', purpose: 'the check run' })
  if (settings.prComment && ctx)
    wanted.push({ permission: 'pull-requests: write', purpose: 'the PR comment' })
  if (wanted.length > 0 && !client.canWrite) {
    client.skipped({
      permission: wanted.map(w => w.permission).join('` and `'),
      purpose: wanted.map(w => w.purpose).join(' and ')
    })
  }

  if (settings.annotations === 'check-run' && repo) {
    const headSha = ctx?.headSha ?? runner.sha ?? ''
    const { annotations, notAnnotatable } = findingsToCheckAnnotations(prep.inDiff, {
      root: prep.root,
      isCheckoutFile: path => existsSync(resolve(io.workspace, path))
    })
    const tripped = report.gate.tripped.length
    let summary =
      io.summaryMarkdown ??
      renderPrComment(report, prep.split, {
        marker: '',
        summaryUrl: runSummaryUrl(runner),
        gateOn: settings.gateOn,
        baseline: prep.baselineUsed,
        comparison: prep.comparison,
        configFile: settings.configFile
      })
    if (notAnnotatable > 0)
      summary = `${notAnnotatable} finding(s) are not in files of the checkout (image contents) and are listed below rather than annotated.\n\n${summary}`
    try {
      result.checkRun = await publishCheckRun(
        client,
        { repo },
        {
          name: settings.commentKey ? `container-gate (${settings.commentKey})` : 'container-gate',
          headSha,
          conclusion: checkConclusion(report.gate.passed),
          title: report.gate.passed
            ? 'passed'
            : `${tripped} finding${tripped === 1 ? '' : 's'} fail the gate`,
          summary: clipSummary(summary),
          annotations,
          detailsUrl: runSummaryUrl(runner)
        }
      )
    } catch (error) {
      io.warn(
        `could not write the check run: ${errorMessage(error)}; using workflow-command annotations instead`
      )
    }
    // Like reviewdog on forks: without a check run, fall back to workflow commands.
    if (result.checkRun) result.commandAnnotations = []
  }

  if (settings.prComment) {
    if (!ctx) {
      io.info?.('pr-comment: this run is not for a pull request; no comment written')
    } else {
      const marker = commentMarker(runner.workflow, runner.job, runner.action, variant)
      const body = renderPrComment(report, prep.split, {
        marker,
        summaryUrl: runSummaryUrl(runner),
        gateOn: settings.gateOn,
        baseline: prep.baselineUsed,
        comparison: prep.comparison,
        configFile: settings.configFile
      })
      try {
        result.comment = await upsertStickyComment(client, ctx, marker, body)
      } catch (error) {
        io.warn(`could not write the PR comment: ${errorMessage(error)}`)
      }
    }
  }
  return result
}

/**
 * The default comment variant: what this step scans. Matrix legs that scan
 * another image, platform, Dockerfile set or config get their own comment
 * (the inputs as the runner passes them); the report's targets stand in when
 * there are no inputs (the CLI, tests).
 */
export function scanVariant(inputs: Record<string, string>, report: ReportInput): string {
  const names = ['IMAGE', 'PLATFORM', 'DOCKERFILE', 'SECRETS-PATH', 'CONFIG']
  const values = names.map(name => (inputs[name] ?? '').trim())
  if (values.some(value => value !== '')) return makeFingerprint('inputs', ...values)
  const t = report.targets
  return makeFingerprint('targets', t.image ?? '', ...t.dockerfiles, '|', ...t.secretsPaths)
}
