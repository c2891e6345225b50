// What every eval reader of a peer's source (Go tests and rules, Haskell specs)
// shares: the escapes of C-family string literals, and a cursor over tokens.

/** Backslash escapes of Go and Haskell string literals (Haskell adds \0). */
export const STRING_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  '"': '"',
  "'": "'",
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v'
}

export interface CursorToken {
  kind: string
  value: string
  line: number
}

/** A position in a token list, with the look-ahead the readers need. */
export class TokenCursor<T extends CursorToken> {
  i = 0
  constructor(readonly tokens: T[]) {}
  peek(offset = 0): T | undefined {
    return this.tokens[this.i + offset]
  }
  isSym(value: string, offset = 0): boolean {
    const t = this.peek(offset)
    return t?.kind === 'sym' && t.value === value
  }
  expect(value: string): void {
    if (!this.isSym(value))
      throw new Error(`expected ${value}, got ${this.peek()?.value} at line ${this.peek()?.line}`)
    this.i++
  }
  /** Index just after the bracket matching the one at `from`. */
  skipBalanced(from = this.i): number {
    const open = this.tokens[from]!.value
    const close = open === '(' ? ')' : open === '[' ? ']' : '}'
    let depth = 0
    for (let k = from; k < this.tokens.length; k++) {
      const t = this.tokens[k]!
      if (t.kind !== 'sym') continue
      if (t.value === open) depth++
      else if (t.value === close && --depth === 0) return k + 1
    }
    return this.tokens.length
  }
}
