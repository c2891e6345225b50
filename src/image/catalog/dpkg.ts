import type { Cataloger, ParsedFile, RawPackage } from './types.js'
import { CorruptDatabaseError } from './types.js'

// dpkg: /var/lib/dpkg/status (one file, all packages) and /var/lib/dpkg/status.d/<name> (distroless:
// one stanza per file, with <name>.md5sums beside it listing the files). A package is installed
// whenever its status (the third word of `Status: want flag status`) is `installed`: `hold ok
// installed` (apt-mark hold) and `deinstall ok installed` (marked for removal) are still on disk.

const STATUS = '/var/lib/dpkg/status'
const STATUS_D = '/var/lib/dpkg/status.d/'
const INFO = '/var/lib/dpkg/info/'

/** Parse Debian control paragraphs (RFC 822-like, continuation lines start with a blank). */
export function parseControlParagraphs(text: string): Map<string, string>[] {
  const out: Map<string, string>[] = []
  let current = new Map<string, string>()
  let lastKey = ''
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (current.size > 0) out.push(current)
      current = new Map()
      lastKey = ''
      continue
    }
    if (line[0] === ' ' || line[0] === '\t') {
      if (lastKey) current.set(lastKey, `${current.get(lastKey)}\n${line.trim()}`)
      continue
    }
    const colon = line.indexOf(':')
    if (colon <= 0)
      throw new CorruptDatabaseError(`not a control field: ${JSON.stringify(line.slice(0, 60))}`)
    lastKey = line.slice(0, colon).trim()
    current.set(lastKey, line.slice(colon + 1).trim())
  }
  if (current.size > 0) out.push(current)
  return out
}

export function parseDpkgStatus(text: string, requireStatus: boolean): RawPackage[] {
  const packages: RawPackage[] = []
  for (const p of parseControlParagraphs(text)) {
    const name = p.get('Package')
    const version = p.get('Version')
    const status = p.get('Status')
    if (!name || !version) continue
    // status.d stanzas of distroless images carry no Status: they are installed by construction.
    if (status !== undefined ? status.trim().split(/\s+/)[2] !== 'installed' : requireStatus)
      continue
    const pkg: RawPackage = { type: 'deb', name, version, arch: p.get('Architecture') }
    const source = p.get('Source')
    if (source) {
      // `Source: name` or `Source: name (version)` when the source version differs.
      const m = /^(\S+)(?:\s+\((.+)\))?$/.exec(source)
      if (m) {
        pkg.sourceName = m[1]
        pkg.sourceVersion = m[2] ?? version
      }
    } else {
      pkg.sourceName = name
      pkg.sourceVersion = version
    }
    packages.push(pkg)
  }
  return packages
}

export const dpkgCataloger: Cataloger = {
  name: 'dpkg',
  wants(path) {
    if (path === STATUS) return true
    if (path.startsWith(STATUS_D)) return !path.slice(STATUS_D.length).includes('/')
    return path.startsWith(INFO) && path.endsWith('.list')
  },
  parse(path, content): ParsedFile {
    const text = content.toString('utf8')
    if (path.startsWith(INFO)) {
      return { packages: [], ownedPaths: text.split('\n').filter(l => l.startsWith('/')) }
    }
    if (path.startsWith(STATUS_D) && path.endsWith('.md5sums')) {
      // "<md5>  <path without leading slash>"
      const owned = text
        .split('\n')
        .map(l => l.replace(/^[0-9a-f]{32}\s+/, '').trim())
        .filter(l => l !== '')
        .map(l => '/' + l.replace(/^\/+/, ''))
      return { packages: [], ownedPaths: owned }
    }
    return { packages: parseDpkgStatus(text, path === STATUS) }
  }
}
