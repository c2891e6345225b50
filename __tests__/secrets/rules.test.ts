// Every rule's own true and false examples (in its definition, src/secrets/rules/*),
// plus the contract every rule keeps: an id, a provider, a severity, keywords for
// the prefilter, documentation, and never the secret in a finding.
import { describe, expect, it } from '@jest/globals'
import { PREFILTER_KEYWORDS } from '../../src/secrets/detect.js'
import { secretRuleAliases, secretRules } from '../../src/secrets/index.js'
import { providerRules } from '../../src/secrets/rules/index.js'
import { Random } from '../helpers/secrets-corpus/formats.js'
import { expandExample } from '../helpers/secrets-examples.js'
import { scanContent } from '../helpers/secrets-scan.js'

const binary = Buffer.from([0x30, 0x82, 0x0a, 0x00, 0x02, 0x01, 0x03, 0x30, 0x82, 0x09, 0x00])

function scanExample(text: string) {
  if (text.startsWith('@file:')) return scanContent(text.slice(6), binary).findings
  return scanContent('config/sample.txt', text).findings
}

describe('secret rules', () => {
  it('cover the 222 rule families of gitleaks and the extras of detect-secrets and TruffleHog', () => {
    expect(providerRules.length).toBeGreaterThanOrEqual(222)
    expect(new Set(secretRules.map(r => r.id)).size).toBe(secretRules.length)
    for (const rule of secretRules) {
      expect(rule.check).toBe('secrets')
      expect(rule.help.length).toBeGreaterThan(40)
    }
  })

  it('keep provider severities at critical or high unless the rule says why (public by design, test mode, an id)', () => {
    const lower = providerRules.filter(r => r.severity !== 'critical' && r.severity !== 'high')
    for (const rule of lower)
      expect([
        rule.id,
        Boolean(
          rule.publicByDesign ||
          rule.help ||
          rule.id.includes('test') ||
          rule.id === 'jwt' ||
          rule.id === 'jwt-base64'
        )
      ]).toEqual([rule.id, true])
  })

  it('put every rule behind the keyword prefilter, and every true example contains a keyword', () => {
    const keywords = new Set(PREFILTER_KEYWORDS)
    for (const rule of providerRules) {
      if (rule.structured === 'pkcs12') continue // a file name rule: no content to prefilter
      expect([rule.id, rule.keywords.length > 0]).toEqual([rule.id, true])
      for (const keyword of rule.keywords) expect(keywords.has(keyword)).toBe(true)
      const r = new Random(rule.id.length)
      for (const tp of rule.examples.tp) {
        const text = expandExample(tp, r).toLowerCase()
        expect([rule.id, tp, rule.keywords.some(k => text.includes(k))]).toEqual([
          rule.id,
          tp,
          true
        ])
      }
    }
  })

  it('ship at least one true and one false example each', () => {
    const missing = providerRules
      .filter(
        r => r.examples.tp.length === 0 || (r.examples.fp.length === 0 && r.structured !== 'pkcs12')
      )
      .map(r => r.id)
    expect(missing).toEqual([])
  })

  it("resolve other tools' ids and retired ids to rules that exist", () => {
    const ids = new Set(secretRules.map(r => r.id))
    expect(secretRuleAliases.get('slack-token')?.length).toBeGreaterThan(3)
    expect(secretRuleAliases.get('generic-api-key')).toEqual(['generic-credential-assignment'])
    for (const targets of secretRuleAliases.values())
      for (const id of targets) expect(ids.has(id)).toBe(true)
  })

  it('never match their own findings: a report of every true example (redacted previews) scans clean', () => {
    const r = new Random(11)
    const reports: string[] = []
    for (const rule of providerRules)
      for (const tp of rule.examples.tp)
        reports.push(JSON.stringify(scanExample(expandExample(tp, r)), null, 2))
    const text = reports.join('\n')
    expect(text.length).toBeGreaterThan(100000)
    const loud = scanContent('reports/findings.txt', text).findings.filter(
      f => f.severity !== 'info' && f.severity !== 'low'
    )
    expect(loud.map(f => `${f.ruleId}: ${f.message}`)).toEqual([])
  })

  describe.each(providerRules.map(r => r.id))('%s', id => {
    const rule = providerRules.find(r => r.id === id)!
    it('finds its true examples (5 random instances each) at its severity, never showing the value', () => {
      const r = new Random(id.length * 7919)
      for (const tp of rule.examples.tp) {
        for (let i = 0; i < 5; i++) {
          const text = expandExample(tp, r)
          const findings = scanExample(text)
          const finding = findings.find(f => f.ruleId === id)
          expect([text, finding?.ruleId]).toEqual([text, id])
          expect(finding!.severity).toBe(rule.severity)
          const length = Number(
            /\((\d+) (?:chars|bytes)\)/.exec(String(finding!.properties?.redacted))![1]
          )
          expect(length).toBeGreaterThan(4)
          if (!text.startsWith('@file:'))
            expect(JSON.stringify(finding)).not.toContain(
              text.slice(text.length - Math.min(12, length))
            )
        }
      }
    })
    const fps =
      rule.examples.fp.length > 0 ? rule.examples.fp : ['(no false example: a file-name rule)']
    it.each(fps.map(fp => [fp]))('does not fire on %j', fp => {
      const text = expandExample(fp, new Random(1))
      expect(scanExample(text).filter(f => f.ruleId === id)).toEqual([])
    })
  })
})
