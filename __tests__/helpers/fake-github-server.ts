// A small stand-in for the GitHub REST API on 127.0.0.1, speaking the
// endpoints container-gate uses: issue comments (list/create/update),
// pull request files (paginated), check runs (create/update). It enforces
// GitHub's own limits (65,536-character comments, 50 annotations per request,
// 65,535-character check summaries, 401 without a token, 403 for a read-only
// token) and records every request so tests can assert the exact calls.
//
// Self-contained (node: built-ins only) so it also runs as its own process:
// the e2e tests spawn dist/index.js synchronously, which would block a server
// living in the test process. Use startFakeGitHubProcess() there.
import { spawn } from 'node:child_process'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dirname, join } from 'node:path'

export interface RecordedRequest {
  method: string
  /** Path without the API prefix and without the query, e.g. /repos/o/r/check-runs. */
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  body: string
  json?: unknown
}

export interface FakePullFile {
  filename: string
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged'
  patch?: string
  previous_filename?: string
}

export interface FakeComment {
  id: number
  body: string
  user: { login: string; type: string }
}

export interface FakeCheckRun {
  id: number
  name: string
  head_sha: string
  status: string
  conclusion?: string
  output: { title?: string; summary?: string }
  annotations: unknown[]
}

export interface FakeGitHubOptions {
  /** API path prefix, e.g. /api/v3 as on GitHub Enterprise Server. */
  prefix?: string
  /** Every POST/PATCH gets 403 "Resource not accessible by integration" (a read-only token). */
  readOnly?: boolean
  /** 403 only for these endpoint kinds (a token missing one permission). */
  forbid?: ('comments' | 'checks')[]
  /** PR number → its files, served by GET /repos/:o/:r/pulls/:n/files. */
  pullFiles?: Record<string, FakePullFile[]>
  /** Answer this many requests (from the first) with 502 Bad Gateway, as GitHub's front ends sometimes do. */
  badGateway?: number
  /**
   * Answer this many writes (from the first) as GitHub does past a rate limit:
   * `secondary` (too many writes too fast) is 403 "You have exceeded a
   * secondary rate limit" with `retry-after` (seconds, default 1); `primary`
   * (the hourly quota used up) is 403 with `x-ratelimit-remaining: 0` and the
   * reset an hour away.
   */
  rateLimit?: { kind: 'primary' | 'secondary'; writes: number; retryAfter?: number }
  /**
   * `cursor`: list endpoints page by an opaque `after` cursor (as GitHub's newer
   * endpoints do) and refuse `page=`: only a client that follows the Link
   * header gets past the first page. Default: `page` numbers.
   */
  pagination?: 'page' | 'cursor'
  /** PR number → comments already on it. */
  comments?: Record<string, { body: string; login?: string; type?: string }[]>
  /**
   * Who the token is. Default: the workflow's GITHUB_TOKEN, an installation
   * token: GET /user answers 403 and comments are written as
   * github-actions[bot]. With a login (a personal access token): GET /user
   * answers it and comments are written as that user.
   */
  viewer?: { login: string }
  /** GET /user answers this status instead (e.g. 500: who the token is cannot be told). */
  viewerStatus?: number
}

export interface FakeGitHubState {
  comments: Record<string, FakeComment[]>
  checkRuns: FakeCheckRun[]
}

export interface FakeGitHub {
  /** What GITHUB_API_URL should be (includes the prefix). */
  url: string
  requests: RecordedRequest[]
  state: FakeGitHubState
  close(): Promise<void>
}

const FORBIDDEN = {
  message: 'Resource not accessible by integration',
  documentation_url: 'https://docs.github.com/rest',
  status: '403'
}

export async function startFakeGitHub(opts: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const prefix = (opts.prefix ?? '').replace(/\/+$/, '')
  const requests: RecordedRequest[] = []
  const state: FakeGitHubState = { comments: {}, checkRuns: [] }
  let nextId = 1000
  for (const [pr, list] of Object.entries(opts.comments ?? {})) {
    state.comments[pr] = list.map(c => ({
      id: nextId++,
      body: c.body,
      user: { login: c.login ?? 'someone', type: c.type ?? 'User' }
    }))
  }
  let base = ''
  let badGateway = opts.badGateway ?? 0
  let limitedWrites = opts.rateLimit?.writes ?? 0

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      try {
        handle(req, res, body)
      } catch (error) {
        send(res, 500, { message: String(error) })
      }
    })
  })

  function handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === '/_fake/requests') return send(res, 200, requests)
    if (url.pathname === '/_fake/state') return send(res, 200, state)
    const method = req.method ?? 'GET'
    if (prefix && !url.pathname.startsWith(prefix + '/'))
      return send(res, 404, { message: 'Not Found' })
    const path = url.pathname.slice(prefix.length)
    let json: unknown
    if (body) {
      try {
        json = JSON.parse(body)
      } catch {
        return send(res, 400, { message: 'Problems parsing JSON' })
      }
    }
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(req.headers))
      headers[k] = Array.isArray(v) ? v.join(', ') : (v ?? '')
    requests.push({
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers,
      body,
      json
    })
    if (badGateway > 0) {
      badGateway--
      return send(res, 502, { message: 'Server Error' })
    }

    const isWrite = method !== 'GET'
    if (isWrite && !/^(Bearer|token) \S+/.test(headers.authorization ?? '')) {
      return send(res, 401, { message: 'Requires authentication' })
    }
    if (isWrite && opts.rateLimit && limitedWrites > 0) {
      limitedWrites--
      return rateLimited(res, opts.rateLimit)
    }
    const data = (json ?? {}) as Record<string, unknown>
    let m: RegExpExecArray | null

    if (path === '/user' && method === 'GET') {
      if (!/^(Bearer|token) \S+/.test(headers.authorization ?? ''))
        return send(res, 401, { message: 'Requires authentication' })
      if (opts.viewerStatus) return send(res, opts.viewerStatus, { message: 'Server Error' })
      // An installation token (GITHUB_TOKEN) is not a user.
      if (!opts.viewer) return send(res, 403, FORBIDDEN)
      return send(res, 200, { login: opts.viewer.login, id: 1, type: 'User' })
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path))) {
      const pr = m[1]
      if (method === 'GET') return page(res, url, state.comments[pr] ?? [])
      if (method === 'POST') {
        if (forbidden('comments')) return send(res, 403, FORBIDDEN)
        const invalid = commentInvalid(data)
        if (invalid) return send(res, 422, invalid)
        const comment: FakeComment = {
          id: nextId++,
          body: data.body as string,
          user: opts.viewer
            ? { login: opts.viewer.login, type: 'User' }
            : { login: 'github-actions[bot]', type: 'Bot' }
        }
        ;(state.comments[pr] ??= []).push(comment)
        return send(res, 201, {
          ...comment,
          html_url: `https://github.com/x/y/pull/${pr}#issuecomment-${comment.id}`
        })
      }
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path)) && method === 'PATCH') {
      if (forbidden('comments')) return send(res, 403, FORBIDDEN)
      const comment = Object.values(state.comments)
        .flat()
        .find(c => c.id === Number(m![1]))
      if (!comment) return send(res, 404, { message: 'Not Found' })
      const invalid = commentInvalid(data)
      if (invalid) return send(res, 422, invalid)
      comment.body = data.body as string
      return send(res, 200, comment)
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/files$/.exec(path)) && method === 'GET') {
      const files = opts.pullFiles?.[m[1]]
      if (!files) return send(res, 404, { message: 'Not Found' })
      return page(res, url, files)
    }
    if (/^\/repos\/[^/]+\/[^/]+\/check-runs$/.exec(path) && method === 'POST') {
      if (forbidden('checks')) return send(res, 403, FORBIDDEN)
      if (typeof data.name !== 'string' || typeof data.head_sha !== 'string') {
        return send(res, 422, {
          message: 'Invalid request.\n\n"name" and "head_sha" are required.'
        })
      }
      const invalid = checkInvalid(data)
      if (invalid) return send(res, 422, invalid)
      const output = (data.output ?? {}) as Record<string, unknown>
      const run: FakeCheckRun = {
        id: nextId++,
        name: data.name,
        head_sha: data.head_sha,
        status: (data.status as string) ?? 'queued',
        conclusion: data.conclusion as string | undefined,
        output: { title: output.title as string, summary: output.summary as string },
        annotations: [...((output.annotations as unknown[]) ?? [])]
      }
      state.checkRuns.push(run)
      return send(res, 201, { ...runView(run), html_url: `https://github.com/x/y/runs/${run.id}` })
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/.exec(path)) && method === 'PATCH') {
      if (forbidden('checks')) return send(res, 403, FORBIDDEN)
      const run = state.checkRuns.find(r => r.id === Number(m![1]))
      if (!run) return send(res, 404, { message: 'Not Found' })
      const invalid = checkInvalid(data)
      if (invalid) return send(res, 422, invalid)
      const output = data.output as Record<string, unknown> | undefined
      if (data.status) run.status = data.status as string
      if (data.conclusion) run.conclusion = data.conclusion as string
      if (output) {
        if (output.title) run.output.title = output.title as string
        if (output.summary) run.output.summary = output.summary as string
        run.annotations.push(...((output.annotations as unknown[]) ?? []))
      }
      return send(res, 200, runView(run))
    }
    return send(res, 404, { message: 'Not Found' })
  }

  function forbidden(kind: 'comments' | 'checks'): boolean {
    return opts.readOnly === true || (opts.forbid ?? []).includes(kind)
  }

  /** GitHub-style pagination: per_page (max 100, default 30), page or cursor, and a Link header. */
  function page(res: ServerResponse, url: URL, items: unknown[]): void {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30) || 30)
    const cursor = opts.pagination === 'cursor'
    if (cursor && url.searchParams.has('page')) {
      return send(res, 422, { message: 'Pagination using the `page` parameter is not supported.' })
    }
    const after = url.searchParams.get('after')
    const offset = cursor
      ? after === null
        ? 0
        : Number(
            Buffer.from(after, 'base64url')
              .toString('utf8')
              .replace(/^offset:/, '')
          )
      : (Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1) - 1) * perPage
    if (!Number.isInteger(offset) || offset < 0)
      return send(res, 422, { message: 'Invalid cursor' })
    const pageNo = Math.floor(offset / perPage) + 1
    const last = Math.max(1, Math.ceil(items.length / perPage))
    const links: string[] = []
    const link = (n: number, rel: string) => {
      const u = new URL(url.pathname + url.search, base)
      if (cursor) {
        u.searchParams.set(
          'after',
          Buffer.from(`offset:${(n - 1) * perPage}`).toString('base64url')
        )
      } else u.searchParams.set('page', String(n))
      links.push(`<${u.href}>; rel="${rel}"`)
    }
    if (pageNo < last) {
      link(pageNo + 1, 'next')
      if (!cursor) link(last, 'last')
    }
    if (pageNo > 1 && !cursor) {
      link(1, 'first')
      link(pageNo - 1, 'prev')
    }
    send(
      res,
      200,
      items.slice(offset, offset + perPage),
      links.length ? { link: links.join(', ') } : {}
    )
  }

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  base = `http://127.0.0.1:${port}`
  return {
    url: `${base}${prefix}`,
    requests,
    state,
    close: () => new Promise<void>(resolve => server.close(() => resolve()))
  }
}

// GitHub's answers past its limits (docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api).
function rateLimited(
  res: ServerResponse,
  limit: NonNullable<FakeGitHubOptions['rateLimit']>
): void {
  const reset = Math.floor(Date.now() / 1000) + 3600
  if (limit.kind === 'secondary') {
    return send(
      res,
      403,
      {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url:
          'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        status: '403'
      },
      {
        'retry-after': String(limit.retryAfter ?? 1),
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4000',
        'x-ratelimit-reset': String(reset)
      }
    )
  }
  return send(
    res,
    403,
    {
      message: 'API rate limit exceeded for installation ID 1.',
      documentation_url:
        'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit',
      status: '403'
    },
    {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '5000',
      'x-ratelimit-reset': String(reset)
    }
  )
}

function commentInvalid(data: Record<string, unknown>): object | undefined {
  if (typeof data.body !== 'string')
    return { message: 'Invalid request.\n\n"body" wasn\'t supplied.' }
  if (data.body.length > 65536) {
    return {
      message: 'Validation Failed',
      errors: [
        {
          resource: 'IssueComment',
          code: 'custom',
          field: 'body',
          message: 'body is too long (maximum is 65536 characters)'
        }
      ]
    }
  }
  return undefined
}

function checkInvalid(data: Record<string, unknown>): object | undefined {
  const output = data.output as Record<string, unknown> | undefined
  if (data.status === 'completed' && !data.conclusion) {
    return { message: 'Invalid request.\n\n"conclusion" is required when status is completed.' }
  }
  if (output) {
    if (typeof output.title !== 'string' || typeof output.summary !== 'string') {
      return { message: 'Invalid request.\n\n"title" and "summary" are required in output.' }
    }
    if (output.summary.length > 65535) {
      return {
        message: 'Invalid request.\n\nOnly 65535 characters are allowed; 65536 were supplied.'
      }
    }
    const annotations = output.annotations
    if (annotations !== undefined) {
      if (!Array.isArray(annotations))
        return { message: 'Invalid request.\n\n"annotations" must be an array.' }
      if (annotations.length > 50) {
        return { message: 'Invalid request.\n\nOnly 50 annotations are allowed per request.' }
      }
      for (const a of annotations as Record<string, unknown>[]) {
        if (
          typeof a.path !== 'string' ||
          typeof a.start_line !== 'number' ||
          typeof a.end_line !== 'number' ||
          !['notice', 'warning', 'failure'].includes(a.annotation_level as string) ||
          typeof a.message !== 'string'
        ) {
          return {
            message:
              'Invalid request.\n\nAn annotation is missing path, start_line, end_line, annotation_level or message.'
          }
        }
        if (
          (a.start_column !== undefined || a.end_column !== undefined) &&
          a.start_line !== a.end_line
        ) {
          return {
            message:
              'Invalid request.\n\nstart_column and end_column are only allowed when start_line equals end_line.'
          }
        }
      }
    }
  }
  return undefined
}

function runView(run: FakeCheckRun): object {
  return {
    id: run.id,
    name: run.name,
    head_sha: run.head_sha,
    status: run.status,
    conclusion: run.conclusion ?? null
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  res.end(JSON.stringify(body))
}

export interface FakeGitHubProcess {
  url: string
  /** Every request so far (fetched from the server process). */
  requests(): Promise<RecordedRequest[]>
  state(): Promise<FakeGitHubState>
  close(): Promise<void>
}

/**
 * The same server in its own process, for tests that block on spawnSync
 * (runAction): give `url` as GITHUB_API_URL, then read requests() afterwards.
 */
export async function startFakeGitHubProcess(
  opts: FakeGitHubOptions = {}
): Promise<FakeGitHubProcess> {
  const here = fileURLToPath(import.meta.url)
  const root = join(dirname(here), '..', '..')
  const child = spawn(process.execPath, ['--import', 'tsx', here], {
    cwd: root,
    env: { ...process.env, FAKE_GITHUB_OPTIONS: JSON.stringify(opts) },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString('utf8')
      const m = /^listening (\S+)$/m.exec(out)
      if (m) resolve(m[1])
    })
    child.once('exit', code =>
      reject(new Error(`fake GitHub server exited (${code}) before listening`))
    )
  })
  const control = new URL(url).origin
  const fetchJson = async <T>(path: string): Promise<T> =>
    (await (await fetch(control + path)).json()) as T
  return {
    url,
    requests: () => fetchJson<RecordedRequest[]>('/_fake/requests'),
    state: () => fetchJson<FakeGitHubState>('/_fake/state'),
    close: () =>
      new Promise<void>(resolve => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
  }
}

// Run as a process: `node --import tsx __tests__/helpers/fake-github-server.ts`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const opts = JSON.parse(process.env.FAKE_GITHUB_OPTIONS || '{}') as FakeGitHubOptions
  startFakeGitHub(opts).then(server => {
    process.stdout.write(`listening ${server.url}\n`)
    process.on('SIGTERM', () => server.close().then(() => process.exit(0)))
  })
}
