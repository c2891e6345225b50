import { describe, expect, it } from '@jest/globals'
import { describeTripped, evaluateGate } from '../../src/gate/evaluate.js'
import type { Finding } from '../../src/model/finding.js'

const f = (check: Finding['check'], severity: Finding['severity']): Finding => ({
  check,
  ruleId: 'r',
  severity,
  title: 't',
  message: 'm',
  location: { path: 'p' },
  fingerprint: `${check}-${severity}`
})

describe('evaluateGate', () => {
  it('fails at or above the threshold and lists what tripped it', () => {
    const out = evaluateGate(
      [f('dockerfile', 'medium'), f('secrets', 'high'), f('secrets', 'info')],
      'high'
    )
    expect(out.passed).toBe(false)
    expect(out.tripped.map(x => x.fingerprint)).toEqual(['secrets-high'])
    expect(out.counts.secrets).toMatchObject({ high: 1, info: 1 })
    expect(out.totals).toMatchObject({ high: 1, medium: 1, info: 1, critical: 0, low: 0 })
  })

  it('passes below the threshold, and never with none', () => {
    expect(evaluateGate([f('dockerfile', 'medium')], 'high').passed).toBe(true)
    expect(evaluateGate([f('dockerfile', 'critical')], 'none').passed).toBe(true)
    expect(evaluateGate([f('dockerfile', 'info')], 'low').passed).toBe(true)
  })

  it('per-check thresholds override the global one', () => {
    const findings = [f('dockerfile', 'high'), f('vulnerabilities', 'medium')]
    const out = evaluateGate(findings, 'high', { dockerfile: 'none', vulnerabilities: 'medium' })
    expect(out.thresholds).toEqual({
      dockerfile: 'none',
      secrets: 'high',
      vulnerabilities: 'medium',
      signatures: 'high'
    })
    expect(out.tripped.map(x => x.check)).toEqual(['vulnerabilities'])
  })
})

describe('describeTripped: the words every report uses for why the gate failed', () => {
  const at = (severity: Finding['severity'], properties: Finding['properties'] = {}): Finding => ({
    check: 'vulnerabilities',
    ruleId: 'vulnerable-package',
    severity,
    title: 't',
    message: 'm',
    location: { path: 'image' },
    fingerprint: `${severity}-${JSON.stringify(properties)}`,
    properties
  })

  it('by threshold only: the count and the threshold', () => {
    const gate = evaluateGate([at('high'), at('critical')], 'high')
    expect(describeTripped(gate.tripped, gate.thresholds, 'high')).toBe(
      '2 findings at or above high'
    )
  })

  it('a KEV-listed medium under fail-on high says it failed by the catalog, not by severity', () => {
    const kev = at('medium', {
      kev: true,
      failsGate: "in CISA's Known Exploited Vulnerabilities catalog"
    })
    const epss = at('low', { epss: 0.7, failsGate: 'EPSS 0.7 ≥ fail-on-epss 0.5' })
    const one = evaluateGate([kev], 'high')
    expect(describeTripped(one.tripped, one.thresholds, 'high')).toBe(
      "1 finding fails the gate: 1 in CISA's KEV catalog"
    )
    const gate = evaluateGate([at('critical'), kev, epss], 'high')
    expect(describeTripped(gate.tripped, gate.thresholds, '**high**')).toBe(
      "3 findings fail the gate: 1 at or above **high**, 1 in CISA's KEV catalog, 1 over fail-on-epss"
    )
  })
})
