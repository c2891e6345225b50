// What the rules read, computed once per file: per stage the SHELL, WORKDIR
// and shipping facts, and per RUN the script parsed into commands, its
// mounts and cache targets. Rules never re-parse a RUN.

import type { DockerfileModel, Instruction, Stage } from './model.js'
import { parseMountOptions } from './model.js'
import { parseShell, runScript, type ShellCommand } from './shell.js'
import type { Mount, RunFacts, StageFacts } from './types.js'

export const DEFAULT_SHELL = ['/bin/sh', '-c']
const POSIX_SHELL = /(^|\/)(ba|da|a|z|k|mk)?sh(\.exe)?$/i
/** Windows base images: Microsoft's names and tags (`…:8.0-nanoserver-ltsc2022`, `…/windows/servercore`). */
const WINDOWS_BASE =
  /nanoserver|servercore|mcr\.microsoft\.com\/windows|(^|\/)windows([:/@]|$)|[:-]ltsc20\d\d|[:-]1809\b/i

/** `# hadolint shell=powershell`: the shell the lines after it run in (hadolint's pragma). */
const SHELL_PRAGMA = /^\s*hadolint\s+shell\s*=\s*(\S+)\s*(#.*)?$/

export function stageFacts(model: DockerfileModel): StageFacts[] {
  const { stages } = model
  const shipping = new Set<number>()
  let walk: Stage | undefined = stages[stages.length - 1]
  while (walk && !shipping.has(walk.index)) {
    shipping.add(walk.index)
    walk = walk.base.kind === 'stage' ? stages[walk.base.stageIndex as number] : undefined
  }
  const pragmas = model.comments
    .map(comment => ({ line: comment.line, shell: SHELL_PRAGMA.exec(comment.text)?.[1] }))
    .filter((p): p is { line: number; shell: string } => p.shell !== undefined)
  const facts: StageFacts[] = []
  /** What each stage hands to a stage built FROM it. */
  const ends: { shell: string[]; shellSet: boolean; workdirSet: boolean }[] = []
  for (const stage of stages) {
    const parentIndex = stage.base.kind === 'stage' ? stage.base.stageIndex : undefined
    const parent =
      parentIndex !== undefined && parentIndex < stage.index ? facts[parentIndex] : undefined
    const inherited = parent ? ends[parent.stage.index] : undefined
    let shell = inherited?.shell ?? DEFAULT_SHELL
    let shellSet = inherited?.shellSet ?? false
    let workdirSet = inherited?.workdirSet ?? false
    // A backtick escape is the Windows convention (paths are full of backslashes).
    const windows = parent
      ? parent.windows
      : WINDOWS_BASE.test(stage.base.resolved) || model.escape === '`'
    const shells: string[][] = []
    const shellSets: boolean[] = []
    const workdirs: boolean[] = []
    let previousEnd = stage.from.endLine
    for (const instruction of stage.instructions) {
      for (const pragma of pragmas)
        if (pragma.line > previousEnd && pragma.line < instruction.line) shell = [pragma.shell]
      shells.push(shell)
      shellSets.push(shellSet)
      workdirs.push(workdirSet)
      if (instruction.keyword === 'SHELL' && instruction.json && instruction.json.length > 0) {
        shell = instruction.json
        shellSet = true
      }
      if (instruction.keyword === 'WORKDIR' && isAbsolutePath(instruction.rest, windows))
        workdirSet = true
      previousEnd = instruction.endLine
    }
    ends[stage.index] = { shell, shellSet, workdirSet }
    facts.push({
      stage,
      ...(parent ? { parent } : {}),
      fromScratch: parent ? parent.fromScratch : stage.base.kind === 'scratch',
      ships: shipping.has(stage.index),
      windows,
      shells,
      shellSet: shellSets,
      workdirSet: workdirs
    })
  }
  return facts
}

/** `/app`, `"C:\"`, `c:/x`, `$HOME/x` (a variable: not provably relative); Windows `\x` too. */
export function isAbsolutePath(written: string, windows: boolean): boolean {
  const path = written.trim().replace(/^(["'])(.*)\1$/, '$2')
  if (path.startsWith('/') || path.startsWith('$')) return true
  if (/^[A-Za-z]:([\\/]|$)/.test(path)) return true
  return windows && path.startsWith('\\')
}

export function runFacts(stages: StageFacts[]): RunFacts[] {
  const runs: RunFacts[] = []
  for (const facts of stages) {
    facts.stage.instructions.forEach((instruction, index) => {
      const run = instruction.trigger ?? instruction
      if (run.keyword !== 'RUN') return
      runs.push(readRun(instruction, run, facts, index))
    })
  }
  return runs
}

function readRun(
  instruction: Instruction,
  run: Instruction,
  stage: StageFacts,
  index: number
): RunFacts {
  const shell = stage.shells[index] ?? DEFAULT_SHELL
  const posix = !stage.windows && POSIX_SHELL.test(shell[0] ?? '')
  const { script, shellForm } = runScript(run)
  const pipelines = posix || !shellForm ? parseShell(script) : []
  const commands: ShellCommand[] = pipelines.flat()
  const mounts: Mount[] = run.flags
    .filter(flag => flag.name === 'mount' && flag.value !== undefined)
    .map(flag => {
      const options = parseMountOptions(flag.value as string)
      const target = options.get('target') ?? options.get('dst') ?? options.get('destination')
      return {
        type: options.get('type') ?? 'bind',
        ...(target !== undefined ? { target } : {}),
        ...(options.get('from') !== undefined ? { from: options.get('from') } : {}),
        options
      }
    })
  return {
    instruction,
    run,
    onbuild: instruction.trigger !== undefined,
    stage,
    index,
    scope: stage.stage.scopes[index],
    shell,
    posix,
    script,
    shellForm,
    pipelines,
    commands,
    mounts,
    cacheTargets: mounts
      .filter(m => m.type === 'cache' || m.type === 'tmpfs')
      .map(m => (m.target ?? '').replace(/\/+$/, '') || '/')
  }
}
