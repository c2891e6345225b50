// Real temporary git repositories for the tests that read history (PR diff, base
// commit, secrets in commits). Identity comes from the environment, so the
// machine's git config does not matter.
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const IDENTITY = {
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com'
}

/** Runs git in `dir` and returns its trimmed stdout. */
export function gitIn(dir: string): (...args: string[]) => string {
  return (...args) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ...IDENTITY }
    }).trim()
}

/** A new repository on branch main, with its runner. */
export function newRepo(prefix: string): { dir: string; git: (...args: string[]) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const git = gitIn(dir)
  git('init', '-q', '-b', 'main')
  return { dir, git }
}
