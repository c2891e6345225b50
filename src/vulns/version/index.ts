// Exact version ordering per ecosystem. Every comparer returns -1, 0 or 1 and
// never throws: input a format rejects is compared as its upstream tool does
// (dpkg, apk, rpm and Maven compare anything), or sorted before every valid
// version in plain string order (PEP 440, npm, SemVer, Go, and Maven versions
// over the 256 characters Maven refuses).
import { compareApkVersions, isValidApkVersion } from './apk.js'
import { compareDebianVersions } from './dpkg.js'
import { compareMavenVersions, isValidMavenVersion } from './maven.js'
import { compareNpmVersions, isValidNpmVersion } from './npm.js'
import { comparePep440Versions, isValidPep440Version } from './pep440.js'
import { compareRpmVersions } from './rpm.js'
import {
  compareGoVersions,
  compareSemVerVersions,
  isValidGoVersion,
  isValidSemVer
} from './semver.js'

export {
  compareApkVersions,
  compareDebianVersions,
  compareGoVersions,
  compareMavenVersions,
  compareNpmVersions,
  comparePep440Versions,
  compareRpmVersions
}

export type VersionScheme = 'dpkg' | 'apk' | 'rpm' | 'pep440' | 'npm' | 'go' | 'maven' | 'semver'

// OSV ecosystem names (https://ossf.github.io/osv-schema/#affectedpackage-field)
// before the first `:` (release, stream or variant), by the ordering their
// versions follow (as osv.dev's own semantic package assigns them). Ecosystems with an ordering of their own that is not
// implemented (RubyGems, NuGet, Packagist, Hackage, CRAN…) are left out, so
// callers can count their ranges as not evaluated rather than guess.
const SCHEME_BY_ECOSYSTEM: Record<string, VersionScheme> = {
  Debian: 'dpkg',
  Ubuntu: 'dpkg',
  Echo: 'dpkg',
  Alpine: 'apk',
  Wolfi: 'apk',
  Chainguard: 'apk',
  MinimOS: 'apk',
  CleanStart: 'apk',
  Alpaquita: 'apk',
  'BellSoft Hardened Containers': 'apk',
  'Red Hat': 'rpm',
  'Rocky Linux': 'rpm',
  AlmaLinux: 'rpm',
  'Azure Linux': 'rpm',
  Mageia: 'rpm',
  openEuler: 'rpm',
  openSUSE: 'rpm',
  SUSE: 'rpm',
  'Photon OS': 'rpm',
  PyPI: 'pep440',
  npm: 'npm',
  Go: 'go',
  Maven: 'maven',
  'crates.io': 'semver',
  Hex: 'semver',
  Bitnami: 'semver',
  Julia: 'semver',
  SwiftURL: 'semver',
  'Docker Hardened Images': 'semver'
}

/** The version ordering of an OSV ecosystem string ("Debian:12", "Alpine:v3.19", "Red Hat:enterprise_linux:9::appstream"…). */
export function schemeForEcosystem(osvEcosystem: string): VersionScheme | undefined {
  const colon = osvEcosystem.indexOf(':')
  const base = (colon >= 0 ? osvEcosystem.slice(0, colon) : osvEcosystem).trim()
  return Object.hasOwn(SCHEME_BY_ECOSYSTEM, base) ? SCHEME_BY_ECOSYSTEM[base] : undefined
}

const COMPARERS: Record<VersionScheme, (a: string, b: string) => number> = {
  dpkg: compareDebianVersions,
  apk: compareApkVersions,
  rpm: compareRpmVersions,
  pep440: comparePep440Versions,
  npm: compareNpmVersions,
  go: compareGoVersions,
  maven: compareMavenVersions,
  semver: compareSemVerVersions
}

/** -1, 0 or 1 as `a` sorts before, with or after `b` in `scheme`. */
export function compareVersions(scheme: VersionScheme, a: string, b: string): number {
  const r = COMPARERS[scheme](a, b)
  return r < 0 ? -1 : r > 0 ? 1 : 0
}

/**
 * Whether `v` is a version of the format, where the format defines validity
 * (apk, PEP 440, SemVer 2.0.0 — no `v` —, npm's loose SemVer, Go module and
 * toolchain versions, Maven's 256-character limit); dpkg and rpm accept any
 * non-empty string, as their tools compare anything.
 */
export function isValidVersion(scheme: VersionScheme, v: string): boolean {
  switch (scheme) {
    case 'apk':
      return isValidApkVersion(v)
    case 'pep440':
      return isValidPep440Version(v)
    case 'semver':
      return isValidSemVer(v)
    case 'npm':
      return isValidNpmVersion(v)
    case 'go':
      return isValidGoVersion(v)
    case 'maven':
      return isValidMavenVersion(v)
    default:
      return v.trim() !== ''
  }
}
