// Numeric comparison of decimal digit strings of any length: version parts
// routinely exceed 2^53 (dates, build numbers), so they never go through Number.

/** Compares two runs of ASCII digits as unsigned integers (leading zeros ignored). */
export function compareDigits(a: string, b: string): number {
  return compareDigitRuns(a, 0, a.length, b, 0, b.length)
}

/**
 * compareDigits on a[startA, endA) and b[startB, endB) without slicing; an
 * empty run counts as 0.
 */
export function compareDigitRuns(
  a: string,
  startA: number,
  endA: number,
  b: string,
  startB: number,
  endB: number
): number {
  let i = startA
  while (i < endA && a.charCodeAt(i) === 48) i++
  let j = startB
  while (j < endB && b.charCodeAt(j) === 48) j++
  const lengthA = endA - i
  const lengthB = endB - j
  if (lengthA !== lengthB) return lengthA < lengthB ? -1 : 1
  for (; i < endA; i++, j++) {
    const ca = a.charCodeAt(i)
    const cb = b.charCodeAt(j)
    if (ca !== cb) return ca < cb ? -1 : 1
  }
  return 0
}

/** Plain code-unit order, the documented tie-break for input no format accepts. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0
}

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57
}

export function isAlphaCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

/**
 * Memoises a parser: matching compares one installed version against many
 * range events and the same event versions recur across records, so parsing
 * each string once pays. Results must be treated as immutable. The cache is
 * dropped when full, which bounds memory without changing any result.
 */
export function memoize<T>(parse: (text: string) => T, limit = 20_000): (text: string) => T {
  const cache = new Map<string, T>()
  return (text: string): T => {
    let parsed = cache.get(text)
    if (parsed === undefined && !cache.has(text)) {
      if (cache.size >= limit) cache.clear()
      parsed = parse(text)
      cache.set(text, parsed)
    }
    return parsed as T
  }
}
