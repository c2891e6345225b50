// Every key .container-gate.yml accepts, read from the real parser (parseConfigFile and
// each check's parseSettings): an unknown key at a place that has fixed keys is refused
// with "unknown key; expected one of …", so probing each place with one lists its keys.
// Paths are written as in docs/config.md: `checks.secrets.skip-paths`, `ignore[].rule`.
import { stringify } from 'yaml'
import { parseConfigFile } from '../../src/config/file.js'

const PROBE = 'zz-not-a-key'

/** The YAML document that puts `value` at `path` (`a.b[].c`). */
function documentAt(path: string[], value: unknown): unknown {
  let node = value
  for (const part of [...path].reverse()) {
    node = part.endsWith('[]') ? { [part.slice(0, -2)]: [node] } : { [part]: node }
  }
  return node
}

/** The keys the parser accepts in the mapping at `path`, or undefined when it is not a fixed-key mapping. */
function keysAt(path: string[]): string[] | undefined {
  const text = stringify(documentAt(path, { [PROBE]: 1 }))
  try {
    parseConfigFile(text, 'probe.yml')
  } catch (error) {
    const message = (error as Error).message
    const m = /: ([\w.[\]-]*): unknown key; expected one of ([^;(]+?)(?:;| \(|$)/.exec(message)
    if (m && m[1]!.endsWith(PROBE)) return m[2]!.split(', ').map(k => k.trim())
  }
  return undefined
}

/** Every accepted key path, parents before their children. */
export function acceptedConfigKeys(): string[] {
  const out: string[] = []
  const walk = (path: string[]): void => {
    for (const key of keysAt(path) ?? []) {
      const here = [...path, key]
      out.push(here.join('.'))
      if (keysAt(here)) walk(here)
      const item = [...path, `${key}[]`]
      if (keysAt(item)) walk(item)
    }
  }
  walk([])
  return out
}

/** The parent mappings (fixed keys) that errors about unknown keys are about. */
export function configSections(): string[] {
  const keys = acceptedConfigKeys()
  const parents = new Set(keys.map(k => k.slice(0, Math.max(0, k.lastIndexOf('.')))))
  return [...parents]
}
