// End to end on a pull request: dist/index.js against a fake GitHub API on
// 127.0.0.1 (its own process, since runAction blocks), on a real git
// repository whose base commit already has some findings.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  startFakeGitHubProcess,
  type FakeGitHubProcess,
  type RecordedRequest
} from '../helpers/fake-github-server.js'
import { gitIn, newRepo } from '../helpers/git-repo.js'
import { nodeBinaries, ROOT, runAction } from '../helpers/runner.js'

const PINNED = 'node:20-bookworm-slim@sha256:' + 'a'.repeat(64)
// The base commit's Dockerfile runs as root: a finding that was already there.
const BASE_DOCKERFILE = `FROM ${PINNED}\nWORKDIR /app\nCOPY app.js .\nCMD ["node", "app.js"]\n`
// The PR adds a secret-bearing ENV line and many hardcoded credentials in a config file.
const HEAD_DOCKERFILE = `FROM ${PINNED}\nWORKDIR /app\nCOPY app.js .\nENV API_TOKEN=Qm3Rt7Yp1Lk5Jh9Gf2Ds6Az\nCMD ["node", "app.js"]\n`
const SECRET = 'Qm3Rt7Yp1Lk5Jh9Gf2Ds6Az'

/** 60 distinct deterministic credential-looking values: past one batch of 50 annotations. */
function manyCredentials(): { text: string; values: string[] } {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'
  let seed = 12345
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648)
  const values = Array.from({ length: 60 }, () =>
    Array.from({ length: 24 }, () => alphabet[next() % alphabet.length]).join('')
  )
  return { text: values.map((v, i) => `db_password_${i} = "${v}"`).join('\n') + '\n', values }
}

const git = (cwd: string, ...args: string[]): string => gitIn(cwd)(...args)

interface PrRepo {
  dir: string
  baseSha: string
  headSha: string
  values: string[]
  patches: { filename: string; status: 'added' | 'modified'; patch: string }[]
}

function makePrRepo(withCredentials: boolean): PrRepo {
  const dir = mkdtempSync(join(tmpdir(), 'cg-pr-'))
  git(dir, 'init', '-q', '-b', 'main')
  writeFileSync(join(dir, 'Dockerfile'), BASE_DOCKERFILE)
  writeFileSync(join(dir, 'app.js'), 'console.log(process.env.GREETING)\n')
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '-m', 'base')
  const baseSha = git(dir, 'rev-parse', 'HEAD')
  git(dir, 'checkout', '-q', '-b', 'feature')
  writeFileSync(join(dir, 'Dockerfile'), HEAD_DOCKERFILE)
  const creds = manyCredentials()
  if (withCredentials) writeFileSync(join(dir, 'settings.ini'), creds.text)
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '-m', 'head')
  const headSha = git(dir, 'rev-parse', 'HEAD')
  const patches: PrRepo['patches'] = [
    {
      filename: 'Dockerfile',
      status: 'modified',
      patch:
        '@@ -2,3 +2,4 @@\n WORKDIR /app\n COPY app.js .\n+ENV API_TOKEN=x\n CMD ["node", "app.js"]'
    }
  ]
  if (withCredentials) {
    const lines = creds.text.trimEnd().split('\n')
    patches.push({
      filename: 'settings.ini',
      status: 'added',
      patch: `@@ -0,0 +1,${lines.length} @@\n${lines.map(l => `+${l}`).join('\n')}`
    })
  }
  return { dir, baseSha, headSha, values: creds.values, patches }
}

function eventFor(repo: PrRepo, fixture = 'pull_request.json'): unknown {
  const event = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'events', fixture), 'utf8'))
  event.pull_request.base.sha = repo.baseSha
  event.pull_request.head.sha = repo.headSha
  return event
}

const writes = (requests: RecordedRequest[]) =>
  requests.filter(r => r.method !== 'GET' && !r.path.startsWith('/_fake'))

const node = nodeBinaries()[0]!.path

describe('pull request with comment and check-run annotations', () => {
  let fake: FakeGitHubProcess
  let repo: PrRepo
  let first: ReturnType<typeof runAction>
  let second: ReturnType<typeof runAction>
  let requests: RecordedRequest[]

  beforeAll(async () => {
    repo = makePrRepo(true)
    fake = await startFakeGitHubProcess({ pullFiles: { '42': repo.patches } })
    const run = (runId: string) =>
      runAction({
        node,
        workspace: repo.dir,
        eventName: 'pull_request',
        event: eventFor(repo),
        inputs: { 'pr-comment': 'true', annotations: 'check-run', 'gate-on': 'new' },
        env: { GITHUB_API_URL: fake.url, GITHUB_SHA: repo.headSha, GITHUB_RUN_ID: runId }
      })
    // A second run (another push, another run id): the comment's link changes with it.
    first = run('1')
    second = run('2')
    requests = await fake.requests()
  }, 120000)

  afterAll(async () => {
    await fake.close()
  })

  it('fails the gate on what the PR added, not on what the base already had', () => {
    expect(first.status).toBe(1)
    // The base commit already ran as root: not new. The ENV secret and the 60 credentials are.
    expect(Number(first.outputs['new-findings'])).toBeGreaterThanOrEqual(61)
    expect(Number(first.outputs.findings)).toBeGreaterThan(Number(first.outputs['new-findings']))
    const failure = first.commands.filter(c => c.command === 'error' && !c.properties.file).at(-1)
    expect(failure?.message).toMatch(/^container-gate: gate failed:/)
    expect(failure?.message).not.toContain('runs-as-root')
  })

  // What a reviewer reads: how many findings are new, how many were already on the base commit,
  // and that only the new ones are gated, in the job summary and in the sticky comment alike.
  it('explains gate-on new in the summary and the comment with the counts of this run', () => {
    const added = Number(first.outputs['new-findings'])
    const existing = Number(first.outputs.findings) - added
    const base = repo.baseSha.slice(0, 7)
    expect(first.summary).toContain('### New findings only (`gate-on: new`)')
    expect(first.summary).toContain(
      `**${added}** new, **${existing}** already there (**${existing}** on the base commit <code>${base}</code>). Only new findings can fail the gate; the ones already there are reported, not gated.`
    )
    expect(first.summary).toContain(`${added} new findings trip the gate:`)
    expect(first.summary).toContain(
      `<summary>Already there: ${existing} finding${existing === 1 ? '' : 's'}, not gated</summary>`
    )
    expect(first.summary).toMatch(/runs-as-root/)
    const comment = writes(requests).find(r => r.method === 'POST' && r.path.endsWith('/comments'))
    const body = (comment?.json as { body?: string } | undefined)?.body ?? ''
    expect(body).toContain(`**${added}** new`)
    expect(body).toContain(`**${existing}** already present`)
    expect(body).toContain(
      `<summary>Already present: ${existing} finding${existing === 1 ? '' : 's'} not introduced by this change</summary>`
    )
    expect(body).toContain(
      `Already present: **${existing}** on the base commit <code>${base}</code>. Only new findings can fail the gate (\`gate-on: new\`); ❌ marks the ${added} new findings that trip it.`
    )
  })

  it('creates the comment once, then updates it in place', () => {
    const commentWrites = writes(requests).filter(r => r.path.includes('/comments'))
    expect(commentWrites.map(r => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/octo-org/octo-app/issues/42/comments',
      expect.stringMatching(/^PATCH \/repos\/octo-org\/octo-app\/issues\/comments\/\d+$/)
    ])
  })

  it('sends every annotation to the check run in batches of at most 50', () => {
    const checkWrites = writes(requests).filter(r => r.path.includes('/check-runs'))
    expect(checkWrites.length).toBeGreaterThanOrEqual(2)
    const batches = checkWrites.map(
      r => ((r.json as { output?: { annotations?: unknown[] } }).output?.annotations ?? []).length
    )
    for (const size of batches) expect(size).toBeLessThanOrEqual(50)
    // Two runs, each carrying at least the 61 new findings on changed lines.
    expect(batches.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2 * 61)
    // The check run carried them, so no workflow-command annotations with a file.
    expect(first.commands.filter(c => c.properties.file)).toEqual([])
  })

  it('no request body holds a secret in full', () => {
    for (const r of requests) {
      expect(r.body).not.toContain(SECRET)
      for (const value of repo.values) expect(r.body).not.toContain(value)
    }
    for (const run of [first, second]) {
      expect(run.stdout).not.toContain(SECRET)
      expect(run.summary).not.toContain(SECRET)
    }
  })
})

describe('pull request from a fork', () => {
  it('writes nothing, warns once naming the permission, and still gates', async () => {
    const repo = makePrRepo(false)
    const fake = await startFakeGitHubProcess({ pullFiles: { '43': repo.patches } })
    try {
      const run = runAction({
        node,
        workspace: repo.dir,
        eventName: 'pull_request',
        event: eventFor(repo, 'pull_request-fork.json'),
        inputs: { 'pr-comment': 'true', annotations: 'check-run' },
        env: { GITHUB_API_URL: fake.url, GITHUB_SHA: repo.headSha }
      })
      const requests = await fake.requests()
      expect(writes(requests)).toEqual([])
      const permissionWarnings = run.commands.filter(
        c => c.command === 'warning' && /pull-requests: write|checks: write/.test(c.message)
      )
      expect(permissionWarnings).toHaveLength(1)
      // The gate, annotations and outputs work as usual.
      expect(run.status).toBe(1)
      expect(run.outputs.passed).toBe('false')
      expect(
        run.commands.some(c => c.properties.file === 'Dockerfile' && c.properties.line === '4')
      ).toBe(true)
    } finally {
      await fake.close()
    }
  }, 120000)
})

describe('pull request without git history', () => {
  it('takes the changed lines from the PR files API and annotates only those', async () => {
    // A plain directory (no .git): as after a checkout that kept no history.
    const dir = mkdtempSync(join(tmpdir(), 'cg-pr-nogit-'))
    writeFileSync(join(dir, 'Dockerfile'), HEAD_DOCKERFILE)
    writeFileSync(join(dir, 'app.js'), 'console.log(process.env.GREETING)\n')
    writeFileSync(
      join(dir, 'old.py'),
      'db_password = "Xk4Lm9Qp2Rt7Vw3Zs8Yb"\n' // already there, not in the PR's diff
    )
    const fake = await startFakeGitHubProcess({
      pullFiles: {
        '42': [
          {
            filename: 'Dockerfile',
            status: 'modified',
            patch:
              '@@ -2,3 +2,4 @@\n WORKDIR /app\n COPY app.js .\n+ENV API_TOKEN=Qm3Rt7Yp1Lk5Jh9Gf2Ds6Az\n CMD ["node", "app.js"]'
          }
        ]
      }
    })
    try {
      const event = JSON.parse(
        readFileSync(join(ROOT, 'fixtures', 'events', 'pull_request.json'), 'utf8')
      )
      const run = runAction({
        node,
        workspace: dir,
        eventName: 'pull_request',
        event,
        env: { GITHUB_API_URL: fake.url }
      })
      const requests = await fake.requests()
      expect(requests.map(r => `${r.method} ${r.path}`)).toContain(
        'GET /repos/octo-org/octo-app/pulls/42/files'
      )
      const annotated = run.commands
        .filter(c => c.properties.file)
        .map(c => `${c.properties.file}:${c.properties.line}`)
      // The ENV line the PR added is annotated; old.py and the Dockerfile's unchanged lines are not.
      expect(annotated).toContain('Dockerfile:4')
      expect(annotated.some(a => a.startsWith('old.py'))).toBe(false)
      expect(annotated.some(a => a === 'Dockerfile:1')).toBe(false)
      // They are still in the summary, folded, and still count for the gate (gate-on: all).
      expect(run.summary).toMatch(/outside this pull request's diff/)
      expect(run.summary).toContain('old.py')
      expect(run.status).toBe(1)
    } finally {
      await fake.close()
    }
  }, 120000)
})

describe('pull request whose commits added and then deleted a secret', () => {
  it('reports it from the history (auto on PRs), not at a file line, and not with secrets-history: none', () => {
    const { dir, git: g } = newRepo('cg-pr-history-')
    writeFileSync(join(dir, 'Dockerfile'), BASE_DOCKERFILE.replace('CMD', 'USER 10001\nCMD'))
    g('add', '-A')
    g('commit', '-q', '-m', 'base')
    const baseSha = g('rev-parse', 'HEAD')
    g('checkout', '-q', '-b', 'feature')
    writeFileSync(join(dir, 'deploy.env'), `API_TOKEN=${SECRET}\n`)
    g('add', '-A')
    g('commit', '-q', '-m', 'add deploy settings')
    const leaked = g('rev-parse', 'HEAD')
    writeFileSync(join(dir, 'deploy.env'), 'API_TOKEN=${API_TOKEN}\n')
    g('add', '-A')
    g('commit', '-q', '-m', 'use the CI secret instead')
    const headSha = g('rev-parse', 'HEAD')
    const event = JSON.parse(
      readFileSync(join(ROOT, 'fixtures', 'events', 'pull_request.json'), 'utf8')
    )
    event.pull_request.base.sha = baseSha
    event.pull_request.head.sha = headSha
    const run = (inputs: Record<string, string>) =>
      runAction({
        node,
        workspace: dir,
        eventName: 'pull_request',
        event,
        inputs,
        env: { GITHUB_SHA: headSha }
      })

    const auto = run({})
    expect(auto.status).toBe(1)
    const fromHistory = auto.commands.filter(c =>
      c.message.includes(`added in commit ${leaked.slice(0, 12)}`)
    )
    expect(fromHistory).toHaveLength(1)
    expect(fromHistory[0]!.properties.file).toBeUndefined() // the file's line 1 no longer holds it
    expect(fromHistory[0]!.message).toContain('Where: deploy.env')
    expect(auto.stdout).not.toContain(SECRET)
    expect(auto.summary).not.toContain(SECRET)

    const off = run({ 'secrets-history': 'none' })
    expect(off.status).toBe(0)
    expect(off.commands.some(c => c.message.includes('added in commit'))).toBe(false)
  }, 120000)
})

describe('policy-from: the gate policy of a pull request comes from its base commit', () => {
  const TOKEN = 'ghp_R8mWq2Lx7Tz4Kc9Vb3Nf6Hy1Pd5Sg0Ja2Ue8'

  it('a PR that ignores its own finding still fails; the change is annotated; head is opt-in', () => {
    const { dir, git: g } = newRepo('cg-pr-policy-')
    writeFileSync(join(dir, '.container-gate.yml'), 'severity:\n  github-pat: critical\n')
    writeFileSync(join(dir, 'app.js'), 'console.log(1)\n')
    g('add', '-A')
    g('commit', '-q', '-m', 'base')
    const baseSha = g('rev-parse', 'HEAD')
    g('checkout', '-q', '-b', 'feature')
    writeFileSync(join(dir, 'app.js'), `const token = '${TOKEN}'\n`)
    writeFileSync(
      join(dir, '.container-gate.yml'),
      'severity:\n  github-pat: critical\nignore:\n  - path: "**"\n    reason: "."\n'
    )
    g('add', '-A')
    g('commit', '-q', '-m', 'head')
    const headSha = g('rev-parse', 'HEAD')
    const event = JSON.parse(
      readFileSync(join(ROOT, 'fixtures', 'events', 'pull_request.json'), 'utf8')
    )
    event.pull_request.base.sha = baseSha
    event.pull_request.head.sha = headSha
    const run = (inputs: Record<string, string>) =>
      runAction({
        node,
        workspace: dir,
        eventName: 'pull_request',
        event,
        inputs: { 'secrets-history': 'none', ...inputs },
        env: { GITHUB_SHA: headSha }
      })

    const fromBase = run({})
    expect(fromBase.status).toBe(1)
    expect(fromBase.outputs.findings).toBe('1')
    const policy = fromBase.commands.filter(
      c => c.properties.title === 'container-gate policy change'
    )
    expect(policy).toHaveLength(1)
    expect(policy[0]).toMatchObject({
      command: 'warning',
      properties: { file: '.container-gate.yml', line: '3', endLine: '5' }
    })
    expect(fromBase.summary).toContain('this pull request changes .container-gate.yml')

    const fromHead = run({ 'policy-from': 'head' })
    expect(fromHead.status).toBe(0)
    expect(fromHead.outputs.findings).toBe('0')

    // Outside pull requests (a push), the checkout's own policy applies.
    const push = runAction({ node, workspace: dir, inputs: { 'secrets-history': 'none' } })
    expect(push.status).toBe(0)
  }, 120000)
})

describe('policy-from: .hadolint.yaml is policy too', () => {
  it('a PR that adds .hadolint.yaml ignoring its own Dockerfile finding still fails; head is opt-in', () => {
    const { dir, git: g } = newRepo('cg-pr-hadolint-')
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.19\nUSER app\n')
    g('add', '-A')
    g('commit', '-q', '-m', 'base')
    const baseSha = g('rev-parse', 'HEAD')
    g('checkout', '-q', '-b', 'feature')
    writeFileSync(join(dir, '.hadolint.yaml'), 'ignored:\n  - base-image-not-pinned\n')
    g('add', '-A')
    g('commit', '-q', '-m', 'head')
    const headSha = g('rev-parse', 'HEAD')
    const event = JSON.parse(
      readFileSync(join(ROOT, 'fixtures', 'events', 'pull_request.json'), 'utf8')
    )
    event.pull_request.base.sha = baseSha
    event.pull_request.head.sha = headSha
    const run = (inputs: Record<string, string>) =>
      runAction({
        node,
        workspace: dir,
        eventName: 'pull_request',
        event,
        inputs: { 'secrets-history': 'none', 'secrets-path': '', 'fail-on': 'medium', ...inputs },
        env: { GITHUB_SHA: headSha }
      })

    const fromBase = run({})
    expect(fromBase.status).toBe(1)
    expect(fromBase.stdout).toMatch(/MEDIUM +Dockerfile:1 +base-image-not-pinned/)
    const policy = fromBase.commands.filter(
      c => c.properties.title === 'container-gate policy change'
    )
    expect(policy).toHaveLength(1)
    expect(policy[0]).toMatchObject({
      command: 'warning',
      properties: { file: '.hadolint.yaml', line: '1', endLine: '2' }
    })
    expect(fromBase.summary).toContain('this pull request adds .hadolint.yaml')

    const fromHead = run({ 'policy-from': 'head' })
    expect(fromHead.status).toBe(0)
    expect(fromHead.stdout).not.toContain('base-image-not-pinned')
  }, 120000)
})
