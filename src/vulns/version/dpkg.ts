// Debian version ordering, as dpkg's lib/dpkg/version.c (dpkg_version_compare):
// [epoch:]upstream[-revision], epoch numeric, then verrevcmp on upstream and on
// revision, where `~` sorts before everything (even the end of the string),
// letters before non-letters, and digit runs compare numerically.
import {
  compareDigitRuns,
  compareDigits,
  isAlphaCode,
  isDigitCode,
  memoize,
  sign
} from './digits.js'

interface DebianVersion {
  epoch: string
  upstream: string
  revision: string
}

/** dpkg's parseversion: surrounding blanks ignored; epoch before the first `:`, revision after the last `-`. */
const parseDebian = memoize(function parseDebianUncached(text: string): DebianVersion {
  // dpkg walks bytes: non-ASCII (invalid, but seen in junk) compares as its UTF-8 bytes.
  const version = (
    /[^\x00-\x7f]/.test(text) ? Buffer.from(text, 'utf8').toString('latin1') : text
  ).trim()
  const colon = version.indexOf(':')
  // A non-numeric epoch is rejected by dpkg; treating it as 0 and keeping the
  // rest keeps the order total without throwing.
  const epochText = colon >= 0 ? version.slice(0, colon) : ''
  const epoch = /^\d+$/.test(epochText) ? epochText : '0'
  const rest = colon >= 0 ? version.slice(colon + 1) : version
  const hyphen = rest.lastIndexOf('-')
  return hyphen >= 0
    ? { epoch, upstream: rest.slice(0, hyphen), revision: rest.slice(hyphen + 1) }
    : { epoch, upstream: rest, revision: '' }
})

/** dpkg's order(): `~` < end of string < letters < other characters. */
function order(s: string, i: number): number {
  if (i >= s.length) return 0
  const c = s.charCodeAt(i)
  if (isDigitCode(c)) return 0
  if (isAlphaCode(c)) return c
  if (c === 126) return -1
  return c + 256
}

/** dpkg's verrevcmp. */
export function verrevcmp(a: string, b: string): number {
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    while (
      (i < a.length && !isDigitCode(a.charCodeAt(i))) ||
      (j < b.length && !isDigitCode(b.charCodeAt(j)))
    ) {
      const ac = order(a, i)
      const bc = order(b, j)
      if (ac !== bc) return ac - bc
      i++
      j++
    }
    const startA = i
    while (i < a.length && isDigitCode(a.charCodeAt(i))) i++
    const startB = j
    while (j < b.length && isDigitCode(b.charCodeAt(j))) j++
    // Digit runs compare as numbers; a missing run counts as 0.
    const diff = compareDigitRuns(a, startA, i, b, startB, j)
    if (diff) return diff
  }
  return 0
}

export function compareDebianVersions(a: string, b: string): number {
  const va = parseDebian(a)
  const vb = parseDebian(b)
  return sign(
    compareDigits(va.epoch, vb.epoch) ||
      verrevcmp(va.upstream, vb.upstream) ||
      verrevcmp(va.revision, vb.revision)
  )
}
