// Alpine version ordering, as apk-tools 3 (src/version.c):
//   digit{.digit}...{letter}{_suffix{number}}...{~hash}{-rN}
// Suffixes order alpha < beta < pre < rc < (none) < cvs < svn < git < hg < p.
// A dotted component with a leading zero compares as a string (Gentoo rule).
// Invalid input is compared token by token up to the first invalid token, as
// apk does, so the order stays deterministic and nothing throws.
import { compareDigits, compareStrings, isDigitCode } from './digits.js'

const enum Token {
  InitialDigit,
  Digit,
  Letter,
  Suffix,
  SuffixNo,
  CommitHash,
  RevisionNo,
  End,
  Invalid
}

const SUFFIXES = ['alpha', 'beta', 'pre', 'rc', '', 'cvs', 'svn', 'git', 'hg', 'p']
/** Index of the empty suffix: lower ones are pre-releases. */
const SUFFIX_NONE = 4

interface TokenState {
  token: Token
  /** The token's text (digits, letter, suffix name, hash). */
  value: string
  /** Suffix rank (index in SUFFIXES) for suffix tokens. */
  suffix: number
}

class Tokenizer {
  private pos = 0
  readonly state: TokenState = { token: Token.InitialDigit, value: '', suffix: -1 }

  constructor(private readonly text: string) {
    this.state.value = this.digits()
    if (this.state.value === '') this.state.token = Token.Invalid
  }

  private digits(): string {
    const start = this.pos
    while (this.pos < this.text.length && isDigitCode(this.text.charCodeAt(this.pos))) this.pos++
    return this.text.slice(start, this.pos)
  }

  private span(re: RegExp): string {
    const start = this.pos
    while (this.pos < this.text.length && re.test(this.text[this.pos] as string)) this.pos++
    return this.text.slice(start, this.pos)
  }

  /** apk's token_next: the next token's type from its first character, checking the progression. */
  next(): void {
    const t = this.state
    if (this.pos >= this.text.length) {
      t.token = Token.End
      return
    }
    const c = this.text[this.pos] as string
    if (c >= 'a' && c <= 'z') {
      if (t.token > Token.Digit) return this.invalid()
      t.value = c
      t.token = Token.Letter
      this.pos++
    } else if (c === '.') {
      if (t.token > Token.Digit) return this.invalid()
      this.pos++
      t.value = this.digits()
      t.token = t.value === '' ? Token.Invalid : Token.Digit
    } else if (c === '_') {
      if (t.token > Token.SuffixNo) return this.invalid()
      this.pos++
      t.value = this.span(/[a-z]/)
      t.suffix = t.value === '' ? -1 : SUFFIXES.indexOf(t.value)
      if (t.suffix < 0) return this.invalid()
      t.token = Token.Suffix
    } else if (isDigitCode(c.charCodeAt(0)) && t.token === Token.Suffix) {
      t.value = this.digits()
      t.token = Token.SuffixNo
    } else if (c === '~') {
      if (t.token >= Token.CommitHash) return this.invalid()
      this.pos++
      t.value = this.span(/[0-9a-f]/)
      if (t.value === '') return this.invalid()
      t.token = Token.CommitHash
    } else if (c === '-') {
      if (t.token >= Token.RevisionNo || this.text[this.pos + 1] !== 'r') return this.invalid()
      this.pos += 2
      t.value = this.digits()
      if (t.value === '') return this.invalid()
      t.token = Token.RevisionNo
    } else {
      this.invalid()
    }
  }

  private invalid(): void {
    this.state.token = Token.Invalid
  }
}

/** apk's token_cmp for two tokens of the same type. */
function compareTokens(a: TokenState, b: TokenState): number {
  switch (a.token) {
    case Token.Digit:
      // A leading zero makes the component compare as a string (1.01 < 1.1).
      if (a.value[0] === '0' || b.value[0] === '0') return compareStrings(a.value, b.value)
      return compareDigits(a.value, b.value)
    case Token.InitialDigit:
    case Token.SuffixNo:
    case Token.RevisionNo:
      return compareDigits(a.value, b.value)
    case Token.Letter:
      return compareStrings(a.value, b.value)
    case Token.Suffix:
      return a.suffix < b.suffix ? -1 : a.suffix > b.suffix ? 1 : 0
    default:
      return compareStrings(a.value, b.value)
  }
}

/**
 * apk's version compare; `fuzzy` makes a version equal to any version it is a
 * prefix-extension of (`3.6.9 ~ 3.6`).
 */
function compareApk(a: string, b: string, fuzzy: boolean): number {
  const ta = new Tokenizer(a)
  const tb = new Tokenizer(b)
  const sa = ta.state
  const sb = tb.state
  while (sa.token === sb.token && sa.token < Token.End) {
    const r = compareTokens(sa, sb)
    if (r !== 0) return r
    ta.next()
    tb.next()
  }
  if (sa.token === sb.token) return 0
  if (sb.token === Token.End && fuzzy) return 0
  // Equal so far: the longer version is newer unless it goes on with a pre-release suffix.
  if (sa.token === Token.Suffix && sa.suffix < SUFFIX_NONE) return -1
  if (sb.token === Token.Suffix && sb.suffix < SUFFIX_NONE) return 1
  if (sa.token > sb.token) return -1
  if (sb.token > sa.token) return 1
  return 0
}

export function compareApkVersions(a: string, b: string): number {
  return compareApk(a, b, false)
}

/** apk_version_validate. */
export function isValidApkVersion(version: string): boolean {
  const t = new Tokenizer(version)
  while (t.state.token < Token.End) t.next()
  return t.state.token === Token.End
}

/**
 * apk's dependency operators over a version pair: `<`, `<=`, `=`, `>=`, `>`,
 * `~` (fuzzy: same prefix), `<~`, `>~`, and `!` for conflicts (`!~`, `!=`…).
 */
export function apkVersionMatches(a: string, op: string, b: string): boolean {
  let conflict = false
  let mask = 0
  let fuzzy = false
  for (const c of op) {
    if (c === '!') conflict = true
    else if (c === '<') mask |= 1
    else if (c === '=') mask |= 2
    else if (c === '>') mask |= 4
    else if (c === '~') {
      mask |= 2
      fuzzy = true
    } else return false
  }
  const r = compareApk(a, b, fuzzy)
  const bit = r < 0 ? 1 : r > 0 ? 4 : 2
  const ok = (mask & bit) !== 0
  return conflict ? !ok : ok
}
