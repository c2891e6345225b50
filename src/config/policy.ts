// On a pull request the policy — the config file's ignores, severity
// overrides and check settings, and the committed baseline — is read from the
// base commit, not from the tree under review: a PR that adds
// `ignore: [{path: "**"}]` or edits the baseline must not turn its own gate
// green. Maintainers can trust the head instead (`policy-from: head`).
import { join, relative, resolve } from 'node:path'
import { HADOLINT_CONFIG_FILES } from '../dockerfile/index.js'
import { InputError } from '../model/errors.js'
import { parseBaseline, type Baseline } from '../pr/baseline.js'
import { ensureCommit, git } from '../util/git.js'
import { EMPTY_FILE_CONFIG, parseConfigFile, type FileConfig } from './file.js'

export const POLICY_SOURCES = ['base', 'head'] as const
export type PolicySource = (typeof POLICY_SOURCES)[number]

export function parsePolicySource(value: string, name: string): PolicySource | undefined {
  const v = value.trim().toLowerCase()
  if (v === '') return undefined
  if ((POLICY_SOURCES as readonly string[]).includes(v)) return v as PolicySource
  throw new InputError(`${name} has value "${value}"; allowed: ${POLICY_SOURCES.join(', ')}`)
}

/** A policy file the pull request changes: its path (as shown) and the head lines that differ. */
export interface PolicyChange {
  file: string
  /** 1-based lines of the head's version that the base does not have (empty when deleted). */
  lines: number[]
  /** The file is new in the pull request (the base commit has none). */
  added: boolean
}

export interface BasePolicy {
  file: FileConfig
  baseline?: Baseline
  /** `.hadolint.yaml` at the base commit (null: none there); only when `hadolintDir` was given. */
  hadolintConfig?: { file: string; text: string } | null
  changes: PolicyChange[]
}

const MAX_POLICY_BYTES = 1024 * 1024

/**
 * The config file and the baseline as the base commit has them. `configFile`
 * and `baselineFile` are the head's paths (absolute); a file the base commit
 * lacks is an empty policy there. Undefined when the base commit cannot be had.
 */
export async function readBasePolicy(opts: {
  cwd: string
  baseSha: string
  configFile?: string
  /** As the user wrote it (for messages). */
  configShownAs?: string
  baselineFile?: string
  baselineShownAs?: string
  headConfigText?: string
  headBaselineText?: string
  /** Where the Dockerfile check looks for `.hadolint.yaml` (its thresholds and ignores are policy too). */
  hadolintDir?: string
  /** Reads a small head file (undefined when absent), to show what the pull request changes. */
  readHead?: (path: string) => string | undefined
}): Promise<BasePolicy | undefined> {
  if (!/^[0-9a-f]{7,64}$/i.test(opts.baseSha)) return undefined
  const top = (await git(opts.cwd, ['rev-parse', '--show-toplevel']))?.trim()
  if (!top || !(await ensureCommit(top, opts.baseSha))) return undefined
  const changes: PolicyChange[] = []

  let file = EMPTY_FILE_CONFIG
  if (opts.configFile) {
    const shown = opts.configShownAs ?? relative(opts.cwd, opts.configFile)
    const text = await showAtCommit(top, opts.baseSha, opts.configFile)
    if (text !== undefined) file = parseConfigFile(text, `${shown} (base commit)`)
    const change = compare(shown, text, opts.headConfigText)
    if (change) changes.push(change)
  }
  let baseline: Baseline | undefined
  if (opts.baselineFile) {
    const shown = opts.baselineShownAs ?? relative(opts.cwd, opts.baselineFile)
    const text = await showAtCommit(top, opts.baseSha, opts.baselineFile)
    if (text !== undefined) baseline = parseBaseline(text, `${shown} (base commit)`)
    const change = compare(shown, text, opts.headBaselineText)
    if (change) changes.push(change)
  }
  let hadolintConfig: BasePolicy['hadolintConfig']
  if (opts.hadolintDir !== undefined) {
    hadolintConfig = null
    for (const name of HADOLINT_CONFIG_FILES) {
      const path = join(opts.hadolintDir, name)
      const shown = relative(opts.cwd, path) || name
      const text = await showAtCommit(top, opts.baseSha, path)
      if (hadolintConfig === null && text !== undefined)
        hadolintConfig = { file: `${shown} (base commit)`, text }
      const change = compare(shown, text, opts.readHead?.(path))
      if (change) changes.push(change)
    }
  }
  return { file, baseline, ...(hadolintConfig !== undefined ? { hadolintConfig } : {}), changes }
}

/** A file's content at a commit, or undefined when the commit has no such file. */
async function showAtCommit(top: string, sha: string, path: string): Promise<string | undefined> {
  const inRepo = relative(top, resolve(path)).split('\\').join('/')
  if (inRepo.startsWith('..')) return undefined
  const kind = (await git(top, ['cat-file', '-t', '--end-of-options', `${sha}:${inRepo}`]))?.trim()
  if (kind !== 'blob') return undefined
  const size = Number(
    (await git(top, ['cat-file', '-s', '--end-of-options', `${sha}:${inRepo}`]))?.trim()
  )
  if (!Number.isFinite(size) || size > MAX_POLICY_BYTES) {
    throw new InputError(`${inRepo} at the base commit: over ${MAX_POLICY_BYTES} bytes`)
  }
  return git(top, ['cat-file', 'blob', '--end-of-options', `${sha}:${inRepo}`])
}

/** The head lines a pull request adds or changes in a policy file (a plain line diff). */
function compare(
  file: string,
  base: string | undefined,
  head: string | undefined
): PolicyChange | undefined {
  if ((base ?? '') === (head ?? '')) return undefined
  const baseLines = (base ?? '').split('\n')
  const headLines = (head ?? '').split('\n')
  return { file, lines: changedLines(baseLines, headLines), added: base === undefined }
}

/** Lines of `head` not in the longest common subsequence with `base` (1-based). */
export function changedLines(base: readonly string[], head: readonly string[]): number[] {
  // Policy files are small (bounded above); a quadratic LCS table is fine at this size,
  // but cap it so a pathological pair cannot cost more than a few million cells.
  if (base.length * head.length > 4_000_000) return head.map((_, i) => i + 1)
  const m = base.length
  const n = head.length
  const table: Uint32Array[] = Array.from({ length: m + 1 }, () => new Uint32Array(n + 1))
  for (let i = m - 1; i >= 0; i--)
    for (let j = n - 1; j >= 0; j--)
      table[i]![j] =
        base[i] === head[j]
          ? table[i + 1]![j + 1]! + 1
          : Math.max(table[i + 1]![j]!, table[i]![j + 1]!)
  const out: number[] = []
  let i = 0
  let j = 0
  while (j < n) {
    if (i < m && base[i] === head[j]) {
      i++
      j++
    } else if (i < m && table[i + 1]![j]! >= table[i]![j + 1]!) i++
    else {
      if (head[j] !== '' || j < n - 1) out.push(j + 1)
      j++
    }
  }
  return out
}
