import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { readPullRequestContext } from '../../src/pr/context.js'

const ROOT = join(import.meta.dirname, '..', '..')
const event = (name: string) =>
  JSON.parse(readFileSync(join(ROOT, 'fixtures', 'events', name), 'utf8')) as Record<
    string,
    unknown
  >

describe('readPullRequestContext', () => {
  it('reads a same-repository pull request: numbers, commits, refs, writable token', () => {
    expect(readPullRequestContext('pull_request', event('pull_request.json'))).toEqual({
      number: 42,
      baseSha: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
      headSha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      baseRef: 'main',
      headRef: 'harden-dockerfile',
      isFork: false,
      repo: { owner: 'octo-org', repo: 'octo-app' }
    })
  })

  it('marks a fork pull request as read-only on pull_request, and targets the base repository', () => {
    const ctx = readPullRequestContext('pull_request', event('pull_request-fork.json'))
    expect(ctx?.isFork).toBe(true)
    expect(ctx?.repo).toEqual({ owner: 'octo-org', repo: 'octo-app' })
    expect(ctx?.readOnlyReason).toBe('this pull request comes from a fork')
  })

  it('does not call pull_request_target read-only (it runs with the base repository token)', () => {
    const ctx = readPullRequestContext('pull_request_target', event('pull_request-fork.json'))
    expect(ctx?.isFork).toBe(true)
    expect(ctx?.readOnlyReason).toBeUndefined()
  })

  it('a review (or review comment) on a fork pull request is read-only too', () => {
    for (const name of ['pull_request_review', 'pull_request_review_comment']) {
      const ctx = readPullRequestContext(name, event('pull_request-fork.json'))
      expect(ctx?.readOnlyReason).toBe('this pull request comes from a fork')
    }
    expect(
      readPullRequestContext('pull_request_review', event('pull_request.json'))?.readOnlyReason
    ).toBeUndefined()
  })

  it('treats a Dependabot pull request as read-only', () => {
    const payload = event('pull_request.json')
    ;(payload.sender as Record<string, unknown>).login = 'dependabot[bot]'
    expect(readPullRequestContext('pull_request', payload)?.readOnlyReason).toMatch(/Dependabot/)
  })

  it('treats a deleted fork (head.repo null) as a fork', () => {
    const payload = event('pull_request-fork.json')
    const pr = payload.pull_request as { head: { repo: unknown } }
    pr.head.repo = null
    expect(readPullRequestContext('pull_request', payload)?.isFork).toBe(true)
  })

  it('is undefined for push events and for payloads without the PR fields', () => {
    expect(readPullRequestContext('push', event('push.json'))).toBeUndefined()
    expect(readPullRequestContext('pull_request', event('push.json'))).toBeUndefined()
    expect(readPullRequestContext('pull_request', null)).toBeUndefined()
    expect(
      readPullRequestContext('pull_request', { pull_request: { number: 'x' } })
    ).toBeUndefined()
  })
})
