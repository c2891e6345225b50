// Shannon entropy and the "does this look random" test shared by the generic
// and entropy detectors. A fixed bits-per-char limit is wrong for short strings
// and for small charsets (hex tops out at 4 bits, a 16-char string at 4 bits),
// so the limit is normalised: H / log2(min(length, charset size)).

const counts = new Uint32Array(65536)

export function shannonEntropy(value: string): number {
  const n = value.length
  for (let i = 0; i < n; i++) counts[value.charCodeAt(i)]!++
  let h = 0
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i)
    const k = counts[c]!
    if (k === 0) continue
    const p = k / n
    h -= p * Math.log2(p)
    counts[c] = 0
  }
  return h
}

export type Charset = 'hex' | 'base64' | 'other'

const HEX = /^[0-9a-fA-F]+$/
const BASE64 = /^[A-Za-z0-9+/=_-]+$/

export function charsetOf(value: string): Charset {
  if (HEX.test(value)) return 'hex'
  if (BASE64.test(value)) return 'base64'
  return 'other'
}

const CHARSET_SIZE: Record<Charset, number> = { hex: 16, base64: 64, other: 94 }

/**
 * Entropy divided by the most a string of this length and charset can have.
 * Random strings score about 0.85–0.97; words, repeated or sequential
 * characters score much lower.
 */
export function normalisedEntropy(value: string, charset: Charset = charsetOf(value)): number {
  if (value.length < 2) return 0
  const max = Math.log2(Math.min(value.length, CHARSET_SIZE[charset]))
  return shannonEntropy(value) / max
}

/** Character classes present: lower, upper, digit, symbol. */
export function classCount(value: string): number {
  let lower = 0
  let upper = 0
  let digit = 0
  let other = 0
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c >= 97 && c <= 122) lower = 1
    else if (c >= 65 && c <= 90) upper = 1
    else if (c >= 48 && c <= 57) digit = 1
    else other = 1
  }
  return lower + upper + digit + other
}

/**
 * True when a candidate string looks randomly generated: long enough, a
 * normalised entropy above `ratio`, and (for hex) not all digits.
 */
export function looksRandom(value: string, ratio = 0.8, minLength = 16): boolean {
  if (value.length < minLength) return false
  const charset = charsetOf(value)
  if (charset === 'hex') {
    if (/^[0-9]+$/.test(value)) return false
    if (!/[0-9]/.test(value) || !/[a-fA-F]/.test(value)) return false
  } else if (classCount(value) < 2) {
    return false
  }
  return normalisedEntropy(value, charset) >= ratio
}

/**
 * True when most letters belong to word-like runs (3+ letters with a vowel):
 * identifiers (`CanvasRenderingContext2D`, `Enum_member_expected_1132`) have
 * the charset and even the entropy of a key, but are made of words.
 */
export function isWordy(value: string): boolean {
  const tokens = value.split(/[^A-Za-z]+|(?<=[a-z])(?=[A-Z])/)
  let letters = 0
  let wordy = 0
  for (const token of tokens) {
    letters += token.length
    if (token.length >= 3 && /[aeiouyAEIOUY]/.test(token) && /[a-z]/.test(token))
      wordy += token.length
  }
  return letters > 0 && wordy / letters >= 0.6
}
