// The PR's base commit as a separate directory, so the same checks can run on
// it and its findings become a baseline ("what was already there") in the
// same job. A git worktree shares the object store: no second clone.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureCommit, git } from '../util/git.js'

/**
 * Check out `baseSha` into a temporary worktree, run `work` on it, and remove
 * the worktree. Fetches the commit (depth 1) when a shallow checkout lacks it.
 * Undefined when the commit cannot be had; errors from `work` propagate.
 */
export async function withBaseCheckout<T>(
  cwd: string,
  baseSha: string,
  work: (dir: string) => Promise<T>,
  opts: { tempDir?: string; fetch?: boolean } = {}
): Promise<T | undefined> {
  if (!/^[0-9a-f]{7,64}$/i.test(baseSha)) return undefined
  const top = (await git(cwd, ['rev-parse', '--show-toplevel']))?.trim()
  if (!top) return undefined
  if (!(await ensureCommit(top, baseSha, opts.fetch !== false))) return undefined
  const dir = mkdtempSync(join(opts.tempDir ?? tmpdir(), 'cg-base-'))
  // No hooks: nothing from the repository runs while we check out.
  const added = await git(top, [
    '-c',
    'core.hooksPath=/dev/null',
    'worktree',
    'add',
    '--detach',
    '--force',
    '--',
    dir,
    baseSha
  ])
  if (added === undefined) {
    rmSync(dir, { recursive: true, force: true })
    return undefined
  }
  try {
    // Scan the same sub-directory of the repository as the head scan.
    const prefix = ((await git(cwd, ['rev-parse', '--show-prefix'])) ?? '').trim()
    return await work(prefix ? join(dir, prefix) : dir)
  } finally {
    await git(top, ['worktree', 'remove', '--force', '--', dir])
    rmSync(dir, { recursive: true, force: true })
    await git(top, ['worktree', 'prune'])
  }
}

/** The working directory's path inside its repository (`services/api`), or '' (root, or no repository). */
export async function repositoryPrefix(cwd: string): Promise<string> {
  return ((await git(cwd, ['rev-parse', '--show-prefix'])) ?? '').trim().replace(/\/+$/, '')
}
