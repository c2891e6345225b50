// The GitHub REST API for the PR channels, through Octokit (@actions/github,
// with retries and rate-limit handling: see octokit.ts). Reads throw GitHubApiError; writes
// are best-effort: without a usable token (none, read-only on a fork PR, or
// refused once with 401/403) every later write is skipped, and one warning
// says which permission is missing. Nothing here ever changes the verdict.

import { displayPath, GitHubApiError } from './api-error.js'
import type { GitHubOctokit } from './octokit.js'

export { GitHubApiError } from './api-error.js'

export interface GitHubClientOptions {
  token?: string
  /** GITHUB_API_URL: https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server. */
  apiUrl: string
  /** One line for the log (core.warning). */
  warn: (line: string) => void
  /**
   * Set when the token is known to be read-only (fork PR, Dependabot): writes
   * are skipped without being tried. Says why, e.g. "this pull request comes from a fork".
   */
  readOnlyReason?: string
  /** For tests; defaults to the global fetch (and so to the proxy dispatcher). */
  fetch?: typeof fetch
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number
  /** Wait before the one retry of an idempotent request (default 1 s). */
  retryDelayMs?: number
  /** For tests: the pause between writes (default GitHub's advice: 1 s, 3 s before a comment). */
  writeSpacingMs?: number
}

export interface WriteOptions {
  /** The permission this write needs, as written in a workflow's `permissions:` block. */
  permission: string
  /** What the write is for, for the warning ("the PR comment"). */
  purpose: string
}

const MAX_PAGES = 50

export class GitHubClient {
  private readonly token?: string
  private readonly base: string
  private readonly warn: (line: string) => void
  private readonly fetch?: typeof fetch
  private readonly timeoutMs: number
  private readonly readOnlyReason?: string
  private readonly retryDelayMs: number
  private readonly writeSpacingMs?: number
  private octokit?: Promise<GitHubOctokit>
  private writesDisabled = false
  private warned = false

  constructor(opts: GitHubClientOptions) {
    this.token = opts.token || undefined
    this.base = opts.apiUrl.replace(/\/+$/, '')
    this.warn = opts.warn
    this.fetch = opts.fetch
    this.timeoutMs = opts.timeoutMs ?? 30000
    this.readOnlyReason = opts.readOnlyReason
    this.retryDelayMs = opts.retryDelayMs ?? 1000
    this.writeSpacingMs = opts.writeSpacingMs
  }

  /** False once writes are known to be impossible (no token, read-only token, a 401/403). */
  get canWrite(): boolean {
    return !this.writesDisabled && this.token !== undefined && this.readOnlyReason === undefined
  }

  /** GET one resource. */
  async get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path)
  }

  /** GET every page of a list endpoint (octokit.paginate follows `Link: rel="next"`), at most MAX_PAGES. */
  async getAll<T>(path: string): Promise<T[]> {
    const octokit = await this.api()
    const items: T[] = []
    let pages = 0
    try {
      for await (const page of octokit.paginate.iterator(`GET ${path}`, { per_page: 100 })) {
        if (!Array.isArray(page.data)) throw new GitHubApiError(200, 'GET', path, 'expected a list')
        items.push(...(page.data as T[]))
        if (++pages >= MAX_PAGES) break
      }
    } catch (error) {
      throw this.apiError(error, 'GET', path)
    }
    return items
  }

  /**
   * POST/PATCH/PUT. Returns undefined when the write was skipped (see the
   * class comment); throws GitHubApiError for other failures (422, 5xx, …).
   */
  async write<T>(
    method: 'POST' | 'PATCH' | 'PUT',
    path: string,
    body: unknown,
    opts: WriteOptions
  ): Promise<T | undefined> {
    if (!this.canWrite) {
      this.skipped(opts)
      return undefined
    }
    try {
      return await this.send<T>(method, path, body)
    } catch (error) {
      if (error instanceof GitHubApiError && (error.status === 401 || error.status === 403)) {
        this.refused(error, opts)
        return undefined
      }
      throw error
    }
  }

  /** A 401/403 on a request made for a write: no more writes, one warning. */
  refused(error: GitHubApiError, opts: WriteOptions): void {
    this.writesDisabled = true
    this.warnOnce(refusal(error, opts))
  }

  /** Record that a write could not happen, warning once for the whole run. */
  skipped(opts: WriteOptions): void {
    if (this.readOnlyReason) {
      this.warnOnce(
        `${this.readOnlyReason}, so the workflow token is read-only and cannot have \`${opts.permission}\`: skipping ${opts.purpose} and any other GitHub API write. ${UNAFFECTED}`
      )
    } else if (!this.token) {
      this.warnOnce(
        `no github-token, so ${opts.purpose} cannot be written (it needs a token with \`${opts.permission}\`); skipping GitHub API writes. ${UNAFFECTED}`
      )
    }
    // writesDisabled: the refusal was already reported.
  }

  private warnOnce(line: string): void {
    if (this.warned) return
    this.warned = true
    this.warn(line)
  }

  private api(): Promise<GitHubOctokit> {
    this.octokit ??= import('./octokit.js').then(m =>
      m.createOctokit({
        token: this.token,
        baseUrl: this.base,
        warn: this.warn,
        fetch: this.fetch,
        timeoutMs: this.timeoutMs,
        retryDelayMs: this.retryDelayMs,
        writeSpacingMs: this.writeSpacingMs
      })
    )
    return this.octokit
  }

  /**
   * One request. The retry plugin retries once after a network error or a 5xx,
   * except for POST: a comment or check run is never created twice.
   */
  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const octokit = await this.api()
    try {
      const res = await octokit.request(`${method} ${path}`, {
        ...(body === undefined ? {} : { data: body }),
        ...(method === 'POST' ? { request: { retries: 0 } } : {})
      })
      if (typeof res.data === 'string' && res.data !== '') {
        throw new GitHubApiError(
          res.status,
          method,
          displayPath(path, ''),
          'the response is not JSON'
        )
      }
      return res.data as T
    } catch (error) {
      throw this.apiError(error, method, path)
    }
  }

  /** Octokit's RequestError (or a network failure) as one GitHubApiError line. */
  private apiError(error: unknown, method: string, path: string): GitHubApiError {
    if (error instanceof GitHubApiError) return error
    const e = error as {
      status?: unknown
      message?: unknown
      request?: { url?: string }
      response?: { data?: unknown; headers?: Record<string, string | number | undefined> }
    }
    const shown = e.request?.url ? displayPath(e.request.url, this.base) : displayPath(path, '')
    if (!e.response) {
      // Octokit puts the cause's message (ECONNREFUSED, a timeout) in its own.
      const why = e.message === undefined ? String(error) : String(e.message)
      return new GitHubApiError(0, method, shown, `request failed (${why})`)
    }
    const status = typeof e.status === 'number' ? e.status : 0
    const data = e.response.data
    let message =
      data && typeof data === 'object' && 'message' in data
        ? String((data as { message?: unknown }).message ?? '')
        : typeof data === 'string'
          ? data.slice(0, 200)
          : ''
    if (
      (status === 403 || status === 429) &&
      String(e.response.headers?.['x-ratelimit-remaining']) === '0'
    ) {
      message = `rate limit exceeded${message ? ` (${message})` : ''}`
    }
    return new GitHubApiError(status, method, shown, message.replace(/\s+/g, ' ').trim())
  }
}

const UNAFFECTED = 'Annotations, the job summary, SARIF, outputs and the gate work as usual.'

function refusal(error: GitHubApiError, opts: WriteOptions): string {
  if (/rate limit/i.test(error.apiMessage)) {
    return `GitHub API rate limit reached while writing ${opts.purpose} (${error.method} ${error.path}); skipping further GitHub API writes. ${UNAFFECTED}`
  }
  const what =
    error.status === 401
      ? 'the github-token was rejected (401)'
      : `the token lacks \`${opts.permission}\` (${error.method} ${error.path} returned 403${error.apiMessage ? `: ${error.apiMessage}` : ''})`
  return `cannot write ${opts.purpose}: ${what}. Add \`permissions: ${opts.permission}\` to the job (fork pull requests always get a read-only token); skipping further GitHub API writes. ${UNAFFECTED}`
}
