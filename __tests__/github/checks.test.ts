import { afterEach, describe, expect, it } from '@jest/globals'
import { GitHubClient } from '../../src/github/client.js'
import {
  clipSummary,
  findingsToCheckAnnotations,
  MAX_CHECK_SUMMARY_CHARS,
  publishCheckRun,
  type CheckAnnotation
} from '../../src/github/checks.js'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github-server.js'
import { dockerfileFinding, secretFinding, vulnFinding } from '../pr/findings.js'

const TOKEN = 'ghs_fake_workflow_token_for_tests'
const CTX = { repo: { owner: 'octo-org', repo: 'octo-app' } }
const HEAD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'

let server: FakeGitHub | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

function annotations(n: number): CheckAnnotation[] {
  return Array.from({ length: n }, (_, i) => ({
    path: 'Dockerfile',
    start_line: i + 1,
    end_line: i + 1,
    annotation_level: 'warning' as const,
    message: `finding ${i}`
  }))
}

async function client(opts: Parameters<typeof startFakeGitHub>[0] = {}) {
  server = await startFakeGitHub(opts)
  const warnings: string[] = []
  return {
    server,
    warnings,
    gh: new GitHubClient({
      token: TOKEN,
      apiUrl: server.url,
      warn: l => warnings.push(l),
      writeSpacingMs: 0
    })
  }
}

describe('publishCheckRun', () => {
  it('sends 120 annotations as 50 + 50 + 20, completing the run with the last batch', async () => {
    const { server, gh } = await client()
    const result = await publishCheckRun(gh, CTX, {
      name: 'container-gate',
      headSha: HEAD,
      conclusion: 'failure',
      title: '3 findings fail the gate',
      summary: '## container-gate\nfailed',
      annotations: annotations(120)
    })
    expect(result).toMatchObject({ annotations: 120, requests: 3 })
    const [create, second, third] = server.requests
    expect(server.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/octo-org/octo-app/check-runs',
      `PATCH /repos/octo-org/octo-app/check-runs/${result!.id}`,
      `PATCH /repos/octo-org/octo-app/check-runs/${result!.id}`
    ])
    const batch = (r: typeof create) =>
      (r.json as { output: { annotations: CheckAnnotation[] } }).output.annotations
    expect(batch(create).map(a => a.message)).toEqual(annotations(50).map(a => a.message))
    expect(batch(second)).toHaveLength(50)
    expect(batch(third)).toHaveLength(20)
    expect(create.json).toMatchObject({
      name: 'container-gate',
      head_sha: HEAD,
      status: 'in_progress'
    })
    expect(create.json).not.toHaveProperty('conclusion')
    expect(second.json).not.toHaveProperty('status')
    expect(third.json).toMatchObject({ status: 'completed', conclusion: 'failure' })
    const run = server.state.checkRuns[0]
    expect(run.annotations).toHaveLength(120)
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' })
  })

  it('uses one completed create call for 50 or fewer annotations', async () => {
    const { server, gh } = await client()
    await publishCheckRun(gh, CTX, {
      name: 'cg',
      headSha: HEAD,
      conclusion: 'success',
      title: 'passed',
      summary: 'ok',
      annotations: annotations(50)
    })
    expect(server.requests).toHaveLength(1)
    expect(server.requests[0].json).toMatchObject({ status: 'completed', conclusion: 'success' })
    expect(server.state.checkRuns[0].annotations).toHaveLength(50)
  })

  it('cuts a long summary to 65,535 characters, saying how much was cut (GitHub answers 422 past that)', async () => {
    const { server, gh } = await client()
    const summary = 'row\n'.repeat(20000)
    await publishCheckRun(gh, CTX, {
      name: 'cg',
      headSha: HEAD,
      conclusion: 'success',
      title: 't',
      summary,
      annotations: []
    })
    const sent = server.state.checkRuns[0].output.summary!
    expect(sent.length).toBeLessThanOrEqual(MAX_CHECK_SUMMARY_CHARS)
    const cut = Number(/…\((\d+) more characters not shown/.exec(sent)?.[1])
    expect(summary.length - cut).toBe(sent.indexOf('\n\n…('))
  })

  it('closes the run when a later batch fails, then reports the failure', async () => {
    const { server, gh } = await client()
    const bad = annotations(60)
    bad[55] = { ...bad[55], start_line: 3, end_line: 4, start_column: 1, end_column: 2 }
    await expect(
      publishCheckRun(gh, CTX, {
        name: 'cg',
        headSha: HEAD,
        conclusion: 'failure',
        title: 't',
        summary: 's',
        annotations: bad
      })
    ).rejects.toThrow(/returned 422/)
    expect(server.state.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' })
  })

  it('warns once naming checks: write when the token may not create check runs', async () => {
    const { server, gh, warnings } = await client({ forbid: ['checks'] })
    const run = {
      name: 'cg',
      headSha: HEAD,
      conclusion: 'failure' as const,
      title: 't',
      summary: 's',
      annotations: annotations(70)
    }
    expect(await publishCheckRun(gh, CTX, run)).toBeUndefined()
    expect(await publishCheckRun(gh, CTX, run)).toBeUndefined()
    expect(server.requests).toHaveLength(1)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/^cannot write the check run: the token lacks `checks: write`/)
  })
})

describe('findingsToCheckAnnotations', () => {
  it('annotates checkout files most severe first, maps levels, and counts what cannot be annotated', () => {
    const low = dockerfileFinding('shell-form-cmd', 9, 'low', './Dockerfile')
    const secret = secretFinding(
      'ghp_R8mWq2Lx7Tz4Kc9Vb3Nf6Hy1Pd5Sg0Ja2Ue8',
      'src/app.js',
      3,
      'critical'
    )
    const inImage = {
      ...secretFinding('ghp_R8mWq2Lx7Tz4Kc9Vb3Nf6Hy1Pd5Sg0Ja2Ue9', '/app/.env', 1),
      check: 'secrets' as const
    }
    const vuln = vulnFinding('CVE-2024-0001', 'openssl', '3.0.11')
    const { annotations, notAnnotatable } = findingsToCheckAnnotations([low, vuln, secret, inImage])
    expect(notAnnotatable).toBe(2)
    expect(annotations).toEqual([
      {
        path: 'src/app.js',
        start_line: 3,
        end_line: 3,
        start_column: 7,
        end_column: 47,
        annotation_level: 'failure',
        title: 'GitHub token [github-token] (critical)',
        message:
          'A GitHub token (ghp_…(40 chars)) is hardcoded.\n\nRevoke it and read it from a secret store.'
      },
      {
        path: 'Dockerfile',
        start_line: 9,
        end_line: 9,
        start_column: 1,
        end_column: 1,
        annotation_level: 'notice',
        title: 'Dockerfile rule shell-form-cmd [shell-form-cmd] (low)',
        message: 'Line 9 breaks shell-form-cmd.'
      }
    ])
  })

  it('drops columns on multi-line spans and skips files outside the checkout', () => {
    const span = {
      ...dockerfileFinding('x', 2),
      location: { path: 'Dockerfile', line: 2, column: 3, endLine: 5, endColumn: 1 }
    }
    const elsewhere = dockerfileFinding('y', 1, 'medium', 'generated/Dockerfile')
    const { annotations, notAnnotatable } = findingsToCheckAnnotations([span, elsewhere], {
      isCheckoutFile: p => p === 'Dockerfile'
    })
    expect(annotations).toHaveLength(1)
    expect(annotations[0]).not.toHaveProperty('start_column')
    expect(annotations[0]).toMatchObject({ start_line: 2, end_line: 5 })
    expect(notAnnotatable).toBe(1)
  })
})

describe('clipSummary', () => {
  it('leaves short text alone and never splits a surrogate pair', () => {
    expect(clipSummary('short')).toBe('short')
    const text = '🔒'.repeat(100)
    const clipped = clipSummary(text, 101)
    expect(clipped.length).toBeLessThanOrEqual(101)
    expect(clipped).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
  })
})
