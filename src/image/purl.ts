import type { OsInfo } from '../model/package.js'
import type { RawPackage } from './catalog/types.js'

// Package URLs (github.com/package-url/purl-spec): type/namespace/name@version?qualifiers, each
// part percent-encoded, qualifiers sorted by key.

/** Percent-encode all but purl's unreserved characters (encodeURIComponent leaves !'()* alone). */
function enc(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )
}

function qualifiers(values: Record<string, string | undefined>): string {
  const parts = Object.keys(values)
    .filter(k => values[k] !== undefined && values[k] !== '')
    .sort()
    .map(k => `${k}=${enc(values[k] as string)}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

/** purl namespace for OS packages: the distro, as purl-spec's examples name them. */
function osNamespace(os: OsInfo | undefined, fallback: string): string {
  const id = os?.id ?? fallback
  return id === 'rhel' ? 'redhat' : id
}

export function distroQualifier(os: OsInfo | undefined): string | undefined {
  if (!os) return undefined
  return os.versionId ? `${os.id}-${os.versionId}` : os.id
}

export function makePurl(pkg: RawPackage, os: OsInfo | undefined): string {
  const at = `@${enc(pkg.version)}`
  switch (pkg.type) {
    case 'deb':
    case 'apk':
    case 'rpm': {
      const namespace = osNamespace(
        os,
        pkg.type === 'deb' ? 'debian' : pkg.type === 'apk' ? 'alpine' : 'redhat'
      )
      const upstream = pkg.sourceName && pkg.sourceName !== pkg.name ? pkg.sourceName : undefined
      return `pkg:${pkg.type}/${enc(namespace)}/${enc(pkg.name)}${at}${qualifiers({
        arch: pkg.arch,
        distro: distroQualifier(os),
        epoch: pkg.epoch ? String(pkg.epoch) : undefined,
        upstream
      })}`
    }
    case 'npm': {
      const slash = pkg.name.startsWith('@') ? pkg.name.indexOf('/') : -1
      return slash > 0
        ? `pkg:npm/${enc(pkg.name.slice(0, slash))}/${enc(pkg.name.slice(slash + 1))}${at}`
        : `pkg:npm/${enc(pkg.name)}${at}`
    }
    case 'pypi':
      return `pkg:pypi/${enc(pkg.name)}${at}`
    case 'golang':
      return `pkg:golang/${pkg.name.split('/').map(enc).join('/')}${at}`
    case 'maven':
      return pkg.group
        ? `pkg:maven/${enc(pkg.group)}/${enc(pkg.artifact ?? pkg.name)}${at}`
        : `pkg:maven/${enc(pkg.artifact ?? pkg.name)}${at}`
  }
}
