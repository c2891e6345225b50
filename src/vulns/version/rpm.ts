// RPM version ordering: rpmvercmp (rpmio/rpmvercmp.c) on each of epoch,
// version and release (rpmVersionCompare). `~` sorts before anything, even the
// end of the string (pre-releases); `^` sorts after the end but before any
// further segment (post-release snapshots). Only ASCII letters and digits form
// segments: everything else separates.
import {
  compareDigitRuns,
  compareDigits,
  compareStrings,
  isAlphaCode,
  isDigitCode,
  memoize,
  sign
} from './digits.js'

function isAlnumCode(c: number): boolean {
  return isDigitCode(c) || isAlphaCode(c)
}

/** rpmvercmp, exactly (including its asymmetric "numeric segment is newer than alpha"). */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0
  let i = 0
  let j = 0
  const TILDE = 126
  const CARET = 94
  while (i < a.length || j < b.length) {
    while (
      i < a.length &&
      !isAlnumCode(a.charCodeAt(i)) &&
      a.charCodeAt(i) !== TILDE &&
      a.charCodeAt(i) !== CARET
    )
      i++
    while (
      j < b.length &&
      !isAlnumCode(b.charCodeAt(j)) &&
      b.charCodeAt(j) !== TILDE &&
      b.charCodeAt(j) !== CARET
    )
      j++
    const ca = i < a.length ? a.charCodeAt(i) : 0
    const cb = j < b.length ? b.charCodeAt(j) : 0

    if (ca === TILDE || cb === TILDE) {
      if (ca !== TILDE) return 1
      if (cb !== TILDE) return -1
      i++
      j++
      continue
    }
    if (ca === CARET || cb === CARET) {
      if (i >= a.length) return -1
      if (j >= b.length) return 1
      if (ca !== CARET) return 1
      if (cb !== CARET) return -1
      i++
      j++
      continue
    }
    if (!(i < a.length && j < b.length)) break

    const startA = i
    const startB = j
    const numeric = isDigitCode(ca)
    const inSegment = numeric ? isDigitCode : isAlphaCode
    while (i < a.length && inSegment(a.charCodeAt(i))) i++
    while (j < b.length && inSegment(b.charCodeAt(j))) j++
    // A segment of a different kind on the other side: numbers are newer.
    if (j === startB) return numeric ? 1 : -1
    const r = numeric
      ? compareDigitRuns(a, startA, i, b, startB, j)
      : compareStrings(a.slice(startA, i), b.slice(startB, j))
    if (r !== 0) return r
  }
  if (i >= a.length && j >= b.length) return 0
  return i >= a.length ? -1 : 1
}

interface Evr {
  epoch: string
  version: string
  /** undefined when there is no `-release` at all (an empty one is still a release). */
  release: string | undefined
}

/** `[epoch:]version[-release]`; a missing epoch is 0, as rpm compares installed packages. */
const parseEvr = memoize(function parseEvrUncached(text: string): Evr {
  text = text.trim()
  const colon = text.indexOf(':')
  const epochText = colon >= 0 ? text.slice(0, colon) : ''
  const epoch = /^\d+$/.test(epochText) ? epochText : '0'
  const rest = colon >= 0 && /^\d*$/.test(epochText) ? text.slice(colon + 1) : text
  const hyphen = rest.lastIndexOf('-')
  return hyphen >= 0
    ? { epoch, version: rest.slice(0, hyphen), release: rest.slice(hyphen + 1) }
    : { epoch, version: rest, release: undefined }
})

/**
 * Compares `[epoch:]version[-release]` strings as rpm 4.18's rpm.vercmp
 * (rpmverCmp) does: epoch (missing = 0), then version, then release with
 * rpmvercmp; a version without any `-release` sorts before the same version
 * with one, so "fixed in 1.2" counts "1.2-3.el9" as fixed.
 */
export function compareRpmVersions(a: string, b: string): number {
  const va = parseEvr(a)
  const vb = parseEvr(b)
  const epoch = compareDigits(va.epoch, vb.epoch)
  if (epoch !== 0) return sign(epoch)
  const version = rpmvercmp(va.version, vb.version)
  if (version !== 0) return sign(version)
  if (va.release === undefined || vb.release === undefined) {
    return (va.release === undefined ? 0 : 1) - (vb.release === undefined ? 0 : 1)
  }
  return sign(rpmvercmp(va.release, vb.release))
}
