// Reads gitleaks' rule definitions (cmd/generate/config/rules/*.go) as data:
// for every `utils.Validate(r, tps, fps)` / `utils.ValidateWithPaths(…)` call,
// the rule id and the true- and false-positive samples it validates, evaluated
// the way gitleaks' generator evaluates them: string literals and `+`,
// `[]string{…}`, `append(…)`, `map[string]string{path: content}`,
// `utils.GenerateSampleSecrets` / `GenerateSampleSecret` (their templates read
// from utils/generate.go), `secrets.NewSecret(regex)` and the `utils.Hex(…)`-style
// pattern helpers (random strings from the regex, seeded), `fmt.Sprintf`,
// `strings.Repeat/ToUpper/ToLower`, local variables. An element or statement it
// cannot evaluate is counted as skipped, with the reason.

import { tokenize, type Token } from './go-tokens.mjs'
import { TokenCursor } from './token-cursor.mjs'
import { sampleFromRegex, type Random } from './regex-sample.mjs'

export interface GitleaksSample {
  rule: string
  file: string
  line: number
  expected: boolean
  content: string
  /** ValidateWithPaths: the file path the sample is read as. */
  path?: string
  /** Made by GenerateSampleSecrets: the syntax it wraps the secret in. */
  template?: string
}

export interface Skipped {
  rule: string
  file: string
  line: number
  why: string
}

type Sample = { content: string; path?: string; template?: string }
type Value = string | Sample[]

const PATTERN_HELPERS: Record<string, (size: string) => string> = {
  'utils.Numeric': size => `[0-9]{${size}}`,
  'utils.Hex': size => `[a-f0-9]{${size}}`,
  'utils.AlphaNumeric': size => `[a-z0-9]{${size}}`,
  'utils.AlphaNumericExtendedShort': size => `[a-z0-9_-]{${size}}`,
  'utils.AlphaNumericExtended': size => `[a-z0-9=_\\-]{${size}}`,
  'utils.AlphaNumericExtendedLong': size => `[a-z0-9\\/=_\\+\\-]{${size}}`
}

/** The `samples` map of GenerateSampleSecrets in utils/generate.go: its templates, in file order. */
export interface SampleTemplate {
  /** Its key in the map (`yaml - singleline - unquoted`). */
  name: string
  template: string
}

export function readSampleTemplates(source: string): SampleTemplate[] {
  const tokens = tokenize(source)
  const start = tokens.findIndex(
    (t, k) => t.value === 'func' && tokens[k + 1]?.value === 'GenerateSampleSecrets'
  )
  const open = tokens.findIndex(
    (t, k) => k > start && t.value === '{' && tokens[k - 1]?.value === 'string'
  )
  const templates: SampleTemplate[] = []
  let depth = 0
  for (let k = open; k < tokens.length; k++) {
    const t = tokens[k]
    if (t.value === '{' && t.kind === 'sym') depth++
    if (t.value === '}' && t.kind === 'sym' && --depth === 0) break
    if (t.kind === 'str' && tokens[k + 1]?.value === ':' && tokens[k + 2]?.kind === 'str')
      templates.push({ name: t.value, template: tokens[k + 2].value })
  }
  if (templates.length === 0)
    throw new Error('utils/generate.go: no GenerateSampleSecrets templates')
  return templates
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

class Evaluator extends TokenCursor<Token> {
  env = new Map<string, Value>()
  constructor(
    tokens: Token[],
    readonly templates: SampleTemplate[],
    readonly random: Random,
    readonly globals: Map<string, Value>
  ) {
    super(tokens)
  }
  lookup(name: string): Value | undefined {
    return this.env.get(name) ?? this.globals.get(name)
  }
  call(): string[] {
    this.expect('(')
    const out: string[] = []
    while (!this.isSym(')')) {
      out.push(this.str())
      if (this.isSym(',')) this.i++
    }
    this.i++
    return out
  }
  sampleSecrets(identifier: string, secret: string): Sample[] {
    return this.templates.map(({ name, template }) => ({
      template: name,
      content: template
        .replaceAll('{i}', identifier)
        .replaceAll('{I}', identifier.toUpperCase())
        .replaceAll('{s}', secret)
    }))
  }
  /** A value: a string or a list of samples. */
  value(): Value {
    const t = this.peek()!
    if (t.value === 'nil') {
      this.i++
      return []
    }
    if (
      this.isSym('[') &&
      this.isSym(']', 1) &&
      this.peek(2)?.value === 'string' &&
      this.isSym('{', 3)
    ) {
      this.i += 3
      return this.list('}')
    }
    if (t.value === 'map' && this.isSym('[', 1)) {
      while (!this.isSym('{')) this.i++
      this.i++
      const out: Sample[] = []
      while (!this.isSym('}')) {
        const path = this.str()
        this.expect(':')
        const content = this.str()
        out.push({ content, path })
        if (this.isSym(',')) this.i++
      }
      this.i++
      return out
    }
    if (t.value === 'append' && this.isSym('(', 1)) {
      this.i += 2
      const base = this.value()
      if (typeof base === 'string') throw new Error('append to a string')
      const out = [...base]
      while (this.isSym(',')) {
        this.i++
        if (this.isSym(')')) break
        const start = this.i
        try {
          const item = this.value()
          if (this.isSym('...')) this.i++
          if (!this.isSym(',') && !this.isSym(')'))
            throw new Error(`unexpected ${this.peek()?.value}`)
          if (typeof item === 'string') out.push({ content: item })
          else out.push(...item)
        } catch (error) {
          this.skipElement(start, ')', error)
        }
      }
      this.expect(')')
      return out
    }
    const known = t.kind === 'id' && !this.isSym('(', 1) ? this.lookup(t.value) : undefined
    if (Array.isArray(known)) {
      this.i++
      return known
    }
    if (t.value === 'utils.GenerateSampleSecrets') {
      this.i++
      const [identifier, secret] = this.call()
      return this.sampleSecrets(identifier, secret)
    }
    return this.str()
  }
  /** Elements up to `close`; one that cannot be evaluated is skipped (and reported by the caller). */
  list(close: string, skipped: string[] = this.skippedElements): Sample[] {
    this.expect('{')
    const out: Sample[] = []
    while (!this.isSym(close)) {
      const start = this.i
      try {
        const item = this.value()
        if (typeof item === 'string') out.push({ content: item })
        else out.push(...item)
        if (!this.isSym(',') && !this.isSym(close))
          throw new Error(`unexpected ${this.peek()?.value}`)
      } catch (error) {
        this.skipElement(start, close, error, skipped)
      }
      if (this.isSym(',')) this.i++
    }
    this.i++
    return out
  }
  skippedElements: string[] = []
  /** Records why the element at `start` was not evaluated and moves past it. */
  skipElement(start: number, close: string, error: unknown, skipped = this.skippedElements): void {
    skipped.push(`line ${this.tokens[start].line}: ${(error as Error).message}`)
    this.i = start
    while (!this.isSym(',') && !this.isSym(close) && this.i < this.tokens.length) {
      if (this.isSym('(') || this.isSym('{') || this.isSym('[')) this.i = this.skipBalanced()
      else this.i++
    }
  }
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
    if (this.isSym('(')) {
      this.i++
      const value = this.str()
      this.expect(')')
      return value
    }
    if (t.kind === 'num') {
      this.i++
      return t.value
    }
    if (this.isSym('[') && this.isSym(']', 1) && this.peek(2)?.value === 'byte') {
      this.i += 3
      return this.call()[0]
    }
    if (t.kind !== 'id') throw new Error(`cannot evaluate ${t.value}`)
    const name = t.value
    if (name === 'secrets.NewSecret' || name === 'newPlausibleSecret') {
      this.i++
      const [regex] = this.call()
      // newPlausibleSecret retries until the secret has a digit 1-9 (stop words are not checked here).
      for (let k = 0; k < 100; k++) {
        const secret = sampleFromRegex(regex, this.random)
        if (name === 'secrets.NewSecret' || /[1-9]/.test(secret)) return secret
      }
      throw new Error(`${name}: no plausible secret from ${regex}`)
    }
    if (PATTERN_HELPERS[name]) {
      this.i++
      const [size] = this.call()
      return PATTERN_HELPERS[name](size)
    }
    if (name === 'utils.Hex8_4_4_4_12') {
      this.i++
      this.call()
      return '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
    }
    if (name === 'utils.GenerateSampleSecret') {
      this.i++
      const [identifier, secret] = this.call()
      return `${identifier}_api_token = "${secret}"`
    }
    if (name === 'fmt.Sprintf') {
      this.i++
      const [format, ...args] = this.call()
      return sprintf(format, args)
    }
    if (name === 'strings.Repeat') {
      this.i++
      const [s, n] = this.call()
      return s.repeat(Number(n))
    }
    if (name === 'strings.ToUpper' || name === 'strings.ToLower') {
      this.i++
      const [s] = this.call()
      return name === 'strings.ToUpper' ? s.toUpperCase() : s.toLowerCase()
    }
    const b64 = /^(?:base64|b64)\.(Raw)?(Std|URL)Encoding\.EncodeToString$/.exec(name)
    if (b64) {
      this.i++
      const encoded = Buffer.from(this.call()[0], 'utf8').toString(
        b64[2] === 'URL' ? 'base64url' : 'base64'
      )
      // Node's base64url drops the padding, its base64 keeps it.
      const bare = encoded.replace(/=+$/, '')
      return b64[1] ? bare : bare + '='.repeat((4 - (bare.length % 4)) % 4)
    }
    if (name === 'string' || name === 'byte') {
      this.i++
      return this.call()[0]
    }
    const value = this.lookup(name)
    if (typeof value === 'string' && !this.isSym('(', 1)) {
      this.i++
      return value
    }
    throw new Error(`cannot evaluate ${name}${this.isSym('(', 1) ? '(…)' : ''}`)
  }
}

/** Package-level `var x = "…"` / `const x = "…"` strings of the rules package. */
function readGlobals(tokens: Token[], into: Map<string, Value>, e: Evaluator): void {
  let depth = 0
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]
    if (t.kind === 'sym' && (t.value === '{' || t.value === '(')) depth++
    if (t.kind === 'sym' && (t.value === '}' || t.value === ')')) depth--
    if (depth !== 0 || (t.value !== 'var' && t.value !== 'const')) continue
    const name = tokens[k + 1]
    if (name?.kind !== 'id' || tokens[k + 2]?.value !== '=') continue
    e.i = k + 3
    try {
      into.set(name.value, e.value())
    } catch {
      // not a string
    }
  }
}

export function readGitleaksRules(
  files: { path: string; source: string }[],
  templates: SampleTemplate[],
  random: Random
): { samples: GitleaksSample[]; skipped: Skipped[]; rules: number } {
  const samples: GitleaksSample[] = []
  const skipped: Skipped[] = []
  const globals = new Map<string, Value>()
  const tokenized = files.map(f => ({ ...f, tokens: tokenize(f.source) }))
  for (const f of tokenized)
    readGlobals(f.tokens, globals, new Evaluator(f.tokens, templates, random, globals))
  let rules = 0
  for (const { path, tokens } of tokenized) {
    const e = new Evaluator(tokens, templates, random, globals)
    let rule = ''
    while (e.i < tokens.length) {
      const t = e.peek()!
      if (t.value === 'func' && e.peek(1)?.kind === 'id') {
        e.env.clear()
        rule = ''
        e.i += 2
        continue
      }
      if (t.value === 'RuleID' && e.isSym(':', 1)) {
        e.i += 2
        try {
          rule ||= e.str()
        } catch {
          rule ||= `(${path})`
        }
        continue
      }
      const assign =
        t.kind === 'id' && (e.isSym(':=', 1) || e.isSym('=', 1))
          ? 2
          : t.value === 'var' && e.peek(1)?.kind === 'id' && e.isSym('=', 2)
            ? 3
            : 0
      if (assign > 0) {
        const name = assign === 2 ? t.value : e.peek(1)!.value
        if (name === 'r' || name.startsWith('r.')) {
          e.i += assign
          continue
        }
        e.i += assign
        const start = e.i
        e.skippedElements = []
        try {
          e.env.set(name, e.value())
        } catch (error) {
          e.env.delete(name)
          if (/^(tps|fps|tp|fp)/i.test(name))
            skipped.push({
              rule,
              file: path,
              line: t.line,
              why: `${name}: ${(error as Error).message}`
            })
          e.i = Math.max(start, e.i)
        }
        for (const why of e.skippedElements)
          skipped.push({ rule, file: path, line: t.line, why: `${name}: ${why}` })
        e.skippedElements = []
        continue
      }
      if (
        (t.value === 'utils.Validate' || t.value === 'utils.ValidateWithPaths') &&
        e.isSym('(', 1)
      ) {
        const end = e.skipBalanced(e.i + 1)
        const args = tokens
          .slice(e.i + 2, end - 1)
          .filter(x => x.kind === 'id' || x.value === 'nil')
        const [, tps, fps] = args.map(x => x.value)
        rules++
        for (const [name, expected] of [
          [tps, true],
          [fps, false]
        ] as const) {
          if (name === undefined || name === 'nil') continue
          const value = e.lookup(name)
          if (value === undefined || typeof value === 'string') {
            skipped.push({ rule, file: path, line: t.line, why: `${name} could not be evaluated` })
            continue
          }
          for (const s of value)
            samples.push({
              rule,
              file: path,
              line: t.line,
              expected,
              content: s.content,
              ...(s.path !== undefined ? { path: s.path } : {}),
              ...(s.template !== undefined ? { template: s.template } : {})
            })
        }
        e.i = end
        continue
      }
      e.i++
    }
  }
  return { samples, skipped, rules }
}
