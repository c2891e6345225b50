// Inventory package → the OSV (ecosystem, name, version) its advisories are
// keyed by. Distro advisories are keyed by the *source* package (Debian,
// Ubuntu) or the apk *origin* (Alpine), and by the distro release: a record
// for Debian:11 never applies to a Debian 12 image.
import type { OsInfo, Package } from '../model/package.js'

export interface OsvPackageKey {
  ecosystem: string
  name: string
  /** The version to compare against the record's ranges (source version for Debian/Ubuntu). */
  version: string
}

const DEBIAN_CODENAMES: Record<string, string> = {
  stretch: '9',
  buster: '10',
  bullseye: '11',
  bookworm: '12',
  trixie: '13',
  forky: '14'
}

/** PEP 503 normalised project name: lower case, runs of `-_.` as one `-`. */
export function normalizePyPIName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-')
}

/**
 * The ecosystem under which an OSV record's packages are indexed. Red Hat
 * records name a CPE-like stream (`Red Hat:enterprise_linux:9::appstream`);
 * they are indexed under `Red Hat:<major>` so one lookup finds every stream
 * of that release. Extended-support streams (eus, aus, e4s…) are left as is
 * and so never match a plain RHEL image.
 */
export function canonicalEcosystem(ecosystem: string): string {
  if (ecosystem.startsWith('Red Hat:')) {
    const major = /^Red Hat:enterprise_linux:(\d+)(?:[.:]|$)/.exec(ecosystem)
    if (major) return `Red Hat:${major[1]}`
  }
  return ecosystem
}

/** The package-name key inside an ecosystem (PyPI names compare normalised). */
export function canonicalName(ecosystem: string, name: string): string {
  return ecosystem === 'PyPI' ? normalizePyPIName(name) : name
}

/** The (ecosystem, name) lookup key shared by the index and the queries. */
export function indexKey(ecosystem: string, name: string): string {
  const canonical = canonicalEcosystem(ecosystem)
  return `${canonical}\u0000${canonicalName(canonical, name)}`
}

function majorOf(version: string | undefined): string | undefined {
  return version ? /^(\d+)/.exec(version)?.[1] : undefined
}

/** `distro=debian-12` / `distro=alpine-3.19.1` / `distro=ubuntu-22.04` from a purl, when the OS is unknown. */
function osFromPurl(purl: string): OsInfo | undefined {
  const distro = /[?&]distro=([^&#]+)/.exec(purl)?.[1]
  if (!distro) return undefined
  const decoded = decodeURIComponent(distro)
  const match = /^([a-z]+)-(.+)$/.exec(decoded)
  if (match) return { id: match[1]!, versionId: match[2] }
  const namespace = /^pkg:[a-z]+\/([^/]+)\//.exec(purl)?.[1]
  return namespace ? { id: namespace, versionCodename: decoded } : undefined
}

function debianMajor(os: OsInfo): string | undefined {
  return majorOf(os.versionId) ?? DEBIAN_CODENAMES[os.versionCodename ?? '']
}

/** `Ubuntu:22.04:LTS`, `Ubuntu:23.10`; ESM builds (`+esm` versions) are in `Ubuntu:Pro:…`. */
function ubuntuEcosystem(os: OsInfo, version: string): string | undefined {
  const release = /^(\d+)\.(\d+)/.exec(os.versionId ?? '')
  if (!release) return undefined
  const [, year, month] = release
  const number = `${year}.${month}`
  const lts = Number(year) % 2 === 0 && month === '04'
  const pro = /\+esm/.test(version)
  return `Ubuntu:${pro ? 'Pro:' : ''}${number}${lts ? ':LTS' : ''}`
}

/**
 * A Go toolchain version as OSV's SemVer: `go1.20` → `1.20.0`,
 * `go1.21rc2` → `1.21.0-rc.2`, `go1.22.3` → `1.22.3`.
 */
export function goToolchainSemver(version: string): string {
  const v = version.replace(/^go/, '').replace(/^v/, '')
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?(?:(beta|rc)(\d+))?$/.exec(v)
  if (!match) return v
  const [, major, minor, patch, pre, n] = match
  return `${major}.${minor}.${patch ?? '0'}${pre ? `-${pre}.${n}` : ''}`
}

/**
 * The OSV query for one inventory package, or undefined when OSV has no
 * ecosystem for it (an rpm on Fedora, a deb without a known release…).
 */
export function osvEcosystemFor(pkg: Package, os: OsInfo | undefined): OsvPackageKey | undefined {
  // Without a version nothing can be compared; guessing "affected" would only add noise.
  if (!pkg.version.trim()) return undefined
  const sourceName = pkg.sourceName || pkg.name
  const sourceVersion = pkg.sourceVersion || pkg.version
  switch (pkg.type) {
    case 'deb': {
      const distro = os ?? osFromPurl(pkg.purl)
      if (!distro) return undefined
      if (distro.id === 'debian') {
        const major = debianMajor(distro)
        return major
          ? { ecosystem: `Debian:${major}`, name: sourceName, version: sourceVersion }
          : undefined
      }
      if (distro.id === 'ubuntu') {
        const ecosystem = ubuntuEcosystem(distro, sourceVersion)
        return ecosystem ? { ecosystem, name: sourceName, version: sourceVersion } : undefined
      }
      return undefined
    }
    case 'apk': {
      const distro = os ?? osFromPurl(pkg.purl)
      if (distro?.id !== 'alpine') return undefined
      const branch = /^(\d+)\.(\d+)/.exec(distro.versionId ?? '')
      if (!branch) return undefined
      return {
        ecosystem: `Alpine:v${branch[1]}.${branch[2]}`,
        name: sourceName,
        version: pkg.version
      }
    }
    case 'rpm': {
      const distro = os ?? osFromPurl(pkg.purl)
      const major = majorOf(distro?.versionId)
      if (!distro || !major) return undefined
      const family: Record<string, string> = {
        rhel: 'Red Hat',
        rocky: 'Rocky Linux',
        almalinux: 'AlmaLinux'
      }
      const ecosystem = family[distro.id]
      return ecosystem
        ? { ecosystem: `${ecosystem}:${major}`, name: pkg.name, version: pkg.version }
        : undefined
    }
    case 'npm':
      return { ecosystem: 'npm', name: pkg.name, version: pkg.version }
    case 'pypi':
      return { ecosystem: 'PyPI', name: normalizePyPIName(pkg.name), version: pkg.version }
    case 'golang': {
      // OSV Go ranges are SemVer without the `v`; the toolchain is `stdlib` at `1.22.3`.
      if (pkg.name === 'stdlib' || pkg.name === 'go') {
        return { ecosystem: 'Go', name: 'stdlib', version: goToolchainSemver(pkg.version) }
      }
      return { ecosystem: 'Go', name: pkg.name, version: pkg.version.replace(/^v/, '') }
    }
    case 'maven':
      return { ecosystem: 'Maven', name: pkg.name, version: pkg.version }
    default:
      return undefined
  }
}
