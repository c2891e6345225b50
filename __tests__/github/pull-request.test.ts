// The whole pull-request path on a real repository (a PR merged the way
// GitHub builds refs/pull/N/merge) against the fake API: base-commit
// baseline, gate-on new, filter modes, sticky comment, check run, forks.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import {
  preparePullRequest,
  publishPullRequest,
  type PullRequestSettings
} from '../../src/github/pull-request.js'
import { readRunnerContext } from '../../src/config/runner-context.js'
import type { Finding } from '../../src/model/finding.js'
import { buildBaseline } from '../../src/pr/baseline.js'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github-server.js'
import { dockerfileFinding, reportOf, secretFinding, vulnFinding } from '../pr/findings.js'
import { visibleText } from '../helpers/gfm.js'

const ROOT = join(import.meta.dirname, '..', '..')
const TOKEN_IN_CODE = 'ghp_Z3nVr8Mx1Ua5Ld0Wc4Og7Iz2Qe6Th1Kb3Vf9'
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.com',
  HOME: tmpdir()
}
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'init.defaultBranch=main', ...args], {
    cwd,
    env: GIT_ENV,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe']
  }).trim()

/** A stand-in for the engine on a directory: unpinned FROM lines and tokens in ENV. */
function scan(dir: string): Finding[] {
  const findings: Finding[] = []
  readFileSync(join(dir, 'Dockerfile'), 'utf8')
    .split('\n')
    .forEach((text, i) => {
      const from = /^FROM (\S+)$/.exec(text)
      if (from && !from[1].includes('@sha256:'))
        findings.push(dockerfileFinding('unpinned-base', i + 1, 'high', 'Dockerfile', from[1]))
      const token = /TOKEN=(\S+)/.exec(text)
      if (token) findings.push(secretFinding(token[1], 'Dockerfile', i + 1, 'critical'))
      if (/^USER root$/.test(text))
        findings.push(dockerfileFinding('runs-as-root', i + 1, 'medium', 'Dockerfile', text))
    })
  return findings
}

let workspace: string
let baseSha: string
let headSha: string
let eventDir: string

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'cg-pr-flow-'))
  git(workspace, 'init', '-q')
  writeFileSync(
    join(workspace, 'Dockerfile'),
    'FROM node:20\nWORKDIR /app\nCOPY . .\nUSER root\nCMD node server.js\n'
  )
  git(workspace, 'add', '-A')
  git(workspace, 'commit', '-q', '-m', 'base')
  baseSha = git(workspace, 'rev-parse', 'HEAD')
  git(workspace, 'checkout', '-q', '-b', 'feature')
  // The PR adds a token on line 3; the unpinned FROM and USER root were already there.
  writeFileSync(
    join(workspace, 'Dockerfile'),
    `FROM node:20\nWORKDIR /app\nENV GITHUB_TOKEN=${TOKEN_IN_CODE}\nCOPY . .\nUSER root\nCMD node server.js\n`
  )
  git(workspace, 'commit', '-q', '-am', 'feature')
  headSha = git(workspace, 'rev-parse', 'HEAD')
  git(workspace, 'checkout', '-q', '--detach', baseSha)
  git(workspace, 'merge', '-q', '--no-ff', '-m', 'merge', headSha)
  eventDir = mkdtempSync(join(tmpdir(), 'cg-pr-event-'))
})

function eventFile(fixture: string): string {
  const event = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'events', fixture), 'utf8'))
  event.pull_request.base.sha = baseSha
  event.pull_request.head.sha = headSha
  const path = join(eventDir, fixture)
  writeFileSync(path, JSON.stringify(event))
  return path
}

let server: FakeGitHub | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function run(
  fixture: string,
  settings: Partial<PullRequestSettings>,
  findings = scan(workspace),
  extraEnv: Record<string, string> = {}
) {
  server ??= await startFakeGitHub()
  const env = {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventFile(fixture),
    GITHUB_API_URL: server.url,
    GITHUB_REPOSITORY: 'octo-org/octo-app',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '99',
    GITHUB_WORKFLOW: 'ci',
    GITHUB_JOB: 'gate',
    GITHUB_ACTION: '__run',
    GITHUB_SHA: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00',
    ...extraEnv
  }
  const full: PullRequestSettings = {
    gateOn: 'new',
    prComment: true,
    annotations: 'commands',
    githubToken: 'ghs_test',
    ...settings
  }
  const warnings: string[] = []
  const io = {
    workspace,
    warn: (l: string) => warnings.push(l),
    scanBase: async (dir: string) => scan(dir),
    writeSpacingMs: 0
  }
  const prep = await preparePullRequest(reportOf(findings), full, readRunnerContext(env), io)
  const published = await publishPullRequest(prep, full, readRunnerContext(env), {
    ...io,
    summaryMarkdown: '## container-gate summary'
  })
  return { prep, published, warnings, server }
}

describe('the pull-request path', () => {
  it('gate-on new: only the token this PR added fails the gate; the comment says so; annotations only on added lines', async () => {
    const { prep, published, warnings, server } = await run('pull_request.json', {})
    expect(warnings).toEqual([])
    expect(prep.ctx?.number).toBe(42)
    expect(prep.split.added.map(f => f.ruleId)).toEqual(['github-token'])
    expect(prep.split.existing.map(f => f.ruleId).sort()).toEqual(['runs-as-root', 'unpinned-base'])
    expect(prep.report.gate.passed).toBe(false)
    expect(prep.report.gate.tripped.map(f => f.ruleId)).toEqual(['github-token'])
    expect(prep.filterMode).toBe('added')
    expect(published.commandAnnotations.map(f => `${f.ruleId}@${f.location.line}`)).toEqual([
      'github-token@3'
    ])
    expect(prep.outside.map(f => f.ruleId).sort()).toEqual(['runs-as-root', 'unpinned-base'])

    expect(published.comment).toBe('created')
    const body = server.state.comments['42'][0].body
    expect(body).toContain('### ❌ container-gate: failed')
    expect(body).toContain('Already present: 2 findings')
    expect(body).toContain('https://github.com/octo-org/octo-app/actions/runs/99')
    for (const r of server.requests) expect(r.body).not.toContain(TOKEN_IN_CODE.slice(4))
    // The base commit was scanned in a temporary worktree that is gone again.
    expect(git(workspace, 'worktree', 'list').split('\n')).toHaveLength(1)
  })

  it('updates the same comment on the next push, and says passed once the token is gone', async () => {
    await run('pull_request.json', {})
    const second = await run(
      'pull_request.json',
      {},
      scan(workspace).filter(f => f.check !== 'secrets')
    )
    expect(second.published.comment).toBe('updated')
    expect(second.server.state.comments['42']).toHaveLength(1)
    expect(second.server.state.comments['42'][0].body).toContain('### ✅ container-gate: passed')
    expect(second.prep.report.gate.passed).toBe(true)
  })

  it('matrix legs on different platforms keep their own comments without a comment-key', async () => {
    const amd = { INPUT_IMAGE: 'app:ci', INPUT_PLATFORM: 'linux/amd64' }
    const arm = { INPUT_IMAGE: 'app:ci', INPUT_PLATFORM: 'linux/arm64' }
    expect((await run('pull_request.json', {}, undefined, amd)).published.comment).toBe('created')
    expect((await run('pull_request.json', {}, undefined, arm)).published.comment).toBe('created')
    expect((await run('pull_request.json', {}, undefined, amd)).published.comment).toBe('unchanged')
    expect(server!.state.comments['42']).toHaveLength(2)
  })

  it('gate-on all keeps every finding able to fail, and a committed baseline file still splits the comment', async () => {
    const baseline = buildBaseline([vulnFinding('CVE-2024-0001', 'openssl', '3.0.11')])
    const findings = [...scan(workspace), vulnFinding('CVE-2024-0001', 'openssl', '3.0.13')]
    const { prep } = await run(
      'pull_request.json',
      { gateOn: 'all', baseline, filterMode: 'file' },
      findings
    )
    expect(prep.report.gate.tripped.map(f => f.ruleId).sort()).toEqual([
      'CVE-2024-0001',
      'github-token',
      'unpinned-base'
    ])
    expect(prep.split.existing.map(f => f.ruleId).sort()).toEqual([
      'CVE-2024-0001',
      'runs-as-root',
      'unpinned-base'
    ])
    expect(prep.inDiff).toHaveLength(4) // file mode: the whole Dockerfile, and the image finding
  })

  it('annotations: check-run carries every annotation in batches and replaces workflow commands', async () => {
    const many = Array.from({ length: 60 }, (_, i) => dockerfileFinding(`r${i}`, 3, 'medium'))
    const { published, server } = await run(
      'pull_request.json',
      { annotations: 'check-run', prComment: false },
      many
    )
    expect(published.checkRun).toMatchObject({ annotations: 60, requests: 2 })
    expect(published.commandAnnotations).toEqual([])
    const create = server.requests.find(r => r.method === 'POST')!
    expect(create.json).toMatchObject({
      head_sha: headSha,
      status: 'in_progress',
      details_url: 'https://github.com/octo-org/octo-app/actions/runs/99'
    })
  })

  it('never sends the secret: comment, check-run summary and annotations carry only the redacted preview', async () => {
    const { published, server } = await run('pull_request.json', { annotations: 'check-run' })
    expect(published.checkRun?.annotations).toBe(1)
    expect(published.comment).toBe('created')
    const writes = server.requests.filter(r => r.method !== 'GET')
    expect(writes).toHaveLength(2)
    for (const r of writes) {
      expect(r.body).not.toContain(TOKEN_IN_CODE)
      expect(r.body).not.toContain(TOKEN_IN_CODE.slice(4))
      const markdown = JSON.stringify(r.json)
      expect(visibleText(markdown)).toContain('ghp_…(40 chars)')
    }
  })

  it('on a fork PR: no write request, one warning naming the permission, annotations fall back to commands, verdict unchanged', async () => {
    const { prep, published, warnings, server } = await run('pull_request-fork.json', {
      annotations: 'check-run'
    })
    expect(server.requests.filter(r => r.method !== 'GET')).toEqual([])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /^this pull request comes from a fork, so the workflow token is read-only and cannot have `checks: write` and `pull-requests: write`: skipping the check run and the PR comment/
    )
    expect(published.checkRun).toBeUndefined()
    expect(published.comment).toBe('skipped')
    expect(published.commandAnnotations.map(f => f.ruleId)).toEqual(['github-token'])
    expect(prep.report.gate.passed).toBe(false)
  })

  it('without history or API access, falls back to showing every finding with one warning', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'cg-pr-nogit-'))
    writeFileSync(join(bare, 'Dockerfile'), 'FROM node:20\n')
    server = await startFakeGitHub() // no pull files registered: the files API answers 404
    const env = {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventFile('pull_request.json'),
      GITHUB_API_URL: server.url
    }
    const warnings: string[] = []
    const settings: PullRequestSettings = {
      gateOn: 'all',
      prComment: false,
      annotations: 'commands'
    }
    const prep = await preparePullRequest(reportOf(scan(bare)), settings, readRunnerContext(env), {
      workspace: bare,
      warn: l => warnings.push(l)
    })
    expect(prep.filterMode).toBe('nofilter')
    expect(prep.inDiff).toHaveLength(1)
    expect(warnings).toEqual([
      expect.stringMatching(
        /^could not learn the pull request's changed lines \(GitHub API GET \/repos\/octo-org\/octo-app\/pulls\/42\/files returned 404: Not Found\)/
      )
    ])
  })

  it('on push: no diff filter, no comment, and gate-on new without a baseline warns that everything is new', async () => {
    server = await startFakeGitHub()
    const env = {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: join(ROOT, 'fixtures', 'events', 'push.json'),
      GITHUB_API_URL: server.url
    }
    const warnings: string[] = []
    const settings: PullRequestSettings = {
      gateOn: 'new',
      prComment: true,
      annotations: 'commands',
      githubToken: 'x'
    }
    const io = { workspace, warn: (l: string) => warnings.push(l), writeSpacingMs: 0 }
    const prep = await preparePullRequest(
      reportOf(scan(workspace)),
      settings,
      readRunnerContext(env),
      io
    )
    const published = await publishPullRequest(prep, settings, readRunnerContext(env), io)
    expect(prep.ctx).toBeUndefined()
    expect(prep.filterMode).toBe('nofilter')
    expect(prep.split.added).toHaveLength(3)
    expect(published.comment).toBeUndefined()
    expect(server.requests).toEqual([])
    expect(warnings).toEqual([expect.stringMatching(/^gate-on is `new` but there is no baseline/)])
  })
})
