// The build model: stages (named case-insensitively), what each stage is built
// from, every external image the build pulls (FROM, COPY --from, RUN
// --mount=from), and the variable scope at each instruction (global ARGs for
// FROM, stage ARGs and ENV, ENV inherited through `FROM <stage>`).

import {
  expandVariables,
  MAX_EXPANSION_DEPTH,
  ScopeHistory,
  type Expansion,
  type Scope
} from './expand.js'
import { redactSecret } from '../model/redact.js'
import { KNOWN_INSTRUCTIONS, parseText, type Comment, type Instruction } from './parse.js'

export type { Comment, Heredoc, Instruction, Flag } from './parse.js'

export interface ImageRef {
  /** As written in the Dockerfile. */
  written: string
  /** After variable expansion with the defaults in scope. */
  resolved: string
  kind: 'scratch' | 'stage' | 'image'
  /** For `stage`: the index of the stage referred to. */
  stageIndex?: number
  /** Variables that had no value (ARG without default) or were never declared. */
  unset: string[]
  undeclared: string[]
  /** Variables nested too deep to expand: the reference is unknown. */
  tooDeep?: boolean
}

export interface Stage {
  index: number
  /** The `AS` name as written. */
  name?: string
  /** The `AS` keyword as written (`as`, `AS`). */
  asWritten?: string
  from: Instruction
  base: ImageRef
  /** `--platform=` as written. */
  platform?: string
  /** The stage's instructions after FROM. */
  instructions: Instruction[]
  /** The scope before each instruction (same order as `instructions`). */
  scopes: Scope[]
  /** The scope after the last instruction (ENV here is inherited by `FROM <this stage>`). */
  finalScope: Scope
  /** Names set by ENV in this stage and the stages it is built from (ENV wins over ARG). */
  envNames: ReadonlySet<string>
}

export interface ImageUse {
  ref: ImageRef
  instruction: Instruction
  via: 'from' | 'copy-from' | 'mount-from'
  /** Stage index the instruction belongs to. */
  stage: number
}

export interface Assignment {
  key: string
  /** Unquoted value; undefined for `ARG NAME` without default. */
  value?: string
  /** True for the legacy `ENV key value` form. */
  legacy?: boolean
}

export interface ParseProblem {
  line: number
  message: string
  /** `before-from`: an instruction other than ARG before the first FROM (its own rule, DL3061). */
  kind?: 'before-from'
}

export interface DockerfileModel {
  directives: Record<string, string>
  escape: string
  /** Every top-level instruction in file order. */
  instructions: Instruction[]
  /** ARGs before the first FROM. */
  globalArgs: Instruction[]
  /** Scope of FROM lines: global ARG defaults plus BuildKit's automatic platform ARGs. */
  globalScope: Scope
  stages: Stage[]
  /** Every reference to another image or stage, in file order. */
  images: ImageUse[]
  comments: Comment[]
  /** Why the text is not a buildable Dockerfile; empty when it is. */
  problems: ParseProblem[]
  lineCount: number
}

/** BuildKit defines these in the global scope without a value we can know. */
const AUTOMATIC_ARGS = [
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT'
]

export function parseDockerfile(text: string): DockerfileModel {
  const parsed = parseText(text)
  const problems: ParseProblem[] = []
  const globalArgs: Instruction[] = []
  const globalScope = new Map<string, string | undefined>(AUTOMATIC_ARGS.map(n => [n, undefined]))
  const stages: Stage[] = []
  const images: ImageUse[] = []
  const escape = parsed.escape
  const names = stageNames(parsed.instructions)
  const tooDeep = new Set<number>()
  /** The value of an expansion; a too-deep one is reported once per instruction (its value is unknown). */
  const checked = (expansion: Expansion, instruction: Instruction): string | undefined => {
    if (expansion.tooDeep && !tooDeep.has(instruction.line)) {
      tooDeep.add(instruction.line)
      problems.push({
        line: instruction.line,
        message: `variables are nested more than ${MAX_EXPANSION_DEPTH} deep (\${A:-\${B:-…}}); the value was not expanded and cannot be checked`
      })
    }
    // Unknown, like an ARG without a value: nothing built on it counts as proven.
    return expansion.tooDeep ? undefined : expansion.value
  }

  let current: {
    stage: Stage
    scope: ScopeHistory
    env: Set<string>
  } | null = null
  const finish = (): void => {
    if (current) {
      current.stage.finalScope = current.scope.view()
      current.stage.envNames = current.env
    }
  }

  for (const instruction of parsed.instructions) {
    const { keyword } = instruction
    if (!KNOWN_INSTRUCTIONS.has(keyword)) {
      problems.push({
        line: instruction.line,
        message: `unknown instruction "${safeWord(instruction.written)}"`
      })
      continue
    }
    if (keyword === 'ONBUILD') {
      const trigger = instruction.trigger
      // ONBUILD ONBUILD/FROM/MAINTAINER is its own rule (onbuild-invalid-trigger, DL3043).
      if (!trigger || !KNOWN_INSTRUCTIONS.has(trigger.keyword)) {
        problems.push({
          line: instruction.line,
          message: 'ONBUILD needs a valid instruction after it'
        })
      }
    }
    if (keyword === 'FROM') {
      finish()
      const stage = makeStage(instruction, stages, names, globalScope, escape, problems)
      const parent =
        stage.base.kind === 'stage' ? stages[stage.base.stageIndex as number] : undefined
      const scope = new ScopeHistory()
      const env = new Set<string>()
      if (parent) {
        // ENV is part of the parent stage's image config; ARGs are not inherited.
        for (const name of parent.envNames) {
          scope.set(name, parent.finalScope.get(name))
          env.add(name)
        }
      }
      stages.push(stage)
      if (stage.base.tooDeep)
        checked({ value: '', unset: [], undeclared: [], tooDeep: true }, instruction)
      images.push({ ref: stage.base, instruction, via: 'from', stage: stage.index })
      current = { stage, scope, env }
      continue
    }
    if (!current) {
      if (keyword === 'ARG') {
        globalArgs.push(instruction)
        for (const { key, value } of parseAssignments(instruction.rest, 'ARG', escape)) {
          globalScope.set(
            key,
            value === undefined
              ? undefined
              : checked(expand(value, globalScope, escape), instruction)
          )
        }
      } else {
        problems.push({
          line: instruction.line,
          message: `${keyword} before the first FROM (only ARG may come first)`,
          kind: 'before-from'
        })
      }
      continue
    }
    const { stage, scope, env } = current
    const before = scope.view()
    stage.scopes.push(before)
    stage.instructions.push(instruction)
    if (keyword === 'ARG' || keyword === 'ENV') {
      // All assignments of one instruction see the values from before it (BuildKit semantics).
      const updates: [string, string | undefined][] = []
      for (const { key, value } of parseAssignments(instruction.rest, keyword, escape)) {
        if (keyword === 'ENV') {
          updates.push([
            key,
            value === undefined ? '' : checked(expand(value, before, escape), instruction)
          ])
          env.add(key)
        } else if (!env.has(key)) {
          // `ARG NAME` inside a stage takes the global default, if any.
          updates.push([
            key,
            value === undefined
              ? globalScope.get(key)
              : checked(expand(value, before, escape), instruction)
          ])
        }
      }
      for (const [key, value] of updates) scope.set(key, value)
    }
    collectImageUses(instruction, stage, names, scope.view(), escape, images)
  }
  finish()

  if (parsed.instructions.length === 0) {
    problems.push({ line: 1, message: 'no instructions: the file is empty or only comments' })
  } else if (stages.length === 0 && problems.length === 0) {
    problems.push({ line: parsed.instructions[0].line, message: 'no FROM instruction' })
  }

  return {
    directives: parsed.directives,
    escape,
    instructions: parsed.instructions,
    globalArgs,
    globalScope,
    stages,
    images,
    comments: parsed.comments,
    problems,
    lineCount: parsed.lineCount
  }
}

/**
 * A word from a file that is not a Dockerfile (a .env file, a token list) can be a secret:
 * show the part before `=`/`:` and at most 24 characters; longer words only redacted.
 */
export function safeWord(word: string): string {
  const head = word.split(/[=:]/)[0]
  if (head.length > 24) return redactSecret(word)
  return head.length < word.length ? `${head}…` : head
}

export function expand(text: string, scope: Scope, escape = '\\'): Expansion {
  return expandVariables(text, scope, escape)
}

function makeStage(
  instruction: Instruction,
  stages: Stage[],
  names: readonly StageName[],
  globalScope: Scope,
  escape: string,
  problems: ParseProblem[]
): Stage {
  const words = instruction.rest.split(/\s+/).filter(Boolean)
  const written = words[0] ?? ''
  let name: string | undefined
  let asWritten: string | undefined
  if (words.length === 3 && words[1].toLowerCase() === 'as') {
    name = words[2]
    asWritten = words[1]
  } else if (words.length !== 1) {
    problems.push({
      line: instruction.line,
      message:
        words.length === 0 ? 'FROM needs an image' : 'FROM takes an image and an optional "AS name"'
    })
  }
  const platform = instruction.flags.find(flag => flag.name === 'platform')?.value
  return {
    index: stages.length,
    name,
    ...(asWritten ? { asWritten } : {}),
    from: instruction,
    base: resolveImage(written, globalScope, escape, names, stages.length, false),
    platform,
    instructions: [],
    scopes: [],
    finalScope: new ScopeHistory().view(),
    envNames: new Set()
  }
}

/**
 * What a reference points at: `scratch`, an earlier stage (by name, case-insensitive,
 * or by index for `--from`), or an external image.
 */
export function resolveImage(
  written: string,
  scope: Scope,
  escape: string,
  names: readonly StageName[],
  currentStage: number,
  allowIndex: boolean
): ImageRef {
  const expansion = expand(written, scope, escape)
  const resolved = expansion.value
  const base = {
    written,
    resolved,
    unset: expansion.unset,
    undeclared: expansion.undeclared,
    ...(expansion.tooDeep ? { tooDeep: true } : {})
  }
  const lower = resolved.toLowerCase()
  if (lower === 'scratch') return { ...base, kind: 'scratch' }
  if (allowIndex && /^\d+$/.test(resolved)) {
    return { ...base, kind: 'stage', stageIndex: Number(resolved) }
  }
  // FROM may only name an earlier stage; COPY --from / --mount from may name any stage of
  // the file (BuildKit resolves them after reading every stage).
  for (let i = names.length - 1; i >= 0; i--) {
    const { lower: name, index } = names[i]
    if (name === lower && lower !== '' && (allowIndex || index < currentStage)) {
      return { ...base, kind: 'stage', stageIndex: index }
    }
  }
  return { ...base, kind: 'image' }
}

/** A stage name (lower case) and the index of its stage. */
export interface StageName {
  lower: string
  index: number
}

/** Every `FROM … AS name` of the file, read before the stages are built. */
function stageNames(instructions: readonly Instruction[]): StageName[] {
  const names: StageName[] = []
  let index = 0
  for (const instruction of instructions) {
    if (instruction.keyword !== 'FROM') continue
    const words = instruction.rest.split(/\s+/).filter(Boolean)
    if (words.length === 3 && words[1].toLowerCase() === 'as') {
      names.push({ lower: words[2].toLowerCase(), index })
    }
    index++
  }
  return names
}

function collectImageUses(
  instruction: Instruction,
  stage: Stage,
  names: readonly StageName[],
  scope: Scope,
  escape: string,
  images: ImageUse[]
): void {
  const target = instruction.trigger ?? instruction
  if (instruction.trigger) return // ONBUILD triggers run in a later build, not this one
  if (target.keyword === 'COPY' || target.keyword === 'ADD') {
    const from = target.flags.find(flag => flag.name === 'from')?.value
    if (from !== undefined) {
      images.push({
        ref: resolveImage(from, scope, escape, names, stage.index, true),
        instruction,
        via: 'copy-from',
        stage: stage.index
      })
    }
  }
  if (target.keyword === 'RUN') {
    for (const flag of target.flags) {
      if (flag.name !== 'mount' || flag.value === undefined) continue
      const from = parseMountOptions(flag.value).get('from')
      if (from !== undefined) {
        images.push({
          ref: resolveImage(from, scope, escape, names, stage.index, true),
          instruction,
          via: 'mount-from',
          stage: stage.index
        })
      }
    }
  }
}

/** `type=cache,target=/x,from=img` → map of options (a bare word maps to ''). */
export function parseMountOptions(value: string): Map<string, string> {
  const options = new Map<string, string>()
  for (const part of value.split(',')) {
    const eq = part.indexOf('=')
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase()
    const raw = eq < 0 ? '' : part.slice(eq + 1).trim()
    options.set(key, raw.replace(/^(["'])(.*)\1$/, '$2'))
  }
  return options
}

/**
 * `ENV a=1 b="two words"`, legacy `ENV key value with spaces`, `ARG name[=default] …`,
 * `LABEL k=v`. Quotes are removed and backslash escapes resolved as BuildKit does.
 */
export function parseAssignments(
  rest: string,
  keyword: 'ENV' | 'ARG' | 'LABEL',
  escape = '\\'
): Assignment[] {
  const words = splitWords(rest, escape)
  if (words.length === 0) return []
  if ((keyword === 'ENV' || keyword === 'LABEL') && !words[0].raw.includes('=')) {
    // Legacy `ENV key value` / `LABEL key value`: the value is the rest of the line.
    const key = words[0].text
    const after = rest.slice(rest.indexOf(words[0].raw) + words[0].raw.length).trim()
    return [{ key, value: unquoteWord(after, escape), legacy: true }]
  }
  const out: Assignment[] = []
  for (const word of words) {
    const eq = word.text.indexOf('=')
    if (eq < 0) out.push({ key: word.text })
    else out.push({ key: word.text.slice(0, eq), value: word.text.slice(eq + 1) })
  }
  return out
}

interface Word {
  raw: string
  text: string
}

/** Whitespace-separated words; quotes group and are removed, the escape character (`\` or `` ` ``) escapes the next one. */
/** Space, tab, newline, CR, FF, VT (what \s means for Dockerfile words), without a regex per character. */
function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v'
}

export function splitWords(text: string, escape = '\\'): Word[] {
  const words: Word[] = []
  let i = 0
  while (i < text.length) {
    while (i < text.length && isBlank(text[i])) i++
    if (i >= text.length) break
    const start = i
    let out = ''
    let quote: string | null = null
    for (; i < text.length; i++) {
      const c = text[i]
      if (quote) {
        if (c === quote) quote = null
        // In double quotes the escape only escapes a quote, itself, $ and ` (C:\dir stays C:\dir).
        else if (
          (c === escape && quote === '"' && i + 1 < text.length && /["$`]/.test(text[i + 1])) ||
          (c === escape && quote === '"' && text[i + 1] === escape)
        )
          out += text[++i]
        else out += c
      } else if (c === '"' || c === "'") quote = c
      else if (c === escape && i + 1 < text.length) out += text[++i]
      else if (isBlank(c)) break
      else out += c
    }
    words.push({ raw: text.slice(start, i), text: out })
  }
  return words
}

function unquoteWord(value: string, escape: string): string {
  const words = splitWords(value, escape)
  if (words.length === 1) return words[0].text
  return value
}
