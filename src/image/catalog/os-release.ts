import type { OsInfo } from '../../model/package.js'
import type { Cataloger, ParsedFile } from './types.js'

export const OS_RELEASE_PATHS = ['/etc/os-release', '/usr/lib/os-release']

export function parseOsRelease(text: string): OsInfo | undefined {
  const values = new Map<string, string>()
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const eq = line.indexOf('=')
    if (eq <= 0) continue
    let value = line.slice(eq + 1).trim()
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1).replace(/\\(["'$`\\])/g, '$1')
    values.set(line.slice(0, eq), value)
  }
  const id = values.get('ID')
  if (!id) return undefined
  return {
    id,
    versionId: values.get('VERSION_ID'),
    versionCodename: values.get('VERSION_CODENAME'),
    prettyName: values.get('PRETTY_NAME')
  }
}

export const osReleaseCataloger: Cataloger = {
  name: 'os-release',
  wants: (path, size) => OS_RELEASE_PATHS.includes(path) && size < 64 * 1024,
  parse(_path, content): ParsedFile {
    return { packages: [], os: parseOsRelease(content.toString('utf8')) }
  }
}
