import { describe, expect, it } from '@jest/globals'
import { Random } from '../helpers/secrets-corpus/formats.js'
import { scanContent, secretRules } from '../../src/secrets/index.js'
import { RULE_EXAMPLES } from './rule-examples.js'

const scan = (text: string) => scanContent('config/app.txt', text, {}).findings

describe('secret rules', () => {
  it('has at least 80 provider rules, each documented, plus the generic and entropy detectors', () => {
    expect(secretRules.length).toBeGreaterThanOrEqual(82)
    for (const rule of secretRules) {
      expect(rule.check).toBe('secrets')
      expect(rule.help.length).toBeGreaterThan(40)
    }
    expect(new Set(secretRules.map(r => r.id)).size).toBe(secretRules.length)
  })

  it('ships a true-positive and at least one false-positive example for every rule', () => {
    const missing = secretRules
      .map(r => r.id)
      .filter(id => !RULE_EXAMPLES[id] || RULE_EXAMPLES[id].fp.length === 0)
    expect(missing).toEqual([])
  })

  describe.each(secretRules.map(r => r.id))('%s', id => {
    const example = RULE_EXAMPLES[id]!
    it('finds its true positives (5 random instances of the format)', () => {
      const r = new Random(id.length * 7919)
      for (let i = 0; i < 5; i++) {
        const text = example.tp(r)
        const findings = scan(text)
        expect(findings.map(f => f.ruleId)).toContain(id)
        const finding = findings.find(f => f.ruleId === id)!
        expect(finding.severity).not.toBe('info')
        // Never the value itself: the message and properties carry only the redacted preview.
        const secretLength = Number(
          /\((\d+) chars\)/.exec(String(finding.properties?.redacted))![1]
        )
        expect(secretLength).toBeGreaterThan(4)
        expect(JSON.stringify(finding)).not.toContain(
          text.slice(text.length - Math.min(12, secretLength))
        )
      }
    })
    it.each(example.fp)('does not fire on %j', text => {
      expect(scan(text).filter(f => f.ruleId === id && f.severity !== 'info')).toEqual([])
    })
  })
})
