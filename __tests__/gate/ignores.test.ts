import { describe, expect, it } from '@jest/globals'
import type { IgnoreRule } from '../../src/model/ignore.js'
import {
  applyIgnores,
  applySeverityOverrides,
  unusedIgnoreWarnings,
  valueIgnorer
} from '../../src/gate/ignores.js'
import type { Finding, RuleMeta } from '../../src/model/finding.js'

const rules: RuleMeta[] = [
  {
    id: 'latest-tag',
    check: 'dockerfile',
    title: 't',
    defaultSeverity: 'medium',
    help: '',
    aliases: ['DL3007']
  },
  { id: 'runs-as-root', check: 'dockerfile', title: 't', defaultSeverity: 'high', help: '' }
]

function finding(over: Partial<Finding>): Finding {
  return {
    check: 'dockerfile',
    ruleId: 'latest-tag',
    severity: 'medium',
    title: 't',
    message: 'm',
    location: { path: 'Dockerfile', line: 1 },
    fingerprint: 'fp1',
    ...over
  }
}

const ignore = (over: Partial<IgnoreRule>): IgnoreRule => ({
  reason: 'because',
  where: 'c.yml:1',
  ...over
})

describe('applyIgnores', () => {
  it('matches a rule by its hadolint alias, and keeps the reason and place', () => {
    const out = applyIgnores([finding({})], [ignore({ rule: 'dl3007' })], rules, '2026-01-01')
    expect(out.kept).toEqual([])
    expect(out.suppressed[0].reason).toBe('because (c.yml:1)')
    expect(out.suppressed[0].source).toBe('config')
  })

  it('an alias shared by two rules reaches both, and an id only itself', () => {
    const shared: RuleMeta[] = [
      {
        id: 'secret-in-env',
        check: 'dockerfile',
        title: 't',
        defaultSeverity: 'high',
        help: '',
        aliases: ['DL3064']
      },
      {
        id: 'secret-in-arg',
        check: 'dockerfile',
        title: 't',
        defaultSeverity: 'high',
        help: '',
        aliases: ['DL3064']
      }
    ]
    const env = finding({ ruleId: 'secret-in-env', fingerprint: 'e' })
    const arg = finding({ ruleId: 'secret-in-arg', fingerprint: 'a' })
    expect(
      applyIgnores([env, arg], [ignore({ rule: 'DL3064' })], shared, '2026-01-01').kept
    ).toEqual([])
    expect(
      applyIgnores([env, arg], [ignore({ rule: 'secret-in-arg' })], shared, '2026-01-01').kept
    ).toEqual([env])
    const overridden = applySeverityOverrides(
      [env, arg],
      new Map([['dl3064', 'low' as const]]),
      shared
    )
    expect(overridden.map(f => f.severity)).toEqual(['low', 'low'])
  })

  it('a path ignore on the image still matches a vulnerability moved onto its Dockerfile line', () => {
    const vuln = finding({
      check: 'vulnerabilities',
      ruleId: 'vulnerable-package',
      location: { path: 'Dockerfile', line: 1 },
      properties: { image: 'build/app.tar' }
    })
    expect(
      applyIgnores([vuln], [ignore({ path: 'build/*.tar' })], rules, '2026-01-01').kept
    ).toEqual([])
    expect(
      applyIgnores([vuln], [ignore({ path: 'other/*.tar' })], rules, '2026-01-01').kept
    ).toEqual([vuln])
  })

  it('needs every given criterion to match', () => {
    const f = finding({ location: { path: './docker/app.Dockerfile', line: 3 } })
    expect(
      applyIgnores([f], [ignore({ rule: 'latest-tag', path: 'docker/**' })], rules, '2026-01-01')
        .kept
    ).toEqual([])
    expect(
      applyIgnores([f], [ignore({ rule: 'runs-as-root', path: 'docker/**' })], rules, '2026-01-01')
        .kept
    ).toEqual([f])
    expect(applyIgnores([f], [ignore({ path: 'other/**' })], rules, '2026-01-01').kept).toEqual([f])
  })

  it('matches fingerprints exactly', () => {
    const out = applyIgnores(
      [finding({}), finding({ fingerprint: 'fp2' })],
      [ignore({ fingerprint: 'fp2' })],
      rules,
      '2026-01-01'
    )
    expect(out.kept.map(f => f.fingerprint)).toEqual(['fp1'])
  })

  it('matches a vulnerability by id or alias, optionally only for one package', () => {
    const vuln = (pkg: string) =>
      finding({
        check: 'vulnerabilities',
        ruleId: 'GHSA-p6mc-m468-83gw',
        vulnerability: {
          vulnerabilityId: 'GHSA-p6mc-m468-83gw',
          aliases: ['CVE-2020-8203'],
          package: pkg,
          version: '4.17.15',
          ecosystem: 'npm'
        }
      })
    const out = applyIgnores(
      [vuln('lodash'), vuln('lodash-es')],
      [ignore({ vulnerability: 'cve-2020-8203', package: 'lodash' })],
      rules,
      '2026-01-01'
    )
    expect(out.kept.map(f => f.vulnerability?.package)).toEqual(['lodash-es'])
    expect(
      applyIgnores([finding({})], [ignore({ vulnerability: 'CVE-2020-8203' })], rules, '2026-01-01')
        .kept
    ).toHaveLength(1)
  })

  it('stops applying after the expiry day, with a warning', () => {
    const entry = ignore({ rule: 'latest-tag', expires: '2026-03-01' })
    expect(applyIgnores([finding({})], [entry], rules, '2026-03-01').kept).toHaveLength(0)
    const later = applyIgnores([finding({})], [entry], rules, '2026-03-02')
    expect(later.kept).toHaveLength(1)
    expect(later.warnings).toEqual([
      'c.yml:1: ignore expired on 2026-03-01 and no longer applies (because)'
    ])
  })
})

describe('applySeverityOverrides', () => {
  it('overrides by rule id or alias and leaves others alone', () => {
    const out = applySeverityOverrides(
      [finding({}), finding({ ruleId: 'runs-as-root', severity: 'high' })],
      new Map([['DL3007', 'critical' as const]]),
      rules
    )
    expect(out.map(f => f.severity)).toEqual(['critical', 'high'])
  })
})

describe('valueIgnorer', () => {
  const secret = finding({ check: 'secrets', ruleId: 'github-pat', location: { path: 'a.env' } })

  it('applies value-regex entries (and only those) to the value the check holds', () => {
    const entries = [
      ignore({ valueRegex: '^ghp_TEST', reason: 'test token' }),
      ignore({ rule: 'github-pat', reason: 'by rule' })
    ]
    const byValue = valueIgnorer(entries, rules, '2026-01-01')
    expect(byValue(secret, 'ghp_TESTabc')).toEqual({
      finding: secret,
      source: 'config',
      reason: 'test token (c.yml:1)'
    })
    expect(byValue(secret, 'ghp_REALabc')).toBeUndefined()
    // The engine-level pass leaves value-regex entries alone: it has no value.
    const central = applyIgnores([secret], [entries[0]!], rules, '2026-01-01')
    expect(central.kept).toEqual([secret])
  })

  it('every criterion of the entry must match, and a check scope is honoured', () => {
    const scoped = ignore({ valueRegex: '.', checks: ['dockerfile'], label: 'checks.x[0]' })
    expect(valueIgnorer([scoped], rules, '2026-01-01')(secret, 'v')).toBeUndefined()
    const onPath = ignore({ valueRegex: '.', path: 'b.env' })
    expect(valueIgnorer([onPath], rules, '2026-01-01')(secret, 'v')).toBeUndefined()
    const labelled = ignore({ valueRegex: '.', checks: ['secrets'], label: 'checks.x[0]' })
    expect(valueIgnorer([labelled], rules, '2026-01-01')(secret, 'v')?.reason).toBe('checks.x[0]')
  })

  it('an expired value entry no longer applies', () => {
    const old = ignore({ valueRegex: '.', expires: '2025-12-31' })
    expect(valueIgnorer([old], rules, '2026-01-01')(secret, 'v')).toBeUndefined()
  })
})

describe('unusedIgnoreWarnings', () => {
  const allRules: RuleMeta[] = [
    ...rules,
    { id: 'github-token', check: 'secrets', title: 't', defaultSeverity: 'high', help: '' },
    {
      id: 'vulnerable-package',
      check: 'vulnerabilities',
      title: 't',
      defaultSeverity: 'high',
      help: ''
    }
  ]
  const today = '2026-01-01'

  it('names each entry in force that accepted nothing, on its own line', () => {
    const used = ignore({ rule: 'DL3007', where: 'c.yml:2' })
    const typo = ignore({ rule: 'runs-as-root', path: 'services/**', where: 'c.yml:5' })
    const anyCheck = ignore({ fingerprint: 'feedface', where: 'c.yml:9', reason: '' })
    const expired = ignore({ rule: 'runs-as-root', expires: '2025-12-31', where: 'c.yml:12' })
    const applied = applyIgnores([finding({})], [used, typo, anyCheck, expired], rules, today)
    expect(applied.used).toEqual(new Set([used]))
    expect(
      unusedIgnoreWarnings(
        [used, typo, anyCheck, expired],
        applied.used,
        allRules,
        ['dockerfile', 'secrets'],
        today
      )
    ).toEqual([
      'c.yml:5: ignore matched no finding of dockerfile (because); remove it, or correct its rule, path or fingerprint',
      'c.yml:9: ignore matched no finding of dockerfile, secrets; remove it, or correct its rule, path or fingerprint'
    ])
  })

  it('says nothing of entries for a check that did not run, or when nothing ran', () => {
    const entries = [
      ignore({ vulnerability: 'CVE-2024-1' }),
      ignore({ rule: 'vulnerable-package' }),
      ignore({ rule: 'github-token', checks: ['secrets'] })
    ]
    expect(unusedIgnoreWarnings(entries, new Set(), allRules, ['dockerfile'], today)).toEqual([])
    expect(unusedIgnoreWarnings([ignore({ path: 'x' })], new Set(), allRules, [], today)).toEqual(
      []
    )
  })

  it('counts a value-regex entry the check holding the value used', () => {
    const entry = ignore({ rule: 'github-token', valueRegex: '^ghp_test' })
    const used = new Set<IgnoreRule>()
    const byValue = valueIgnorer([entry], allRules, today, used)
    const token = finding({ check: 'secrets', ruleId: 'github-token' })
    expect(byValue(token, 'ghp_other')).toBeUndefined()
    expect(unusedIgnoreWarnings([entry], used, allRules, ['secrets'], today)).toHaveLength(1)
    expect(byValue(token, 'ghp_test_value')).toBeDefined()
    expect(unusedIgnoreWarnings([entry], used, allRules, ['secrets'], today)).toEqual([])
  })
})
