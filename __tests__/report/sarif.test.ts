import { describe, expect, it } from '@jest/globals'
import type { Log, Result, Run } from 'sarif'
import { buildSarif, FINGERPRINT_KEY } from '../../src/report/index.js'
import { validateSarif } from '../helpers/sarif.js'
import { makeInput, manyFindings, RAW_AWS_SECRET, RAW_TOKEN, vulnFinding } from './sample.js'

const sarifOf = (input = makeInput()): Log => buildSarif(input)
const runOf = (log: Log, check: string): Run =>
  log.runs.find(r => r.automationDetails?.id === `container-gate/${check}/`) as Run

describe('buildSarif', () => {
  it('is valid SARIF 2.1.0 for realistic findings of every check', () => {
    const log = sarifOf()
    expect(validateSarif(log)).toEqual([])
    expect(log.version).toBe('2.1.0')
    expect(log.runs.map(r => r.automationDetails?.id)).toEqual([
      'container-gate/dockerfile/',
      'container-gate/secrets/',
      'container-gate/vulnerabilities/'
    ])
    for (const run of log.runs) expect(run.tool.driver.name).toBe('container-gate')
  })

  it('reports a check that has findings even if the caller did not list it as run', () => {
    const log = sarifOf(makeInput({ checksRun: ['dockerfile'] }))
    expect(log.runs.map(r => r.automationDetails?.id)).toEqual([
      'container-gate/dockerfile/',
      'container-gate/secrets/',
      'container-gate/vulnerabilities/'
    ])
  })

  it('writes one run per check that ran, even with no results (so fixed alerts close)', () => {
    const log = sarifOf(makeInput({ findings: [], suppressed: [], checksRun: ['dockerfile'] }))
    expect(log.runs).toHaveLength(1)
    expect(log.runs[0]?.results).toEqual([])
    // Rules of the check are still described.
    expect(log.runs[0]?.tool.driver.rules?.map(r => r.id)).toContain('runs-as-root')
    expect(validateSarif(log)).toEqual([])
  })

  it('keeps absolute help links and drops relative ones (the schema wants a URI)', () => {
    const input = makeInput()
    const rules = input.rules.map(r =>
      r.id === 'runs-as-root'
        ? { ...r, helpUri: 'https://docs.docker.com/build/building/best-practices/#user' }
        : r.id === 'base-image-not-pinned'
          ? { ...r, helpUri: 'docs/rules.md#base-image-not-pinned' }
          : r
    )
    const log = buildSarif({ ...input, rules })
    expect(validateSarif(log)).toEqual([])
    const docker = runOf(log, 'dockerfile')
    const uri = (id: string): unknown => docker.tool.driver.rules?.find(r => r.id === id)?.helpUri
    expect(uri('runs-as-root')).toBe('https://docs.docker.com/build/building/best-practices/#user')
    expect(uri('base-image-not-pinned')).toBeUndefined()
  })

  it('honours a category prefix so matrix legs do not replace each other', () => {
    const log = buildSarif({ ...makeInput(), sarifCategory: 'container-gate/api-image/' })
    expect(log.runs[0]?.automationDetails?.id).toBe('container-gate/api-image/dockerfile/')
  })

  it('points each result at its rule by index and maps severity to level', () => {
    const log = sarifOf()
    for (const run of log.runs) {
      for (const result of run.results ?? []) {
        const rule = run.tool.driver.rules?.[result.ruleIndex as number]
        expect(rule?.id).toBe(result.ruleId)
      }
    }
    const docker = runOf(log, 'dockerfile')
    const levels = Object.fromEntries((docker.results ?? []).map(r => [r.ruleId, r.level]))
    expect(levels).toEqual({
      'base-image-not-pinned': 'warning',
      'apt-no-install-recommends': 'note',
      'secret-in-env': 'error',
      'runs-as-root': 'error'
    })
    const rule = docker.tool.driver.rules?.find(r => r.id === 'runs-as-root')
    expect(rule?.defaultConfiguration?.level).toBe('error')
    expect(rule?.help?.markdown).toContain('USER 10001')
    expect(rule?.properties?.tags).toContain('DL3002')
  })

  it('gives regions only when known and keeps the fingerprint as partialFingerprints', () => {
    const docker = runOf(sarifOf(), 'dockerfile')
    const apt = docker.results?.find(r => r.ruleId === 'apt-no-install-recommends') as Result
    expect(apt.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'Dockerfile' },
      region: { startLine: 4, endLine: 6 }
    })
    const secrets = runOf(sarifOf(), 'secrets')
    const token = secrets.results?.find(r => r.ruleId === 'github-token') as Result
    expect(token.locations?.[0]?.physicalLocation?.region).toEqual({
      startLine: 3,
      startColumn: 14
    })
    expect(token.partialFingerprints?.[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{32}$/)
    const vuln = runOf(sarifOf(), 'vulnerabilities').results?.[0] as Result
    expect(vuln.locations?.[0]?.physicalLocation?.region).toBeUndefined()
  })

  it('files vulnerabilities under one rule per advisory with GitHub security-severity', () => {
    const run = runOf(sarifOf(), 'vulnerabilities')
    const ids = run.tool.driver.rules?.map(r => r.id)
    expect(ids).toEqual(['CVE-2011-3374', 'CVE-2023-45853', 'CVE-2024-2511', 'DSA-5532-1'])
    const dsa = run.tool.driver.rules?.find(r => r.id === 'DSA-5532-1')
    expect(dsa?.properties?.['security-severity']).toBe('9.5')
    expect(dsa?.properties?.tags).toEqual(
      expect.arrayContaining(['security', 'vulnerabilities', 'CVE-2023-5678'])
    )
    expect(dsa?.helpUri).toBe('https://osv.dev/vulnerability/DSA-5532-1')
    const result = run.results?.find(r => r.ruleId === 'DSA-5532-1') as Result
    // The CVSS score is used when it agrees with the severity.
    expect(result.properties?.['security-severity']).toBe('9.8')
    expect(result.properties).toMatchObject({
      ruleId: 'vulnerable-package',
      package: 'openssl',
      fixedVersion: '3.0.11-1~deb12u2',
      purl: 'pkg:deb/debian/openssl@3.0.11-1~deb12u1?arch=amd64&distro=debian-12'
    })
    const medium = run.tool.driver.rules?.find(r => r.id === 'CVE-2023-45853')
    expect(medium?.properties?.['security-severity']).toBe('5.5')
    // Dockerfile rules are quality rules, not security alerts, except those about secrets.
    const docker = runOf(sarifOf(), 'dockerfile')
    const severityOf = (id: string): unknown =>
      docker.tool.driver.rules?.find(r => r.id === id)?.properties?.['security-severity']
    expect(severityOf('runs-as-root')).toBeUndefined()
    expect(severityOf('secret-in-env')).toBe('9.5')
  })

  it('writes image references and in-image paths as well-formed relative URIs', () => {
    const vuln = vulnFinding('CVE-2024-1', 'libc6', '2.36-9', 'high', '2.36-10')
    const alpine = { ...vuln, location: { path: 'alpine:3.20' }, fingerprint: 'a'.repeat(32) }
    const inImage = {
      ...vuln,
      location: { path: '/usr/lib/node_modules/my pkg/package.json' },
      fingerprint: 'b'.repeat(32)
    }
    const log = sarifOf(makeInput({ findings: [vuln, alpine, inImage], suppressed: [] }))
    expect(validateSarif(log)).toEqual([])
    const uris = runOf(log, 'vulnerabilities').results?.map(
      r => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri
    )
    expect(uris).toEqual([
      'usr/lib/node_modules/my%20pkg/package.json',
      'alpine%3A3.20',
      'ghcr.io/acme/shop%3A1.4.2'
    ])
    // Nothing parses as a scheme: every URI is relative.
    for (const uri of uris ?? []) expect(() => new URL(uri as string)).toThrow()
  })

  it('marks suppressed findings with their justification instead of dropping them', () => {
    const run = runOf(sarifOf(), 'dockerfile')
    const suppressed = run.results?.filter(r => r.suppressions)
    expect(suppressed).toHaveLength(1)
    expect(suppressed?.[0]?.suppressions?.[0]).toEqual({
      kind: 'inSource',
      status: 'accepted',
      justification: 'hadolint ignore=DL3007 comment on line 19'
    })
    const vulns = runOf(sarifOf(), 'vulnerabilities')
    expect(vulns.results?.find(r => r.suppressions)?.suppressions?.[0]?.kind).toBe('external')
  })

  it('never carries a raw secret value, even if a check put one in a property', () => {
    const input = makeInput()
    const leaky = input.findings.map(f =>
      f.check === 'secrets'
        ? { ...f, properties: { ...f.properties, secret: RAW_TOKEN, value: RAW_AWS_SECRET } }
        : f
    )
    const text = JSON.stringify(buildSarif({ ...input, findings: leaky }))
    expect(text).not.toContain(RAW_TOKEN)
    expect(text).not.toContain(RAW_AWS_SECRET)
    expect(text).toContain('"redacted":"ghp_…(40 chars)"')
  })

  it('is deterministic and stays valid for thousands of results', () => {
    const input = makeInput({
      findings: [...manyFindings(2000), ...manyFindings(500, 'vulnerabilities')]
    })
    const a = JSON.stringify(buildSarif(input))
    expect(JSON.stringify(buildSarif(input))).toBe(a)
    const log = JSON.parse(a) as Log
    expect(validateSarif(log)).toEqual([])
    // One rule per advisory: 500 generated plus the suppressed CVE-2011-3374.
    expect(runOf(log, 'vulnerabilities').tool.driver.rules?.length).toBe(501)
  })
})

describe('buildSarif result cap', () => {
  it('keeps the most severe results per run and says how many were left out', () => {
    const input = makeInput({ findings: manyFindings(100), suppressed: [] })
    const log = buildSarif(input, { maxResultsPerRun: 30 })
    expect(validateSarif(log)).toEqual([])
    const run = runOf(log, 'dockerfile')
    expect(run.results).toHaveLength(30)
    // 20 critical + 10 of the 20 high.
    expect(run.results?.filter(r => r.properties?.severity === 'critical')).toHaveLength(20)
    expect(run.results?.filter(r => r.properties?.severity === 'high')).toHaveLength(10)
    expect(run.properties?.resultsLeftOut).toBe(70)
    expect(run.invocations?.[0]?.toolExecutionNotifications?.[0]?.message.text).toMatch(
      /^70 of 100 dockerfile results left out/
    )
    // Other runs are untouched.
    expect(runOf(log, 'secrets').invocations).toBeUndefined()
  })
})
