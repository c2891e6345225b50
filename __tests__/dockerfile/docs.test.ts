import { describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { dockerfileRules, lintDockerfile } from '../../src/dockerfile/index.js'
import { DOCKERFILE_RULES } from '../../src/dockerfile/rules-meta.js'
import { DIGEST } from './helpers.js'
import {
  DOCS_START,
  renderDockerfileRulesMarkdown,
  replaceGeneratedSection
} from '../../src/dockerfile/docs.js'

const docsPath = join(import.meta.dirname, '..', '..', 'docs', 'rules.md')

describe('docs/rules.md', () => {
  it('contains the rule reference generated from the rule table (UPDATE_DOCS=1 rewrites it)', () => {
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
    expect(section.match(/^Fix:$/gm)).toHaveLength(dockerfileRules.length)
    expect(section.startsWith(DOCS_START)).toBe(true)
  })
})

describe('dockerfileRules', () => {
  it('has the mandatory ids with the gate-relevant default severities and 15+ more rules', () => {
    const severity = Object.fromEntries(dockerfileRules.map(r => [r.id, r.defaultSeverity]))
    expect(severity).toMatchObject({
      'base-image-not-pinned': 'medium',
      'runs-as-root': 'high',
      'secret-in-env': 'high',
      'secret-in-arg': 'high',
      'dockerfile-parse-error': 'high'
    })
    expect(dockerfileRules.length - 5).toBeGreaterThanOrEqual(15)
    expect(new Set(dockerfileRules.map(r => r.id)).size).toBe(dockerfileRules.length)
    for (const rule of dockerfileRules) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(rule.check).toBe('dockerfile')
      expect(Object.keys(rule)).not.toContain('example')
    }
  })
})

describe('each rule example in docs/rules.md', () => {
  // Fragments get a pinned base and a non-root USER around them, so only the rule under test
  // speaks; `untrusted-registry` needs the trusted-registries setting its example names.
  const wrap = (text: string, ruleId: string): string => {
    const lines = text.split('\n')
    const hasFrom = lines.some(l => /^\s*FROM\s/i.test(l))
    const body = hasFrom ? lines : [`FROM debian:12@${DIGEST}`, ...lines]
    const needsUser = ruleId !== 'runs-as-root' && !lines.some(l => /^\s*USER\s/i.test(l))
    return [...body, ...(needsUser ? ['USER 1000'] : [])].join('\n') + '\n'
  }
  const fired = (ruleId: string, text: string): boolean =>
    lintDockerfile('Dockerfile', wrap(text, ruleId), {
      trustedRegistries: ruleId === 'untrusted-registry' ? ['ghcr.io'] : undefined,
      // image-latest-tag speaks only when base-image-not-pinned (which says it too) is off.
      disable: ruleId === 'image-latest-tag' ? ['base-image-not-pinned'] : undefined
    }).findings.some(f => f.ruleId === ruleId)

  it.each(DOCKERFILE_RULES.map(r => [r.id, r] as const))(
    '%s: the example fires, the fix does not',
    (id, rule) => {
      expect([id, 'example', fired(id, rule.example)]).toEqual([id, 'example', true])
      expect([id, 'fixed', fired(id, rule.fixed)]).toEqual([id, 'fixed', false])
    }
  )
})
