// Property-based tests (fast-check) of what the vulnerability check reads from outside: OSV JSON
// (records in a vuln-db, and api.osv.dev's answers) and the evaluation of each record against
// installed packages. For any input: nothing but an InputError escapes, every call returns, and
// what comes out is bounded by what went in. Seeded and short in `npm test`; `npm run fuzz` (FUZZ_RUNS,
// FUZZ_SEED) runs it longer.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { InputError } from '../../src/model/errors.js'
import { fuzzBudget } from '../fuzz/budget.js'
import type { OsInfo, Package, PackageType } from '../../src/model/package.js'
import { createComparerFor } from '../../src/vulns/comparers.js'
import { matchVulnerabilities } from '../../src/vulns/index.js'
import { matchPackages } from '../../src/vulns/match.js'
import { parseEpssCsv } from '../../src/vulns/epss.js'
import { parseKevCatalog } from '../../src/vulns/kev.js'
import { parseOsvRecord } from '../../src/vulns/osv.js'
import { applyVex, parseVexDocument } from '../../src/vulns/vex.js'
import { createRangeCache, evaluateAffected } from '../../src/vulns/ranges.js'
import { VulnIndex } from '../../src/vulns/records.js'
import { DEFAULT_VULNERABILITY_SETTINGS } from '../../src/vulns/settings.js'

const { numRuns: RUNS, seed: SEED } = fuzzBudget(300)
const params = (numRuns = RUNS): fc.Parameters<unknown> => ({ seed: SEED, numRuns })

// --- generators: OSV-shaped values with real-world and hostile parts ------------------------

const VERSIONS = [
  '0',
  '1.0',
  '1.0.0',
  '2.3.4-rc.1',
  '1.2.3+build.5',
  'v1.2.3',
  '1:2.3-4',
  '3.0.11-1~deb12u2',
  '3.1.4-r5',
  '2.41-r56',
  '4.4.0-2.el9',
  '3:10.3.39-1.module_el8.8.0+3609+204d4ab0',
  '0.0.0-20250619215741-6356e984b82a',
  '1.21.0-rc.2',
  '2019-09-12',
  'alpha-alpha-alpha',
  '999999999999999999999999.0',
  '1.' + '0.'.repeat(200) + '1',
  '',
  ' ',
  '~',
  '*',
  'not a version'
]
const ECOSYSTEMS = [
  'npm',
  'PyPI',
  'Go',
  'Maven',
  'Debian:12',
  'Debian:11',
  'Ubuntu:22.04:LTS',
  'Ubuntu:Pro:16.04:LTS',
  'Alpine:v3.19',
  'Wolfi',
  'Chainguard',
  'Rocky Linux:9',
  'AlmaLinux:8',
  'Red Hat:enterprise_linux:9::baseos',
  'SUSE:Linux Enterprise Module for Basesystem 15 SP3',
  'crates.io',
  'Unknown:1',
  ''
]
const NAMES = [
  'lodash',
  'openssl',
  'glibc',
  'requests',
  'golang.org/x/net',
  'stdlib',
  'org.example:lib'
]
const VECTORS = [
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L',
  'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
  'AV:N/AC:L/Au:N/C:P/I:P/A:P',
  'CVSS:3.1/AV:X/AC:Q',
  'medium',
  'negligible',
  ''
]

const version = fc.oneof(fc.constantFrom(...VERSIONS), fc.string({ maxLength: 12 }))
const event = fc.oneof(
  version.map(v => ({ introduced: v })),
  version.map(v => ({ fixed: v })),
  version.map(v => ({ last_affected: v })),
  version.map(v => ({ limit: v })),
  fc.jsonValue({ maxDepth: 2 })
)
const range = fc.record(
  {
    type: fc.oneof(fc.constantFrom('SEMVER', 'ECOSYSTEM', 'GIT'), fc.string({ maxLength: 6 })),
    events: fc.oneof(fc.array(event, { maxLength: 6 }), fc.jsonValue({ maxDepth: 1 })),
    repo: fc.string({ maxLength: 8 })
  },
  { requiredKeys: ['type', 'events'] }
)
const severity = fc.array(
  fc.record({
    type: fc.oneof(
      fc.constantFrom('CVSS_V3', 'CVSS_V4', 'CVSS_V2', 'Ubuntu'),
      fc.string({ maxLength: 6 })
    ),
    score: fc.oneof(fc.constantFrom(...VECTORS), fc.string({ maxLength: 20 }))
  }),
  { maxLength: 3 }
)
const affected = fc.record(
  {
    package: fc.oneof(
      fc.record({
        ecosystem: fc.oneof(fc.constantFrom(...ECOSYSTEMS), fc.string({ maxLength: 10 })),
        name: fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 10 })),
        purl: fc.string({ maxLength: 10 })
      }),
      fc.jsonValue({ maxDepth: 1 })
    ),
    ranges: fc.oneof(fc.array(range, { maxLength: 3 }), fc.jsonValue({ maxDepth: 1 })),
    versions: fc.oneof(fc.array(version, { maxLength: 4 }), fc.jsonValue({ maxDepth: 1 })),
    severity,
    ecosystem_specific: fc.record(
      {
        urgency: fc.constantFrom('low', 'low**', 'unimportant', 'not yet assigned', 'high'),
        severity: fc.constantFrom('HIGH', 'Moderate', 'x')
      },
      { requiredKeys: [] }
    ),
    database_specific: fc.jsonValue({ maxDepth: 2 })
  },
  { requiredKeys: [] }
)
const record = fc.record(
  {
    id: fc.oneof(
      fc.constantFrom('GHSA-aaaa-bbbb-cccc', 'DSA-1-1', 'UBUNTU-CVE-1', 'CVE-2024-1', 'RLSA-1:1'),
      fc.string({ maxLength: 12 })
    ),
    modified: fc.constantFrom('2024-01-01T00:00:00Z', 'yesterday', ''),
    withdrawn: fc.constantFrom('2024-01-01T00:00:00Z', ''),
    summary: fc.constantFrom('Important: openssl security update', 'x', ''),
    aliases: fc.oneof(
      fc.array(fc.constantFrom('CVE-2024-1', 'GHSA-aaaa-bbbb-cccc', 'DSA-1-1'), { maxLength: 3 }),
      fc.jsonValue({ maxDepth: 1 })
    ),
    upstream: fc.array(fc.constantFrom('CVE-2024-1', 'CVE-2024-2'), { maxLength: 2 }),
    severity,
    affected: fc.oneof(fc.array(affected, { maxLength: 4 }), fc.jsonValue({ maxDepth: 1 })),
    database_specific: fc.record(
      { severity: fc.constantFrom('HIGH', 'MODERATE', 'bogus') },
      { requiredKeys: [] }
    )
  },
  { requiredKeys: [] }
)
const anyRecord = fc.oneof(
  { weight: 4, arbitrary: record },
  { weight: 1, arbitrary: fc.jsonValue() }
)

const OSES: (OsInfo | undefined)[] = [
  { id: 'debian', versionId: '12' },
  { id: 'ubuntu', versionId: '22.04' },
  { id: 'ubuntu', versionId: '16.04' },
  { id: 'alpine', versionId: '3.19.1' },
  { id: 'wolfi', versionId: '20230201' },
  { id: 'rocky', versionId: '9.4' },
  { id: 'almalinux', versionId: '8.8' },
  { id: 'rhel', versionId: '9.4' },
  { id: 'sles', versionId: '15.3' },
  { id: 'fedora', versionId: '40' },
  undefined
]
const TYPES: PackageType[] = ['npm', 'pypi', 'golang', 'maven', 'deb', 'apk', 'rpm']
const pkg = fc
  .record({
    type: fc.constantFrom(...TYPES),
    name: fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 8 })),
    version,
    sourceName: fc.option(fc.constantFrom(...NAMES), { nil: undefined })
  })
  .map((p): Package => ({
    ...p,
    purl: `pkg:${p.type}/${encodeURIComponent(p.name)}@${encodeURIComponent(p.version)}`,
    locations: ['/x'],
    layerIndex: 0
  }))

/**
 * A package and records about it in its own ecosystem, so that matching has something to match
 * (random records almost never name a random package): versions and events from the same pool.
 */
const SCENARIOS: { type: PackageType; os?: OsInfo; ecosystem: string; name: string }[] = [
  { type: 'npm', ecosystem: 'npm', name: 'lodash' },
  { type: 'pypi', ecosystem: 'PyPI', name: 'requests' },
  { type: 'golang', ecosystem: 'Go', name: 'golang.org/x/net' },
  { type: 'maven', ecosystem: 'Maven', name: 'org.example:lib' },
  { type: 'deb', os: { id: 'debian', versionId: '12' }, ecosystem: 'Debian:12', name: 'openssl' },
  {
    type: 'deb',
    os: { id: 'ubuntu', versionId: '16.04' },
    ecosystem: 'Ubuntu:Pro:16.04:LTS',
    name: 'openssl'
  },
  {
    type: 'apk',
    os: { id: 'alpine', versionId: '3.19.1' },
    ecosystem: 'Alpine:v3.19',
    name: 'openssl'
  },
  { type: 'apk', os: { id: 'wolfi', versionId: '20230201' }, ecosystem: 'Wolfi', name: 'glibc' },
  {
    type: 'rpm',
    os: { id: 'rocky', versionId: '9.4' },
    ecosystem: 'Rocky Linux:9',
    name: 'openssl'
  },
  {
    type: 'rpm',
    os: { id: 'sles', versionId: '15.3' },
    ecosystem: 'SUSE:Linux Enterprise Module for Basesystem 15 SP3',
    name: 'glibc'
  }
]
const known = fc.constantFrom(...VERSIONS)
const plainEvent = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ introduced: '0' }) },
  { weight: 1, arbitrary: known.map(v => ({ introduced: v })) },
  { weight: 2, arbitrary: known.map(v => ({ fixed: v })) },
  { weight: 1, arbitrary: known.map(v => ({ last_affected: v })) },
  { weight: 1, arbitrary: event }
)
const scenario = fc.constantFrom(...SCENARIOS).chain(sc =>
  fc.record({
    os: fc.constant(sc.os),
    packages: fc.array(
      fc
        .oneof({ weight: 3, arbitrary: known }, { weight: 1, arbitrary: version })
        .map((v): Package => ({
          name: sc.name,
          version: v,
          type: sc.type,
          purl: `pkg:${sc.type}/${encodeURIComponent(sc.name)}@${encodeURIComponent(v)}`,
          locations: ['/x'],
          layerIndex: 0
        })),
      { minLength: 1, maxLength: 4 }
    ),
    records: fc.array(
      fc.record({
        id: fc.constantFrom('GHSA-aaaa-bbbb-cccc', 'DSA-1-1', 'UBUNTU-CVE-1', 'CVE-2024-1', 'X-1'),
        aliases: fc.array(fc.constantFrom('CVE-2024-1', 'GHSA-aaaa-bbbb-cccc'), { maxLength: 2 }),
        severity,
        affected: fc.array(
          fc.record({
            package: fc.constant({ ecosystem: sc.ecosystem, name: sc.name }),
            ranges: fc.array(
              fc.record({
                type: fc.constantFrom('SEMVER', 'ECOSYSTEM'),
                events: fc.array(plainEvent, { minLength: 1, maxLength: 5 })
              }),
              { maxLength: 2 }
            ),
            versions: fc.array(version, { maxLength: 2 }),
            ecosystem_specific: fc.record(
              { urgency: fc.constantFrom('low', 'unimportant', 'high', 'negligible') },
              { requiredKeys: [] }
            )
          }),
          { minLength: 1, maxLength: 2 }
        )
      }),
      { minLength: 1, maxLength: 4 }
    )
  })
)

/** What a call ends in: 'value', or 'InputError' (anything else is rethrown). */
function outcome(run: () => unknown): 'value' | 'InputError' {
  try {
    run()
    return 'value'
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    return 'InputError'
  }
}

/** Every `fixed` event of a record (the only fixed versions a finding may name). */
function fixedEvents(raw: unknown): Set<string> {
  const out = new Set<string>()
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk)
    else if (x && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if (k === 'fixed' && typeof v === 'string') out.add(v)
        walk(v)
      }
    }
  }
  walk(raw)
  return out
}

describe('OSV record parsing', () => {
  it('any JSON value: a record or an InputError, never anything else', () => {
    fc.assert(
      fc.property(anyRecord, raw => {
        expect(['value', 'InputError']).toContain(outcome(() => parseOsvRecord(raw)))
      }),
      params()
    )
  })

  it('a parsed record keeps to its input: no more entries, ranges or events than given', () => {
    fc.assert(
      fc.property(record, raw => {
        let parsed
        try {
          parsed = parseOsvRecord(raw)
        } catch (error) {
          expect(error).toBeInstanceOf(InputError)
          return
        }
        const given = Array.isArray(raw.affected) ? raw.affected.length : 0
        expect(parsed.affected.length).toBeLessThanOrEqual(given)
        for (const a of parsed.affected) {
          expect(a.ranges.length).toBeLessThanOrEqual(3)
          for (const r of a.ranges) expect(r.events.length).toBeLessThanOrEqual(6)
        }
      }),
      params()
    )
  })
})

describe('record evaluation', () => {
  it('evaluateAffected never throws, and names only fixed versions the record has', () => {
    const comparerFor = createComparerFor()
    const cache = createRangeCache()
    fc.assert(
      fc.property(record, fc.array(version, { minLength: 1, maxLength: 5 }), (raw, versions) => {
        let parsed
        try {
          parsed = parseOsvRecord(raw)
        } catch {
          return
        }
        const fixed = fixedEvents(raw)
        for (const a of parsed.affected) {
          for (const v of versions) {
            const verdict = evaluateAffected(a, v, comparerFor, cache)
            expect(typeof verdict.affected).toBe('boolean')
            if (verdict.fixed !== undefined) expect(fixed.has(verdict.fixed)).toBe(true)
            expect(verdict.unevaluatedReasons.length).toBeLessThanOrEqual(a.ranges.length)
          }
        }
      }),
      params()
    )
  })

  it('matching any packages against any index: no throw, bounded, quick', () => {
    fc.assert(
      fc.property(
        fc.array(anyRecord, { maxLength: 8 }),
        fc.array(pkg, { maxLength: 8 }),
        fc.constantFrom(...OSES),
        fc.boolean(),
        (raws, packages, os, showUnimportant) => {
          const index = new VulnIndex()
          raws.forEach((raw, i) => index.addRaw(raw, `r${i}`))
          const started = performance.now()
          const out = matchPackages(packages, os, index, createComparerFor(), {
            showUnimportant,
            rangeCache: createRangeCache()
          })
          expect(performance.now() - started).toBeLessThan(2000)
          expect(out.findings.length).toBeLessThanOrEqual(packages.length * index.records)
          for (const f of out.findings) {
            expect(['critical', 'high', 'medium', 'low', 'info']).toContain(f.severity)
          }
        }
      ),
      params()
    )
  })
})

describe("record evaluation in a package's own ecosystem", () => {
  it('findings only for affected versions, fixed versions from the record, never a throw', () => {
    const comparerFor = createComparerFor()
    let findings = 0
    fc.assert(
      fc.property(scenario, fc.boolean(), ({ os, packages, records }, showUnimportant) => {
        const index = new VulnIndex()
        records.forEach((raw, i) => index.addRaw(raw, `r${i}`))
        const out = matchPackages(packages, os, index, comparerFor, {
          showUnimportant,
          rangeCache: createRangeCache()
        })
        findings += out.findings.length
        const fixed = new Set(records.flatMap(r => [...fixedEvents(r)]))
        for (const f of out.findings) {
          const v = f.vulnerability!
          if (v.fixedVersion !== undefined) expect(fixed.has(v.fixedVersion)).toBe(true)
          // The finding is one the schema evaluation gives for some entry of the record.
          const rec = index.get(v.vulnerabilityId) ?? index.get(v.aliases[0] ?? '')
          expect(rec ?? v.aliases.some(a => index.get(a))).toBeTruthy()
        }
        expect(out.findings.length).toBeLessThanOrEqual(packages.length * records.length)
      }),
      params()
    )
    // The generator is worth its runs only if matches happen.
    expect(findings).toBeGreaterThan(RUNS / 10)
  })
})

// --- api.osv.dev's answers: whatever the server sends ----------------------------------------

const answer = fc.record({
  status: fc.constantFrom(200, 200, 200, 400, 404, 500),
  body: fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map(v => JSON.stringify(v)),
    fc
      .array(
        fc.record(
          {
            vulns: fc.array(
              fc.record(
                {
                  id: fc.constantFrom('GHSA-aaaa-bbbb-cccc', 'DSA-1-1', 'X'),
                  modified: fc.string()
                },
                { requiredKeys: [] }
              ),
              { maxLength: 3 }
            ),
            next_page_token: fc.constantFrom('', 'tok')
          },
          { requiredKeys: [] }
        ),
        { maxLength: 3 }
      )
      .map(results => JSON.stringify({ results })),
    fc.string({ maxLength: 30 }),
    fc.constant('{"results": [')
  )
})

describe('OSV API answers', () => {
  let server: Server
  let url = ''
  let script: { querybatch: { status: number; body: string }; vuln: unknown }
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        if (req.url === '/v1/querybatch') {
          res.writeHead(script.querybatch.status, { 'content-type': 'application/json' })
          res.end(script.querybatch.body)
        } else {
          res.writeHead(200, { 'content-type': 'application/json' })
          res.end(JSON.stringify(script.vuln))
        }
      })
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise(resolve => server.close(resolve))
  })

  it('any answer: findings, a warning or an InputError, never anything else', async () => {
    const packages: Package[] = [
      {
        name: 'lodash',
        version: '4.17.15',
        type: 'npm',
        purl: 'pkg:npm/lodash@4.17.15',
        locations: ['/x']
      },
      {
        name: 'openssl',
        version: '3.0.11-1~deb12u1',
        type: 'deb',
        purl: 'pkg:deb/debian/openssl@3.0.11-1~deb12u1',
        locations: ['/y']
      }
    ]
    await fc.assert(
      fc.asyncProperty(
        answer,
        anyRecord,
        fc.constantFrom('fail', 'warn'),
        async (qb, vuln, onDataError) => {
          script = { querybatch: qb, vuln }
          try {
            const out = await matchVulnerabilities(
              packages,
              { id: 'debian', versionId: '12' },
              { kind: 'osv-api', url },
              {
                ...DEFAULT_VULNERABILITY_SETTINGS,
                onDataError: onDataError as 'fail' | 'warn',
                apiRetries: 0,
                apiTimeoutSeconds: 5
              },
              { backoffMs: 0 }
            )
            expect(out.findings.length).toBeLessThanOrEqual(packages.length * 3)
          } catch (error) {
            if (!(error instanceof InputError)) throw error
          }
        }
      ),
      params(Math.min(RUNS, 60))
    )
  })
})

// --- KEV, EPSS and VEX files: whatever they hold ---------------------------------------------

const vexDoc = fc.oneof(
  fc.record(
    {
      '@context': fc.constantFrom('https://openvex.dev/ns/v0.2.0', 'https://openvex.dev/ns'),
      timestamp: fc.constantFrom('2023-07-17T18:28:47Z', 'soon', ''),
      statements: fc.array(
        fc.record(
          {
            vulnerability: fc.oneof(
              fc.record({
                name: fc.constantFrom('CVE-2023-3446', 'GHSA-x'),
                aliases: fc.jsonValue({ maxDepth: 1 })
              }),
              fc.constantFrom('CVE-2023-3446', 'https://nvd.nist.gov/vuln/detail/CVE-2023-3446'),
              fc.jsonValue({ maxDepth: 1 })
            ),
            products: fc.array(
              fc.oneof(
                fc.record({
                  '@id': fc.constantFrom(
                    'pkg:oci/alpine@sha256%3A124c7d2707904eea7431fffe91522a01e5a861a624ee31d03372cc1d138a3126',
                    'pkg:apk/alpine/libssl3@3.0.8-r3',
                    'pkg:',
                    'alpine:3.17',
                    ''
                  ),
                  subcomponents: fc.array(
                    fc.oneof(
                      fc.constantFrom('pkg:apk/alpine/libssl3@3.0.8-r3'),
                      fc.jsonValue({ maxDepth: 1 })
                    ),
                    { maxLength: 2 }
                  )
                }),
                fc.jsonValue({ maxDepth: 1 })
              ),
              { maxLength: 3 }
            ),
            status: fc.constantFrom(
              'not_affected',
              'fixed',
              'affected',
              'under_investigation',
              'x'
            ),
            justification: fc.string({ maxLength: 8 }),
            timestamp: fc.constantFrom('2024-01-01T00:00:00Z', 'x')
          },
          { requiredKeys: [] }
        ),
        { maxLength: 4 }
      )
    },
    { requiredKeys: ['@context'] }
  ),
  fc.record(
    {
      bomFormat: fc.constant('CycloneDX'),
      serialNumber: fc.constantFrom('urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79', ''),
      metadata: fc.jsonValue({ maxDepth: 2 }),
      components: fc.jsonValue({ maxDepth: 2 }),
      vulnerabilities: fc.array(
        fc.record(
          {
            id: fc.constantFrom('CVE-2023-3446', ''),
            analysis: fc.oneof(
              fc.record({ state: fc.constantFrom('not_affected', 'resolved', 'exploitable', 'x') }),
              fc.jsonValue({ maxDepth: 1 })
            ),
            affects: fc.array(
              fc.oneof(
                fc.record({
                  ref: fc.constantFrom(
                    'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#pkg:apk/alpine/libssl3@3.0.8-r3',
                    'urn:cdx:x/1#y',
                    'pkg:apk/alpine/libssl3@3.0.8-r3',
                    'product-ABC'
                  )
                }),
                fc.jsonValue({ maxDepth: 1 })
              ),
              { maxLength: 3 }
            )
          },
          { requiredKeys: [] }
        ),
        { maxLength: 4 }
      )
    },
    { requiredKeys: ['bomFormat'] }
  ),
  fc.jsonValue({ maxDepth: 3 })
)

describe('KEV, EPSS and VEX files', () => {
  it('parsers give data or an InputError, and VEX never removes a finding it does not cover', () => {
    const libssl = {
      check: 'vulnerabilities' as const,
      ruleId: 'vulnerable-package',
      severity: 'high' as const,
      title: 't',
      message: 'm',
      location: { path: 'img' },
      fingerprint: 'f',
      vulnerability: {
        vulnerabilityId: 'CVE-2023-3446',
        aliases: [],
        package: 'libssl3',
        version: '3.0.8-r3',
        ecosystem: 'Alpine:v3.17',
        purl: 'pkg:apk/alpine/libssl3@3.0.8-r3'
      }
    }
    const other = {
      ...libssl,
      vulnerability: { ...libssl.vulnerability, vulnerabilityId: 'CVE-2000-0001' }
    }
    fc.assert(
      fc.property(
        vexDoc,
        fc.jsonValue({ maxDepth: 3 }),
        fc.string({ maxLength: 200 }),
        (doc, kev, csv) => {
          expect(['value', 'InputError']).toContain(
            outcome(() => parseKevCatalog(JSON.stringify(kev), 'k'))
          )
          expect(['value', 'InputError']).toContain(
            outcome(() => parseEpssCsv(Buffer.from(`cve,epss,percentile\n${csv}`), 'e'))
          )
          let statements
          try {
            statements = parseVexDocument(JSON.stringify(doc), 'v').statements
          } catch (error) {
            expect(error).toBeInstanceOf(InputError)
            return
          }
          const out = applyVex([libssl, other], statements, {
            digest: 'sha256:124c7d2707904eea7431fffe91522a01e5a861a624ee31d03372cc1d138a3126'
          })
          expect(out.kept.length + out.suppressed.length).toBe(2)
          expect(out.kept.map(f => f.vulnerability!.vulnerabilityId)).toContain('CVE-2000-0001')
        }
      ),
      params()
    )
  })
})
