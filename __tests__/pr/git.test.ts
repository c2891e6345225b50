// changedLinesFromGit on real repositories: a PR branch merged the way GitHub
// builds refs/pull/N/merge, checked out fully and as actions/checkout's
// default depth-1 shallow clone.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { withBaseCheckout } from '../../src/pr/base-tree.js'
import { changedLinesFromGit } from '../../src/pr/diff.js'

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: tmpdir()
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'init.defaultBranch=main', '-c', 'protocol.file.allow=always', ...args],
    {
      cwd,
      env: GIT_ENV,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe']
    }
  ).trim()
}

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
}

const DOCKERFILE = [
  'FROM node:20',
  'WORKDIR /app',
  'COPY . .',
  'RUN npm ci',
  'CMD node server.js',
  ''
].join('\n')

describe('changedLinesFromGit', () => {
  let origin: string
  let baseSha: string
  let headSha: string
  let mergeSha: string

  beforeAll(() => {
    origin = mkdtempSync(join(tmpdir(), 'cg-git-origin-'))
    git(origin, 'init', '-q')
    write(origin, { Dockerfile: DOCKERFILE, 'README.md': 'hello\n', 'old.txt': 'bye\n' })
    git(origin, 'add', '-A')
    git(origin, 'commit', '-q', '-m', 'initial')
    git(origin, 'checkout', '-q', '-b', 'feature')
    // The PR: edits lines 1 and 4, adds a line after 4, adds a file, deletes one.
    write(origin, {
      Dockerfile: [
        'FROM node:20-slim',
        'WORKDIR /app',
        'COPY . .',
        'RUN npm ci --omit=dev',
        'USER node',
        'CMD node server.js',
        ''
      ].join('\n'),
      'config/app.env': 'TOKEN=x\nMODE=prod\n'
    })
    git(origin, 'rm', '-q', 'old.txt')
    git(origin, 'add', '-A')
    git(origin, 'commit', '-q', '-m', 'harden')
    headSha = git(origin, 'rev-parse', 'HEAD')
    // Meanwhile main moves on in another file: not part of the PR.
    git(origin, 'checkout', '-q', 'main')
    write(origin, { 'README.md': 'hello\nworld\n' })
    git(origin, 'commit', '-q', '-am', 'docs')
    baseSha = git(origin, 'rev-parse', 'HEAD')
    // GitHub's test merge: first parent = base tip, second = PR head.
    git(origin, 'checkout', '-q', '--detach')
    git(origin, 'merge', '-q', '--no-ff', '-m', 'Merge feature into main', headSha)
    mergeSha = git(origin, 'rev-parse', 'HEAD')
    git(origin, 'update-ref', 'refs/pull/1/merge', mergeSha)
    git(origin, 'checkout', '-q', 'main')
  })

  const expected = () =>
    new Map<string, Set<number> | 'all'>([
      ['Dockerfile', new Set([1, 4, 5])],
      ['config/app.env', 'all']
    ])

  it('diffs the merge commit against the base in a full clone (only the PR changes, not main’s)', async () => {
    const changed = await changedLinesFromGit(origin, baseSha, mergeSha)
    expect(changed).toEqual(expected())
  })

  it('uses the merge base when the PR head itself is checked out', async () => {
    // base...head: README's change on main is not the PR's.
    expect(await changedLinesFromGit(origin, baseSha, headSha)).toEqual(expected())
  })

  it('fetches the base commit into a depth-1 checkout of the merge commit', async () => {
    const clone = mkdtempSync(join(tmpdir(), 'cg-git-shallow-'))
    git(clone, 'init', '-q')
    git(clone, 'remote', 'add', 'origin', `file://${origin}`)
    git(clone, 'fetch', '-q', '--depth=1', 'origin', 'refs/pull/1/merge')
    git(clone, 'checkout', '-q', '--detach', 'FETCH_HEAD')
    expect(() => git(clone, 'cat-file', '-e', `${baseSha}^{commit}`)).toThrow()

    expect(await changedLinesFromGit(clone, baseSha, 'HEAD', { fetch: false })).toBeUndefined()
    expect(await changedLinesFromGit(clone, baseSha, 'HEAD')).toEqual(expected())
  })

  it('is undefined when the base cannot be found or fetched, or outside a repository', async () => {
    const lonely = mkdtempSync(join(tmpdir(), 'cg-git-lonely-'))
    git(lonely, 'init', '-q')
    write(lonely, { a: '1\n' })
    git(lonely, 'add', '-A')
    git(lonely, 'commit', '-q', '-m', 'only')
    expect(await changedLinesFromGit(lonely, baseSha, 'HEAD')).toBeUndefined()
    expect(await changedLinesFromGit(tmpdir(), baseSha, 'HEAD')).toBeUndefined()
    expect(await changedLinesFromGit(origin, '--output=/tmp/x', 'HEAD')).toBeUndefined()
  })

  it('checks the base out into a temporary worktree of a shallow clone, and removes it', async () => {
    const clone = mkdtempSync(join(tmpdir(), 'cg-git-shallow-base-'))
    git(clone, 'init', '-q')
    git(clone, 'remote', 'add', 'origin', `file://${origin}`)
    git(clone, 'fetch', '-q', '--depth=1', 'origin', 'refs/pull/1/merge')
    git(clone, 'checkout', '-q', '--detach', 'FETCH_HEAD')
    let seen = ''
    const result = await withBaseCheckout(clone, baseSha, async dir => {
      seen = dir
      return readFileSync(join(dir, 'Dockerfile'), 'utf8')
    })
    expect(result).toBe(DOCKERFILE)
    expect(git(clone, 'worktree', 'list').split('\n')).toHaveLength(1)
    expect(() => readFileSync(join(seen, 'Dockerfile'))).toThrow()
    expect(await withBaseCheckout(clone, 'f'.repeat(40), async () => 'never')).toBeUndefined()
  })
})
