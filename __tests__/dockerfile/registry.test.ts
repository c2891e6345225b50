// The registry is the rules/ folder: one file per rule, named by its id, each
// listed in rules/index.ts (ncc bundles, so the index is explicit; this test
// keeps it equal to the folder). UPDATE_RULE_INDEX=1 rewrites the index.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { RULES } from '../../src/dockerfile/registry.js'

const dir = join(import.meta.dirname, '..', '..', 'src', 'dockerfile', 'rules')
const FIRST = [
  'dockerfile-parse-error',
  'base-image-not-pinned',
  'runs-as-root',
  'secret-in-env',
  'secret-in-arg'
]

function renderIndex(ids: string[]): string {
  const ordered = [
    ...FIRST.filter(id => ids.includes(id)),
    ...ids.filter(id => !FIRST.includes(id)).sort()
  ]
  const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())
  return [
    '// The rule registry: every file of this folder, in documentation order (the mandatory rules first).',
    '// Checked against the folder by __tests__/dockerfile/registry.test.ts (UPDATE_RULE_INDEX=1 rewrites it).',
    '',
    ...ordered.map(id => `import ${camel(id)} from './${id}.js'`),
    "import type { DockerfileRule } from '../types.js'",
    '',
    'export const RULES: readonly DockerfileRule[] = [',
    ordered.map(id => `  ${camel(id)}`).join(',\n'),
    ']',
    ''
  ].join('\n')
}

describe('rules/ registry', () => {
  const files = readdirSync(dir)
    .filter(name => name.endsWith('.ts') && name !== 'index.ts')
    .map(name => name.slice(0, -3))
    .sort()

  it('rules/index.ts lists exactly the files of the folder', () => {
    const path = join(dir, 'index.ts')
    if (process.env.UPDATE_RULE_INDEX === '1') writeFileSync(path, renderIndex(files))
    expect(readFileSync(path, 'utf8')).toBe(renderIndex(files))
    expect(RULES.map(rule => rule.id).sort()).toEqual(files)
  })

  it('gives every rule its metadata, a check and examples that fire and that do not', () => {
    for (const rule of RULES) {
      expect([rule.id, rule.title.length > 0, rule.help.length > 20, rule.fix.length > 0]).toEqual([
        rule.id,
        true,
        true,
        true
      ])
      expect(['critical', 'high', 'medium', 'low', 'info']).toContain(rule.severity)
      expect(typeof rule.check).toBe('function')
      expect([rule.id, rule.examples.fires.length > 0, rule.examples.passes.length > 0]).toEqual([
        rule.id,
        true,
        true
      ])
    }
  })

  it('never gives two rules the same id, and hadolint codes and BuildKit names look like theirs', () => {
    expect(new Set(RULES.map(r => r.id)).size).toBe(RULES.length)
    for (const rule of RULES)
      for (const alias of rule.aliases ?? [])
        expect(alias).toMatch(/^(DL\d{4}|[A-Z][A-Za-z]+|[a-z0-9]+(-[a-z0-9]+)+)$/)
  })
})
