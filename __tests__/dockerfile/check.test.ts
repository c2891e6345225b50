// The Dockerfile check through the engine: .hadolint.yaml's failure-threshold
// sets the Dockerfile gate when none is configured, and a configured one wins.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { EMPTY_FILE_CONFIG } from '../../src/config/file.js'
import type { GateConfig } from '../../src/config/gate-config.js'
import { runScan } from '../../src/engine.js'

const CONTEXT = { toolVersion: 'test', today: '2026-06-01' }

function config(over: Partial<GateConfig> = {}): GateConfig {
  const cwd = mkdtempSync(join(tmpdir(), 'cg-dfcheck-'))
  // A pinned, non-root Dockerfile whose only findings are low: the default gate (high) passes it.
  writeFileSync(
    join(cwd, 'Dockerfile'),
    `FROM alpine:3.20@sha256:${'a'.repeat(64)}\nWORKDIR app\nUSER 10001\n`
  )
  return {
    cwd,
    dockerfiles: ['Dockerfile'],
    secretsPaths: [],
    vulnDb: { kind: 'path', path: cwd },
    ignoreUnfixed: false,
    failOn: 'high',
    failOnByCheck: {},
    file: {
      ...EMPTY_FILE_CONFIG,
      checks: { ...EMPTY_FILE_CONFIG.checks, dockerfile: { shellcheck: 'off' } }
    },
    ...over
  }
}

describe('Dockerfile check in the engine', () => {
  it('passes the default gate on low findings, fails once .hadolint.yaml sets failure-threshold: info', async () => {
    const plain = config()
    expect((await runScan(plain, CONTEXT)).report.gate.passed).toBe(true)
    const strict = config()
    writeFileSync(join(strict.cwd, '.hadolint.yaml'), 'failure-threshold: info\n')
    const outcome = await runScan(strict, CONTEXT)
    expect(outcome.report.findings.map(f => f.ruleId)).toContain('workdir-relative')
    expect(outcome.report.gate.thresholds.dockerfile).toBe('low')
    expect(outcome.report.gate.passed).toBe(false)
  })

  it('lets dockerfile-fail-on win over .hadolint.yaml', async () => {
    const cfg = config({ failOnByCheck: { dockerfile: 'high' } })
    writeFileSync(join(cfg.cwd, '.hadolint.yaml'), 'failure-threshold: info\n')
    const outcome = await runScan(cfg, CONTEXT)
    expect(outcome.report.gate.thresholds.dockerfile).toBe('high')
    expect(outcome.report.gate.passed).toBe(true)
  })
})
