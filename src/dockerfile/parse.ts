// Dockerfile text → instructions, with dockerfile-ast (the parser behind the
// VS Code Docker language server) as the parser of record: instruction
// boundaries and line ranges, keywords, flags, heredocs, ONBUILD triggers,
// parser directives, the escape character and comments all come from it.
//
// On top sits a thin BuildKit layer for what dockerfile-ast does not model
// (each piece has a test in __tests__/dockerfile/parse.test.ts that shows why):
// - the logical line: continuation lines joined with comment and blank lines
//   dropped, as BuildKit does (dockerfile-ast keeps comment text in the
//   arguments), and the blank lines inside a continuation recorded
//   (BuildKit's NoEmptyContinuation);
// - the exec form read with JSON.parse (dockerfile-ast's JSON strings lose
//   the spaces inside a string: ["sh","-c","echo $X"] → "echo$X");
// - flag values unquoted (`--chown="1:1"` is 1:1 for BuildKit);
// - heredoc bodies with `<<-` tab stripping and quoted delimiters, and no
//   heredoc for `<< EOF` (a shell redirection, not a heredoc, for BuildKit).

import { DockerfileParser } from 'dockerfile-ast'

export const KNOWN_INSTRUCTIONS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR'
])

/** Instructions that accept heredocs in BuildKit. */
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD'])
/** Instructions whose leading `--name=value` words are flags. */
const FLAG_INSTRUCTIONS = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK'])

export interface Heredoc {
  /** The delimiter word without quotes. */
  delimiter: string
  /** `<<-`: leading tabs are stripped from the body and the terminator. */
  stripTabs: boolean
  /** `<<"EOF"` / `<<'EOF'`: no variable expansion in the body. */
  quoted: boolean
  body: string
  /** 1-based line of the first body line, and of the terminator (or the last line when unterminated). */
  line: number
  endLine: number
  terminated: boolean
}

export interface Flag {
  name: string
  /** Undefined for a bare `--flag`. */
  value?: string
}

export interface Instruction {
  /** Upper case (`RUN`), as BuildKit matches keywords case-insensitively. */
  keyword: string
  /** As written (`run`). */
  written: string
  /** The arguments on the instruction's own lines, continuations joined, heredoc bodies excluded. */
  args: string
  /** Flags (`--from=build`) at the start of the arguments, for FROM/RUN/COPY/ADD/HEALTHCHECK. */
  flags: Flag[]
  /** The arguments after the flags. */
  rest: string
  /** The exec (JSON) form, when the arguments are a JSON array of strings. */
  json?: string[]
  heredocs: Heredoc[]
  /** 1-based first and last line (including heredoc bodies). */
  line: number
  endLine: number
  /** For ONBUILD: the trigger instruction (same lines). */
  trigger?: Instruction
  /** Blank lines inside a line continuation (BuildKit NoEmptyContinuation), and the 1-based line the logical line ends on. */
  emptyContinuation?: { lines: number[]; endLine: number }
}

export interface Comment {
  line: number
  /** Text after `#`, trimmed. */
  text: string
  /** The next instruction starts right after this comment block (no blank line between). */
  attachedTo?: number
  /** The instruction that starts on the very next line (hadolint's pragmas apply there only). */
  nextLineInstruction?: number
  /** A parser directive at the top of the file (`# check=skip=…`). */
  directive?: boolean
  /** Inside a multi-line instruction (a comment line within a continuation). */
  inside?: boolean
}

export interface ParsedText {
  directives: Record<string, string>
  escape: string
  instructions: Instruction[]
  comments: Comment[]
  /** Number of physical lines (after splitting CRLF/CR/LF). */
  lineCount: number
}

/** Splits a file's text into lines: CRLF, CR and LF all end a line; a BOM is dropped. */
export function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const lines = body.split(/\r\n|\r|\n/)
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return lines
}

interface Position {
  line: number
  character: number
}

/** The subset of dockerfile-ast's instruction API this layer uses. */
interface AstInstruction {
  getKeyword(): string
  getInstruction(): string
  getRange(): { start: Position; end: Position }
  getInstructionRange(): { start: Position; end: Position }
  getFlags?(): { getName(): string; getValue(): string | null; getRange(): { end: Position } }[]
  getHeredocs?(): AstHeredoc[]
  getTriggerInstruction?(): AstInstruction | null
}

interface AstHeredoc {
  getName(): string
  getStartRange(): { start: Position; end: Position }
  getContentRange(): { start: Position; end: Position } | null
  getDelimiterRange(): { start: Position; end: Position } | null
}

export function parseText(text: string): ParsedText {
  // dockerfile-ast positions count the BOM as a character of line 0; keep it in the lines we slice.
  const lines = text.split(/\r\n|\r|\n/)
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  const document = DockerfileParser.parse(text)
  const { directives, entries } = readDirectives(lines)
  const escape = directives.escape === '`' ? '`' : '\\'
  const directiveLines = new Set(entries.map(entry => entry.line))
  const comments: Comment[] = entries.map(entry => ({
    line: entry.line + 1,
    text: `${entry.name}=${entry.value}`,
    directive: true
  }))

  const instructions: Instruction[] = []
  const startLines = new Map<number, number>()
  const ranges: [number, number][] = []
  for (const ast of document.getInstructions() as unknown as AstInstruction[]) {
    const instruction = buildInstruction(ast, lines, escape)
    startLines.set(instruction.line, instructions.length)
    ranges.push([instruction.line, instruction.endLine])
    instructions.push(instruction)
  }

  // Comments: the block right above an instruction (no blank line between) is attached to it.
  let rangeIndex = 0
  // dockerfile-ast's looser directives that BuildKit reads as comments (`# hadolint global ignore=…`).
  const commentLines = [
    ...document
      .getDirectives()
      .map(d => d.getRange().start.line)
      .filter(line => !directiveLines.has(line))
      .map(line => ({ line, text: lines[line].replace(/^\ufeff/, '').replace(/^\s*#/, '') })),
    ...document.getComments().map(c => ({ line: c.getRange().start.line, text: c.getContent() }))
  ].sort((a, b) => a.line - b.line)
  for (const comment of commentLines) {
    const zeroBased = comment.line
    if (directiveLines.has(zeroBased)) continue
    const line = zeroBased + 1
    while (rangeIndex < ranges.length && ranges[rangeIndex][1] < line) rangeIndex++
    const inside = rangeIndex < ranges.length && ranges[rangeIndex][0] < line
    const entry: Comment = { line, text: comment.text.trim() }
    if (inside) entry.inside = true
    else {
      let next = line + 1
      while (next <= lines.length && isCommentLine(lines[next - 1]) && !startLines.has(next)) next++
      const attached = startLines.get(next)
      if (attached !== undefined) entry.attachedTo = attached
      const directlyBelow = startLines.get(line + 1)
      if (directlyBelow !== undefined) entry.nextLineInstruction = directlyBelow
    }
    comments.push(entry)
  }
  comments.sort((a, b) => a.line - b.line)
  // `lines` keeps the BOM and the lone trailing empty line splitLines drops: the same count.
  return { directives, escape, instructions, comments, lineCount: lines.length }
}

const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check'])

/**
 * BuildKit's parser directives: `#` in the first column, `name=value`, only
 * syntax/escape/check, at the very top; the first other line ends them.
 * (dockerfile-ast takes `# hadolint global ignore=DL3002` for a directive.)
 */
function readDirectives(lines: string[]): {
  directives: Record<string, string>
  entries: { line: number; name: string; value: string }[]
} {
  const directives: Record<string, string> = {}
  const entries: { line: number; name: string; value: string }[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = i === 0 ? lines[i].replace(/^\ufeff/, '') : lines[i]
    if (!line.startsWith('#')) break
    const match = DIRECTIVE.exec(line.slice(1).trimStart())
    if (!match) break
    const name = match[1].toLowerCase()
    if (!KNOWN_DIRECTIVES.has(name) || name in directives) break
    directives[name] = match[2]
    entries.push({ line: i, name, value: match[2] })
  }
  return { directives, entries }
}

function isCommentLine(line: string | undefined): boolean {
  return line !== undefined && line.trimStart().startsWith('#')
}

function buildInstruction(ast: AstInstruction, lines: string[], escape: string): Instruction {
  const range = ast.getRange()
  const keyword = ast.getKeyword()
  const written = ast.getInstruction()
  const startLine = range.start.line
  // dockerfile-ast ends an instruction with a trailing escape on the (empty) line after the file's last.
  const endLine = Math.max(Math.min(range.end.line, lines.length - 1), startLine)

  const trigger = keyword === 'ONBUILD' ? (ast.getTriggerInstruction?.() ?? null) : null
  const heredocSource = trigger ?? ast
  const heredocKeyword = trigger ? trigger.getKeyword() : keyword
  // getHeredocs re-reads every argument: only ask when the instruction's first line has a `<<`.
  const astHeredocs =
    HEREDOC_INSTRUCTIONS.has(heredocKeyword) &&
    heredocSource.getHeredocs &&
    mayHaveHeredoc(lines, startLine, endLine)
      ? heredocSource.getHeredocs().filter(h => h.getName() !== '')
      : []
  // The instruction's own lines end where the first heredoc body begins.
  const ownEnd =
    astHeredocs.length > 0
      ? Math.max(...astHeredocs.map(h => h.getStartRange().start.line))
      : endLine
  const heredocs = readHeredocs(astHeredocs, lines, ownEnd, endLine)

  const argsStart = ast.getInstructionRange().end
  const empty: number[] = []
  const args = logicalText(lines, argsStart, ownEnd, escape, empty)
  const instruction: Instruction = {
    keyword,
    written,
    args,
    flags: [],
    rest: args,
    heredocs,
    line: startLine + 1,
    endLine: endLine + 1
  }
  if (empty.length > 0) instruction.emptyContinuation = { lines: empty, endLine: ownEnd + 1 }
  if (FLAG_INSTRUCTIONS.has(keyword) && args.startsWith('--') && ast.getFlags) {
    // A bare `--` ends the flags (BuildKit); it is no flag itself.
    const flags = ast.getFlags()
    if (flags.length > 0) {
      instruction.flags = flags
        .filter(flag => flag.getName() !== '')
        .map(flag => {
          const value = flag.getValue()
          return {
            name: flag.getName().toLowerCase(),
            ...(value === null ? {} : { value: unquote(value) })
          }
        })
      const after = flags[flags.length - 1].getRange().end
      instruction.rest = logicalText(lines, after, ownEnd, escape, [])
    }
  }
  const json = parseJsonForm(instruction.rest)
  if (json) instruction.json = json
  if (trigger) {
    const built = buildInstruction(trigger, lines, escape)
    built.heredocs = heredocs
    built.line = instruction.line
    built.endLine = instruction.endLine
    instruction.trigger = built
  }
  return instruction
}

/** A heredoc marker on one of the instruction's lines (bodies start after it, so the scan stops at the first). */
function mayHaveHeredoc(lines: string[], start: number, end: number): boolean {
  for (let i = start; i <= end && i < lines.length; i++) {
    if (lines[i].includes('<<')) return true
    if (!endsWithEscape(lines[i], '\\') && !endsWithEscape(lines[i], '`') && !isSkippable(lines[i]))
      return false
  }
  return false
}

function readHeredocs(
  astHeredocs: AstHeredoc[],
  lines: string[],
  ownEnd: number,
  endLine: number
): Heredoc[] {
  const heredocs: Heredoc[] = []
  let next = ownEnd + 1
  for (const heredoc of astHeredocs) {
    const start = heredoc.getStartRange()
    const marker = (lines[start.start.line] ?? '').slice(start.start.character, start.end.character)
    const stripTabs = marker.startsWith('<<-')
    const quoted = /^<<-?["']/.test(marker)
    const delimiter = heredoc.getDelimiterRange()
    const terminated = delimiter !== null
    const last = terminated ? delimiter.start.line - 1 : endLine
    const body: string[] = []
    for (let i = next; i <= last && i < lines.length; i++)
      body.push(stripTabs ? lines[i].replace(/^\t+/, '') : lines[i])
    heredocs.push({
      delimiter: heredoc.getName(),
      stripTabs,
      quoted,
      body: body.join('\n'),
      line: next + 1,
      endLine: (terminated ? delimiter.start.line : Math.max(last, next - 1)) + 1,
      terminated
    })
    next = (terminated ? delimiter.start.line : last) + 1
  }
  return heredocs
}

/**
 * The logical line from `from` to the end of line `to`: BuildKit joins a line
 * ending in the escape character with the next, and drops comment and blank
 * lines inside the continuation (the blank ones are noted in `empty`).
 */
function logicalText(
  lines: string[],
  from: Position,
  to: number,
  escape: string,
  empty: number[]
): string {
  const parts: string[] = []
  let index = from.line
  let current = (lines[index] ?? '').slice(from.character)
  while (index < to && endsWithEscape(current, escape)) {
    parts.push(stripEscape(current))
    index++
    while (index < to && isSkippable(lines[index])) {
      if ((lines[index] ?? '').trim() === '') empty.push(index + 1)
      index++
    }
    current = isSkippable(lines[index]) ? '' : (lines[index] ?? '').trimStart()
  }
  if (endsWithEscape(current, escape)) current = stripEscape(current)
  parts.push(current)
  return parts.join(' ').trim()
}

/** The line ends with the escape character (trailing blanks allowed): a continuation. */
function endsWithEscape(line: string, escape: string): boolean {
  let i = line.length - 1
  while (i >= 0 && (line[i] === ' ' || line[i] === '\t')) i--
  return i >= 0 && line[i] === escape
}

function stripEscape(line: string): string {
  return line.trimEnd().slice(0, -1).trimEnd()
}

function isSkippable(line: string | undefined): boolean {
  if (line === undefined) return false
  const trimmed = line.trim()
  return trimmed === '' || trimmed.startsWith('#')
}

function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) {
    return value.slice(1, -1)
  }
  return value
}

/** The exec form: a JSON array of strings (anything else is the shell form, as in BuildKit). */
export function parseJsonForm(rest: string): string[] | undefined {
  if (!rest.startsWith('[') || !rest.trimEnd().endsWith(']')) return undefined
  try {
    const value: unknown = JSON.parse(rest)
    if (Array.isArray(value) && value.every(item => typeof item === 'string')) return value
  } catch {
    return undefined
  }
  return undefined
}

/** Leading `--name=value` / `--name` words; values may be quoted (for text that is not an instruction). */
export function splitFlags(args: string): { flags: Flag[]; rest: string } {
  const flags: Flag[] = []
  let position = 0
  const flagPattern = /--([A-Za-z][A-Za-z0-9-]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?(?=\s|$)\s*/y
  while (position < args.length) {
    flagPattern.lastIndex = position
    const match = flagPattern.exec(args)
    if (!match) break
    const value = match[2]
    flags.push({
      name: match[1].toLowerCase(),
      value: value === undefined ? undefined : unquote(value)
    })
    position = flagPattern.lastIndex
  }
  return { flags, rest: args.slice(position).trim() }
}
