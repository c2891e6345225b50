// Inventory package → the OSV (ecosystem, name, version) its advisories are
// keyed by. Distro advisories are keyed by the *source* package (Debian,
// Ubuntu), the apk *origin* (Alpine, Wolfi, Chainguard) or the binary rpm
// name (Red Hat and its rebuilds, SUSE, Azure Linux…), and by the distro
// release: a record for Debian:11 never applies to a Debian 12 image.
//
// Each package gets two things: the ecosystem to ask the OSV API for (osv.dev
// stores every entry under its exact ecosystem, its bare family — `Red Hat`,
// `SUSE` — and, for Ubuntu, the release without `:LTS`/`:Pro`, so one query
// finds every variant), and which record ecosystems apply to it locally.
import type { OsInfo, Package } from '../model/package.js'

export interface OsvPackageKey {
  /** The ecosystem the OSV API is asked for (`Ubuntu:20.04`, `Red Hat`, `Debian:12`…). */
  ecosystem: string
  name: string
  /** The version to compare against the record's ranges (source version for Debian/Ubuntu). */
  version: string
  /** Whether a record's `affected[].package.ecosystem` applies to this package. */
  accepts: (recordEcosystem: string) => boolean
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

/** The ecosystem's family: what precedes the first `:` (`Red Hat:enterprise_linux:9::baseos` → `Red Hat`). */
export function ecosystemFamily(ecosystem: string): string {
  const colon = ecosystem.indexOf(':')
  return colon < 0 ? ecosystem : ecosystem.slice(0, colon)
}

/** The package-name key inside an ecosystem (PyPI names compare normalised; others exactly, as osv.dev does). */
export function canonicalName(ecosystem: string, name: string): string {
  return ecosystemFamily(ecosystem) === 'PyPI' ? normalizePyPIName(name) : name
}

/** The (family, name) lookup key shared by the index and the matcher. */
export function indexKey(ecosystem: string, name: string): string {
  return `${ecosystemFamily(ecosystem)}\u0000${canonicalName(ecosystem, name)}`
}

function majorOf(version: string | undefined): string | undefined {
  return version ? /^(\d+)/.exec(version)?.[1] : undefined
}

/** `distro=debian-12` / `distro=alpine-3.19.1` / `distro=ubuntu-22.04` from a purl, when the OS is unknown. */
function osFromPurl(purl: string): OsInfo | undefined {
  const distro = /[?&]distro=([^&#]+)/.exec(purl)?.[1]
  if (!distro) return undefined
  const decoded = decodeURIComponent(distro)
  const match = /^([a-z][a-z-]*?)-(\d.*)$/.exec(decoded)
  if (match) return { id: match[1]!, versionId: match[2] }
  const namespace = /^pkg:[a-z]+\/([^/]+)\//.exec(purl)?.[1]
  return namespace ? { id: namespace, versionCodename: decoded } : undefined
}

function debianMajor(os: OsInfo): string | undefined {
  return majorOf(os.versionId) ?? DEBIAN_CODENAMES[os.versionCodename ?? '']
}

const exactly =
  (ecosystem: string) =>
  (recordEcosystem: string): boolean =>
    recordEcosystem === ecosystem

// Ubuntu:[Pro:][FIPS[-updates|-preview]:]YY.MM[:LTS]
const UBUNTU_ECOSYSTEM = /^Ubuntu:(?:(Pro):)?(?:(FIPS(?:-[a-z]+)?):)?(\d{2}\.\d{2})(?::LTS)?$/

/**
 * Ubuntu: one query for the release (`Ubuntu:20.04`), as osv-scanner sends
 * it; locally every entry of the release applies — public, LTS and Pro (ESM:
 * after end of standard support Canonical publishes fixes only there) —
 * except FIPS entries, which only describe the `+Fips` builds.
 */
function ubuntuKey(os: OsInfo, name: string, version: string): OsvPackageKey | undefined {
  const release = /^(\d{2})\.(\d{2})/.exec(os.versionId ?? '')
  if (!release) return undefined
  const number = `${release[1]}.${release[2]}`
  const fips = /fips/i.test(version)
  return {
    ecosystem: `Ubuntu:${number}`,
    name,
    version,
    accepts: recordEcosystem => {
      const m = UBUNTU_ECOSYSTEM.exec(recordEcosystem)
      return m !== null && m[3] === number && (m[2] === undefined || fips)
    }
  }
}

/**
 * SUSE files each package under the product module that ships it (`SUSE:Linux
 * Enterprise Module for Basesystem 15 SP5`), which os-release does not name:
 * the family is asked for, and entries whose product release is the image's
 * (`15.5` → `15 SP5`, with or without an `-LTSS`-style suffix) apply.
 */
function suseReleaseAccepts(versionId: string | undefined): ((e: string) => boolean) | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(versionId ?? '')
  if (!m) return undefined
  const major = m[1]!
  const sp = m[2] && m[2] !== '0' ? m[2] : undefined
  return recordEcosystem => {
    if (!recordEcosystem.startsWith('SUSE:')) return false
    const r = /\s(\d+)(?: SP(\d+))?(?:-[A-Za-z]+)?$/.exec(recordEcosystem)
    return r !== null && r[1] === major && r[2] === sp
  }
}

/** `openEuler:24.03-LTS-SP1` from PRETTY_NAME `openEuler 24.03 (LTS-SP1)`, else VERSION_ID. */
function openEulerEcosystem(os: OsInfo): string | undefined {
  const pretty = /^openEuler\s+(\d+\.\d+)(?:\s+\(([A-Za-z0-9-]+)\))?/.exec(os.prettyName ?? '')
  if (pretty) return `openEuler:${pretty[1]}${pretty[2] ? `-${pretty[2]}` : ''}`
  return os.versionId ? `openEuler:${os.versionId}` : undefined
}

/** rpm distributions: the binary package name and `[epoch:]version-release`, as osv-scanner sends them. */
function rpmKey(pkg: Package, distro: OsInfo): OsvPackageKey | undefined {
  const major = majorOf(distro.versionId)
  const key = (ecosystem: string, accepts = exactly(ecosystem)): OsvPackageKey => ({
    ecosystem,
    name: pkg.name,
    version: pkg.version,
    accepts
  })
  switch (distro.id) {
    case 'rhel': {
      // Red Hat streams (`Red Hat:enterprise_linux:9::appstream`…) of the major release; the
      // extended-support streams (eus, aus, e4s…) are other products.
      if (!major) return undefined
      const stream = new RegExp(`^Red Hat:enterprise_linux:${major}(?::|$)`)
      return key('Red Hat', e => stream.test(e))
    }
    case 'rocky':
      return major ? key(`Rocky Linux:${major}`) : undefined
    case 'almalinux':
      return major ? key(`AlmaLinux:${major}`) : undefined
    case 'azurelinux':
    case 'mariner':
      return major ? key(`Azure Linux:${major}`) : undefined
    case 'mageia':
      return distro.versionId ? key(`Mageia:${distro.versionId}`) : undefined
    case 'openEuler':
    case 'openeuler': {
      const ecosystem = openEulerEcosystem(distro)
      return ecosystem ? key(ecosystem) : undefined
    }
    case 'photon':
      return distro.versionId ? key(`Photon OS:${distro.versionId}`) : undefined
    case 'opensuse-leap':
      return distro.versionId ? key(`openSUSE:Leap ${distro.versionId}`) : undefined
    case 'opensuse-tumbleweed':
      return key('openSUSE:Tumbleweed')
    case 'sles':
    case 'sled':
    case 'sles_sap': {
      const accepts = suseReleaseAccepts(distro.versionId)
      return accepts ? key('SUSE', accepts) : undefined
    }
    default:
      return undefined
  }
}

/** apk distributions: by origin. Wolfi and Chainguard are rolling (one ecosystem, no release). */
function apkKey(pkg: Package, distro: OsInfo, sourceName: string): OsvPackageKey | undefined {
  const key = (ecosystem: string): OsvPackageKey => ({
    ecosystem,
    name: sourceName,
    version: pkg.version,
    accepts: exactly(ecosystem)
  })
  switch (distro.id) {
    case 'alpine': {
      const branch = /^(\d+)\.(\d+)/.exec(distro.versionId ?? '')
      return branch ? key(`Alpine:v${branch[1]}.${branch[2]}`) : undefined
    }
    case 'wolfi':
      return key('Wolfi')
    case 'chainguard':
      return key('Chainguard')
    case 'minimos':
      return key('MinimOS')
    default:
      return undefined
  }
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
  const plain = (ecosystem: string, name: string, version: string): OsvPackageKey => ({
    ecosystem,
    name,
    version,
    accepts: exactly(ecosystem)
  })
  switch (pkg.type) {
    case 'deb': {
      const distro = os ?? osFromPurl(pkg.purl)
      if (!distro) return undefined
      if (distro.id === 'debian') {
        const major = debianMajor(distro)
        return major ? plain(`Debian:${major}`, sourceName, sourceVersion) : undefined
      }
      if (distro.id === 'ubuntu') return ubuntuKey(distro, sourceName, sourceVersion)
      return undefined
    }
    case 'apk': {
      const distro = os ?? osFromPurl(pkg.purl)
      return distro ? apkKey(pkg, distro, sourceName) : undefined
    }
    case 'rpm': {
      const distro = os ?? osFromPurl(pkg.purl)
      return distro ? rpmKey(pkg, distro) : undefined
    }
    case 'npm':
      return plain('npm', pkg.name, pkg.version)
    case 'pypi':
      return plain('PyPI', normalizePyPIName(pkg.name), pkg.version)
    case 'golang': {
      // OSV Go ranges are SemVer without the `v`; the toolchain is `stdlib` at `1.22.3`.
      if (pkg.name === 'stdlib' || pkg.name === 'go') {
        return plain('Go', 'stdlib', goToolchainSemver(pkg.version))
      }
      return plain('Go', pkg.name, pkg.version.replace(/^v/, ''))
    }
    case 'maven':
      // Maven advisories name `group:artifact`; a jar whose group could not be read cannot be
      // matched, and is reported as not evaluated rather than quietly never matching.
      return pkg.name.includes(':') ? plain('Maven', pkg.name, pkg.version) : undefined
    default:
      return undefined
  }
}
