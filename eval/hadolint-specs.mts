// Reads hadolint's rule specs (test/Hadolint/Rule/*Spec.hs) as data: every
// ruleCatches / ruleCatchesNot / onBuildRuleCatches(Not) / assertChecks /
// assertOnBuildChecks call, with the Dockerfile it builds (string literals,
// lists joined by Text.unlines / Text.concat / Text.intercalate, `let`
// bindings) and the `?config` in scope. A small tokenizer and expression
// reader, not a Haskell parser: a call it cannot read is counted as skipped.

import { STRING_ESCAPES, TokenCursor } from './token-cursor.mjs'

export interface PeerConfig {
  trustedRegistries?: string[]
  labelSchema?: Record<string, string>
  strictLabels?: boolean
}

export interface HadolintCase {
  file: string
  line: number
  /** The `it "…"` the call sits in. */
  name: string
  /** DL code, or `ShellCheck` for failsShellcheck / passesShellcheck. */
  rule: string
  expected: boolean
  /** onBuild… variants: every RUN is wrapped in ONBUILD (as hadolint's helper does). */
  onbuild: boolean
  dockerfile: string
  config: PeerConfig
}

export interface Skipped {
  file: string
  line: number
  why: string
}

interface Token {
  kind: 'str' | 'id' | 'num' | 'sym'
  value: string
  line: number
  col: number
  /** First token on its line. */
  bol: boolean
}

/** Haskell's string escapes: the C-family ones and \0. */
const ESCAPES_HS: Record<string, string> = { ...STRING_ESCAPES, '0': '\0' }

function tokenize(src: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  let line = 1
  let lineStart = 0
  let lastLine = 0
  const push = (kind: Token['kind'], value: string, at: number, atLine: number, atCol: number) => {
    tokens.push({ kind, value, line: atLine, col: atCol, bol: atLine !== lastLine })
    lastLine = atLine
    void at
  }
  while (i < src.length) {
    const c = src[i]
    if (c === '\n') {
      line++
      i++
      lineStart = i
      continue
    }
    if (/\s/.test(c)) {
      i++
      continue
    }
    if (src.startsWith('--', i) && !/[!#$%&*+./<=>?@\\^|~:]/.test(src[i + 2] ?? '')) {
      while (i < src.length && src[i] !== '\n') i++
      continue
    }
    if (src.startsWith('{-', i)) {
      let depth = 0
      do {
        if (src.startsWith('{-', i)) {
          depth++
          i += 2
        } else if (src.startsWith('-}', i)) {
          depth--
          i += 2
        } else {
          if (src[i] === '\n') {
            line++
            lineStart = i + 1
          }
          i++
        }
      } while (depth > 0 && i < src.length)
      continue
    }
    const startLine = line
    const col = i - lineStart
    if (c === '"') {
      let out = ''
      i++
      while (i < src.length && src[i] !== '"') {
        if (src[i] !== '\\') {
          out += src[i++]
          continue
        }
        const e = src[i + 1]
        if (e === '&') {
          i += 2
        } else if (/\s/.test(e)) {
          // A string gap: backslash, whitespace (newlines too), backslash.
          i++
          while (i < src.length && src[i] !== '\\') {
            if (src[i] === '\n') {
              line++
              lineStart = i + 1
            }
            i++
          }
          i++
        } else if (/[0-9]/.test(e)) {
          const m = /^[0-9]+/.exec(src.slice(i + 1))!
          out += String.fromCodePoint(Number(m[0]))
          i += 1 + m[0].length
        } else if (e === 'x') {
          const m = /^[0-9a-fA-F]+/.exec(src.slice(i + 2))!
          out += String.fromCodePoint(parseInt(m[0], 16))
          i += 2 + m[0].length
        } else if (e in ESCAPES_HS) {
          out += ESCAPES_HS[e]
          i += 2
        } else {
          throw new Error(`line ${line}: unknown escape \\${e}`)
        }
      }
      i++
      push('str', out, i, startLine, col)
      continue
    }
    const ident = /^\??[A-Za-z_][A-Za-z0-9_']*(\.[A-Za-z_][A-Za-z0-9_']*)*/.exec(
      src.slice(i, i + 200)
    )
    if (ident) {
      push('id', ident[0], i, startLine, col)
      i += ident[0].length
      continue
    }
    if (c === "'") {
      const m = /^'(\\.|[^'\\])'/.exec(src.slice(i))
      if (m) {
        push(
          'str',
          m[1].startsWith('\\') ? (ESCAPES_HS[m[1][1]] ?? m[1][1]) : m[1],
          i,
          startLine,
          col
        )
        i += m[0].length
        continue
      }
    }
    const num = /^[0-9]+/.exec(src.slice(i, i + 40))
    if (num) {
      push('num', num[0], i, startLine, col)
      i += num[0].length
      continue
    }
    if ('[](),{}`;'.includes(c)) {
      push('sym', c, i, startLine, col)
      i++
      continue
    }
    const op = /^[!#$%&*+./<=>?@\\^|~:-]+/.exec(src.slice(i, i + 20))
    if (op) {
      push('sym', op[0], i, startLine, col)
      i += op[0].length
      continue
    }
    throw new Error(`line ${line}: unexpected ${JSON.stringify(c)}`)
  }
  return tokens
}

type Value = string | Value[]

class Reader extends TokenCursor<Token> {
  constructor(
    tokens: Token[],
    readonly env: Map<string, Value>
  ) {
    super(tokens)
  }
  /** expr := app (('<>' | '++') app)* */
  expr(): Value {
    let value = this.app()
    while (this.isSym('<>') || this.isSym('++')) {
      this.i++
      const right = this.app()
      if (typeof value === 'string' && typeof right === 'string') value = value + right
      else if (Array.isArray(value) && Array.isArray(right)) value = [...value, ...right]
      else throw new Error('<> of a string and a list')
    }
    return value
  }
  private arg(): Value {
    if (this.isSym('$')) {
      this.i++
      return this.expr()
    }
    return this.atom()
  }
  app(): Value {
    const t = this.peek()
    if (t?.kind === 'id') {
      const fn = t.value.replace(/^(Data\.)?(Text|T)\./, 'Text.')
      if (
        ['Text.unlines', 'unlines', 'Text.concat', 'concat', 'mconcat', 'Text.pack'].includes(fn)
      ) {
        this.i++
        const list = this.arg()
        if (fn === 'Text.pack') return list
        if (!Array.isArray(list) || !list.every(v => typeof v === 'string'))
          throw new Error(`${fn} of something other than a list of strings`)
        return fn.endsWith('unlines') ? list.map(l => l + '\n').join('') : list.join('')
      }
      if (fn === 'Text.intercalate' || fn === 'intercalate') {
        this.i++
        const sep = this.atom()
        const list = this.arg()
        if (typeof sep !== 'string' || !Array.isArray(list)) throw new Error('intercalate')
        return list.join(sep)
      }
    }
    return this.atom()
  }
  atom(): Value {
    const t = this.peek()
    if (!t) throw new Error('end of file in an expression')
    if (t.kind === 'str') {
      this.i++
      return t.value
    }
    if (this.isSym('[')) {
      this.i++
      const items: Value[] = []
      while (!this.isSym(']')) {
        items.push(this.expr())
        if (this.isSym(',')) this.i++
        else if (!this.isSym(']')) throw new Error(`expected , or ] at line ${this.peek()?.line}`)
      }
      this.i++
      return items
    }
    if (this.isSym('(')) {
      this.i++
      const value = this.expr()
      this.expect(')')
      return value
    }
    if (t.kind === 'id' && this.env.has(t.value)) {
      this.i++
      return this.env.get(t.value)!
    }
    throw new Error(`cannot read ${t.value} at line ${t.line}`)
  }
  /** Skips to the closing bracket of the one at the cursor; returns the tokens inside. */
  balanced(): Token[] {
    const open = this.peek()!.value
    const close = open === '(' ? ')' : open === '[' ? ']' : '}'
    const start = ++this.i
    let depth = 1
    while (this.i < this.tokens.length && depth > 0) {
      if (this.isSym(open)) depth++
      else if (this.isSym(close)) depth--
      this.i++
    }
    return this.tokens.slice(start, this.i - 1)
  }
}

const LABEL_TYPES: Record<string, string> = {
  RawText: 'text',
  Url: 'url',
  SemVer: 'semver',
  GitHash: 'hash',
  Rfc3339: 'rfc3339',
  Spdx: 'spdx',
  Email: 'email'
}

/** `def { allowedRegistries = […], labelSchema = Map.fromList […], strictLabels = True }` */
function readConfig(tokens: Token[]): PeerConfig {
  const config: PeerConfig = {}
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]
    if (t.kind !== 'id') continue
    const after = tokens.slice(i + 2)
    const untilField = after.slice(
      0,
      Math.max(
        0,
        after.findIndex((x, k) => x.kind === 'id' && after[k + 1]?.value === '=' && k > 0)
      ) || after.length
    )
    if (t.value === 'allowedRegistries') {
      config.trustedRegistries = untilField.filter(x => x.kind === 'str').map(x => x.value)
    } else if (t.value === 'labelSchema') {
      const schema: Record<string, string> = {}
      for (let k = 0; k < untilField.length; k++) {
        const x = untilField[k]
        if (x.kind !== 'str') continue
        const type = untilField[k + 2]
        const name = type?.value.replace(/^Rule\./, '') ?? ''
        if (LABEL_TYPES[name] === undefined) throw new Error(`label type ${type?.value}`)
        schema[x.value] = LABEL_TYPES[name]
      }
      config.labelSchema = schema
    } else if (t.value === 'strictLabels') {
      config.strictLabels = tokens[i + 2]?.value === 'True'
    }
  }
  return config
}

const CATCHES = new Map<string, { expected: boolean; onbuild: boolean }>([
  ['ruleCatches', { expected: true, onbuild: false }],
  ['ruleCatchesNot', { expected: false, onbuild: false }],
  ['onBuildRuleCatches', { expected: true, onbuild: true }],
  ['onBuildRuleCatchesNot', { expected: false, onbuild: true }]
])
const ASSERTS = new Map([
  ['assertChecks', false],
  ['assertOnBuildChecks', true]
])

export function readHadolintSpec(
  file: string,
  source: string
): { cases: HadolintCase[]; skipped: Skipped[] } {
  const tokens = tokenize(source)
  const env = new Map<string, Value>()
  const r = new Reader(tokens, env)
  const cases: HadolintCase[] = []
  const skipped: Skipped[] = []
  const configs: { col: number; config: PeerConfig }[] = []
  let name = ''
  while (r.i < tokens.length) {
    const t = r.peek()!
    if (t.bol) while (configs.length > 0 && configs[configs.length - 1].col > t.col) configs.pop()
    if (
      t.kind === 'id' &&
      (t.value === 'it' || t.value === 'describe') &&
      r.peek(1)?.kind === 'str'
    ) {
      if (t.value === 'it') name = r.peek(1)!.value
      r.i += 2
      continue
    }
    if (t.kind === 'id' && t.value === 'let') {
      const letCol = t.col
      r.i++
      const first = r.peek()
      if (first?.value === '?config' && r.isSym('=', 1)) {
        r.i += 2
        if (r.peek()?.value === 'def') r.i++
        const config = r.isSym('{') ? readConfig(r.balanced()) : {}
        // In scope for the rest of the block the `let` is a statement of.
        configs.push({ col: letCol, config })
        continue
      }
      // One or more bindings at the column of the first.
      while (r.peek()?.kind === 'id' && r.isSym('=', 1) && r.peek()!.col === first?.col) {
        const binding = r.peek()!.value
        r.i += 2
        try {
          env.set(binding, r.expr())
        } catch {
          env.delete(binding)
          break
        }
      }
      continue
    }
    const catches = t.kind === 'id' ? CATCHES.get(t.value) : undefined
    const asserts = t.kind === 'id' ? ASSERTS.get(t.value) : undefined
    if (catches === undefined && asserts === undefined) {
      r.i++
      continue
    }
    r.i++
    try {
      const config = configs[configs.length - 1]?.config ?? {}
      if (catches) {
        const rule = r.atom()
        if (r.isSym('$')) r.i++
        const dockerfile = r.expr()
        if (typeof rule !== 'string' || typeof dockerfile !== 'string')
          throw new Error('not a rule code and a Dockerfile')
        // hadolint's own spec has one such typo (the case can never fail there).
        if (!/^DL\d{4}$/.test(rule)) throw new Error(`${JSON.stringify(rule)} is not a rule code`)
        cases.push({ file, line: t.line, name, rule, ...catches, dockerfile, config })
      } else {
        const dockerfile = r.atom()
        if (typeof dockerfile !== 'string') throw new Error('not a Dockerfile')
        const check = r.peek()
        let rule: string
        let expected: boolean
        if (check?.value === 'failsShellcheck' || check?.value === 'passesShellcheck') {
          r.i++
          rule = 'ShellCheck'
          expected = check.value === 'failsShellcheck'
        } else if (r.isSym('(') && r.peek(1)?.value === 'failsWith') {
          const inner = r.balanced()
          if (inner[1]?.kind !== 'num' || inner[2]?.kind !== 'str') throw new Error('failsWith')
          rule = inner[2].value
          expected = Number(inner[1].value) > 0
        } else {
          throw new Error(`assertion ${check?.value}`)
        }
        cases.push({
          file,
          line: t.line,
          name,
          rule,
          expected,
          onbuild: asserts === true,
          dockerfile,
          config
        })
      }
    } catch (error) {
      skipped.push({ file, line: t.line, why: (error as Error).message })
    }
  }
  return { cases, skipped }
}
