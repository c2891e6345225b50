// Build-time variable expansion as BuildKit does it in FROM, USER, ENV, ARG,
// COPY --from…: `$V`, `${V}`, `${V:-default}`, `${V-default}`, `${V:+alt}`,
// `${V+alt}`, `\$` (a literal dollar). A variable with no known value is
// recorded as unresolved so rules can say "cannot be proven" instead of guessing.

/** A name → value scope. `undefined` = declared without a value (an ARG with no default). */
export interface Scope {
  has(name: string): boolean
  get(name: string): string | undefined
}

/**
 * The variables of one stage as they change instruction by instruction. Every
 * instruction gets a view of the scope before it; views share one append-only
 * history per name, so 10,000 ENV lines cost 10,000 entries, not 10,000² copies.
 */
export class ScopeHistory {
  private readonly history = new Map<string, { at: number; value: string | undefined }[]>()
  private version = 0

  set(name: string, value: string | undefined): void {
    this.version++
    const entries = this.history.get(name)
    if (entries) entries.push({ at: this.version, value })
    else this.history.set(name, [{ at: this.version, value }])
  }

  /** The scope as it is now; later `set`s do not change the view. */
  view(): Scope {
    const at = this.version
    const find = (name: string) => {
      const entries = this.history.get(name)
      if (!entries || entries[0].at > at) return undefined
      let low = 0
      let high = entries.length - 1
      while (low < high) {
        const mid = (low + high + 1) >> 1
        if (entries[mid].at <= at) low = mid
        else high = mid - 1
      }
      return entries[low]
    }
    return { has: name => find(name) !== undefined, get: name => find(name)?.value }
  }
}

export interface Expansion {
  value: string
  /** Variables that were referenced but are declared without a value. */
  unset: string[]
  /** Variables that were referenced but are not declared at all (and decide the value). */
  undeclared: string[]
  /** Every undeclared variable looked up, fallbacks (`${X:-y}`) included: what BuildKit reports as undefined. */
  missing?: string[]
  /** `${…}` nested deeper than MAX_EXPANSION_DEPTH: the inner part was not expanded (value unknown). */
  tooDeep?: boolean
}

/**
 * BuildKit nests `${A:-${B:-…}}` without limit; a hostile file nests 50,000
 * deep. Past this depth the value is unknown and the model reports it.
 */
export const MAX_EXPANSION_DEPTH = 64

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y

export function expandVariables(text: string, scope: Scope, escape = '\\'): Expansion {
  const result: Expansion = { value: '', unset: [], undeclared: [], missing: [] }
  result.value = expandAt(text, scope, escape, result, 0)
  if (!result.tooDeep) delete result.tooDeep
  return result
}

function expandAt(
  text: string,
  scope: Scope,
  escape: string,
  result: Expansion,
  depth: number
): string {
  if (depth > MAX_EXPANSION_DEPTH) {
    result.tooDeep = true
    return ''
  }
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (char === escape && text[i + 1] === '$') {
      out += '$'
      i++
      continue
    }
    if (char !== '$') {
      out += char
      continue
    }
    if (text[i + 1] === '{') {
      const close = findClose(text, i + 2)
      if (close < 0) {
        out += text.slice(i)
        break
      }
      out += expandBraced(text.slice(i + 2, close), scope, escape, result, depth)
      i = close
      continue
    }
    NAME.lastIndex = i + 1
    const match = NAME.exec(text)
    if (!match) {
      out += char
      continue
    }
    out += lookup(match[0], scope, result.unset, result.undeclared, result.missing) ?? ''
    i += match[0].length
  }
  return out
}

/** The `}` that closes the `${` before `from` (a counter, not recursion: any depth is fine here). */
function findClose(text: string, from: number): number {
  let depth = 1
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++
    else if (text[i] === '}' && --depth === 0) return i
  }
  return -1
}

const BRACED = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([\s\S]*))?$/

function expandBraced(
  inner: string,
  scope: Scope,
  escape: string,
  result: Expansion,
  depth: number
): string {
  const match = BRACED.exec(inner)
  if (!match) {
    // Pattern operators (${V#x}, ${V%x}, ${V/a/b}) are not evaluated: the value is unknown.
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(inner)?.[0] ?? inner.slice(0, 64)
    result.unset.push(name)
    return ''
  }
  const [, name, operator, word] = match
  if (operator && !scope.has(name)) result.missing?.push(name)
  const value = scope.get(name)
  const isSet = operator?.startsWith(':')
    ? value !== undefined && value !== ''
    : value !== undefined
  if (operator === ':-' || operator === '-') {
    if (isSet) return value as string
    return expandAt(word ?? '', scope, escape, result, depth + 1)
  }
  if (operator === ':+' || operator === '+') {
    // An unset variable with `:+` expands to empty: a known value, not an unknown one.
    if (!isSet) return ''
    return expandAt(word ?? '', scope, escape, result, depth + 1)
  }
  return lookup(name, scope, result.unset, result.undeclared, result.missing) ?? ''
}

function lookup(
  name: string,
  scope: Scope,
  unset: string[],
  undeclared: string[],
  missing?: string[]
): string | undefined {
  if (!scope.has(name)) {
    undeclared.push(name)
    missing?.push(name)
    return undefined
  }
  const value = scope.get(name)
  if (value === undefined) unset.push(name)
  return value
}

/** True when the text refers to a variable at all. */
export function hasVariable(text: string): boolean {
  return /\$(?:\{|[A-Za-z_])/.test(text)
}
