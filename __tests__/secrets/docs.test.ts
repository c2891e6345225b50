// docs/secrets.md lists what the rule definitions say: every rule with its provider,
// pattern, severity and example shape, the built-in path lists, and every checks.secrets key.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import {
  describeMatch,
  exampleShape,
  renderSecretPathsMarkdown,
  renderSecretRulesMarkdown,
  replaceGeneratedSections
} from '../../src/secrets/docs.js'
import { secretRules } from '../../src/secrets/meta.js'
import { providerRules } from '../../src/secrets/rules/index.js'
import { DEFAULT_NOISE_PATHS, DEFAULT_SKIP_PATHS } from '../../src/secrets/settings.js'
import { scanContent } from '../helpers/secrets-scan.js'
import { acceptedConfigKeys } from '../helpers/config-keys.js'

const docsPath = join(import.meta.dirname, '..', '..', 'docs', 'secrets.md')

describe('docs/secrets.md', () => {
  it('contains the rule table and path lists generated from the rules (UPDATE_DOCS=1 rewrites them)', () => {
    if (process.env.UPDATE_DOCS === '1')
      writeFileSync(docsPath, replaceGeneratedSections(readFileSync(docsPath, 'utf8')))
    const text = readFileSync(docsPath, 'utf8')
    expect(text).toContain(renderSecretRulesMarkdown())
    expect(text).toContain(renderSecretPathsMarkdown())
  })

  it('has one row per rule with its provider, severity, pattern and example shape', () => {
    const table = renderSecretRulesMarkdown()
    for (const rule of secretRules) expect(table).toContain(`<a id="${rule.id}"></a>\`${rule.id}\``)
    expect(table.match(/^\| <a id=/gm)).toHaveLength(secretRules.length)
    for (const rule of providerRules) {
      const row = table.split('\n').find(l => l.startsWith(`| <a id="${rule.id}">`))!
      expect(row).toContain(`| ${rule.provider} |`)
      expect(row).toContain(`| ${rule.severity} |`)
      expect(describeMatch(rule).length).toBeGreaterThan(10)
      for (const alias of rule.aliases ?? []) expect(row).toContain(`\`${alias}\``)
    }
    // A token rule shows its own regex: the GitHub classic PAT is ghp_ and 36 base62 characters.
    expect(table).toContain('`ghp_[0-9A-Za-z]{36}`; checksum verified')
    for (const path of [...DEFAULT_SKIP_PATHS, ...DEFAULT_NOISE_PATHS])
      expect(renderSecretPathsMarkdown()).toContain(`- \`${path}\``)
  })

  it('example shapes are templates, and the page itself holds nothing a rule reports', () => {
    for (const rule of providerRules.filter(r => !r.structured)) {
      const shape = exampleShape(rule)
      expect([rule.id, /<[A-Z0-9_]+>/.test(shape)]).toEqual([rule.id, true])
    }
    const { findings } = scanContent('docs/secrets.md', readFileSync(docsPath, 'utf8'))
    // The one exception is a regex that matches its own text: Bedrock's short-lived key is a
    // literal prefix with a tail that may be empty, so the pattern shown for it is one.
    const serious = findings.filter(f => f.severity !== 'info' && f.severity !== 'low')
    expect(serious.map(f => f.ruleId)).toEqual(['aws-bedrock-api-key'])
    const line = readFileSync(docsPath, 'utf8').split('\n')[(serious[0]!.location.line ?? 0) - 1]!
    expect(line.startsWith('| <a id="aws-bedrock-api-key">')).toBe(true)
  })

  it('lists every checks.secrets key the parser accepts, and no other', () => {
    const text = readFileSync(docsPath, 'utf8')
    const section = text.slice(
      text.indexOf('## Configuration: `checks.secrets`'),
      text.indexOf('## Rules')
    )
    const documented = [...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map(m => m[1]!)
    const accepted = acceptedConfigKeys()
      .filter(k => /^checks\.secrets\.[a-z-]+$/.test(k))
      .map(k => k.slice('checks.secrets.'.length))
    expect(documented.sort()).toEqual(accepted.sort())
  })
})
