// PEP 440 version ordering, as pypa/packaging's Version (_cmpkey): epoch,
// release (trailing zeros ignored), pre (a < b < rc; c/pre/preview = rc),
// post, dev, local. `1.0.dev1` sorts before `1.0a1`; a local version sorts
// after the same public version, numeric local parts after alphanumeric ones.
// Versions packaging rejects sort before every valid one (as the retired
// LegacyVersion did), in plain string order among themselves.
import { compareDigits, compareStrings, memoize, sign } from './digits.js'

const VERSION_PATTERN = new RegExp(
  '^\\s*v?' +
    '(?:(?<epoch>[0-9]+)!)?' +
    '(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    '(?<pre>[-_.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pre_n>[0-9]+)?)?' +
    '(?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_.]?(?<post_l>post|rev|r)[-_.]?(?<post_n2>[0-9]+)?))?' +
    '(?<dev>[-_.]?(?<dev_l>dev)[-_.]?(?<dev_n>[0-9]+)?)?' +
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?' +
    '\\s*$',
  'i'
)

/** Numeric-or-string local segment; numbers sort after strings. */
type LocalPart = { n: string } | { s: string }

export interface Pep440Version {
  epoch: string
  /** Release numbers with trailing zeros removed (1.0 = 1). */
  release: string[]
  /** undefined = no pre-release. */
  pre: { letter: 'a' | 'b' | 'rc'; n: string } | undefined
  post: string | undefined
  dev: string | undefined
  local: LocalPart[] | undefined
}

const PRE_LETTER: Record<string, 'a' | 'b' | 'rc'> = {
  a: 'a',
  alpha: 'a',
  b: 'b',
  beta: 'b',
  c: 'rc',
  pre: 'rc',
  preview: 'rc',
  rc: 'rc'
}

function parsePep440Uncached(text: string): Pep440Version | undefined {
  const m = VERSION_PATTERN.exec(text)
  const g = m?.groups
  if (!g) return undefined
  const release = (g.release as string).split('.')
  while (release.length > 1 && /^0+$/.test(release[release.length - 1] as string)) release.pop()
  if (release.length === 1 && /^0+$/.test(release[0] as string)) release.pop()
  return {
    epoch: g.epoch ?? '0',
    release,
    pre: g.pre_l
      ? { letter: PRE_LETTER[g.pre_l.toLowerCase()] as 'a' | 'b' | 'rc', n: g.pre_n ?? '0' }
      : undefined,
    post: g.post !== undefined ? (g.post_n1 ?? g.post_n2 ?? '0') : undefined,
    dev: g.dev !== undefined ? (g.dev_n ?? '0') : undefined,
    local: g.local
      ? g.local
          .toLowerCase()
          .split(/[-_.]/)
          .map(part => (/^[0-9]+$/.test(part) ? { n: part } : { s: part }))
      : undefined
  }
}

/** The parsed version, or undefined when packaging would raise InvalidVersion. */
export const parsePep440 = memoize(parsePep440Uncached)

export function isValidPep440Version(text: string): boolean {
  return parsePep440(text) !== undefined
}

function compareRelease(a: string[], b: string[]): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const r = compareDigits(a[i] as string, b[i] as string)
    if (r !== 0) return r
  }
  return a.length - b.length
}

/** Rank of the pre-release slot: dev-only release (-1) < pre-release (0) < none (1). */
function preRank(v: Pep440Version): number {
  if (v.pre === undefined && v.post === undefined && v.dev !== undefined) return -1
  return v.pre === undefined ? 1 : 0
}

function compareLocal(a: LocalPart[] | undefined, b: LocalPart[] | undefined): number {
  if (a === undefined || b === undefined)
    return (a === undefined ? 0 : 1) - (b === undefined ? 0 : 1)
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const pa = a[i] as LocalPart
    const pb = b[i] as LocalPart
    let r: number
    if ('n' in pa && 'n' in pb) r = compareDigits(pa.n, pb.n)
    else if ('s' in pa && 's' in pb) r = compareStrings(pa.s, pb.s)
    else r = 'n' in pa ? 1 : -1
    if (r !== 0) return r
  }
  return a.length - b.length
}

export function comparePep440Parsed(a: Pep440Version, b: Pep440Version): number {
  let r = compareDigits(a.epoch, b.epoch) || compareRelease(a.release, b.release)
  if (r !== 0) return r
  r = preRank(a) - preRank(b)
  if (r !== 0) return r
  if (a.pre && b.pre) {
    r = compareStrings(a.pre.letter, b.pre.letter) || compareDigits(a.pre.n, b.pre.n)
    if (r !== 0) return r
  }
  // No post-release sorts first; no dev release sorts last.
  if (a.post !== b.post) {
    if (a.post === undefined) return -1
    if (b.post === undefined) return 1
    r = compareDigits(a.post, b.post)
    if (r !== 0) return r
  }
  if (a.dev !== b.dev) {
    if (a.dev === undefined) return 1
    if (b.dev === undefined) return -1
    r = compareDigits(a.dev, b.dev)
    if (r !== 0) return r
  }
  return compareLocal(a.local, b.local)
}

export function comparePep440Versions(a: string, b: string): number {
  const va = parsePep440(a)
  const vb = parsePep440(b)
  if (va && vb) return sign(comparePep440Parsed(va, vb))
  if (va || vb) return va ? 1 : -1
  return compareStrings(a, b)
}
