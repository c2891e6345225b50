// A small GitHub REST client over fetch. Reads throw GitHubApiError; writes
// are best-effort: without a usable token (none, read-only on a fork PR, or
// refused once with 401/403) every later write is skipped, and one warning
// says which permission is missing. Nothing here ever changes the verdict.

export class GitHubApiError extends Error {
  override name = 'GitHubApiError'
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly apiMessage: string
  ) {
    super(`GitHub API ${method} ${path} returned ${status}${apiMessage ? `: ${apiMessage}` : ''}`)
  }
}

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
  /** For tests and proxies; defaults to the global fetch. */
  fetch?: typeof fetch
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number
  /** Wait before the one retry of an idempotent request (default 1 s). */
  retryDelayMs?: number
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
  private readonly doFetch: typeof fetch
  private readonly timeoutMs: number
  private readonly readOnlyReason?: string
  private readonly retryDelayMs: number
  private writesDisabled = false
  private warned = false

  constructor(opts: GitHubClientOptions) {
    this.token = opts.token || undefined
    this.base = opts.apiUrl.replace(/\/+$/, '')
    this.warn = opts.warn
    this.doFetch = opts.fetch ?? fetch
    this.timeoutMs = opts.timeoutMs ?? 30000
    this.readOnlyReason = opts.readOnlyReason
    this.retryDelayMs = opts.retryDelayMs ?? 1000
  }

  /** False once writes are known to be impossible (no token, read-only token, a 401/403). */
  get canWrite(): boolean {
    return !this.writesDisabled && this.token !== undefined && this.readOnlyReason === undefined
  }

  /** GET one resource. */
  async get<T>(path: string): Promise<T> {
    return (await this.send<T>('GET', path)).data
  }

  /** GET every page of a list endpoint (follows `Link: rel="next"`). */
  async getAll<T>(path: string): Promise<T[]> {
    const items: T[] = []
    let url: string | undefined = withQuery(path, 'per_page', '100')
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const res: { data: T[]; next?: string } = await this.send<T[]>('GET', url)
      if (!Array.isArray(res.data)) throw new GitHubApiError(200, 'GET', url, 'expected a list')
      items.push(...res.data)
      url = res.next
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
      return (await this.send<T>(method, path, body)).data
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

  /**
   * One retry for idempotent requests (GET, PATCH, PUT) after a network error
   * or a 502/503/504: GitHub's front ends drop the odd request. POST is never
   * retried, so a comment or check run is never created twice.
   */
  private async send<T>(
    method: string,
    pathOrUrl: string,
    body?: unknown
  ): Promise<{ data: T; next?: string }> {
    try {
      return await this.sendOnce<T>(method, pathOrUrl, body)
    } catch (error) {
      const transient =
        error instanceof GitHubApiError &&
        [0, 502, 503, 504].includes(error.status) &&
        method !== 'POST'
      if (!transient || /outside the API URL/.test(error.apiMessage)) throw error
      await new Promise(resolve => setTimeout(resolve, this.retryDelayMs))
      return this.sendOnce<T>(method, pathOrUrl, body)
    }
  }

  private async sendOnce<T>(
    method: string,
    pathOrUrl: string,
    body?: unknown
  ): Promise<{ data: T; next?: string }> {
    const url = this.resolve(pathOrUrl)
    const headers: Record<string, string> = {
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': 'container-gate'
    }
    if (this.token) headers.authorization = `Bearer ${this.token}`
    if (body !== undefined) headers['content-type'] = 'application/json; charset=utf-8'
    const shown = displayPath(url, this.base)
    let res: Response
    try {
      res = await this.doFetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs)
      })
    } catch (error) {
      const why =
        error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error)
      throw new GitHubApiError(0, method, shown, `request failed (${why})`)
    }
    const text = await res.text()
    if (!res.ok) {
      let message = ''
      try {
        message = String((JSON.parse(text) as { message?: unknown }).message ?? '')
      } catch {
        message = text.slice(0, 200)
      }
      if (res.status === 403 && res.headers.get('x-ratelimit-remaining') === '0') {
        message = `rate limit exceeded${message ? ` (${message})` : ''}`
      }
      throw new GitHubApiError(res.status, method, shown, message.replace(/\s+/g, ' ').trim())
    }
    let data: T
    try {
      data = (text ? JSON.parse(text) : undefined) as T
    } catch {
      throw new GitHubApiError(res.status, method, shown, 'the response is not JSON')
    }
    return { data, next: nextLink(res.headers.get('link')) }
  }

  private resolve(pathOrUrl: string): string {
    if (/^https?:\/\//i.test(pathOrUrl)) {
      // Pagination links are absolute; only follow them to the same API host (never leak the token).
      if (!pathOrUrl.startsWith(this.base + '/')) {
        throw new GitHubApiError(
          0,
          'GET',
          pathOrUrl,
          'refusing to follow a link outside the API URL'
        )
      }
      return pathOrUrl
    }
    return `${this.base}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`
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

function withQuery(path: string, key: string, value: string): string {
  if (new RegExp(`[?&]${key}=`).test(path)) return path
  return `${path}${path.includes('?') ? '&' : '?'}${key}=${value}`
}

/** The `rel="next"` URL of a Link header. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined
  for (const part of header.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim())
    if (m && m[2].split(/\s+/).includes('next')) return m[1]
  }
  return undefined
}

function displayPath(url: string, base: string): string {
  const path = url.startsWith(base) ? url.slice(base.length) : url
  return path.replace(/\?.*$/, '')
}
