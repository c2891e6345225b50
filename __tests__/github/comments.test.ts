import { afterEach, describe, expect, it } from '@jest/globals'
import { GitHubClient } from '../../src/github/client.js'
import { publishCheckRun } from '../../src/github/checks.js'
import { upsertStickyComment } from '../../src/github/comments.js'
import { commentMarker } from '../../src/pr/comment.js'
import {
  startFakeGitHub,
  type FakeGitHub,
  type FakeGitHubOptions
} from '../helpers/fake-github-server.js'

const TOKEN = 'ghs_fake_workflow_token_for_tests'
const CTX = { number: 42, repo: { owner: 'octo-org', repo: 'octo-app' } }
const MARKER = commentMarker('ci', 'gate', '__run')

let server: FakeGitHub | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function setup(
  opts: FakeGitHubOptions = {},
  client: Partial<ConstructorParameters<typeof GitHubClient>[0]> = {}
) {
  server = await startFakeGitHub(opts)
  const warnings: string[] = []
  const gh = new GitHubClient({
    token: TOKEN,
    apiUrl: server.url,
    warn: l => warnings.push(l),
    writeSpacingMs: 0,
    ...client
  })
  return { server, gh, warnings }
}

const calls = (s: FakeGitHub) => s.requests.map(r => `${r.method} ${r.path}`)

describe('upsertStickyComment', () => {
  it('creates the comment once, then edits it in place on the next push', async () => {
    const { server, gh } = await setup({ comments: { '42': [{ body: 'LGTM', login: 'mona' }] } })
    expect(await upsertStickyComment(gh, CTX, MARKER, `${MARKER}\nfirst run: 2 new findings`)).toBe(
      'created'
    )
    expect(await upsertStickyComment(gh, CTX, MARKER, `${MARKER}\nsecond run: passed`)).toBe(
      'updated'
    )
    expect(await upsertStickyComment(gh, CTX, MARKER, `${MARKER}\nsecond run: passed`)).toBe(
      'unchanged'
    )

    const id = server.state.comments['42'][1].id
    // Who we are is asked only once a comment carries the marker (GITHUB_TOKEN: 403, the bot).
    expect(calls(server)).toEqual([
      'GET /repos/octo-org/octo-app/issues/42/comments',
      'POST /repos/octo-org/octo-app/issues/42/comments',
      'GET /repos/octo-org/octo-app/issues/42/comments',
      'GET /user',
      `PATCH /repos/octo-org/octo-app/issues/comments/${id}`,
      'GET /repos/octo-org/octo-app/issues/42/comments',
      'GET /user'
    ])
    expect(server.requests[4].json).toEqual({ body: `${MARKER}\nsecond run: passed` })
    expect(server.state.comments['42'].map(c => c.body)).toEqual([
      'LGTM',
      `${MARKER}\nsecond run: passed`
    ])
  })

  it('keeps one comment per matrix leg (different markers), each updated on its own', async () => {
    const { server, gh } = await setup()
    const amd = commentMarker('ci', 'gate', '__run', 'image=app:amd64')
    const arm = commentMarker('ci', 'gate', '__run', 'image=app:arm64')
    await upsertStickyComment(gh, CTX, amd, `${amd}\namd64 v1`)
    await upsertStickyComment(gh, CTX, arm, `${arm}\narm64 v1`)
    await upsertStickyComment(gh, CTX, amd, `${amd}\namd64 v2`)
    await upsertStickyComment(gh, CTX, arm, `${arm}\narm64 v2`)
    expect(server.state.comments['42'].map(c => c.body)).toEqual([
      `${amd}\namd64 v2`,
      `${arm}\narm64 v2`
    ])
    expect(calls(server).filter(c => c.startsWith('POST'))).toHaveLength(2)
    expect(calls(server).filter(c => c.startsWith('PATCH'))).toHaveLength(2)
  })

  it('finds its comment on a later page and leaves comments that only quote the marker alone', async () => {
    const others = Array.from({ length: 130 }, (_, i) => ({ body: `comment ${i}` }))
    const quoting = { body: `> ${MARKER}\n> quoted the bot`, login: 'mona' }
    const ours = { body: `${MARKER}\nold report`, login: 'github-actions[bot]' }
    const { server, gh } = await setup({ comments: { '42': [quoting, ...others, ours] } })
    expect(await upsertStickyComment(gh, CTX, MARKER, 'new report')).toBe('updated')
    const comments = server.state.comments['42']
    expect(comments.at(-1)!.body).toBe(`${MARKER}\nnew report`) // the marker is added when missing
    expect(comments[0].body).toBe(quoting.body)
    expect(calls(server).filter(c => c.startsWith('GET /repos'))).toHaveLength(2)
  })

  describe('a marker comment someone else wrote', () => {
    // Anyone can post the hidden marker first, with a forged "passed" under it.
    const forged = { body: `${MARKER}\n### ✅ container-gate: passed`, login: 'mallory' }

    it('is never edited: ours is created beside it, then updated in place', async () => {
      const { server, gh } = await setup({ comments: { '42': [forged] } })
      expect(await upsertStickyComment(gh, CTX, MARKER, `${MARKER}\n❌ failed`)).toBe('created')
      expect(await upsertStickyComment(gh, CTX, MARKER, `${MARKER}\n❌ still failed`)).toBe(
        'updated'
      )
      const [theirs, ours] = server.state.comments['42']
      expect(theirs).toMatchObject({ body: forged.body, user: { login: 'mallory' } })
      expect(ours).toMatchObject({
        body: `${MARKER}\n❌ still failed`,
        user: { login: 'github-actions[bot]' }
      })
      const patched = server.requests.filter(r => r.method === 'PATCH').map(r => r.path)
      expect(patched).toEqual([`/repos/octo-org/octo-app/issues/comments/${ours!.id}`])
    })

    it("with a personal access token: ours are the token user's, not the bot's or anyone else's", async () => {
      const byBot = { body: `${MARKER}\nbot`, login: 'github-actions[bot]', type: 'Bot' }
      const { server, gh } = await setup({
        viewer: { login: 'release-robot' },
        comments: { '42': [forged, byBot, { body: `${MARKER}\nmine`, login: 'Release-Robot' }] }
      })
      expect(await upsertStickyComment(gh, CTX, MARKER, `${MARKER}\nnew`)).toBe('updated')
      expect(server.state.comments['42'].map(c => c.body)).toEqual([
        forged.body,
        byBot.body,
        `${MARKER}\nnew`
      ])
    })

    it('when who we are cannot be told, no existing comment is taken as ours', async () => {
      // GET /user failing otherwise than with the workflow token's 403.
      const { server, gh } = await setup({ comments: { '42': [forged] }, viewerStatus: 500 })
      expect(await upsertStickyComment(gh, CTX, MARKER, `${MARKER}\nx`)).toBe('created')
      expect(server.state.comments['42'][0]!.body).toBe(forged.body)
    })
  })

  it('cuts a body over 65,536 characters instead of getting a 422', async () => {
    const { server, gh } = await setup()
    expect(await upsertStickyComment(gh, CTX, MARKER, `${MARKER}\n${'x'.repeat(70000)}`)).toBe(
      'created'
    )
    expect(server.state.comments['42'][0].body.length).toBeLessThanOrEqual(65536)
  })

  it('on a fork PR writes nothing and warns once, naming pull-requests: write', async () => {
    const { server, gh, warnings } = await setup(
      {},
      { readOnlyReason: 'this pull request comes from a fork' }
    )
    expect(await upsertStickyComment(gh, CTX, MARKER, 'x')).toBe('skipped')
    expect(
      await publishCheckRun(gh, CTX, {
        name: 'container-gate',
        headSha: 'a'.repeat(40),
        conclusion: 'failure',
        title: 't',
        summary: 's',
        annotations: []
      })
    ).toBeUndefined()
    expect(server.requests).toEqual([])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('`pull-requests: write`')
  })

  it('after a 403 on the comment, does not try the check run; exactly one warning', async () => {
    const { server, gh, warnings } = await setup({ forbid: ['comments'] })
    expect(await upsertStickyComment(gh, CTX, MARKER, 'x')).toBe('skipped')
    expect(
      await publishCheckRun(gh, CTX, {
        name: 'container-gate',
        headSha: 'a'.repeat(40),
        conclusion: 'success',
        title: 't',
        summary: 's',
        annotations: []
      })
    ).toBeUndefined()
    expect(calls(server)).toEqual([
      'GET /repos/octo-org/octo-app/issues/42/comments',
      'POST /repos/octo-org/octo-app/issues/42/comments'
    ])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /^cannot write the PR comment: the token lacks `pull-requests: write`/
    )
  })
})
