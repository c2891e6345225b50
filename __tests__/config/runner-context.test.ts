import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { readRunnerContext } from '../../src/config/runner-context.js'

const ROOT = join(import.meta.dirname, '..', '..')

describe('readRunnerContext', () => {
  it('reads the event file once into the pull request, refs, URLs and inputs', () => {
    const ctx = readRunnerContext({
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: join(ROOT, 'fixtures', 'events', 'pull_request.json'),
      GITHUB_REPOSITORY: 'octo-org/octo-app',
      GITHUB_SHA: 'ffff',
      GITHUB_API_URL: 'https://ghe.example.com/api/v3',
      GITHUB_SERVER_URL: 'https://ghe.example.com',
      GITHUB_WORKSPACE: '/w',
      RUNNER_TEMP: '/t',
      GITHUB_RUN_ID: '9',
      'INPUT_SECRETS-PATH': 'src'
    })
    expect(ctx).toMatchObject({
      eventName: 'pull_request',
      repository: { owner: 'octo-org', repo: 'octo-app' },
      apiUrl: 'https://ghe.example.com/api/v3',
      serverUrl: 'https://ghe.example.com',
      sha: 'ffff',
      // Reviewers read the PR head, not the merge commit.
      headSha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      workspace: '/w',
      tempDir: '/t',
      runId: '9',
      inputs: { 'SECRETS-PATH': 'src' },
      pr: { number: 42, baseSha: '4b825dc642cb6eb9a060e54bf8d69288fbee4904' }
    })
    expect(ctx.eventError).toBeUndefined()
  })

  it('outside Actions: public GitHub URLs, the cwd, the OS temp dir, no PR', () => {
    const ctx = readRunnerContext({}, '/here')
    expect(ctx).toMatchObject({
      eventName: '',
      apiUrl: 'https://api.github.com',
      serverUrl: 'https://github.com',
      workspace: '/here',
      tempDir: tmpdir()
    })
    expect(ctx.pr).toBeUndefined()
    expect(ctx.repository).toBeUndefined()
  })

  it('an unreadable event payload is one line to warn with, not a failure', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-event-'))
    writeFileSync(join(dir, 'event.json'), '{not json')
    const ctx = readRunnerContext({
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: join(dir, 'event.json')
    })
    expect(ctx.pr).toBeUndefined()
    expect(ctx.eventError).toMatch(
      /^cannot read the event payload .*event\.json \(.*\); treating this run as not a pull request$/
    )
  })
})
