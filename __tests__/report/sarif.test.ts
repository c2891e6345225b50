import { describe, expect, it } from '@jest/globals'
import type { Log, Result, Run } from 'sarif'
import { gzipSync } from 'node:zlib'
import {
  buildSarif,
  FINGERPRINT_KEY,
  SARIF_MAX_GZIP_BYTES,
  SARIF_MAX_LOCATIONS_PER_RESULT,
  SARIF_MAX_RESULTS_PER_RUN,
  sarifLeftOutLines,
  serializeSarif
} from '../../src/report/index.js'
import { validateSarif } from '../helpers/sarif.js'
import { imageArtifactUri } from '../../src/report/sarif.js'
import {
  dockerfileFinding,
  imageSecret,
  makeInput,
  manyFindings,
  RAW_AWS_SECRET,
  RAW_TOKEN,
  vulnFinding
} from './sample.js'

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
    // The advisory's own CVSS score, as it agrees with the severity.
    expect(dsa?.properties?.['security-severity']).toBe('9.8')
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
    // Without a CVSS score, the score of the severity band.
    const docker = runOf(sarifOf(), 'dockerfile')
    const severityOf = (id: string): unknown =>
      docker.tool.driver.rules?.find(r => r.id === id)?.properties?.['security-severity']
    expect(severityOf('runs-as-root')).toBe('8.0')
    expect(severityOf('secret-in-env')).toBe('9.5')
    expect(severityOf('base-image-not-pinned')).toBe('5.5')
    expect(severityOf('apt-no-install-recommends')).toBe('2.0')
  })

  it('never gives an in-image finding a repository path: the image as artifact, the object as logical location', () => {
    const inFile = imageSecret('/app/src/server.js', { layerIndex: 1, layerDigest: 'sha256:1' })
    const inEnv = imageSecret('image config Env DATABASE_PASSWORD', {
      variable: 'DATABASE_PASSWORD'
    })
    const inHistory = imageSecret('image history 7', { historyIndex: 7 })
    const vuln = vulnFinding('CVE-2024-1', 'libc6', '2.36-9', 'high', '2.36-10')
    const log = sarifOf(makeInput({ findings: [inFile, inEnv, inHistory, vuln], suppressed: [] }))
    expect(validateSarif(log)).toEqual([])
    const located = (check: string): unknown[] =>
      (runOf(log, check).results ?? []).map(r => r.locations?.[0])
    // Code scanning rejects a whole upload when one result has no artifact URI (validateSarif
    // applies its rules): the image is the artifact, the object in it the logical location.
    const inImage = (fullyQualifiedName: string, name: string, kind = 'resource'): unknown => ({
      physicalLocation: { artifactLocation: { uri: 'acme/shop' } },
      logicalLocations: [{ fullyQualifiedName, name, kind }]
    })
    expect(located('secrets')).toEqual([
      inImage('image://ghcr.io/acme/shop:1.4.2/app/src/server.js', '/app/src/server.js'),
      inImage(
        'image://ghcr.io/acme/shop:1.4.2#config/Env/DATABASE_PASSWORD',
        'config/Env/DATABASE_PASSWORD',
        'variable'
      ),
      inImage('image://ghcr.io/acme/shop:1.4.2#history/7', 'history/7')
    ])
    expect(located('vulnerabilities')).toEqual([
      inImage('image://ghcr.io/acme/shop:1.4.2/var/lib/dpkg/status', '/var/lib/dpkg/status')
    ])
    // The run says why code scanning has no repository file for them.
    const secrets = runOf(log, 'secrets')
    expect(secrets.properties?.resultsWithoutRepositoryLocation).toBe(3)
    expect(secrets.invocations?.[0]?.toolExecutionNotifications?.[0]?.message.text).toMatch(
      /^3 secrets results are only inside the image: code scanning files them under the image \(acme\/shop\)/
    )
  })

  it.each([
    ['ghcr.io/acme/shop:1.4.2', 'acme/shop'],
    ['node:22-bookworm-slim@sha256:' + 'a'.repeat(64), 'node'],
    ['registry:5000/team/api@sha256:' + 'b'.repeat(64), 'team/api'],
    ['/tmp/runner/build/image.tar', 'image.tar'],
    ['./out/app.oci.tar.zst', 'app.oci.tar.zst'],
    ['/tmp/layout/', 'layout'],
    [undefined, 'container-image']
  ])('files an image-only result of %s under %s', (ref, uri) => {
    expect(imageArtifactUri(ref)).toBe(uri)
  })

  it('puts an in-image finding placed on its Dockerfile line there, naming the image object', () => {
    const placed = {
      ...imageSecret('/app/src/server.js', { layerIndex: 1, layerDigest: 'sha256:1' }),
      location: { path: 'Dockerfile', line: 13 },
      properties: {
        layerIndex: 1,
        imagePath: '/app/src/server.js',
        dockerfileOrigin: 'own-layer'
      }
    }
    const log = sarifOf(makeInput({ findings: [placed], suppressed: [] }))
    expect(validateSarif(log)).toEqual([])
    expect(runOf(log, 'secrets').results?.[0]?.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'Dockerfile' }, region: { startLine: 13 } },
        logicalLocations: [
          {
            fullyQualifiedName: 'image://ghcr.io/acme/shop:1.4.2/app/src/server.js',
            name: '/app/src/server.js',
            kind: 'resource'
          }
        ]
      }
    ])
    expect(runOf(log, 'secrets').properties?.resultsWithoutRepositoryLocation).toBeUndefined()
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

describe('buildSarif for GitHub code scanning', () => {
  it('describes every rule as code scanning ranks it: security-severity, tags, precision, help', () => {
    const log = sarifOf()
    const ids = log.runs.map(r => r.automationDetails?.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const run of log.runs) {
      const check = run.properties?.check as string
      expect(run.tool.driver.rules?.length).toBeGreaterThan(0)
      for (const rule of run.tool.driver.rules ?? []) {
        const score = Number(rule.properties?.['security-severity'])
        expect(rule.properties?.['security-severity']).toMatch(/^\d+\.\d$/)
        expect(score).toBeGreaterThan(0)
        expect(score).toBeLessThanOrEqual(10)
        expect(rule.properties?.tags).toEqual(expect.arrayContaining(['security', check]))
        expect(['very-high', 'high', 'medium', 'low']).toContain(rule.properties?.precision)
        expect(rule.help?.text).toBeTruthy()
        expect(rule.help?.markdown).toBeTruthy()
        expect((rule.fullDescription?.text ?? '').length).toBeLessThanOrEqual(1024)
      }
      for (const result of run.results ?? []) {
        expect(result.partialFingerprints?.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:1$/)
        expect(result.partialFingerprints?.[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{32}$/)
        const uri = result.locations?.[0]?.physicalLocation?.artifactLocation?.uri
        // Repository-relative, or no artifact at all.
        if (uri !== undefined) expect(() => new URL(uri)).toThrow()
      }
    }
    // The severity bands: a rule's score follows its most severe result.
    const secrets = runOf(log, 'secrets')
    expect(
      secrets.tool.driver.rules?.find(r => r.id === 'github-token')?.properties?.[
        'security-severity'
      ]
    ).toBe('9.5')
  })

  it('keeps primaryLocationLineHash when the finding moves to another line', () => {
    const at = (line: number) =>
      runOf(
        sarifOf(
          makeInput({
            findings: [
              dockerfileFinding('runs-as-root', 'high', line, 'The final stage runs as root.')
            ],
            suppressed: []
          })
        ),
        'dockerfile'
      ).results?.[0]?.partialFingerprints
    expect(at(30)).toEqual(at(3))
    expect(at(3)?.primaryLocationLineHash).toBeDefined()
  })

  it('keeps the upload limits with 30,000 findings: 25,000 results per run, the most severe', () => {
    const findings = manyFindings(30_000)
    const log = buildSarif(makeInput({ findings, suppressed: [] }))
    expect(validateSarif(log)).toEqual([])
    const run = runOf(log, 'dockerfile')
    const results = run.results ?? []
    expect(results).toHaveLength(SARIF_MAX_RESULTS_PER_RUN)
    const count = (severity: string) =>
      results.filter(r => r.properties?.severity === severity).length
    // 6,000 of each severity: all critical, high, medium and low, 1,000 of the info ones.
    expect([
      count('critical'),
      count('high'),
      count('medium'),
      count('low'),
      count('info')
    ]).toEqual([6000, 6000, 6000, 6000, 1000])
    expect(run.properties?.resultsLeftOut).toBe(5000)
    expect(run.properties?.resultsLeftOutOverRunLimit).toBe(5000)
    expect(sarifLeftOutLines(log)).toEqual([
      expect.stringMatching(/^SARIF dockerfile: 5000 of 30000 dockerfile results left out: /)
    ])
    for (const result of results)
      expect(result.locations?.length ?? 0).toBeLessThanOrEqual(SARIF_MAX_LOCATIONS_PER_RESULT)
    expect(gzipSync(serializeSarif(log)).length).toBeLessThanOrEqual(SARIF_MAX_GZIP_BYTES)
  })

  it('shrinks a log over the gzipped size limit by leaving out the least severe results', () => {
    const input = makeInput({
      findings: [...manyFindings(3000), ...manyFindings(300, 'vulnerabilities')],
      suppressed: []
    })
    const full = buildSarif(input)
    const limit = Math.floor(gzipSync(serializeSarif(full)).length / 3)
    const log = buildSarif(input, { maxGzipBytes: limit })
    expect(validateSarif(log)).toEqual([])
    expect(gzipSync(serializeSarif(log)).length).toBeLessThanOrEqual(limit)
    const kept = log.runs.flatMap(r => r.results ?? [])
    const total = 3300
    const left = log.runs.reduce(
      (n, r) => n + Number(r.properties?.resultsLeftOutOverSizeLimit ?? 0),
      0
    )
    expect(kept.length + left).toBe(total)
    expect(left).toBeGreaterThan(0)
    // Every result left out is at most as severe as the least severe one kept.
    const rank = { critical: 4, high: 3, medium: 2, low: 1, info: 0 } as Record<string, number>
    const keptRanks = kept.map(r => rank[r.properties?.severity as string] as number)
    const all = [...input.findings].map(f => rank[f.severity] as number).sort((a, b) => b - a)
    expect(Math.min(...keptRanks)).toBeGreaterThanOrEqual(all[kept.length] as number)
    // Critical vulnerabilities outrank low Dockerfile findings across runs.
    expect(
      runOf(log, 'vulnerabilities').results?.filter(r => r.properties?.severity === 'critical')
    ).toHaveLength(60)
    expect(sarifLeftOutLines(log).join('\n')).toMatch(/MB gzipped limit/)
  })
})
