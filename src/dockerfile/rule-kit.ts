// Small helpers the rule files share: hits, instruction walks, and reading
// command lines (options, subcommands, package words).

import { redactSecret } from '../model/redact.js'
import type { Scope } from './expand.js'
import type { Instruction } from './model.js'
import { programName, type ShellCommand } from './shell.js'
import type { DockerfileRule, RuleHit, RuleInput, RunFacts, StageFacts } from './types.js'

export { programName }

export function defineRule(rule: DockerfileRule): DockerfileRule {
  return rule
}

/** The instruction's content with whitespace collapsed: what fingerprints are made of. */
export function normalisedContent(instruction: Instruction): string {
  const body = instruction.heredocs.map(h => h.body).join('\n')
  return `${instruction.keyword} ${instruction.args}${body ? `\n${body}` : ''}`
    .replace(/\s+/g, ' ')
    .trim()
}

export function hit(
  ruleId: string,
  instruction: Instruction,
  message: string,
  detail = ''
): RuleHit {
  return {
    ruleId,
    line: instruction.line,
    ...(instruction.endLine !== instruction.line ? { endLine: instruction.endLine } : {}),
    message,
    key: `${normalisedContent(instruction)}${detail ? ` ${detail}` : ''}`
  }
}

/** Text from the file shown in a message: one line, at most `max` characters, long words redacted. */
export function shown(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim()
  const safe = line
    .split(' ')
    .map(word =>
      word.length > 40 && /[A-Za-z0-9+/=_-]{40,}/.test(word) ? redactSecret(word) : word
    )
    .join(' ')
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe
}

export interface InstructionVisit {
  /** The instruction in the file (an ONBUILD for a trigger). */
  instruction: Instruction
  /** What it does: the instruction itself, or the ONBUILD trigger. */
  target: Instruction
  onbuild: boolean
  facts: StageFacts
  index: number
  scope: Scope
}

/** Every instruction of every stage (ONBUILD triggers given as `target`), in file order. */
export function* instructions(input: RuleInput): Generator<InstructionVisit> {
  for (const facts of input.stages) {
    const { stage } = facts
    for (let index = 0; index < stage.instructions.length; index++) {
      const instruction = stage.instructions[index]
      yield {
        instruction,
        target: instruction.trigger ?? instruction,
        onbuild: instruction.trigger !== undefined,
        facts,
        index,
        scope: stage.scopes[index]
      }
    }
  }
}

/** The RUNs whose script a POSIX shell runs (shell rules do not apply to PowerShell or cmd). */
export function posixRuns(input: RuleInput): RunFacts[] {
  return input.runs.filter(run => run.posix)
}

/** `-y`, `-qy`, `--yes`, `--assume-yes=true`: whether the command line has one of these options. */
export function hasOption(
  args: readonly string[],
  shorts: string,
  longs: readonly string[] = []
): boolean {
  for (const arg of args) {
    if (arg === '--') return false
    if (arg.startsWith('--')) {
      const name = arg.slice(2).split('=')[0]
      if (longs.includes(name)) return true
    } else if (arg.startsWith('-') && arg.length > 1 && shorts !== '') {
      if ([...arg.slice(1)].some(letter => shorts.includes(letter))) return true
    }
  }
  return false
}

/** How often a short option is given (`-q -q`, `-qq`, `-q=2`, `--quiet --quiet`). */
export function optionCount(args: readonly string[], short: string, long: string): number {
  let count = 0
  for (const arg of args) {
    if (arg === `--${long}`) count++
    else if (arg.startsWith(`--${long}=`)) count += Number(arg.slice(long.length + 3)) || 1
    else if (new RegExp(`^-${short}=(\\d+)$`).test(arg)) count += Number(arg.slice(3))
    else if (/^-[A-Za-z]+$/.test(arg)) count += [...arg.slice(1)].filter(c => c === short).length
  }
  return count
}

/**
 * The words of a command line after the program that are not options (and not
 * the values of `valueOptions`): `apt-get -o X=1 install -y a b` → install, a, b.
 */
export function positionals(
  args: readonly string[],
  valueOptions: readonly string[] = []
): string[] {
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (arg === '--') {
      out.push(...args.slice(i + 1))
      break
    }
    if (arg.startsWith('-') && arg.length > 1) {
      if (!arg.includes('=') && valueOptions.includes(arg)) i++
      continue
    }
    out.push(arg)
  }
  return out
}

/** The first positional word: `apt-get -y install x` → install. */
export function subcommand(
  args: readonly string[],
  valueOptions: readonly string[] = []
): string | undefined {
  return positionals(args, valueOptions)[0]
}

/** The commands of a RUN whose program is one of `names` (path and version suffix ignored by `match`). */
export function commandsNamed(run: RunFacts, match: (program: string) => boolean): ShellCommand[] {
  return run.commands.filter(command => match(programName(command)))
}

/** The arguments after the program name. */
export function argsOf(command: ShellCommand): string[] {
  return command.argv.slice(1)
}

/** A variable assignment of the RUN that holds before `command`: `X=1 cmd`, or `export X=1` / `X=1;` earlier. */
export function envBefore(run: RunFacts, command: ShellCommand, name: string): string | undefined {
  let value: string | undefined
  for (const other of run.commands) {
    if (other === command) break
    if (programName(other) === 'export' || other.argv.length === 0) {
      for (const word of other.argv.length === 0 ? [] : argsOf(other)) {
        const eq = word.indexOf('=')
        if (eq > 0 && word.slice(0, eq) === name) value = word.slice(eq + 1)
      }
      if (other.argv.length === 0 && other.env.has(name)) value = other.env.get(name)
    }
  }
  return command.env.get(name) ?? value
}

/** `0`, `false`, `no`, `off` (and empty) do not turn a setting on (pip's PIP_NO_CACHE_DIR). */
export function isFalsy(value: string | undefined): boolean {
  return value === undefined || /^(|0|false|no|off)$/i.test(value.trim())
}
