// The run's fingerprint key from real git repositories: configured, root
// commits (not in a shallow clone), the repository id, or nothing.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { resolveFingerprintKey, unkeyedWarning } from '../../src/config/fingerprint-key.js'
import { FingerprintKey } from '../../src/model/fingerprint.js'

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1'
}
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim()

function repository(commits: number, seed = 'a'): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-fpkey-'))
  git(dir, 'init', '-q', '-b', 'main')
  for (let i = 0; i < commits; i++) {
    writeFileSync(join(dir, `${seed}.txt`), `${seed}${i}\n`)
    git(dir, 'add', '.')
    git(dir, 'commit', '-q', '-m', `c${i}`)
  }
  return dir
}

describe('resolveFingerprintKey', () => {
  it('derives the key from the root commit: the same in every full clone, whatever the head', async () => {
    const repo = repository(3)
    const first = await resolveFingerprintKey({ cwd: repo })
    expect(first.key.source).toBe('root-commits')
    expect(first.note).toContain(first.key.id)
    const clone = mkdtempSync(join(tmpdir(), 'cg-fpkey-clone-'))
    git(clone, 'clone', '-q', repo, 'c')
    const cloneDir = join(clone, 'c')
    writeFileSync(join(cloneDir, 'g.txt'), 'more\n')
    git(cloneDir, 'add', '.')
    git(cloneDir, 'commit', '-q', '-m', 'later')
    const cloned = await resolveFingerprintKey({ cwd: cloneDir, repositoryId: '987654' })
    expect(cloned.key.source).toBe('root-commits')
    expect(cloned.key.id).toBe(first.key.id)
    // Another repository: another root, another key.
    expect((await resolveFingerprintKey({ cwd: repository(1, 'b') })).key.id).not.toBe(first.key.id)
  })

  it('sorts the roots of a merged unrelated history', async () => {
    const repo = repository(1, 'x')
    const other = repository(1, 'y')
    git(repo, 'fetch', '-q', other, 'main:other')
    git(repo, 'merge', '-q', '--allow-unrelated-histories', '-m', 'merge', 'other')
    const roots = git(repo, 'rev-list', '--max-parents=0', 'HEAD').split('\n')
    expect(roots).toHaveLength(2)
    const keyed = await resolveFingerprintKey({ cwd: repo })
    expect(keyed.key.source).toBe('root-commits')
    expect(keyed.note).toContain('root commits')
    // Whatever order git lists them in: the sorted list is the key material.
    expect(keyed.key.id).toBe(FingerprintKey.from([...roots].sort().join('\n'), 'root-commits').id)
    expect(keyed.key.id).not.toBe((await resolveFingerprintKey({ cwd: other })).key.id)
  })

  it('does not take a shallow clone boundary for a root: the repository id, else nothing', async () => {
    const repo = repository(3)
    const shallow = mkdtempSync(join(tmpdir(), 'cg-fpkey-shallow-'))
    git(shallow, 'clone', '-q', '--depth', '1', `file://${repo}`, 's')
    const dir = join(shallow, 's')
    expect(git(dir, 'rev-parse', '--is-shallow-repository')).toBe('true')
    const byId = await resolveFingerprintKey({ cwd: dir, repositoryId: '123456789' })
    expect(byId.key.source).toBe('repository-id')
    const sameId = await resolveFingerprintKey({ cwd: tmpdir(), repositoryId: '123456789' })
    expect(sameId.key.id).toBe(byId.key.id)
    expect((await resolveFingerprintKey({ cwd: dir })).key.source).toBe('none')
  })

  it('a configured key wins; a short one is a warning', async () => {
    const repo = repository(1)
    const configured = await resolveFingerprintKey({
      configured: ' 0f1e2d3c4b5a69788796a5b4c3d2e1f0 ',
      cwd: repo,
      repositoryId: '42'
    })
    expect(configured.key.source).toBe('input')
    expect(configured.warning).toBeUndefined()
    expect(configured.note).not.toContain('0f1e2d3c')
    const trimmed = await resolveFingerprintKey({
      configured: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
      cwd: tmpdir()
    })
    expect(trimmed.key.id).toBe(configured.key.id)
    const short = await resolveFingerprintKey({ configured: 'hunter2', cwd: repo })
    expect(short.warning).toMatch(/^the fingerprint key is 7 characters long: .*openssl rand/)
  })

  it('outside git with no id: the unkeyed constant, and a warning once a secret used it', async () => {
    const none = await resolveFingerprintKey({ cwd: mkdtempSync(join(tmpdir(), 'cg-nogit-')) })
    expect(none.key.source).toBe('none')
    expect(unkeyedWarning(none.key)).toBeUndefined()
    none.key.digest('a secret')
    expect(unkeyedWarning(none.key)).toMatch(
      /^secret fingerprints are not keyed .*guesses of the secret; set fingerprint-key/
    )
    const keyed = await resolveFingerprintKey({ cwd: repository(1) })
    keyed.key.digest('a secret')
    expect(unkeyedWarning(keyed.key)).toBeUndefined()
  })
})
