// Reads BuildKit's lint tests (frontend/dockerfile/dockerfile_check_test.go) as
// data: every `checkLinterWarnings(t, sb, &lintTestParams{…})` call with the
// Dockerfile and .dockerignore it builds and the warnings it expects (rule name
// and line). The Go it understands is the little these tests use: raw and
// quoted strings, `[]byte(…)`, `fmt.Appendf(nil, …)` / `fmt.Sprintf`, `+`,
// `integration.UnixOrWindows(unix, windows)` (the Unix side), local variables
// and helper closures returning an expectedLintWarning. Anything else is a
// skipped call, counted.

import { tokenize, type Token } from './go-tokens.mjs'
import { TokenCursor } from './token-cursor.mjs'

export interface BuildkitCase {
  file: string
  line: number
  /** The Go test function. */
  test: string
  dockerfile: string
  dockerignore?: string
  /** Expected warnings: check name and line. */
  warnings: { rule: string; line: number }[]
  /** `build-arg:…` attributes the build was given (a linter does not see them). */
  buildArgs: Record<string, string>
}

export interface Skipped {
  file: string
  line: number
  why: string
}

class Reader extends TokenCursor<Token> {
  /** Local string variables of the function being read. */
  vars = new Map<string, string>()
  /** Local closures that return an expectedLintWarning: name → its RuleName. */
  warningMakers = new Map<string, string>()
  args(): string[] {
    this.expect('(')
    const out: string[] = []
    while (!this.isSym(')')) {
      out.push(this.str())
      if (this.isSym(',')) this.i++
    }
    this.i++
    return out
  }
  /** A string-valued expression. */
  str(): string {
    let value = this.strAtom()
    while (this.isSym('+')) {
      this.i++
      value += this.strAtom()
    }
    return value
  }
  private strAtom(): string {
    const t = this.peek()
    if (!t) throw new Error('end of file')
    if (t.kind === 'str') {
      this.i++
      return t.value
    }
    if (
      t.kind === 'sym' &&
      t.value === '[' &&
      this.isSym(']', 1) &&
      this.peek(2)?.value === 'byte'
    ) {
      this.i += 3
      const [value] = this.args()
      return value
    }
    if (t.kind === 'id') {
      if (t.value === 'string' && this.isSym('(', 1)) {
        this.i++
        return this.args()[0]
      }
      if (t.value === 'integration.UnixOrWindows') {
        this.i++
        return this.args()[0]
      }
      if (t.value === 'fmt.Appendf' || t.value === 'fmt.Sprintf') {
        this.i++
        this.expect('(')
        if (t.value === 'fmt.Appendf') {
          if (this.peek()?.value !== 'nil') throw new Error('fmt.Appendf into a buffer')
          this.i++
          this.expect(',')
        }
        const format = this.str()
        const rest: string[] = []
        while (this.isSym(',')) {
          this.i++
          if (this.isSym(')')) break
          rest.push(this.str())
        }
        this.expect(')')
        return sprintf(format, rest)
      }
      if (this.vars.has(t.value)) {
        this.i++
        return this.vars.get(t.value)!
      }
    }
    if (t.kind === 'num') {
      this.i++
      return t.value
    }
    throw new Error(`cannot read ${t.value} at line ${t.line}`)
  }
}

function sprintf(format: string, args: string[]): string {
  let k = 0
  return format.replace(/%([-+# 0]*\d*)([sqdv%])/g, (_, _flags: string, verb: string) => {
    if (verb === '%') return '%'
    const arg = args[k++]
    if (arg === undefined) throw new Error('fmt: missing argument')
    return verb === 'q' ? JSON.stringify(arg) : arg
  })
}

/** `{RuleName: "X", …, Line: 3}` → the rule and line. */
function readWarning(r: Reader): { rule: string; line: number } {
  const end = r.skipBalanced()
  let rule: string | undefined
  let line: number | undefined
  for (let k = r.i + 1; k < end; k++) {
    const t = r.tokens[k]
    if (t.kind !== 'id' || r.tokens[k + 1]?.value !== ':') continue
    if (t.value === 'RuleName') rule = r.tokens[k + 2].value
    if (t.value === 'Line') line = Number(r.tokens[k + 2].value)
  }
  r.i = end
  if (rule === undefined || line === undefined)
    throw new Error('a warning without RuleName or Line')
  return { rule, line }
}

function readWarnings(r: Reader, lineVars: Map<string, number>): { rule: string; line: number }[] {
  // []expectedLintWarning{ … }
  r.expect('[')
  r.expect(']')
  r.i++
  r.expect('{')
  const out: { rule: string; line: number }[] = []
  while (!r.isSym('}')) {
    const t = r.peek()!
    if (t.kind === 'sym' && t.value === '{') out.push(readWarning(r))
    else if (t.kind === 'id' && r.warningMakers.has(t.value) && r.isSym('(', 1)) {
      const rule = r.warningMakers.get(t.value)!
      r.i += 2
      const args: Token[] = []
      while (!r.isSym(')')) args.push(r.tokens[r.i++])
      r.i++
      const lineArg = args.filter(a => a.kind === 'num' || lineVars.has(a.value)).pop()
      if (!lineArg) throw new Error(`${t.value}(…) without a line`)
      out.push({
        rule,
        line: lineArg.kind === 'num' ? Number(lineArg.value) : lineVars.get(lineArg.value)!
      })
    } else throw new Error(`warning ${t.value} at line ${t.line}`)
    if (r.isSym(',')) r.i++
  }
  r.i++
  return out
}

export function readBuildkitChecks(
  file: string,
  source: string
): { cases: BuildkitCase[]; skipped: Skipped[] } {
  const tokens = tokenize(source)
  const r = new Reader(tokens)
  const cases: BuildkitCase[] = []
  const skipped: Skipped[] = []
  const lineVars = new Map<string, number>()
  let test = ''
  while (r.i < tokens.length) {
    const t = r.peek()!
    if (t.kind === 'id' && t.value === 'func' && r.peek(1)?.kind === 'id') {
      test = r.peek(1)!.value
      r.vars.clear()
      r.warningMakers.clear()
      r.i += 2
      continue
    }
    // name := func(…) expectedLintWarning { return expectedLintWarning{RuleName: "X", …} }
    if (t.kind === 'id' && r.isSym(':=', 1) && r.peek(2)?.value === 'func' && r.isSym('(', 3)) {
      const afterParams = r.skipBalanced(r.i + 3)
      if (tokens[afterParams]?.value === 'expectedLintWarning') {
        const bodyEnd = r.skipBalanced(afterParams + 1)
        const name = tokens.slice(afterParams, bodyEnd).findIndex(x => x.value === 'RuleName')
        if (name >= 0) r.warningMakers.set(t.value, tokens[afterParams + name + 2].value)
        r.i = bodyEnd
        continue
      }
    }
    if (t.kind === 'id' && (r.isSym(':=', 1) || r.isSym('=', 1)) && !r.isSym('{', 3)) {
      const name = t.value
      const save = r.i
      r.i += 2
      try {
        r.vars.set(name, r.str())
      } catch {
        r.vars.delete(name)
        r.i = save + 2
      }
      continue
    }
    if (t.kind === 'id' && t.value === 'checkLinterWarnings' && r.isSym('(', 1)) {
      const end = r.skipBalanced(r.i + 1)
      try {
        const start = tokens.slice(r.i, end).findIndex(x => x.value === 'lintTestParams')
        if (start < 0) throw new Error('not a lintTestParams literal')
        r.i += start + 1
        r.expect('{')
        const c: BuildkitCase = {
          file,
          line: t.line,
          test,
          dockerfile: '',
          warnings: [],
          buildArgs: {}
        }
        let sawDockerfile = false
        let unmarshal: BuildkitCase['warnings'] | undefined
        while (!r.isSym('}')) {
          const field = r.peek()!.value
          r.i++
          r.expect(':')
          if (field === 'Dockerfile') {
            c.dockerfile = r.str()
            sawDockerfile = true
          } else if (field === 'DockerIgnore') c.dockerignore = r.str()
          else if (field === 'Warnings') c.warnings = readWarnings(r, lineVars)
          else if (field === 'UnmarshalWarnings') unmarshal = readWarnings(r, lineVars)
          else if (field === 'FrontendAttrs') {
            // map[string]string{ "k": v, … }
            while (!r.isSym('{')) r.i++
            r.i++
            while (!r.isSym('}')) {
              const key = r.str()
              r.expect(':')
              const value = r.str()
              if (key.startsWith('build-arg:')) c.buildArgs[key.slice('build-arg:'.length)] = value
              if (r.isSym(',')) r.i++
            }
            r.i++
          } else {
            // BuildErr, StreamBuildErrRegexp, BuildErrLocation, TmpDir, Client: not lint results.
            while (!r.isSym(',') && !r.isSym('}')) {
              if (r.isSym('(') || r.isSym('{') || r.isSym('[')) r.i = r.skipBalanced()
              else r.i++
            }
          }
          if (r.isSym(',')) r.i++
        }
        if (!sawDockerfile) throw new Error('no Dockerfile field')
        // The unmarshal path (the lint subrequest) is what a linter matches; it
        // replaces Warnings when given (see checkUnmarshal).
        if (unmarshal) c.warnings = unmarshal
        cases.push(c)
      } catch (error) {
        skipped.push({ file, line: t.line, why: (error as Error).message })
      }
      r.i = end
      continue
    }
    r.i++
  }
  return { cases, skipped }
}

/**
 * BuildKit's parser test of empty continuation lines
 * (frontend/dockerfile/parser/parser_test.go, TestParseWarnsOnEmptyContinutationLine):
 * the Dockerfile, and one NoEmptyContinuation warning per instruction named in
 * its `require.Contains(t, warnings[k].Short, "RUN …")` lines.
 */
export function readBuildkitParserContinuation(
  file: string,
  source: string
): { cases: BuildkitCase[]; skipped: Skipped[] } {
  const name = 'TestParseWarnsOnEmptyContinutationLine'
  const tokens = tokenize(source)
  const start = tokens.findIndex((t, k) => t.value === 'func' && tokens[k + 1]?.value === name)
  if (start < 0) return { cases: [], skipped: [{ file, line: 0, why: `no ${name}` }] }
  const end = tokens.findIndex((t, k) => k > start + 1 && t.value === 'func')
  const body = tokens.slice(start, end < 0 ? tokens.length : end)
  const text = body.find(t => t.kind === 'str')
  if (!text)
    return { cases: [], skipped: [{ file, line: tokens[start].line, why: 'no Dockerfile' }] }
  const lines = text.value.split('\n')
  const warnings: BuildkitCase['warnings'] = []
  for (let k = 0; k + 6 < body.length; k++) {
    const w = body[k]
    if (w.value !== 'require.Contains' || body[k + 4]?.value !== 'warnings') continue
    const expected = body.slice(k, k + 14).find(x => x.kind === 'str' && /^[A-Z]+ /.test(x.value))
    if (!expected) continue
    const head = expected.value.split(/\s{2,}/)[0]
    const at = lines.findIndex(l => l.trim().startsWith(head))
    if (at >= 0) warnings.push({ rule: 'NoEmptyContinuation', line: at + 1 })
  }
  return {
    cases: [{ file, line: text.line, test: name, dockerfile: text.value, warnings, buildArgs: {} }],
    skipped: []
  }
}
