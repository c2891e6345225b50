// Secrets in the commits of a range (a pull request's): a key added in one
// commit and deleted in the next is gone from the files but not from the git
// history, where anyone who can clone reads it. Each commit's added lines are
// scanned with the same detectors and settings as the files; a finding keeps
// the fingerprint a file finding would have, so one that is still in the tree
// is reported once (by the file scan).
import type { Finding } from '../model/finding.js'
import type { CommitRange } from '../model/scan.js'
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { git, isSafeRevision, unquoteGitPath } from '../util/git.js'
import { scanText, type SecretSuppressed } from './scan.js'
import { resolveSecretsSettings, type SecretsSettings } from './settings.js'

export type { CommitRange }

export interface HistoryScan {
  findings: Finding[]
  suppressed: SecretSuppressed[]
  stats: Record<string, number>
  warnings: string[]
  /** False when the commits are not in the checkout (a shallow clone): nothing was scanned. */
  available: boolean
}

/** A PR with more commits than this is scanned up to it, with a warning. */
export const MAX_HISTORY_COMMITS = 500

/** `BASE..HEAD` → the range; anything that could be read as a git option or a path is refused. */
export function parseCommitRange(text: string): CommitRange | undefined {
  const m = /^([\w./~^@{}-]+)\.\.([\w./~^@{}-]+)$/.exec(text.trim())
  if (!m || m[1]!.startsWith('-') || m[2]!.startsWith('-')) return undefined
  return { base: m[1]!, head: m[2]! }
}

/**
 * Scan the lines each commit in `base..head` added, in the files under `paths`
 * (relative to `cwd`, as the file scan reports them). Never throws for git's
 * own failures: they come back as `available: false` or a warning.
 */
export async function scanSecretsInHistory(
  range: CommitRange,
  paths: readonly string[],
  settings: SecretsSettings,
  opts: { cwd: string }
): Promise<HistoryScan> {
  const out: HistoryScan = {
    findings: [],
    suppressed: [],
    stats: { commits: 0, files: 0, bytes: 0 },
    warnings: [],
    available: true
  }
  const resolved = resolveSecretsSettings(settings)
  const pathspec = ['--', ...paths]
  // Revisions from an event or the config never reach git as options (`--output=…`).
  if (!isSafeRevision(range.base) || !isSafeRevision(range.head)) {
    out.available = false
    return out
  }
  const list = await git(opts.cwd, [
    'rev-list',
    '--reverse',
    '--no-merges',
    '--end-of-options',
    `${range.base}..${range.head}`,
    ...pathspec
  ])
  if (list === undefined) {
    out.available = false
    return out
  }
  let commits = list.split('\n').filter(line => /^[0-9a-f]{40,64}$/.test(line))
  if (commits.length > MAX_HISTORY_COMMITS) {
    out.warnings.push(
      `secrets history: ${commits.length} commits in ${range.base}..${range.head}; scanned the first ${MAX_HISTORY_COMMITS}`
    )
    commits = commits.slice(0, MAX_HISTORY_COMMITS)
  }
  const wanted = new Set(commits)
  // Each finding (and each suppression) is kept at the oldest commit that added it.
  const seen = new Set<string>()
  const seenSuppressed = new Set<string>()
  const scanCommit = (sha: string, patch: string): void => {
    out.stats.commits!++
    for (const file of addedLines(patch)) {
      const content = Buffer.from(file.lines.join('\n') + '\n', 'utf8')
      if (content.length > resolved.maxFileSize) continue
      out.stats.files!++
      out.stats.bytes! += content.length
      const scanned = scanText(file.path, content, resolved)
      const relocate = (finding: Finding): Finding => inCommit(finding, file.lineNumbers, sha)
      for (const finding of scanned.findings) {
        if (seen.has(finding.fingerprint)) continue
        seen.add(finding.fingerprint)
        out.findings.push(relocate(finding))
      }
      for (const s of scanned.suppressed) {
        if (seenSuppressed.has(s.finding.fingerprint)) continue
        seenSuppressed.add(s.finding.fingerprint)
        out.suppressed.push({ ...s, finding: relocate(s.finding) })
      }
    }
  }
  // One git process streams every commit's patch (a process per commit costs ~10 ms each).
  const ok = await streamPatches(
    opts.cwd,
    [
      '-c',
      'core.quotepath=off',
      'log',
      '--reverse',
      '--no-merges',
      '--format=%x00commit %H',
      '--patch',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--unified=0',
      '--no-renames',
      '--diff-filter=AM',
      '--relative',
      '--end-of-options',
      `${range.base}..${range.head}`,
      ...pathspec
    ],
    (sha, patch) => {
      if (!wanted.has(sha)) return
      if (patch !== undefined) scanCommit(sha, patch)
      else
        out.warnings.push(
          `secrets history: commit ${sha.slice(0, 12)} has a patch over ${MAX_PATCH_BYTES} bytes; not scanned`
        )
    },
    wanted.size
  )
  if (!ok)
    out.warnings.push(`secrets history: git log ${range.base}..${range.head} failed part way`)
  return out
}

/** A commit whose patch is larger than this is skipped with a warning (memory stays bounded). */
const MAX_PATCH_BYTES = 64 * 1024 * 1024

/**
 * Run `git log --format=%x00commit %H --patch …` and hand each commit's patch to `each`
 * (undefined when it was over MAX_PATCH_BYTES) as soon as it is complete. Stops after `limit`
 * commits. False when git failed.
 *
 * Its own child_process rather than util/exec.ts (@actions/exec): the output is a
 * stream read line by line and cut after `limit` commits, which needs the child
 * to kill; @actions/exec gives no handle on it, so git would run to the end of
 * the history first.
 */
function streamPatches(
  cwd: string,
  args: string[],
  each: (sha: string, patch: string | undefined) => void,
  limit: number
): Promise<boolean> {
  return new Promise(resolve => {
    const child = spawn('git', args, {
      cwd,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'ignore']
    })
    let sha: string | undefined
    let parts: string[] = []
    let size = 0
    let done = 0
    let stopped = false
    const flush = (): void => {
      if (sha === undefined || stopped) return
      each(sha, size > MAX_PATCH_BYTES ? undefined : parts.join('\n'))
      done++
      parts = []
      size = 0
      if (done >= limit) {
        stopped = true
        child.kill()
      }
    }
    const lines = createInterface({ input: child.stdout, crlfDelay: Infinity })
    lines.on('line', line => {
      if (stopped) return
      if (line.startsWith('\u0000commit ')) {
        flush()
        sha = line.slice(8)
        return
      }
      size += line.length + 1
      if (size <= MAX_PATCH_BYTES) parts.push(line)
    })
    child.on('error', () => resolve(false))
    child.on('close', code => {
      flush()
      resolve(stopped || code === 0)
    })
  })
}

/** The finding at its line in the commit, saying which commit and that history keeps it. */
function inCommit(finding: Finding, lineNumbers: readonly number[], sha: string): Finding {
  const line = finding.location.line ? lineNumbers[finding.location.line - 1] : undefined
  const endLine = finding.location.endLine ? lineNumbers[finding.location.endLine - 1] : undefined
  const short = sha.slice(0, 12)
  return {
    ...finding,
    message: `${finding.message.replace(/\.$/, '')} (added in commit ${short}; deleting it from the files leaves it in the git history: rotate it).`,
    location: { ...finding.location, line, endLine },
    properties: { ...finding.properties, commit: sha }
  }
}

interface AddedFile {
  path: string
  lines: string[]
  /** The line number in the commit's version of the file for each entry of `lines`. */
  lineNumbers: number[]
}

const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/

/**
 * The added lines of a `git log --patch --unified=0` patch, per file. Hunk
 * bodies are read by the counts in their `@@` header, so an added line whose
 * text is `++ /dev/null` (shown as `+++ /dev/null`) or `++ b/x` is content,
 * never a file header. A path is unquoted once (git quotes unusual names) and
 * loses the TAB git appends to a name with a space. Malformed input ends the
 * current hunk or file; it never throws, and the output is no larger than the input.
 */
export function addedLines(patch: string): AddedFile[] {
  const files: AddedFile[] = []
  let current: AddedFile | undefined
  const lines = patch.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line.startsWith('diff --git ')) {
      current = undefined
      continue
    }
    if (line.startsWith('+++ ')) {
      current = undefined
      const target = headerPath(line.slice(4))
      if (target === undefined) continue
      current = { path: target, lines: [], lineNumbers: [] }
      files.push(current)
      continue
    }
    const hunk = HUNK.exec(line)
    if (!hunk) continue
    let oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1])
    let newLeft = hunk[3] === undefined ? 1 : Number(hunk[3])
    let next = Number(hunk[2])
    // Count by the header: what follows is content until both sides are used up.
    while (i + 1 < lines.length && (oldLeft > 0 || newLeft > 0)) {
      const text = lines[i + 1]!
      const kind = text[0]
      if (kind === '+' && newLeft > 0) {
        current?.lines.push(text.slice(1))
        current?.lineNumbers.push(next)
        next++
        newLeft--
      } else if (kind === '-' && oldLeft > 0) {
        oldLeft--
      } else if ((kind === ' ' || text === '') && oldLeft > 0 && newLeft > 0) {
        next++
        oldLeft--
        newLeft--
      } else if (kind !== '\\') {
        break // malformed: stop the hunk here rather than miscount
      }
      i++
    }
  }
  return files.filter(f => f.lines.length > 0)
}

/** The repository path of a `+++ ` header's target, or undefined for /dev/null. */
function headerPath(raw: string): string | undefined {
  // git ends a header whose name has a space with a TAB (for patch(1)), quoted or not;
  // a TAB inside a name is always quoted (\t), so one trailing TAB is never part of it.
  const target = raw.replace(/\t$/, '')
  if (target === '/dev/null') return undefined
  const path = unquoteGitPath(target)
  return path.startsWith('b/') ? path.slice(2) : path
}
