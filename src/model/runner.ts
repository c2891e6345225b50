// What the runner tells us about this run, parsed once at the edge (main.ts
// for the action; the CLI has none) and passed down: nothing below the edge
// reads GITHUB_* variables or the event file.

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
   * (any event for a fork's pull request but pull_request_target, or one
   * opened by Dependabot): API writes are skipped up front with one warning
   * instead of failing with 403.
   */
  readOnlyReason?: string
}

export interface RunnerContext {
  /** GITHUB_EVENT_NAME ('' outside Actions). */
  eventName: string
  /** The event payload, or undefined when there is none or it could not be read. */
  event?: unknown
  /** Why the event payload could not be read (one warning, once). */
  eventError?: string
  /** owner/name of the repository the workflow runs in. */
  repository?: { owner: string; repo: string }
  /** GITHUB_REPOSITORY_ID: the repository's numeric id (stable across renames). */
  repositoryId?: string
  serverUrl: string
  apiUrl: string
  /** GITHUB_SHA: on pull requests the merge commit. */
  sha?: string
  /** The commit reviewers read: the PR head on pull requests, else GITHUB_SHA. */
  headSha?: string
  workspace: string
  /** RUNNER_TEMP when set (cleaned after the job), else the OS temp directory. */
  tempDir: string
  /** Set on pull_request-like events whose payload names the PR. */
  pr?: PullRequestContext
  workflow: string
  job: string
  /** GITHUB_ACTION: the step's id. */
  action: string
  runId?: string
  runAttempt?: string
  /** The step's inputs as the runner passed them (INPUT_<NAME>), for telling matrix legs apart. */
  inputs: Record<string, string>
}
