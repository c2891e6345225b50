import { describe, expect, it } from '@jest/globals'
import { evaluateGate } from '../../src/gate/evaluate.js'
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
