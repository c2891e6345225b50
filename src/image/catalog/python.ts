import type { Cataloger, ParsedFile } from './types.js'

// PyPI: `<name>.dist-info/METADATA`, `<name>.egg-info/PKG-INFO`, or an `.egg-info` file (old
// distutils). The header (before the first blank line) holds Name and Version.

const DIST_INFO = /\.dist-info\/METADATA$/
const EGG_INFO_DIR = /\.egg-info\/PKG-INFO$/
const EGG_INFO_FILE = /\.egg-info$/

/** PEP 503 normalised name. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-')
}

export function parsePythonMetadata(text: string): { name: string; version: string } | undefined {
  let name: string | undefined
  let version: string | undefined
  for (const line of text.split('\n')) {
    if (line.trim() === '') break
    const m = /^(Name|Version):\s*(.*?)\s*$/i.exec(line)
    if (!m) continue
    if (m[1].toLowerCase() === 'name') name ??= m[2]
    else version ??= m[2]
  }
  return name && version ? { name: normalizePythonName(name), version } : undefined
}

export const pythonCataloger: Cataloger = {
  name: 'python',
  wants: (path, size) =>
    size < 4 * 1024 * 1024 &&
    (DIST_INFO.test(path) || EGG_INFO_DIR.test(path) || EGG_INFO_FILE.test(path)),
  parse(_path, content): ParsedFile {
    const meta = parsePythonMetadata(content.toString('utf8'))
    return { packages: meta ? [{ type: 'pypi', ...meta }] : [] }
  }
}
