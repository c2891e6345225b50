import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import picomatch from 'picomatch'
import { InputError } from '../model/errors.js'

const SKIP_DIRS = new Set(['.git', 'node_modules'])

export interface ExpandedPaths {
  /** Paths relative to cwd, forward slashes, as a user would write them; sorted, unique. */
  files: string[]
  /** Patterns that matched nothing, one line each. */
  warnings: string[]
}

/**
 * Expand Dockerfile patterns. A plain path must exist (a typo is an input
 * error, exit 2); a glob that matches nothing is a warning, since globs are
 * often written for files that only some branches have.
 */
export function expandFilePatterns(
  patterns: readonly string[],
  cwd: string,
  option: string
): ExpandedPaths {
  const files = new Set<string>()
  const warnings: string[] = []
  for (const pattern of patterns) {
    const scan = picomatch.scan(pattern)
    if (!scan.isGlob) {
      const full = resolve(cwd, pattern)
      if (!existsSync(full)) throw new InputError(`${option}: no such file "${pattern}"`)
      if (statSync(full).isDirectory()) {
        throw new InputError(
          `${option}: "${pattern}" is a directory; give a file or a glob such as ${pattern.replace(/\/$/, '')}/**/Dockerfile`
        )
      }
      files.add(toDisplay(pattern))
      continue
    }
    const base = resolve(cwd, scan.base || '.')
    const isMatch = picomatch(pattern.replace(/^\.\//, ''), { dot: true })
    let matched = 0
    for (const file of walk(base)) {
      const rel = relative(cwd, file).split(sep).join('/')
      if (isMatch(rel)) {
        files.add(rel)
        matched++
      }
    }
    if (matched === 0) warnings.push(`${option}: the pattern "${pattern}" matched no file`)
  }
  return { files: [...files].sort(), warnings }
}

function toDisplay(path: string): string {
  return path.split(sep).join('/')
}

function* walk(dir: string): Generator<string> {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    const full = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* walk(full)
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      // A link is listed, never descended into (no loops); the reader refuses one that
      // leads out of the workspace or to anything but a regular file.
      yield full
    }
  }
}
