// SemVer 2.0.0 ordering (OSV `SEMVER` ranges, crates.io, Hex, Pub…) and Go's
// module versions (golang.org/x/mod/semver): numbers of any size, pre-release
// identifiers compared numerically or in ASCII order, build metadata ignored
// (so `v2.0.0+incompatible` = `v2.0.0`).
import { compareDigits, compareStrings, memoize, sign } from './digits.js'

export interface SemVer {
  major: string
  minor: string
  patch: string
  prerelease: string[]
}

const NUM = '0|[1-9][0-9]*'
const IDENT = `(?:${NUM}|[0-9]*[A-Za-z-][0-9A-Za-z-]*)`
const SEMVER_RE = new RegExp(
  `^(${NUM})\\.(${NUM})\\.(${NUM})(?:-(${IDENT}(?:\\.${IDENT})*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$`
)
// x/mod/semver also accepts the shorthands vMAJOR and vMAJOR.MINOR (no pre-release or build).
const GO_SHORT_RE = new RegExp(`^(${NUM})(?:\\.(${NUM}))?$`)

/** Strict SemVer 2.0.0 (no `v`). */
export function parseSemVer(text: string): SemVer | undefined {
  const m = SEMVER_RE.exec(text)
  if (!m) return undefined
  return {
    major: m[1] as string,
    minor: m[2] as string,
    patch: m[3] as string,
    prerelease: m[4] ? m[4].split('.') : []
  }
}

function compareIdentifiers(a: string, b: string): number {
  const an = /^[0-9]+$/.test(a)
  const bn = /^[0-9]+$/.test(b)
  if (an && bn) return compareDigits(a, b)
  if (an !== bn) return an ? -1 : 1
  return compareStrings(a, b)
}

export function compareSemVerParsed(a: SemVer, b: SemVer): number {
  const r =
    compareDigits(a.major, b.major) ||
    compareDigits(a.minor, b.minor) ||
    compareDigits(a.patch, b.patch)
  if (r !== 0) return r
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return (a.prerelease.length === 0 ? 1 : 0) - (b.prerelease.length === 0 ? 1 : 0)
  }
  const n = Math.min(a.prerelease.length, b.prerelease.length)
  for (let i = 0; i < n; i++) {
    const c = compareIdentifiers(a.prerelease[i] as string, b.prerelease[i] as string)
    if (c !== 0) return c
  }
  return a.prerelease.length - b.prerelease.length
}

const parseOsvSemVer = memoize((text: string) => parseSemVer(text.replace(/^v/, '')))

/**
 * SemVer for OSV `SEMVER` ranges. A leading `v` is tolerated (Go and some
 * GitHub advisories carry it). Invalid versions sort before valid ones, in
 * plain string order among themselves.
 */
export function compareSemVerVersions(a: string, b: string): number {
  const va = parseOsvSemVer(a)
  const vb = parseOsvSemVer(b)
  if (va && vb) return sign(compareSemVerParsed(va, vb))
  if (va || vb) return va ? 1 : -1
  return compareStrings(a, b)
}

export function isValidSemVer(text: string): boolean {
  return parseSemVer(text) !== undefined
}

/**
 * Go toolchain / stdlib versions as OSV writes them for the `stdlib` module:
 * `go1.21.3` → 1.21.3, `go1.21` → 1.21.0, `go1.21rc2` → 1.21.0-rc.2,
 * `go1.9beta1` → 1.9.0-beta.1 (the pre-releases of 1.21 come before 1.21.0).
 */
function goToolchainToSemVer(text: string): string | undefined {
  const m = /^go([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:(rc|beta|alpha)([0-9]+))?$/.exec(text)
  if (!m) return undefined
  const pre = m[4] ? `-${m[4]}.${m[5]}` : ''
  return `${m[1]}.${m[2] ?? '0'}.${m[3] ?? '0'}${pre}`
}

/** A Go module version (with or without `v`) or toolchain version as SemVer. */
function parseGoUncached(text: string): SemVer | undefined {
  const toolchain = goToolchainToSemVer(text)
  if (toolchain) return parseSemVer(toolchain)
  const bare = text.startsWith('v') ? text.slice(1) : text
  const short = GO_SHORT_RE.exec(bare)
  if (short) {
    return { major: short[1] as string, minor: short[2] ?? '0', patch: '0', prerelease: [] }
  }
  return parseSemVer(bare)
}

export const parseGoVersion = memoize(parseGoUncached)

/**
 * Go ordering (x/mod/semver.Compare): pseudo-versions are pre-releases, so
 * `v1.2.4-0.20210101000000-abcdef123456` sorts after v1.2.3 and before v1.2.4;
 * `+incompatible` is build metadata and ignored. As in x/mod/semver, invalid
 * versions sort before valid ones; unlike it, they tie-break in string order
 * (so different junk is never "equal").
 */
export function compareGoVersions(a: string, b: string): number {
  const va = parseGoVersion(a)
  const vb = parseGoVersion(b)
  if (va && vb) return sign(compareSemVerParsed(va, vb))
  if (va || vb) return va ? 1 : -1
  return compareStrings(a, b)
}

export function isValidGoVersion(text: string): boolean {
  return parseGoVersion(text) !== undefined
}
