// Regular expressions a maintainer writes in the config (allow and ignore
// patterns) run on attacker-chosen text: a scanned file, an image, a PR. A
// backtracking engine takes exponential time on the wrong pattern and input
// (`^(\w+\s?)+$` on 36 characters: minutes), so these patterns run on RE2
// (re2js): linear in the input, whatever the pattern. This is the one entry
// point for them; nothing else compiles a user's pattern.
import { RE2JS, RE2JSException } from 're2js'
import { InputError } from '../model/errors.js'

export interface SafeRegex {
  /** The pattern as written. */
  readonly source: string
  /** True when the pattern matches anywhere in `text` (like RegExp.prototype.test). */
  test(text: string): boolean
}

export interface SafeRegexOptions {
  caseInsensitive?: boolean
}

const compiled = new Map<string, SafeRegex>()
const MAX_CACHED = 1000

/**
 * Compile a user's pattern for linear-time matching. Throws InputError with a
 * message that says what is wrong: not a regular expression at all, or a
 * construct RE2 does not run (lookahead, lookbehind, backreferences, possessive
 * or atomic groups), which have no linear-time implementation.
 */
export function compileSafeRegex(pattern: string, opts: SafeRegexOptions = {}): SafeRegex {
  const key = `${opts.caseInsensitive ? 'i' : '-'}${pattern}`
  const known = compiled.get(key)
  if (known) return known
  let re: RE2JS
  try {
    re = RE2JS.compile(pattern, opts.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0)
  } catch (error) {
    throw new InputError(describe(pattern, error))
  }
  const safe: SafeRegex = { source: pattern, test: text => re.test(text) }
  if (compiled.size >= MAX_CACHED) compiled.clear()
  compiled.set(key, safe)
  return safe
}

function describe(pattern: string, error: unknown): string {
  const reason = (error instanceof RE2JSException ? error.message : String(error)).replace(
    /^error parsing regexp: /,
    ''
  )
  let isJavaScript = true
  try {
    new RegExp(pattern) // compiling only: no input is matched
  } catch {
    isJavaScript = false
  }
  if (!isJavaScript) return `not a valid regular expression (${reason})`
  return (
    `a regular expression container-gate cannot run in linear time (${reason}): ` +
    'patterns use RE2 syntax, without lookahead (?=…) (?!…), lookbehind (?<=…) (?<!…) ' +
    'or backreferences (\\1); rewrite it without them'
  )
}
