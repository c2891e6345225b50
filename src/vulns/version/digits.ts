// Numeric comparison of decimal digit strings of any length: version parts
// routinely exceed 2^53 (dates, build numbers), so they never go through Number.

/** Compares two runs of ASCII digits as unsigned integers (leading zeros ignored). */
export function compareDigits(a: string, b: string): number {
  let i = 0
  while (i < a.length - 1 && a.charCodeAt(i) === 48) i++
  let j = 0
  while (j < b.length - 1 && b.charCodeAt(j) === 48) j++
  const lengthA = a.length - i
  const lengthB = b.length - j
  if (lengthA !== lengthB) return lengthA < lengthB ? -1 : 1
  for (; i < a.length; i++, j++) {
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
