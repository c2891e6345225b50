import { describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { dockerfileRules } from '../../src/dockerfile/index.js'
import { RULES } from '../../src/dockerfile/registry.js'
import {
  BUILDKIT_CHECK_NAMES,
  counterparts,
  HADOLINT_DL_RULES,
  DOCS_START,
  renderDockerfileRulesMarkdown,
  replaceGeneratedSection
} from '../../src/dockerfile/docs.js'

const docsPath = join(import.meta.dirname, '..', '..', 'docs', 'rules.md')

describe('docs/rules.md', () => {
  it('contains the rule reference generated from the rule files (UPDATE_DOCS=1 rewrites it)', () => {
    const current = readFileSync(docsPath, 'utf8')
    if (process.env.UPDATE_DOCS === '1') writeFileSync(docsPath, replaceGeneratedSection(current))
    const text = readFileSync(docsPath, 'utf8')
    expect(text).toContain(renderDockerfileRulesMarkdown())
  })

  it('documents every rule with its severity, aliases, an example and a fix', () => {
    const section = renderDockerfileRulesMarkdown()
    for (const rule of dockerfileRules) {
      expect(section).toContain(`### ${rule.id}\n`)
      expect(section).toContain(`Default severity: **${rule.defaultSeverity}**`)
      for (const alias of rule.aliases ?? []) expect(section).toContain(`\`${alias}\``)
    }
    expect(section.match(/^Example:$/gm)).toHaveLength(dockerfileRules.length)
    expect(section.match(/^Fixed:$/gm)).toHaveLength(dockerfileRules.length)
    expect(section.startsWith(DOCS_START)).toBe(true)
  })
})

describe('counterparts', () => {
  it('every hadolint DL rule and every BuildKit check has a rule here that aliases it', () => {
    const missing = [...HADOLINT_DL_RULES, ...BUILDKIT_CHECK_NAMES].filter(
      id => counterparts(id).length === 0
    )
    expect(missing).toEqual([])
  })

  it('no alias names a peer rule that does not exist', () => {
    const peers = new Set([...HADOLINT_DL_RULES, ...BUILDKIT_CHECK_NAMES])
    const unknown = dockerfileRules.flatMap(r =>
      (r.aliases ?? []).filter(a => /^DL\d|^[A-Z]/.test(a) && !peers.has(a))
    )
    expect(unknown).toEqual([])
  })
})

describe('dockerfileRules', () => {
  it('has the mandatory ids with the gate-relevant default severities', () => {
    const severity = Object.fromEntries(dockerfileRules.map(r => [r.id, r.defaultSeverity]))
    expect(severity).toMatchObject({
      'base-image-not-pinned': 'medium',
      'runs-as-root': 'high',
      'secret-in-env': 'high',
      'secret-in-arg': 'high',
      'dockerfile-parse-error': 'high'
    })
    expect(new Set(dockerfileRules.map(r => r.id)).size).toBe(dockerfileRules.length)
    for (const rule of dockerfileRules) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(rule.check).toBe('dockerfile')
    }
    expect(RULES.map(r => r.id)).toEqual(dockerfileRules.map(r => r.id))
  })
})
