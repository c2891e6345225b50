// Package URLs as VEX documents name products (github.com/package-url/purl-spec):
// pkg:type/namespace/name@version?qualifiers#subpath, each part percent-encoded.

export interface ParsedPurl {
  type: string
  namespace?: string
  name: string
  version?: string
  qualifiers: Map<string, string>
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}

/** The parts of a purl, or undefined when it is not one. */
export function parsePurl(text: string): ParsedPurl | undefined {
  const m = /^pkg:([A-Za-z.+-][A-Za-z0-9.+-]*)\/+([^?#]+?)(?:\?([^#]*))?(?:#.*)?$/.exec(text.trim())
  if (!m) return undefined
  let path = m[2]!
  let version: string | undefined
  const at = path.lastIndexOf('@')
  if (at > 0) {
    version = decode(path.slice(at + 1))
    path = path.slice(0, at)
  }
  const segments = path.split('/').filter(s => s !== '')
  const name = segments.pop()
  if (!name) return undefined
  const qualifiers = new Map<string, string>()
  for (const pair of (m[3] ?? '').split('&')) {
    if (!pair) continue
    const eq = pair.indexOf('=')
    if (eq > 0) qualifiers.set(pair.slice(0, eq).toLowerCase(), decode(pair.slice(eq + 1)))
  }
  return {
    type: m[1]!.toLowerCase(),
    namespace: segments.length ? segments.map(decode).join('/') : undefined,
    name: decode(name),
    version: version || undefined,
    qualifiers
  }
}

/** Name as purl-spec compares it for the type (npm lower-case, PyPI normalised as PEP 503). */
function canonicalName(type: string, name: string): string {
  if (type === 'pypi') return name.toLowerCase().replace(/[-_.]+/g, '-')
  if (type === 'npm') return name.toLowerCase()
  return name
}

/**
 * Does the statement's purl name this package? Type, namespace and name must be equal; a
 * version, when the statement gives one, too (none: every version). Qualifiers do not decide:
 * publishers spell them their own way (Canonical's `distro=jammy` for our `distro=ubuntu-22.04`,
 * `arch=source` beside each binary architecture).
 */
export function purlMatches(statement: ParsedPurl, pkg: ParsedPurl): boolean {
  if (statement.type !== pkg.type) return false
  if ((statement.namespace ?? '').toLowerCase() !== (pkg.namespace ?? '').toLowerCase())
    return false
  if (canonicalName(statement.type, statement.name) !== canonicalName(pkg.type, pkg.name))
    return false
  return statement.version === undefined || statement.version === pkg.version
}
