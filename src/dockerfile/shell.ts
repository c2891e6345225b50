// Just enough of a POSIX shell reader for RUN rules: the script split into
// pipelines of simple commands (words with quotes removed). `$( … )` and
// backticks stay inside their word; rules that care look at the raw text.

import { parseJsonForm, type Instruction } from './parse.js'

export interface ShellCommand {
  /** Words after leading `VAR=value` assignments and wrappers (sudo, env, command, exec, nice…). */
  argv: string[]
  /** The words as written, including wrappers (`sudo apt-get …`). */
  words: string[]
  /** `VAR=value` words before the command (and after `env`). */
  env: Map<string, string>
  /** The program name: `/usr/bin/apt-get` → `apt-get` (read once, used by every rule). */
  program: string
}

/** Commands joined by `|` (a pipeline of one command has no pipe). */
export type Pipeline = ShellCommand[]

const WRAPPERS = new Set([
  'sudo',
  'env',
  'command',
  'exec',
  'nice',
  'nohup',
  'time',
  'xargs',
  'doas'
])
/** Reserved words that can start a command line before the real command. */
const KEYWORDS = new Set(['then', 'else', 'elif', 'do', 'if', 'while', 'until', '!', '{', 'time'])

/** Splits a script into pipelines; `&&`, `||`, `;`, `&` and newlines separate them. */
export function parseShell(script: string): Pipeline[] {
  const pipelines: Pipeline[] = []
  let pipeline: Pipeline = []
  let words: string[] = []
  let word = ''
  let inWord = false
  // `case x in a|b) …;; esac`: the `|` between patterns is not a pipe.
  let caseDepth = 0
  let inPattern = false
  const endWord = (): void => {
    if (inWord) {
      if (word === 'case' && words.length === 0) caseDepth++
      else if (word === 'in' && caseDepth > 0 && words[0] === 'case') inPattern = true
      else if (word === 'esac' && caseDepth > 0) {
        caseDepth--
        inPattern = false
      }
      words.push(word)
    }
    word = ''
    inWord = false
  }
  const endCommand = (): void => {
    endWord()
    if (words.length > 0) pipeline.push(makeCommand(words))
    words = []
  }
  const endPipeline = (): void => {
    endCommand()
    if (pipeline.length > 0) pipelines.push(pipeline)
    pipeline = []
  }
  for (let i = 0; i < script.length; i++) {
    const c = script[i]
    if (c === "'") {
      const close = script.indexOf("'", i + 1)
      const end = close < 0 ? script.length : close
      word += script.slice(i + 1, end)
      inWord = true
      i = end
    } else if (c === '"') {
      inWord = true
      for (i++; i < script.length && script[i] !== '"'; i++) {
        // POSIX: in double quotes a backslash escapes only $ ` " \ and a newline.
        if (script[i] === '\\' && i + 1 < script.length && /[$`"\\\n]/.test(script[i + 1]))
          word += script[++i]
        else if (script[i] === '$' && script[i + 1] === '(') {
          const end = matchParen(script, i + 1)
          word += script.slice(i, end + 1)
          i = end
        } else word += script[i]
      }
    } else if (c === '\\') {
      if (script[i + 1] === '\n') i++
      else if (i + 1 < script.length) {
        word += script[++i]
        inWord = true
      }
    } else if (c === '$' && script[i + 1] === '(') {
      const end = matchParen(script, i + 1)
      word += script.slice(i, end + 1)
      inWord = true
      i = end
    } else if (c === '`') {
      const close = script.indexOf('`', i + 1)
      const end = close < 0 ? script.length : close
      word += script.slice(i, end + 1)
      inWord = true
      i = end
    } else if (c === '#' && !inWord) {
      const newline = script.indexOf('\n', i)
      i = newline < 0 ? script.length : newline - 1
    } else if (inPattern && (c === '|' || c === '(' || c === ' ' || c === '\t' || c === '\n')) {
      endWord()
      if (c === '\n' || c === '|') continue
    } else if (inPattern && c === ')') {
      endWord()
      inPattern = false
      words = []
    } else if (c === ';' && script[i + 1] === ';') {
      endPipeline()
      i++
      if (caseDepth > 0) inPattern = true
    } else if (c === '|' && script[i + 1] !== '|') {
      endCommand()
      if (script[i + 1] === '&') i++
    } else if ((c === '|' && script[i + 1] === '|') || (c === '&' && script[i + 1] === '&')) {
      endPipeline()
      i++
    } else if (c === ';' || c === '\n' || c === '&' || c === '(' || c === ')') {
      endPipeline()
    } else if ((c === '{' || c === '}') && !inWord) {
      endPipeline()
    } else if (c === ' ' || c === '\t' || c === '\r') {
      endWord()
    } else {
      word += c
      inWord = true
    }
  }
  endPipeline()
  return pipelines
}

function matchParen(text: string, open: number): number {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++
    else if (text[i] === ')' && --depth === 0) return i
  }
  return text.length - 1
}

function makeCommand(words: string[]): ShellCommand {
  let start = 0
  const env = new Map<string, string>()
  while (start < words.length) {
    const word = words[start]
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(word)
    if (assignment) {
      env.set(assignment[1], word.slice(assignment[0].length))
      start++
    } else if (KEYWORDS.has(word)) start++
    else if (WRAPPERS.has(word)) {
      start++
      // Options of the wrapper (`sudo -u x`, `env -i`) before the real command.
      while (start < words.length && words[start].startsWith('-')) {
        const option = words[start]
        start++
        if ((word === 'sudo' || word === 'doas') && /^-[ugpCh]$/.test(option)) start++
      }
    } else break
  }
  const argv = words.slice(start)
  const first = argv[0] ?? ''
  return { argv, words, env, program: first.slice(first.lastIndexOf('/') + 1) }
}

/** The shell script a RUN executes (shell form, heredoc bodies, or `sh -c` in exec form). */
export function runScript(instruction: Instruction): { script: string; shellForm: boolean } {
  const json =
    instruction.json ??
    (instruction.rest.startsWith('[') ? parseJsonForm(instruction.rest) : undefined)
  if (json) {
    const dashC = json.findIndex(arg => arg === '-c' || /^-[a-z]*c$/.test(arg))
    if (dashC > 0 && /(^|\/)(ba|da|z|k|a)?sh$/.test(json[0]) && json[dashC + 1] !== undefined) {
      return { script: json[dashC + 1], shellForm: false }
    }
    return { script: json.map(quoteWord).join(' '), shellForm: false }
  }
  if (instruction.heredocs.length > 0) {
    // `RUN <<EOF` / `RUN <<EOF bash` run the body as the script; `RUN cat <<EOF >f`
    // feeds the body to a command as data, so only the command line is the script.
    const head = instruction.rest.replace(/<<-?(["']?)[A-Za-z0-9_][A-Za-z0-9_.-]*\1/g, '').trim()
    const bodyIsScript =
      instruction.rest.startsWith('<<') &&
      (head === '' || /^(\S*\/)?(ba|da|a|z|k)?sh(\s|$)/.test(head))
    if (bodyIsScript) return { script: instruction.heredocs[0].body, shellForm: true }
    return { script: head, shellForm: true }
  }
  return { script: instruction.rest, shellForm: true }
}

function quoteWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

/** Every simple command of a script, flattened. */
export function commandsOf(pipelines: Pipeline[]): ShellCommand[] {
  return pipelines.flat()
}

/** The program name of a command (`/usr/bin/apt-get` → `apt-get`). */
export function programName(command: ShellCommand): string {
  return command.program
}
