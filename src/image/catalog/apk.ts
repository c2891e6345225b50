import type { Cataloger, ParsedFile, RawPackage } from './types.js'
import { CorruptDatabaseError } from './types.js'

// apk: /lib/apk/db/installed (and /usr/lib/apk/db/installed on newer Alpine): blank-line separated
// records of `X:value` lines. P name, V version, A arch, o origin (the source package), F dir, R file.

const PATHS = new Set(['/lib/apk/db/installed', '/usr/lib/apk/db/installed'])

export function parseApkInstalled(text: string): { packages: RawPackage[]; owned: string[] } {
  const packages: RawPackage[] = []
  const owned: string[] = []
  let fields = new Map<string, string>()
  let dir = ''
  const flush = (): void => {
    const name = fields.get('P')
    const version = fields.get('V')
    if (name && version) {
      packages.push({
        type: 'apk',
        name,
        version,
        arch: fields.get('A'),
        sourceName: fields.get('o') ?? name,
        sourceVersion: version
      })
    }
    fields = new Map()
    dir = ''
  }
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      flush()
      continue
    }
    if (line[1] !== ':')
      throw new CorruptDatabaseError(`not an apk field: ${JSON.stringify(line.slice(0, 60))}`)
    const key = line[0]
    const value = line.slice(2)
    if (key === 'F') dir = value
    else if (key === 'R') owned.push(`/${dir ? dir + '/' : ''}${value}`)
    else if (!fields.has(key)) fields.set(key, value)
  }
  flush()
  return { packages, owned }
}

export const apkCataloger: Cataloger = {
  name: 'apk',
  wants: path => PATHS.has(path),
  parse(_path, content): ParsedFile {
    const { packages, owned } = parseApkInstalled(content.toString('utf8'))
    return { packages, ownedPaths: owned }
  }
}
