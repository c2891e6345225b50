// The engine's contract with checks: registered checks run in order, share
// the one image pass through their hooks, and one ignore model and one
// override map apply to all of them.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { CHECK_REGISTRY, type RegisteredCheck } from '../../src/checks.js'
import { EMPTY_FILE_CONFIG, parseConfigFile } from '../../src/config/file.js'
import type { GateConfig } from '../../src/config/gate-config.js'
import { runScan } from '../../src/engine.js'
import type { Check } from '../../src/model/check.js'

const ROOT = join(import.meta.dirname, '..', '..')
const DEMO_IMAGE = join(ROOT, 'fixtures', 'demo-image', 'layout')
const CONTEXT = { toolVersion: 'test', today: '2026-06-01' }

function config(over: Partial<GateConfig>): GateConfig {
  return {
    cwd: mkdtempSync(join(tmpdir(), 'cg-engine-')),
    dockerfiles: [],
    secretsPaths: [],
    vulnDb: { kind: 'path', path: join(ROOT, 'fixtures', 'vulns', 'osv') },
    ignoreUnfixed: false,
    failOn: 'high',
    failOnByCheck: {},
    file: EMPTY_FILE_CONFIG,
    ...over
  }
}

// A GitHub token shape the secrets check reports as critical.
const TOKEN = 'ghp_R8mWq2Lx7Tz4Kc9Vb3Nf6Hy1Pd5Sg0Ja2Ue8'

describe('runScan', () => {
  it('runs only the checks the run enables, and reports which ran', async () => {
    const cfg = config({})
    writeFileSync(join(cfg.cwd, 'Dockerfile'), 'FROM debian:12\n')
    const outcome = await runScan({ ...cfg, dockerfiles: ['Dockerfile'] }, CONTEXT)
    expect(outcome.report.checksRun).toEqual(['dockerfile'])
    expect(outcome.report.findings.every(f => f.check === 'dockerfile')).toBe(true)
    expect(outcome.report.findings.map(f => f.ruleId)).toContain('base-image-not-pinned')
  })

  it('a registered check sees every image file through its hook in the one pass', async () => {
    const seen: string[] = []
    const probe: Check<undefined> = {
      id: 'dockerfile', // reuses an id: the registry is the test's own
      rules: [],
      parseSettings: () => undefined,
      enabled: options => options.image !== undefined,
      imageHook: () => ({
        wants: path => path.endsWith('package.json'),
        file: visit => void seen.push(visit.path)
      }),
      async run({ image, imageHook }) {
        expect(imageHook).toBeDefined()
        return {
          check: 'dockerfile',
          findings: [],
          suppressed: [],
          rules: [],
          warnings: [`packages: ${image?.packages.length}`],
          stats: { files: seen.length }
        }
      }
    }
    const registry = [probe, ...CHECK_REGISTRY.slice(1)] as unknown as RegisteredCheck[]
    const outcome = await runScan(
      config({ image: DEMO_IMAGE, secretsPaths: [] }),
      CONTEXT,
      registry
    )
    // The probe and the vulnerability check ran; the secrets check (no paths) did not.
    expect(outcome.report.checksRun).toEqual(['dockerfile', 'vulnerabilities'])
    expect(seen.sort()).toEqual(
      expect.arrayContaining(['/app/package.json', '/app/node_modules/lodash/package.json'])
    )
    expect(outcome.report.warnings).toContain(`packages: ${outcome.image!.packages.length}`)
    expect(outcome.report.stats.dockerfile).toEqual({ files: seen.length })
  })

  it('one ignore model: a value-regex entry accepts a secret only when the value matches', async () => {
    const cfg = config({})
    writeFileSync(join(cfg.cwd, 'app.py'), `token = "${TOKEN}"\n`)
    const run = (yaml: string) =>
      runScan({ ...cfg, secretsPaths: ['.'], file: parseConfigFile(yaml, 'c.yml') }, CONTEXT)

    const matching = await run(
      'ignore:\n  - value-regex: "^ghp_R8mW"\n    rule: github-pat\n    reason: revoked\n'
    )
    expect(matching.report.findings).toEqual([])
    expect(matching.report.suppressed.map(s => [s.finding.ruleId, s.source, s.reason])).toEqual([
      ['github-pat', 'config', 'revoked (c.yml:2)']
    ])

    const other = await run('ignore:\n  - value-regex: "^ghp_XXXX"\n    reason: another\n')
    expect(other.report.findings.map(f => f.ruleId)).toEqual(['github-pat'])

    // The older checks.secrets.allow spelling still applies, through the same model.
    const old = await run('checks:\n  secrets:\n    allow:\n      - regex: "Ue8$"\n')
    expect(old.report.findings).toEqual([])
    expect(old.report.suppressed[0]?.reason).toBe('checks.secrets.allow[0]')
    expect(old.report.warnings[0]).toMatch(/^c\.yml:3: checks\.secrets\.allow is deprecated/)
  })

  it('one override map for every check, applied to accepted findings too', async () => {
    const cfg = config({})
    writeFileSync(
      join(cfg.cwd, 'Dockerfile'),
      'FROM debian:12\n# hadolint ignore=DL3002\nUSER root\n'
    )
    const outcome = await runScan(
      {
        ...cfg,
        dockerfiles: ['Dockerfile'],
        file: parseConfigFile(
          'severity:\n  DL3002: low\n  base-image-not-pinned: critical\n',
          'c.yml'
        )
      },
      CONTEXT
    )
    const pinned = outcome.report.findings.find(f => f.ruleId === 'base-image-not-pinned')
    expect(pinned?.severity).toBe('critical')
    const root = outcome.report.suppressed.find(s => s.finding.ruleId === 'runs-as-root')
    expect(root).toMatchObject({ source: 'inline', finding: { severity: 'low' } })
  })

  it('the base-commit scan config keeps only what exists in the other checkout', async () => {
    const { baseScanConfig } = await import('../../src/config/gate-config.js')
    const cfg = config({
      image: DEMO_IMAGE,
      dockerfiles: ['Dockerfile', 'docker/*.Dockerfile'],
      secretsPaths: ['.', 'new-dir'],
      sarifFile: 'out.sarif',
      secretsHistory: { base: 'a', head: 'b' }
    })
    const base = baseScanConfig(cfg, cfg.cwd)
    expect(base).toMatchObject({
      image: undefined,
      sarifFile: undefined,
      secretsHistory: undefined,
      dockerfiles: ['docker/*.Dockerfile'],
      secretsPaths: ['.']
    })
  })
})

describe('the registry', () => {
  it('lists each check once, in the canonical order, and no rule id twice', () => {
    expect(CHECK_REGISTRY.map(c => c.id)).toEqual([
      'dockerfile',
      'secrets',
      'vulnerabilities',
      'signatures'
    ])
    const ids = CHECK_REGISTRY.flatMap(c => c.rules.map(r => r.id))
    expect(new Set(ids).size).toBe(ids.length)
  })
})
