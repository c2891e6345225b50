// What a pull_request event tells us: which PR, which commits, and whether the
// workflow token can write at all (fork and Dependabot PRs get a read-only one).
import type { PullRequestContext } from '../model/runner.js'

export type { PullRequestContext } from '../model/runner.js'

const PR_EVENTS = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment'
])

/**
 * The PR behind a pull_request-like event, or undefined for any other event
 * (push, schedule, workflow_dispatch…) or a payload missing the fields.
 */
export function readPullRequestContext(
  eventName: string,
  eventPayload: unknown
): PullRequestContext | undefined {
  if (!PR_EVENTS.has(eventName)) return undefined
  const payload = asRecord(eventPayload)
  const pr = asRecord(payload?.pull_request)
  const base = asRecord(pr?.base)
  const head = asRecord(pr?.head)
  const number = typeof pr?.number === 'number' ? pr.number : Number(payload?.number)
  // Commit ids go to git: only hex ids are taken (an `--output=…` "sha" is no pull request).
  const baseSha = hexSha(base?.sha)
  const headSha = hexSha(head?.sha)
  if (!pr || !Number.isInteger(number) || number <= 0 || !baseSha || !headSha) return undefined

  const baseRepo = asRecord(base?.repo) ?? asRecord(payload?.repository)
  const fullName = str(baseRepo?.full_name) ?? str(asRecord(payload?.repository)?.full_name)
  const [owner, repo] = (fullName ?? '').split('/')
  if (!owner || !repo) return undefined
  // A deleted fork leaves head.repo null: treat it as a fork (it certainly is not this repo).
  const headFullName = str(asRecord(head?.repo)?.full_name)
  const isFork =
    headFullName === undefined || headFullName.toLowerCase() !== fullName!.toLowerCase()

  const sender = str(asRecord(payload?.sender)?.login)
  const author = str(asRecord(pr.user)?.login)
  let readOnlyReason: string | undefined
  // Only pull_request_target runs with the base repository's token; every other event of a
  // fork's pull request (pull_request, pull_request_review, …) gets a read-only one.
  if (eventName !== 'pull_request_target') {
    if (isFork) readOnlyReason = 'this pull request comes from a fork'
    else if (
      eventName === 'pull_request' &&
      (sender === 'dependabot[bot]' || author === 'dependabot[bot]')
    )
      readOnlyReason = 'this pull request event was triggered by Dependabot'
  }

  return {
    number,
    baseSha,
    headSha,
    baseRef: str(base?.ref) ?? '',
    headRef: str(head?.ref) ?? '',
    isFork,
    repo: { owner, repo },
    ...(readOnlyReason ? { readOnlyReason } : {})
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

function hexSha(value: unknown): string | undefined {
  return typeof value === 'string' && /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/i.test(value)
    ? value
    : undefined
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}
