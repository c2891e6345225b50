// docs/config.md cannot drift from the parser: every key the parser accepts is documented,
// every documented key is accepted, every example parses and sets its key, every default
// written in code is what leaving the key out gives; and every `docs/…` reference in src/
// (the "see docs" of error messages and help texts) names a file and a section that exist.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parse as parseYaml, stringify } from 'yaml'
import { ALL_RULES } from '../../src/checks.js'
import { USAGE } from '../../src/cli/args.js'
import { parseConfigFile, type FileConfig } from '../../src/config/file.js'
import { configDocsLink } from '../../src/model/config-node.js'
import { resolveSecretsSettings } from '../../src/secrets/settings.js'
import { acceptedConfigKeys, configSections } from '../helpers/config-keys.js'

const ROOT = join(import.meta.dirname, '..', '..')
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const DOC = read('docs/config.md')

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function githubAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

function anchors(markdown: string): Set<string> {
  const out = new Set<string>()
  for (const m of markdown.matchAll(/^#{1,6} (.+)$/gm)) out.add(githubAnchor(m[1]!))
  for (const m of markdown.matchAll(/<a id="([^"]+)"/g)) out.add(m[1]!)
  return out
}

interface Entry {
  key: string
  body: string
}

/** Every `` ### `key` `` section of the page, with its text up to the next heading. */
function entries(markdown: string): Entry[] {
  const parts = markdown.split(/^(?=#{2,4} )/m)
  return parts.flatMap(part => {
    const m = /^#{2,4} `([^`]+)`\n/.exec(part)
    return m ? [{ key: m[1]!, body: part.slice(m[0].length) }] : []
  })
}

/** The value at a documented path (`ignore[].rule`) of a parsed YAML document. */
function valueAt(doc: unknown, key: string): unknown {
  let node: unknown = doc
  for (const part of key.split('.')) {
    const list = part.endsWith('[]')
    const name = list ? part.slice(0, -2) : part
    node = (node as Record<string, unknown> | undefined)?.[name]
    if (list) node = Array.isArray(node) ? node[0] : undefined
  }
  return node
}

function documentAt(key: string, value: unknown): unknown {
  let node = value
  for (const part of key.split('.').reverse())
    node = part.endsWith('[]') ? { [part.slice(0, -2)]: [node] } : { [part]: node }
  return node
}

/** What the engine uses of a parsed config: functions and the detector left out. */
function effective(config: FileConfig): unknown {
  const resolved = resolveSecretsSettings(config.checks.secrets)
  const secrets = Object.fromEntries(
    Object.entries(resolved).filter(([, v]) => typeof v !== 'function' && v !== resolved.detector)
  )
  return {
    ...config.checks,
    secrets: { ...secrets, disable: [...resolved.disable] },
    ignores: config.ignores,
    severity: [...config.severity]
  }
}

describe('docs/config.md', () => {
  const documented = entries(DOC)
  const keys = acceptedConfigKeys()

  it('documents exactly the keys the parser accepts', () => {
    expect(keys.length).toBeGreaterThan(50)
    expect(keys.filter(k => !documented.some(e => e.key === k))).toEqual([])
    expect(documented.map(e => e.key).filter(k => !keys.includes(k))).toEqual([])
  })

  it('gives every key a type, a default and an example the parser accepts that sets it', () => {
    for (const { key, body } of documented) {
      expect([key, /^Type: .+ · Default: .+/m.test(body)]).toEqual([key, true])
      const yaml = /```yaml\n([\s\S]*?)```/.exec(body)?.[1]
      expect([key, yaml !== undefined]).toEqual([key, true])
      expect(() => parseConfigFile(yaml!, `docs/config.md (${key})`)).not.toThrow()
      expect([key, valueAt(parseYaml(yaml!), key) !== undefined]).toEqual([key, true])
    }
  })

  it('a default written in code is what leaving the key out gives', () => {
    const empty = effective(parseConfigFile('', 'c.yml'))
    const checked: string[] = []
    for (const { key, body } of documented) {
      const written = /^Type: .+ · Default: `([^`]+)`/m.exec(body)?.[1]
      if (written === undefined || !key.startsWith('checks.') || key.includes('[]')) continue
      if (key.startsWith('checks.dockerfile.')) continue // resolved by the rules, below
      const text = stringify(documentAt(key, parseYaml(written)))
      expect([key, effective(parseConfigFile(text, 'c.yml'))]).toEqual([key, empty])
      checked.push(key)
    }
    expect(checked.length).toBeGreaterThan(15)
  })

  it('every section an unknown-key error points to exists', () => {
    const here = anchors(DOC)
    for (const section of configSections()) {
      const link = configDocsLink(section)
      expect([section, here.has(link.split('#')[1]!)]).toEqual([section, true])
    }
    // And the message carries it.
    expect(() => parseConfigFile('checks:\n  secrets:\n    skip-path: [x]\n', 'c.yml')).toThrow(
      'c.yml:3: checks.secrets.skip-path: unknown key; expected one of max-file-size'
    )
    expect(() => parseConfigFile('checks:\n  secrets:\n    skip-path: [x]\n', 'c.yml')).toThrow(
      '(see docs/config.md#checkssecrets)'
    )
  })

  it('every action input the table names exists, with the flag of the same name', () => {
    const action = parseYaml(read('action.yml')) as { inputs: Record<string, unknown> }
    const table = DOC.slice(DOC.indexOf('## Settings that are not in this file'))
    const named = [...table.matchAll(/`([a-z][a-z-]+)`/g)].map(m => m[1]!)
    const inputs = named.filter(n => n in action.inputs)
    expect(inputs.length).toBeGreaterThan(10)
    for (const flag of [...table.matchAll(/`(--[a-z-]+)`/g)].map(m => m[1]!))
      expect([flag, new RegExp(`\\s${flag}[\\s,]`).test(USAGE)]).toEqual([flag, true])
  })
})

describe('rule help texts name only keys that exist', () => {
  it('every `key:` a help text shows is a config key or an action input', () => {
    const action = parseYaml(read('action.yml')) as { inputs: Record<string, unknown> }
    const keys = acceptedConfigKeys()
    const known = new Set([
      ...keys,
      ...keys.map(k => k.split('.').pop()!.replace('[]', '')),
      ...Object.keys(action.inputs)
    ])
    const named: string[] = []
    // The help texts that tell the user what to write in the config file or the workflow.
    const advising = ALL_RULES.filter(r =>
      /\.container-gate\.yml|checks\.|ignore/.test(r.help ?? '')
    )
    expect(advising.length).toBeGreaterThan(3)
    for (const rule of advising) {
      for (const span of (rule.help ?? '').matchAll(/`([^`]+)`/g)) {
        if (/^\s*(FROM|ARG|RUN|COPY|ENV)\b/.test(span[1]!)) continue // Dockerfile text, not config
        for (const m of span[1]!.matchAll(/(?:^|[\s{,(])([a-z][\w.-]*):(?=\s|$)/g)) {
          named.push(m[1]!)
          if (!known.has(m[1]!)) throw new Error(`${rule.id}'s help names "${m[1]}:", not a key`)
        }
      }
    }
    // The unfixed-vulnerability help shows an ignore entry (it once said `ignores:`).
    expect(named).toEqual(expect.arrayContaining(['ignore', 'vulnerability', 'reason']))
    expect(named).not.toContain('ignores')
  })
})

describe('every docs/ reference in src/ exists', () => {
  function files(dir: string): string[] {
    return readdirSync(dir).flatMap(name => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
    })
  }

  it('names a file and, when it gives one, a section', () => {
    const refs: string[] = []
    for (const file of files(join(ROOT, 'src'))) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/(?<![\w/.-])docs\/([\w.-]+\.(?:md|json))(#[\w-]+)?/g)) {
        const where = `${relative(ROOT, file)}: docs/${m[1]}${m[2] ?? ''}`
        refs.push(where)
        let target: string
        try {
          target = read(`docs/${m[1]}`)
        } catch {
          throw new Error(`${where}: no such file`)
        }
        if (m[2] && !anchors(target).has(m[2].slice(1)))
          throw new Error(`${where}: no such section`)
      }
    }
    expect(refs.length).toBeGreaterThan(5)
    expect(refs.some(r => r.includes('docs/config.md'))).toBe(true)
  })

  it('links between the docs pages land on a file and a section', () => {
    for (const page of readdirSync(join(ROOT, 'docs')).filter(n => n.endsWith('.md'))) {
      const text = read(`docs/${page}`)
      for (const m of text.matchAll(/\]\(([\w./-]*\.md)?(#[\w-]+)?\)/g)) {
        if (!m[1] && !m[2]) continue
        const target = m[1] ? read(join('docs', m[1])) : text
        if (m[2])
          expect([page, m[0], anchors(target).has(m[2].slice(1))]).toEqual([page, m[0], true])
      }
    }
  })
})
