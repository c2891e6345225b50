import { afterEach, describe, expect, it } from '@jest/globals'
import { GitHubApiError, GitHubClient } from '../../src/github/client.js'
import { changedLinesFromApi } from '../../src/github/files.js'
import {
  startFakeGitHub,
  type FakeGitHub,
  type FakePullFile
} from '../helpers/fake-github-server.js'

const TOKEN = 'ghs_fake_workflow_token_for_tests'
const CTX = { number: 42, repo: { owner: 'octo-org', repo: 'octo-app' } }
const WRITE = { permission: 'pull-requests: write', purpose: 'the PR comment' }

let server: FakeGitHub | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

function files(n: number): FakePullFile[] {
  return Array.from({ length: n }, (_, i) => ({
    filename: `src/file-${String(i).padStart(3, '0')}.js`,
    status: 'modified' as const,
    patch: `@@ -1,2 +1,3 @@\n a\n+b${i}\n c`
  }))
}

describe('GitHubClient', () => {
  it('talks to GITHUB_API_URL with a path prefix (GitHub Enterprise Server) and sends the token and API version', async () => {
    server = await startFakeGitHub({ prefix: '/api/v3', pullFiles: { '42': files(3) } })
    const client = new GitHubClient({
      token: TOKEN,
      apiUrl: `${server.url}/`,
      warn: () => undefined,
      writeSpacingMs: 0
    })
    const list = await client.getAll<{ filename: string }>(
      '/repos/octo-org/octo-app/pulls/42/files'
    )
    expect(list.map(f => f.filename)).toEqual([
      'src/file-000.js',
      'src/file-001.js',
      'src/file-002.js'
    ])
    const [req] = server.requests
    expect(req.path).toBe('/repos/octo-org/octo-app/pulls/42/files')
    expect(req.query).toEqual({ per_page: '100' })
    // Octokit's scheme for tokens (GitHub takes `token` and `Bearer` alike).
    expect(req.headers.authorization).toBe(`token ${TOKEN}`)
    expect(req.headers['x-github-api-version']).toBe('2022-11-28')
    expect(req.headers.accept).toBe('application/vnd.github+json')
  })

  it('follows Link rel="next" through every page', async () => {
    server = await startFakeGitHub({ pullFiles: { '42': files(250) } })
    const client = new GitHubClient({
      token: TOKEN,
      apiUrl: server.url,
      warn: () => undefined,
      writeSpacingMs: 0
    })
    const changed = await changedLinesFromApi(client, CTX)
    expect(changed.size).toBe(250)
    expect(changed.get('src/file-249.js')).toEqual(new Set([2]))
    expect(server.requests.map(r => r.query.page ?? '1')).toEqual(['1', '2', '3'])
  })

  it('follows the Link header as given (an opaque cursor, no page numbers to guess)', async () => {
    server = await startFakeGitHub({ pagination: 'cursor', pullFiles: { '42': files(230) } })
    const client = new GitHubClient({
      token: TOKEN,
      apiUrl: server.url,
      warn: () => undefined,
      writeSpacingMs: 0
    })
    const changed = await changedLinesFromApi(client, CTX)
    expect(changed.size).toBe(230)
    expect(server.requests.map(r => r.query.page)).toEqual([undefined, undefined, undefined])
    expect(server.requests.map(r => r.query.after !== undefined)).toEqual([false, true, true])
  })

  it('reads without a token (public repositories) but never writes without one; one warning', async () => {
    server = await startFakeGitHub({ pullFiles: { '42': files(1) } })
    const warnings: string[] = []
    const client = new GitHubClient({
      apiUrl: server.url,
      warn: l => warnings.push(l),
      writeSpacingMs: 0
    })
    expect((await changedLinesFromApi(client, CTX)).size).toBe(1)
    expect(server.requests[0].headers.authorization).toBeUndefined()
    expect(
      await client.write(
        'POST',
        '/repos/octo-org/octo-app/issues/42/comments',
        { body: 'x' },
        WRITE
      )
    ).toBeUndefined()
    expect(
      await client.write(
        'POST',
        '/repos/octo-org/octo-app/check-runs',
        {},
        { permission: 'checks: write', purpose: 'the check run' }
      )
    ).toBeUndefined()
    expect(server.requests.filter(r => r.method !== 'GET')).toEqual([])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/no github-token.*`pull-requests: write`/)
  })

  it('after the first 403 skips every later write, with one warning naming the missing permission', async () => {
    server = await startFakeGitHub({ readOnly: true })
    const warnings: string[] = []
    const client = new GitHubClient({
      token: TOKEN,
      apiUrl: server.url,
      warn: l => warnings.push(l),
      writeSpacingMs: 0
    })
    expect(client.canWrite).toBe(true)
    expect(
      await client.write(
        'POST',
        '/repos/octo-org/octo-app/issues/42/comments',
        { body: 'x' },
        WRITE
      )
    ).toBeUndefined()
    expect(client.canWrite).toBe(false)
    expect(
      await client.write(
        'POST',
        '/repos/octo-org/octo-app/check-runs',
        { name: 'x' },
        { permission: 'checks: write', purpose: 'the check run' }
      )
    ).toBeUndefined()
    expect(server.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/octo-org/octo-app/issues/42/comments'
    ])
    expect(warnings).toEqual([
      'cannot write the PR comment: the token lacks `pull-requests: write` (POST /repos/octo-org/octo-app/issues/42/comments returned 403: Resource not accessible by integration). Add `permissions: pull-requests: write` to the job (fork pull requests always get a read-only token); skipping further GitHub API writes. Annotations, the job summary, SARIF, outputs and the gate work as usual.'
    ])
  })

  it('with a known read-only token (fork) sends no write at all', async () => {
    server = await startFakeGitHub({ pullFiles: { '42': files(2) } })
    const warnings: string[] = []
    const client = new GitHubClient({
      token: TOKEN,
      apiUrl: server.url,
      warn: l => warnings.push(l),
      readOnlyReason: 'this pull request comes from a fork',
      writeSpacingMs: 0
    })
    expect((await changedLinesFromApi(client, CTX)).size).toBe(2) // reading still works
    expect(
      await client.write(
        'PATCH',
        '/repos/octo-org/octo-app/issues/comments/1',
        { body: 'x' },
        WRITE
      )
    ).toBeUndefined()
    expect(server.requests.map(r => r.method)).toEqual(['GET'])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /^this pull request comes from a fork, so the workflow token is read-only and cannot have `pull-requests: write`/
    )
  })

  it('throws GitHubApiError for other failures (422, 404, unreachable), without disabling writes', async () => {
    server = await startFakeGitHub()
    const client = new GitHubClient({
      token: TOKEN,
      apiUrl: server.url,
      warn: () => undefined,
      writeSpacingMs: 0
    })
    await expect(
      client.write('POST', '/repos/o/r/check-runs', { head_sha: 'x' }, WRITE)
    ).rejects.toThrow(
      /^GitHub API POST \/repos\/o\/r\/check-runs returned 422: Invalid request\. "name" and "head_sha" are required\.$/
    )
    expect(client.canWrite).toBe(true)
    await expect(client.get('/repos/o/r/pulls/7/files')).rejects.toMatchObject({ status: 404 })
    const down = new GitHubClient({
      apiUrl: 'http://127.0.0.1:9',
      warn: () => undefined,
      timeoutMs: 5000,
      retryDelayMs: 0,
      writeSpacingMs: 0
    })
    await expect(down.get('/repos/o/r')).rejects.toBeInstanceOf(GitHubApiError)
  })

  it('refuses to send the token to a pagination link on another host', async () => {
    const client = new GitHubClient({
      token: TOKEN,
      apiUrl: 'http://127.0.0.1:9',
      warn: () => undefined,
      fetch: (async () =>
        new Response('[]', {
          status: 200,
          headers: {
            'content-type': 'application/json',
            link: '<http://evil.example/next?page=2>; rel="next"'
          }
        })) as typeof fetch,
      writeSpacingMs: 0
    })
    await expect(client.getAll('/repos/o/r/pulls/1/files')).rejects.toThrow(/outside the API URL/)
  })
})

describe('changedLinesFromApi', () => {
  it('maps added files to all, drops removed ones, keys renames by the new name, and treats a missing patch as all', async () => {
    server = await startFakeGitHub({
      pullFiles: {
        '42': [
          {
            filename: 'Dockerfile',
            status: 'modified',
            patch: '@@ -1,3 +1,3 @@\n-FROM node:20\n+FROM node:20-slim\n WORKDIR /app\n COPY . .'
          },
          { filename: 'config/app.env', status: 'added', patch: '@@ -0,0 +1,2 @@\n+A=1\n+B=2' },
          { filename: 'old.txt', status: 'removed', patch: '@@ -1 +0,0 @@\n-x' },
          {
            filename: 'lib/server.js',
            previous_filename: 'src/server.js',
            status: 'renamed',
            patch: '@@ -10,0 +11 @@\n+  x()'
          },
          { filename: 'huge.sql', status: 'modified' }
        ]
      }
    })
    const client = new GitHubClient({
      token: TOKEN,
      apiUrl: server.url,
      warn: () => undefined,
      writeSpacingMs: 0
    })
    expect(await changedLinesFromApi(client, CTX)).toEqual(
      new Map<string, Set<number> | 'all'>([
        ['Dockerfile', new Set([1])],
        ['config/app.env', 'all'],
        ['lib/server.js', new Set([11])],
        ['huge.sql', 'all']
      ])
    )
  })
})

describe('transient failures', () => {
  it('retries an idempotent request once after a 502, and never retries a POST', async () => {
    server = await startFakeGitHub({ badGateway: 1, pullFiles: { '42': files(1) } })
    const client = new GitHubClient({
      token: TOKEN,
      apiUrl: server.url,
      warn: () => undefined,
      retryDelayMs: 0,
      writeSpacingMs: 0
    })
    expect((await changedLinesFromApi(client, CTX)).size).toBe(1)
    expect(server.requests.map(r => r.method)).toEqual(['GET', 'GET'])
    await server.close()

    server = await startFakeGitHub({ badGateway: 1 })
    const again = new GitHubClient({
      token: TOKEN,
      apiUrl: server.url,
      warn: () => undefined,
      retryDelayMs: 0,
      writeSpacingMs: 0
    })
    await expect(
      again.write('POST', '/repos/octo-org/octo-app/issues/42/comments', { body: 'x' }, WRITE)
    ).rejects.toMatchObject({ status: 502 })
    expect(server.requests).toHaveLength(1)
    expect(server.state.comments).toEqual({})
  })
})

describe('rate limits', () => {
  it('waits out a secondary rate limit once (retry-after), with one warning line, then writes', async () => {
    server = await startFakeGitHub({ rateLimit: { kind: 'secondary', writes: 1, retryAfter: 1 } })
    const warnings: string[] = []
    const client = new GitHubClient({
      token: TOKEN,
      apiUrl: server.url,
      warn: l => warnings.push(l),
      writeSpacingMs: 0
    })
    const started = Date.now()
    const created = await client.write<{ id: number }>(
      'POST',
      '/repos/octo-org/octo-app/issues/42/comments',
      { body: 'hello' },
      WRITE
    )
    expect(Date.now() - started).toBeGreaterThanOrEqual(900) // waited for retry-after
    expect(created?.id).toEqual(expect.any(Number))
    expect(server.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/octo-org/octo-app/issues/42/comments',
      'POST /repos/octo-org/octo-app/issues/42/comments'
    ])
    expect(server.state.comments['42']!.map(c => c.body)).toEqual(['hello'])
    expect(warnings).toEqual([
      'GitHub API secondary rate limit on POST /repos/octo-org/octo-app/issues/42/comments: retrying once in 1 s'
    ])
  })

  it('gives up after the one retry when the secondary limit persists: the write is skipped with one warning', async () => {
    server = await startFakeGitHub({ rateLimit: { kind: 'secondary', writes: 5, retryAfter: 1 } })
    const warnings: string[] = []
    const client = new GitHubClient({
      token: TOKEN,
      apiUrl: server.url,
      warn: l => warnings.push(l),
      writeSpacingMs: 0
    })
    expect(
      await client.write(
        'POST',
        '/repos/octo-org/octo-app/issues/42/comments',
        { body: 'x' },
        WRITE
      )
    ).toBeUndefined()
    expect(server.requests).toHaveLength(2)
    expect(client.canWrite).toBe(false)
    expect(warnings).toHaveLength(2)
    expect(warnings[1]).toMatch(
      /^GitHub API rate limit reached while writing the PR comment \(POST \/repos\/octo-org\/octo-app\/issues\/42\/comments\); skipping further GitHub API writes\./
    )
  })

  it('does not wait an hour for the primary limit: no retry, the write is skipped with one warning', async () => {
    server = await startFakeGitHub({ rateLimit: { kind: 'primary', writes: 1 } })
    const warnings: string[] = []
    const client = new GitHubClient({
      token: TOKEN,
      apiUrl: server.url,
      warn: l => warnings.push(l),
      writeSpacingMs: 0
    })
    expect(
      await client.write(
        'POST',
        '/repos/octo-org/octo-app/issues/42/comments',
        { body: 'x' },
        WRITE
      )
    ).toBeUndefined()
    expect(server.requests).toHaveLength(1)
    expect(warnings).toEqual([
      'GitHub API rate limit reached while writing the PR comment (POST /repos/octo-org/octo-app/issues/42/comments); skipping further GitHub API writes. Annotations, the job summary, SARIF, outputs and the gate work as usual.'
    ])
  })
})

describe('write pacing', () => {
  it("keeps GitHub's advised pause between writes by default (1 s; a check run's create and update)", async () => {
    server = await startFakeGitHub()
    const client = new GitHubClient({ token: TOKEN, apiUrl: server.url, warn: () => undefined })
    const times: number[] = []
    const created = await client.write<{ id: number }>(
      'POST',
      '/repos/o/r/check-runs',
      { name: 'x', head_sha: 'abc', status: 'in_progress', output: { title: 't', summary: 's' } },
      { permission: 'checks: write', purpose: 'the check run' }
    )
    times.push(Date.now())
    await client.write(
      'PATCH',
      `/repos/o/r/check-runs/${created!.id}`,
      { status: 'completed', conclusion: 'success' },
      { permission: 'checks: write', purpose: 'the check run' }
    )
    times.push(Date.now())
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(900)
    expect(server.state.checkRuns[0]!.status).toBe('completed')
  })
})
