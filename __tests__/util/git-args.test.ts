// Refs and SHAs from an event payload or the config reach git: none may be
// read as an option (`--output=FILE` writes a file, `--upload-pack=CMD` runs a
// command). Each attack below works on a git that is handed the value as is.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { readPullRequestContext } from '../../src/pr/context.js'
import { scanSecretsInHistory } from '../../src/secrets/index.js'
import { ensureCommit, hasCommit, isSafeRevision } from '../../src/util/git.js'
import { gitIn, newRepo } from '../helpers/git-repo.js'
import { ROOT } from '../helpers/runner.js'

function repoWithOrigin(): { dir: string; head: string; scratch: string } {
  const origin = newRepo('cg-origin-')
  writeFileSync(join(origin.dir, 'a.txt'), 'a\n')
  origin.git('add', '-A')
  origin.git('commit', '-q', '-m', 'a')
  const { dir, git } = newRepo('cg-clone-')
  git('remote', 'add', 'origin', origin.dir)
  git('fetch', '-q', 'origin')
  git('checkout', '-q', '-b', 'work', 'origin/main')
  return { dir, head: git('rev-parse', 'HEAD'), scratch: mkdtempSync(join(tmpdir(), 'cg-pwn-')) }
}

describe('isSafeRevision', () => {
  it.each([
    'a1b2c3d',
    '0123456789abcdef0123456789abcdef01234567',
    'main',
    'origin/main',
    'refs/heads/feature-1',
    'v1.2.3',
    'HEAD~2',
    'main@{upstream}'
  ])('accepts %j', rev => expect(isSafeRevision(rev)).toBe(true))

  it.each([
    '--output=/tmp/x',
    '-n1',
    '--upload-pack=touch /tmp/x',
    'main..evil',
    'a b',
    'HEAD:secret.txt',
    'refs/*',
    'x\n--all',
    ''
  ])('refuses %j', rev => expect(isSafeRevision(rev)).toBe(false))
})

describe('git never takes a value for an option', () => {
  it('hasCommit / ensureCommit: a "sha" that is an option runs nothing and writes nothing', async () => {
    const { dir, scratch } = repoWithOrigin()
    const pwned = join(scratch, 'pwned')
    expect(await hasCommit(dir, `--output=${pwned}`)).toBe(false)
    expect(await ensureCommit(dir, `--upload-pack=touch ${pwned}; false`)).toBe(false)
    expect(existsSync(pwned)).toBe(false)
  })

  it('the history scan: an option as the range base writes no file', async () => {
    const { dir, head, scratch } = repoWithOrigin()
    const pwned = join(scratch, 'pwned')
    const scan = await scanSecretsInHistory(
      { base: `--output=${pwned}`, head },
      ['.'],
      {},
      {
        cwd: dir
      }
    )
    expect(scan.available).toBe(false)
    expect(existsSync(`${pwned}..${head}`)).toBe(false)
    expect(existsSync(pwned)).toBe(false)
    // A real range still works.
    const base = gitIn(dir)('rev-parse', 'HEAD')
    writeFileSync(join(dir, 'b.txt'), 'b\n')
    gitIn(dir)('add', '-A')
    gitIn(dir)('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'b')
    const real = await scanSecretsInHistory({ base, head: 'HEAD' }, ['.'], {}, { cwd: dir })
    expect(real.available).toBe(true)
    expect(real.stats.commits).toBe(1)
  })
})

describe('the pull-request event', () => {
  const event = (name: string) =>
    JSON.parse(readFileSync(join(ROOT, 'fixtures', 'events', name), 'utf8')) as {
      pull_request: { base: { sha: string }; head: { sha: string } }
    }

  it('a base or head "sha" that is not a commit id is no pull request to act on', () => {
    for (const side of ['base', 'head'] as const) {
      const payload = event('pull_request.json')
      payload.pull_request[side].sha = '--output=/tmp/pwned'
      expect(readPullRequestContext('pull_request', payload)).toBeUndefined()
    }
  })

  it('a pull_request_review from a fork has a read-only token, like pull_request', () => {
    const ctx = readPullRequestContext('pull_request_review', event('pull_request-fork.json'))
    expect(ctx?.isFork).toBe(true)
    expect(ctx?.readOnlyReason).toBe('this pull request comes from a fork')
  })
})
