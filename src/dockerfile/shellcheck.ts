// ShellCheck on RUN scripts, as hadolint runs it: every shell-form RUN (and
// heredoc script, ONBUILD RUN too) of a POSIX shell, with `#!<shell>` from the
// stage's SHELL (or `# hadolint shell=`), `export NAME=1` for the proxy
// variables and every ARG/ENV name in scope (so SC2154 does not fire on
// them; an ONBUILD RUN gets the ENV names only), hadolint's exclusions (SC2187, SC1090, SC1091). The scripts of all
// Dockerfiles go to one `shellcheck` process per batch (through
// @actions/exec); each comment becomes a finding with the SC code as its
// rule id, on the RUN line (where `# hadolint ignore=SC…` applies).

import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RuleMeta, Severity } from '../model/finding.js'
import { InputError } from '../model/errors.js'
import { normalisedContent, shown } from './rule-kit.js'
import { parseAssignments } from './model.js'
import type { RuleHit, RuleInput, RunFacts } from './types.js'

/** hadolint's default exclusions: ash is not ShellCheck's, and sourced files cannot be followed. */
export const SHELLCHECK_EXCLUDED = [2187, 1090, 1091]
const PROXY_VARIABLES = [
  'HTTP_PROXY',
  'http_proxy',
  'HTTPS_PROXY',
  'https_proxy',
  'FTP_PROXY',
  'ftp_proxy',
  'NO_PROXY',
  'no_proxy'
]
const SUPPORTED_SHEBANG = /^#!(\/bin\/(sh|bash|ksh)|\/usr\/bin\/env (sh|bash|ksh))\b/
const NON_POSIX = /pwsh|powershell|cmd/i
/** Scripts longer than this are not sent (a hostile RUN would only cost time). */
export const MAX_SCRIPT_BYTES = 256 * 1024
const BATCH = 200

export interface ShellcheckScript {
  /** Where the findings go. */
  file: number
  run: RunFacts
  /** The text ShellCheck reads: shebang, exports, script. */
  text: string
  /** Lines before the script itself. */
  header: number
}

export interface ShellcheckComment {
  line: number
  level: string
  code: number
  message: string
}

/** The scripts of one linted file (`file` is its index in the batch). */
export function shellcheckScripts(input: RuleInput, file: number): ShellcheckScript[] {
  const scripts: ShellcheckScript[] = []
  for (const run of input.runs) {
    if (!run.shellForm || !run.posix || run.stage.windows) continue
    const shell = run.shell.join(' ')
    if (NON_POSIX.test(shell) || run.script.trim() === '') continue
    if (run.script.startsWith('#!') && !SUPPORTED_SHEBANG.test(run.script)) continue
    if (Buffer.byteLength(run.script) > MAX_SCRIPT_BYTES) continue
    const names = new Set(PROXY_VARIABLES)
    for (const instruction of run.stage.stage.instructions.slice(0, run.index)) {
      const target = instruction.trigger ?? instruction
      // An ONBUILD RUN runs in a child build: the ENV of this image reach it, its ARGs do not.
      if (target.keyword === 'ENV' || (target.keyword === 'ARG' && !run.onbuild))
        for (const { key } of parseAssignments(target.rest, target.keyword, input.model.escape))
          if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) names.add(key)
    }
    for (let f = run.stage.parent; f; f = f.parent)
      for (const name of f.stage.envNames)
        if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) names.add(name)
    const shebang = `#!${(run.shell[0] ?? '/bin/sh').split(/\s/)[0]}`
    const exports = [...names].sort().map(name => `export ${name}=1`)
    const header = run.script.startsWith('#!') ? [] : [shebang]
    const lines = [...header, ...exports]
    scripts.push({ file, run, text: `${lines.join('\n')}\n${run.script}\n`, header: lines.length })
  }
  return scripts
}

const LEVEL: Record<string, Severity> = {
  error: 'medium',
  warning: 'low',
  info: 'info',
  style: 'info'
}

export function shellcheckHits(script: ShellcheckScript, comments: ShellcheckComment[]): RuleHit[] {
  return comments
    .filter(c => !SHELLCHECK_EXCLUDED.includes(c.code))
    .map(comment => {
      const code = `SC${String(comment.code).padStart(4, '0')}`
      const scriptLine = Math.max(1, comment.line - script.header)
      return {
        ruleId: code,
        line: script.run.instruction.line,
        ...(script.run.instruction.endLine !== script.run.instruction.line
          ? { endLine: script.run.instruction.endLine }
          : {}),
        severity: LEVEL[comment.level] ?? 'info',
        title: `ShellCheck ${code}`,
        message: `${code}: ${shown(comment.message, 240)}${scriptLine > 1 ? ` (line ${scriptLine} of the script)` : ''}`,
        help: `ShellCheck ${code} in a RUN script: see https://www.shellcheck.net/wiki/${code}.`,
        key: `${code} ${normalisedContent(script.run.instruction)} ${comment.message}`
      }
    })
}

/** Descriptors for the SC codes found (SARIF lists every rule it reports). */
export function shellcheckRules(hits: readonly RuleHit[]): RuleMeta[] {
  const codes = [...new Set(hits.map(h => h.ruleId).filter(id => /^SC\d{4}$/.test(id)))].sort()
  return codes.map(code => ({
    id: code,
    check: 'dockerfile',
    title: `ShellCheck ${code}`,
    defaultSeverity: 'info',
    help: `A ShellCheck warning in a RUN script: see https://www.shellcheck.net/wiki/${code}.`
  }))
}

export type Exec = (
  command: string,
  args: string[],
  options: { silent: boolean; ignoreReturnCode: boolean }
) => Promise<{ exitCode: number; stdout: string; stderr: string }>

async function defaultExec(): Promise<Exec> {
  const exec = await import('@actions/exec')
  return (command, args, options) => exec.getExecOutput(command, args, options)
}

/** The version line of `shellcheck --version`, or undefined when there is no shellcheck. */
export async function shellcheckVersion(exec?: Exec): Promise<string | undefined> {
  const run = exec ?? (await defaultExec())
  try {
    const out = await run('shellcheck', ['--version'], { silent: true, ignoreReturnCode: true })
    if (out.exitCode !== 0) return undefined
    return /version:\s*(\S+)/.exec(out.stdout)?.[1] ?? 'unknown'
  } catch {
    return undefined
  }
}

/**
 * Runs ShellCheck once per batch of scripts; returns each script's comments
 * (same order as `scripts`). Temporary files go to RUNNER_TEMP when set.
 */
export async function runShellcheck(
  scripts: readonly ShellcheckScript[],
  options: { exec?: Exec; tempDir?: string; batch?: number } = {}
): Promise<ShellcheckComment[][]> {
  const results: ShellcheckComment[][] = scripts.map(() => [])
  if (scripts.length === 0) return results
  const exec = options.exec ?? (await defaultExec())
  const dir = await mkdtemp(
    join(options.tempDir ?? process.env.RUNNER_TEMP ?? tmpdir(), 'container-gate-shellcheck-')
  )
  try {
    const size = options.batch ?? BATCH
    const starts: number[] = []
    for (let start = 0; start < scripts.length; start += size) starts.push(start)
    // One process per batch, as many at a time as there are cores (ShellCheck is single-threaded).
    const parallel = Math.max(1, Math.min(4, availableParallelism()))
    const runBatch = async (start: number): Promise<void> => {
      const batch = scripts.slice(start, start + size)
      const files = batch.map((_, i) => join(dir, `run-${start + i}.sh`))
      await Promise.all(batch.map((script, i) => writeFile(files[i], script.text, { mode: 0o600 })))
      const args = [
        '--format=json1',
        '--norc',
        '--severity=style',
        `--exclude=${SHELLCHECK_EXCLUDED.join(',')}`,
        '--',
        ...files
      ]
      const out = await exec('shellcheck', args, { silent: true, ignoreReturnCode: true })
      // 0: clean, 1: comments; anything else is ShellCheck failing (bad options, crash).
      if (out.exitCode > 1)
        throw new InputError(`shellcheck failed (exit ${out.exitCode}): ${shown(out.stderr, 200)}`)
      let parsed: {
        comments?: { file: string; line: number; level: string; code: number; message: string }[]
      }
      try {
        parsed = JSON.parse(out.stdout || '{"comments":[]}')
      } catch {
        throw new InputError('shellcheck gave output that is not its JSON format')
      }
      const index = new Map(files.map((file, i) => [file, start + i]))
      for (const c of parsed.comments ?? []) {
        const at = index.get(c.file)
        if (at === undefined || typeof c.code !== 'number') continue
        results[at].push({
          line: Number(c.line) || 1,
          level: String(c.level),
          code: c.code,
          message: String(c.message)
        })
      }
    }
    for (let i = 0; i < starts.length; i += parallel)
      await Promise.all(starts.slice(i, i + parallel).map(runBatch))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  return results
}
