// git for the features that read the repository: the base commit, the diff, the history.
import { OutputLimitError, run } from './exec.js'

/** The most output one git call may print (a PR's diff, a file at the base commit). */
export const MAX_GIT_OUTPUT = 256 * 1024 * 1024

/**
 * stdout, or undefined when git fails (missing objects, not a repository, no
 * remote, git not installed). Output past `maxBytes` is an OutputLimitError:
 * a clear stop, never a silently partial answer.
 */
export async function git(
  cwd: string,
  args: string[],
  maxBytes = MAX_GIT_OUTPUT
): Promise<string | undefined> {
  try {
    const result = await run('git', args, {
      cwd,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      maxBytes
    })
    return result.exitCode === 0 ? result.stdout : undefined
  } catch (error) {
    if (error instanceof OutputLimitError) throw error
    return undefined
  }
}

/** A full or abbreviated commit id. */
const HEX_SHA = /^[0-9a-f]{7,64}$/i
/**
 * A ref name or revision we pass on: `main`, `origin/main`, `refs/heads/x`,
 * `v1.2`, `HEAD~2`, `main@{upstream}`. Never an option (`-…`), never a range,
 * no spaces, no `:` (a path inside a commit), no globs, no control characters.
 */
const REF_NAME = /^[A-Za-z0-9_][A-Za-z0-9_./~^@{}+-]{0,254}$/

/**
 * True when `rev` is safe to hand to git as a revision: a hex SHA or a safe
 * ref name (see REF_NAME). Event payloads and config values are checked here
 * before they reach git; git also gets `--end-of-options` before them.
 */
export function isSafeRevision(rev: string): boolean {
  if (HEX_SHA.test(rev)) return true
  return REF_NAME.test(rev) && !rev.includes('..') && !rev.includes('//') && !rev.endsWith('.lock')
}

/** True when `sha` is a hex commit id (what a GitHub event gives). */
export function isHexSha(sha: string): boolean {
  return HEX_SHA.test(sha)
}

export async function hasCommit(cwd: string, sha: string): Promise<boolean> {
  if (!isSafeRevision(sha)) return false
  return (await git(cwd, ['cat-file', '-e', '--end-of-options', `${sha}^{commit}`])) !== undefined
}

/**
 * Whether `sha` is (or, fetched from origin at depth 1, becomes) available:
 * shallow checkouts lack the base commit until asked for it.
 */
export async function ensureCommit(cwd: string, sha: string, fetch = true): Promise<boolean> {
  if (!isHexSha(sha)) return false
  if (await hasCommit(cwd, sha)) return true
  if (!fetch) return false
  await git(cwd, [
    'fetch',
    '--no-tags',
    '--no-recurse-submodules',
    '--depth=1',
    '--end-of-options',
    'origin',
    sha
  ])
  return hasCommit(cwd, sha)
}

/** Git's C-style quoting: "t\303\251st\tx" → the UTF-8 path. */
export function unquoteGitPath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"')) return text
  const bytes: number[] = []
  const body = text.slice(1, -1)
  const escapes: Record<string, number> = {
    n: 10,
    t: 9,
    r: 13,
    '"': 34,
    '\\': 92,
    a: 7,
    b: 8,
    f: 12,
    v: 11
  }
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'))
      continue
    }
    const next = body[i + 1]
    if (next === undefined) {
      bytes.push(92) // a trailing backslash (git never writes one): kept as it is
    } else if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0]
      bytes.push(parseInt(octal, 8) & 0xff)
      i += octal.length
    } else {
      bytes.push(
        ...Buffer.from(next in escapes ? String.fromCharCode(escapes[next]!) : next, 'utf8')
      )
      i += 1
    }
  }
  return Buffer.from(bytes).toString('utf8')
}
