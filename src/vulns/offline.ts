// Offline records: a directory of OSV JSON files (any nesting) or a zip such
// as the per-ecosystem `all.zip` export of osv.dev. Everything is loaded into
// a VulnIndex once; a bad file is counted and skipped, never fatal.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { errorMessage, InputError } from '../model/errors.js'
import { VulnIndex } from './records.js'
import { zipEntries, type ZipEntry } from './zip.js'

function addJsonText(index: VulnIndex, text: string, origin: string): void {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    index.noteMalformed(origin, `not valid JSON (${errorMessage(error)})`)
    return
  }
  // A file may hold one record or a list of them (osv.dev query dumps).
  if (Array.isArray(value)) value.forEach((item, i) => index.addRaw(item, `${origin}[${i}]`))
  else index.addRaw(value, origin)
}

function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    bytes[2] === 0x03 &&
    bytes[3] === 0x04
  )
}

/** Add every `.json` entry of a zip archive (nested folders included); a bad entry is counted. */
export function addZip(index: VulnIndex, bytes: Buffer, origin: string): void {
  let entries: ZipEntry[]
  try {
    entries = zipEntries(bytes)
  } catch (error) {
    throw new InputError(
      `vuln-db: ${origin} is not a readable zip archive (${errorMessage(error)})`
    )
  }
  for (const entry of entries) {
    if (!entry.name.toLowerCase().endsWith('.json')) continue
    let text: string
    try {
      text = entry.read().toString('utf8')
    } catch (error) {
      index.noteMalformed(`${origin}:${entry.name}`, errorMessage(error))
      continue
    }
    addJsonText(index, text, `${origin}:${entry.name}`)
  }
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) walk(path, out)
    else if (entry.isFile() && /\.(json|zip)$/i.test(entry.name)) out.push(path)
  }
}

/**
 * Load OSV records from a directory (JSON files and per-ecosystem zips in any
 * nesting) or from one zip file. Throws InputError only when the path itself
 * is unusable; per-file problems are counted in `index.malformed`.
 */
export function loadOfflineIndex(path: string, index = new VulnIndex()): VulnIndex {
  let isDir: boolean
  try {
    isDir = statSync(path).isDirectory()
  } catch (error) {
    throw new InputError(`vuln-db: cannot read "${path}" (${errorMessage(error)})`)
  }
  const files: string[] = []
  if (isDir) walk(path, files)
  else files.push(path)
  files.sort()
  for (const file of files) {
    const origin = isDir ? relative(path, file) : file
    let bytes: Buffer
    try {
      bytes = readFileSync(file)
    } catch (error) {
      index.noteMalformed(origin, `cannot read it (${errorMessage(error)})`)
      continue
    }
    if (isZip(bytes)) {
      if (isDir) {
        try {
          addZip(index, bytes, origin)
        } catch (error) {
          index.noteMalformed(origin, errorMessage(error))
        }
      } else {
        addZip(index, bytes, origin)
      }
    } else {
      addJsonText(index, bytes.toString('utf8'), origin)
    }
  }
  return index
}
