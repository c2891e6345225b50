import { describe, expect, it } from '@jest/globals'
import { secretHash, UNKEYED } from '../../src/model/fingerprint.js'
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { actionOutputs, renderJson, serializeJson } from '../../src/report/index.js'
import { makeInput, manyFindings, RAW_AWS_SECRET, RAW_TOKEN, vulnFinding } from './sample.js'

const schema = JSON.parse(
  readFileSync(new URL('../../docs/json-report.schema.json', import.meta.url), 'utf8')
) as object
const ajv = new Ajv({ allErrors: true, strict: false })
;(addFormats as unknown as (a: unknown) => void)(ajv)
const validate = ajv.compile(schema)
const errors = (data: unknown): unknown[] => (validate(data) ? [] : (validate.errors ?? []))

describe('renderJson', () => {
  it('matches docs/json-report.schema.json for every check, suppressed findings and warnings', () => {
    const report = renderJson(makeInput())
    expect(errors(report)).toEqual([])
    // Through the same serialisation the CLI prints.
    expect(errors(JSON.parse(serializeJson(report)))).toEqual([])
    expect(errors(renderJson(makeInput({ findings: [], suppressed: [], warnings: [] })))).toEqual(
      []
    )
  })

  it('the schema rejects what the interface promises never to print', () => {
    const report = renderJson(makeInput()) as unknown as Record<string, unknown>
    expect(errors({ ...report, version: 2 })).not.toEqual([])
    const findings = report.findings as Record<string, unknown>[]
    const broken = { ...findings[0], severity: 'severe' }
    expect(errors({ ...report, findings: [broken] })).not.toEqual([])
    const vuln = findings.find(f => f.check === 'vulnerabilities') as Record<string, unknown>
    const { package: _omit, ...noPackage } = vuln
    expect(errors({ ...report, findings: [noPackage] })).not.toEqual([])
  })

  it('has the documented top level and flattens vulnerability fields', () => {
    const report = renderJson(makeInput())
    expect(report).toMatchObject({
      version: 1,
      tool: { name: 'container-gate', version: '0.1.0' },
      passed: false,
      failOn: 'high',
      thresholds: { dockerfile: 'high', secrets: 'high', vulnerabilities: 'high' },
      checksRun: ['dockerfile', 'secrets', 'vulnerabilities'],
      counts: {
        total: 9,
        bySeverity: { critical: 4, high: 2, medium: 2, low: 1, info: 0 },
        suppressed: 2,
        failingGate: 6
      }
    })
    const dsa = report.findings.find(f => f.vulnerabilityId === 'DSA-5532-1')
    expect(dsa).toEqual({
      check: 'vulnerabilities',
      ruleId: 'vulnerable-package',
      severity: 'critical',
      title: 'DSA-5532-1 in openssl 3.0.11-1~deb12u1',
      message:
        'openssl 3.0.11-1~deb12u1 is affected by DSA-5532-1 (CVE-2023-5678). Fixed in 3.0.11-1~deb12u2.',
      path: 'ghcr.io/acme/shop:1.4.2',
      line: null,
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      help: 'Upgrade openssl to 3.0.11-1~deb12u2 or later.',
      properties: expect.objectContaining({ ecosystem: 'Debian:12', cvssScore: 9.8 }),
      failsGate: true,
      vulnerabilityId: 'DSA-5532-1',
      aliases: ['CVE-2023-5678'],
      package: 'openssl',
      version: '3.0.11-1~deb12u1',
      fixedVersion: '3.0.11-1~deb12u2',
      ecosystem: 'Debian:12',
      purl: 'pkg:deb/debian/openssl@3.0.11-1~deb12u1?arch=amd64&distro=debian-12'
    })
    const apt = report.findings.find(f => f.ruleId === 'apt-no-install-recommends')
    expect(apt).toMatchObject({ path: 'Dockerfile', line: 4, endLine: 6, failsGate: false })
    expect(apt?.column).toBeUndefined()
    const token = report.findings.find(f => f.ruleId === 'github-token')
    expect(token).toMatchObject({ path: 'config/.env', line: 3, column: 14 })
    expect(report.suppressed[0]?.suppression).toEqual({
      source: 'config',
      reason: 'apt signature check is not exploitable in CI (.container-gate.yml:7)'
    })
  })

  it('keeps the canonical order and is deterministic', () => {
    const input = makeInput({ findings: manyFindings(300) })
    const a = serializeJson(renderJson(input))
    expect(serializeJson(renderJson(input))).toBe(a)
    const paths = renderJson(input).findings.map(
      f => `${f.path}:${String(f.line).padStart(4, '0')}`
    )
    expect(paths).toEqual([...paths].sort())
  })

  it('never carries a raw secret value, even if a check put one in a property', () => {
    const input = makeInput()
    const leaky = input.findings.map(f =>
      f.check === 'secrets'
        ? { ...f, properties: { ...f.properties, secret: RAW_TOKEN, rawValue: RAW_AWS_SECRET } }
        : f
    )
    const text = serializeJson(renderJson({ ...input, findings: leaky }))
    expect(text).not.toContain(RAW_TOKEN)
    expect(text).not.toContain(RAW_AWS_SECRET)
    expect(
      JSON.parse(text).findings.find((f: { ruleId: string }) => f.ruleId === 'github-token')
        .properties
    ).toEqual({
      redacted: 'ghp_…(40 chars)',
      secretHash: secretHash(UNKEYED, RAW_TOKEN),
      entropy: 4.7
    })
  })
})

describe('actionOutputs', () => {
  it('gives the verdict and the counts as strings', () => {
    expect(actionOutputs(makeInput())).toEqual({
      passed: 'false',
      findings: '9',
      critical: '4',
      high: '2',
      medium: '2',
      low: '1'
    })
    expect(actionOutputs(makeInput({ findings: [], suppressed: [] }))).toEqual({
      passed: 'true',
      findings: '0',
      critical: '0',
      high: '0',
      medium: '0',
      low: '0'
    })
  })
})

describe('failsGate per finding', () => {
  it('follows what tripped the gate, not severity alone (a KEV-listed medium fails fail-on: high)', () => {
    const base = vulnFinding(
      'CVE-2024-3094',
      'xz-utils',
      '5.6.0-0.2',
      'medium',
      '5.6.1+really5.4.5-1'
    )
    const kev = { ...base, properties: { ...base.properties, failsGate: 'listed in CISA KEV' } }
    const report = renderJson(makeInput({ findings: [kev], failOn: 'high' }))
    expect(report.passed).toBe(false)
    expect(report.findings[0]!.failsGate).toBe(true)
  })
})
