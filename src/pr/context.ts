// What a pull_request event tells us: which PR, which commits, and whether the
// workflow token can write at all (fork and Dependabot PRs get a read-only one).

export interface PullRequestContext {
  number: number
  /** The base branch tip when the event fired (the first parent of the merge commit). */
  baseSha: string
  /** The PR head commit: check runs are attached here so they show on the PR. */
  headSha: string
  baseRef: string
  headRef: string
  /** The head branch lives in another repository (or that repository was deleted). */
  isFork: boolean
  /** The base repository: where comments and check runs go. */
  repo: { owner: string; repo: string }
  /**
   * Set when the workflow token is read-only whatever `permissions:` says
   * (`pull_request` from a fork, or opened by Dependabot): API writes are
   * skipped up front with one warning instead of failing with 403.
   */
  readOnlyReason?: string
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review'])

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
  const baseSha = str(base?.sha)
  const headSha = str(head?.sha)
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
  // pull_request_target and pull_request_review run with the base repository's token.
  if (eventName === 'pull_request') {
    if (isFork) readOnlyReason = 'this pull request comes from a fork'
    else if (sender === 'dependabot[bot]' || author === 'dependabot[bot]')
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

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}
