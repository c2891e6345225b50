// Which lines a pull request added or changed, from `git diff` or from the
// `patch` fields of the PR files API, and which findings fall on them.
import type { Finding } from '../model/finding.js'
import { isInImage } from '../model/image-location.js'
import { InputError } from '../model/errors.js'
import { ensureCommit, git, hasCommit, isHexSha, unquoteGitPath } from '../util/git.js'

/**
 * Repo-relative path (forward slashes) → the added or changed lines of its
 * new version, or `all` when every line counts (a new file, a binary file, a
 * patch GitHub did not send because it was too large).
 */
export type ChangedLines = Map<string, Set<number> | 'all'>

export const FILTER_MODES = ['added', 'diff-context', 'file', 'nofilter'] as const
export type FilterMode = (typeof FILTER_MODES)[number]

/** reviewdog's `diff_context`: changed lines ± git's default 3 lines of context. */
export const DIFF_CONTEXT_LINES = 3

export function parseFilterMode(value: string, where = "input 'filter-mode'"): FilterMode {
  const normalised = value.trim().toLowerCase().replace(/_/g, '-')
  if ((FILTER_MODES as readonly string[]).includes(normalised)) return normalised as FilterMode
  throw new InputError(
    `${where} has value "${value}"; allowed: ${FILTER_MODES.join(', ')} (added = only added or changed lines)`
  )
}

/**
 * The new-side line numbers that a patch adds. `patch` is the hunks only
 * (`@@ -a,b +c,d @@` and what follows), as the PR files API returns it.
 */
export function addedLinesInPatch(patch: string): Set<number> {
  const added = new Set<number>()
  const lines = patch.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const header = HUNK.exec(lines[i])
    if (!header) continue
    i = readHunk(lines, i + 1, header, added) - 1
  }
  return added
}

// Line numbers and counts of at most 9 digits: a header claiming more is not a hunk.
const HUNK = /^@@ -\d{1,9}(?:,(\d{1,9}))? \+(\d{1,9})(?:,(\d{1,9}))? @@/

/** Consume one hunk's body from `start`; returns the index of the first line after it. */
function readHunk(lines: string[], start: number, header: RegExpExecArray, added: Set<number>) {
  let oldLeft = header[1] === undefined ? 1 : Number(header[1])
  let newLeft = header[3] === undefined ? 1 : Number(header[3])
  let line = Number(header[2])
  let i = start
  // Count by the header, so content lines that start with `+++`/`---`/`@@` stay content.
  while (i < lines.length && (oldLeft > 0 || newLeft > 0)) {
    const text = lines[i]
    const kind = text[0]
    if (kind === '+') {
      added.add(line++)
      newLeft--
    } else if (kind === '-') {
      oldLeft--
    } else if (kind === ' ' || text === '') {
      line++
      oldLeft--
      newLeft--
    } else if (kind !== '\\') {
      break // malformed: stop at whatever this is rather than miscount
    }
    i++
  }
  // "\ No newline at end of file" can follow the last line.
  while (i < lines.length && lines[i].startsWith('\\')) i++
  return i
}

/**
 * Parse `git diff` output (several files, with their headers). Deleted files
 * are left out; new and binary files count as `all`; renamed files are keyed
 * by their new path and only their edited lines count.
 */
export function parseUnifiedDiff(diff: string): ChangedLines {
  const changed: ChangedLines = new Map()
  const lines = diff.replace(/\r\n/g, '\n').split('\n')
  let path: string | undefined
  let isNew = false
  let isDeleted = false
  let added = new Set<number>()
  let isBinary = false
  let sawTarget = false
  // Called at the end of each file's section: decide what the file contributes.
  const flush = () => {
    if (path !== undefined && !isDeleted) {
      changed.set(path, isNew || isBinary ? 'all' : added)
    }
    path = undefined
    isNew = false
    isDeleted = false
    isBinary = false
    sawTarget = false
    added = new Set<number>()
  }
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]
    if (text.startsWith('diff --git ')) {
      flush()
      path = pathFromDiffGit(text)
    } else if (text.startsWith('new file mode')) {
      isNew = true
    } else if (text.startsWith('deleted file mode')) {
      isDeleted = true
    } else if (text.startsWith('rename to ')) {
      path = unquoteGitPath(text.slice('rename to '.length))
    } else if (text.startsWith('--- ') && sawTarget && lines[i + 1]?.startsWith('+++ ')) {
      flush() // plain `diff -u` output: no `diff --git` line between files
    } else if (text.startsWith('+++ ')) {
      sawTarget = true
      const target = text.slice(4).replace(/\t.*$/, '')
      if (target === '/dev/null') isDeleted = true
      else path = stripPrefix(unquoteGitPath(target))
    } else if (text.startsWith('Binary files ')) {
      // Binary content: findings (secrets in a binary) cannot be pinned to a line.
      isBinary = true
    } else if (text.startsWith('@@ ')) {
      const header = HUNK.exec(text)
      if (header) i = readHunk(lines, i + 1, header, added) - 1
    }
  }
  flush()
  return changed
}

/** `diff --git a/x b/x`: the b-side path (quoted when it has special characters). */
function pathFromDiffGit(line: string): string | undefined {
  const rest = line.slice('diff --git '.length)
  if (rest.startsWith('"')) {
    const m = /^"(?:[^"\\]|\\.)*" ("(?:[^"\\]|\\.)*"|.*)$/.exec(rest)
    return m ? stripPrefix(unquoteGitPath(m[1])) : undefined
  }
  // Unquoted: both sides have the same length when the path did not change.
  const half = (rest.length - 1) / 2
  if (Number.isInteger(half) && rest[half] === ' ') return stripPrefix(rest.slice(half + 1))
  const idx = rest.indexOf(' b/')
  return idx >= 0 ? rest.slice(idx + 3) : undefined
}

function stripPrefix(path: string): string {
  return path.replace(/^[ab]\//, '')
}

/** A finding's path as a repo-relative key: forward slashes, no leading `./`. */
export function repoPath(path: string, root = ''): string {
  let p = path.replace(/\\/g, '/').replace(/^(\.\/)+/, '')
  const prefix = root
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '')
  if (prefix) p = `${prefix}/${p}`
  return p
}

/**
 * Findings that sit in files of the checkout are scoped by the diff. Image
 * findings (vulnerabilities, in-image paths) are not part of any diff; they
 * are scoped by the baseline (`gate-on: new`) instead, so they always count
 * as in the diff here.
 */
export function isDiffAddressable(finding: Finding): boolean {
  // Vulnerabilities and secrets of the image's layers, config Env and history: inside the image.
  if (isInImage(finding)) return false
  // Secrets from the PR's commits are the PR's by definition.
  if ('commit' in (finding.properties ?? {})) return false
  const path = finding.location.path.replace(/\\/g, '/')
  return path !== '' && !path.startsWith('/') && !/^[a-zA-Z]:\//.test(path)
}

/**
 * Split findings by the filter mode: `inDiff` is what annotations and the
 * comment show; `outside` still goes to the summary, folded.
 * `root` is the scan's working directory relative to the repository root.
 */
export function partitionByDiff(
  findings: readonly Finding[],
  changed: ChangedLines,
  mode: FilterMode,
  opts: { root?: string } = {}
): { inDiff: Finding[]; outside: Finding[] } {
  const inDiff: Finding[] = []
  const outside: Finding[] = []
  for (const finding of findings) {
    const keep =
      mode === 'nofilter' || !isDiffAddressable(finding) || inScope(finding, changed, mode, opts)
    ;(keep ? inDiff : outside).push(finding)
  }
  return { inDiff, outside }
}

function inScope(
  finding: Finding,
  changed: ChangedLines,
  mode: FilterMode,
  opts: { root?: string }
): boolean {
  const entry = changed.get(repoPath(finding.location.path, opts.root))
  if (entry === undefined) return false
  if (entry === 'all' || mode === 'file') return true
  const { line, endLine } = finding.location
  // A file-level finding (no line) on a changed file: the change may have caused it.
  if (line === undefined) return true
  const first = line
  const last = Math.max(endLine ?? line, line)
  const pad = mode === 'diff-context' ? DIFF_CONTEXT_LINES : 0
  for (let n = first - pad; n <= last + pad; n++) if (entry.has(n)) return true
  return false
}

/**
 * The lines changed between the PR's base and the scanned commit, from local
 * history: `git diff base...head` (from their merge base). With a shallow
 * checkout (actions/checkout's default depth 1 of the merge commit) the base
 * commit is fetched from `origin` at depth 1, and when the head is the merge
 * commit whose first parent is the base, the two trees are compared directly.
 * Undefined when the history needed is not there and cannot be fetched; then
 * use the PR files API (changedLinesFromApi).
 */
export async function changedLinesFromGit(
  cwd: string,
  baseSha: string,
  headSha: string,
  opts: { fetch?: boolean } = {}
): Promise<ChangedLines | undefined> {
  if (!isHexSha(baseSha) || !(isHexSha(headSha) || headSha === 'HEAD')) return undefined
  if (!(await git(cwd, ['rev-parse', '--git-dir']))) return undefined
  if (!(await hasCommit(cwd, headSha))) return undefined
  if (!(await ensureCommit(cwd, baseSha, opts.fetch !== false))) return undefined
  let from = (await git(cwd, ['merge-base', '--end-of-options', baseSha, headSha]))?.trim()
  if (!from) {
    // Shallow merge commit: its parents are recorded in the commit object even when absent.
    const raw = (await git(cwd, ['cat-file', 'commit', '--end-of-options', headSha])) ?? ''
    const parents = [...raw.matchAll(/^parent ([0-9a-f]+)$/gm)].map(m => m[1])
    const base = (
      await git(cwd, ['rev-parse', '--verify', '--end-of-options', `${baseSha}^{commit}`])
    )?.trim()
    if (!base || parents[0] !== base) return undefined
    from = base
  }
  const diff = await git(cwd, [
    '-c',
    'core.quotePath=true',
    'diff',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--find-renames',
    '--unified=0',
    '--end-of-options',
    from,
    headSha,
    '--'
  ])
  return diff === undefined ? undefined : parseUnifiedDiff(diff)
}
