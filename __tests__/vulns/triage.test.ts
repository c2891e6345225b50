// The vulnerability check after matching (src/vulns/triage.ts): the real KEV, EPSS and VEX
// samples of fixtures/vulns applied to the check's findings, feeds fetched from a 127.0.0.1
// server standing in for the public URLs, VEX documents named or found in the repository.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { evaluateGate } from '../../src/gate/evaluate.js'
import { InputError } from '../../src/model/errors.js'
import type { Finding } from '../../src/model/finding.js'
import { DEFAULT_VULNERABILITY_SETTINGS as D } from '../../src/vulns/settings.js'
import { triageFindings, type TriageOptions } from '../../src/vulns/triage.js'

const DIR = join(import.meta.dirname, '../../fixtures/vulns')
const KEV_FILE = join(DIR, 'kev', 'known_exploited_vulnerabilities.json')
const EPSS_FILE = join(DIR, 'epss', 'epss_scores.csv')
const ALPINE = 'sha256:124c7d2707904eea7431fffe91522a01e5a861a624ee31d03372cc1d138a3126'

function finding(
  id: string,
  aliases: string[],
  purl: string,
  severity: Finding['severity'] = 'medium'
): Finding {
  return {
    check: 'vulnerabilities',
    ruleId: 'vulnerable-package',
    severity,
    title: id,
    message: `${id} in a package. Fixed in 2.`,
    location: { path: 'img' },
    fingerprint: `${id}:${purl}`,
    vulnerability: {
      vulnerabilityId: id,
      aliases,
      package: 'p',
      version: '1',
      ecosystem: 'x',
      purl
    }
  }
}

let server: Server
let base = ''
const hits: string[] = []
let repo = ''
beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '')
    res.writeHead(200)
    res.end(readFileSync(req.url?.includes('epss') ? EPSS_FILE : KEV_FILE))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  repo = mkdtempSync(join(tmpdir(), 'cg-triage-'))
})
afterAll(async () => {
  await new Promise(resolve => server.close(resolve))
  rmSync(repo, { recursive: true, force: true })
})

const api = { kind: 'osv-api' as const, url: 'http://127.0.0.1:9' }
const options = (extra: Partial<TriageOptions> = {}): TriageOptions => ({
  settings: { ...D, kevUrl: `${base}/kev.json`, epssUrl: `${base}/epss.csv`, apiRetries: 0 },
  cwd: repo,
  vulnDb: api,
  backoffMs: 0,
  ...extra
})

describe('exploitation', () => {
  it('a KEV-listed medium fails the gate (fail-on-kev defaults to true), with the due date', async () => {
    const out = await triageFindings(
      [
        finding('GHSA-aaaa-bbbb-cccc', ['CVE-1999-0005'], 'pkg:npm/a@1'),
        finding('DSA-9999-1', ['CVE-2024-57727'], 'pkg:deb/debian/b@1')
      ],
      options()
    )
    expect(out.warnings).toEqual([])
    // Exploited first.
    expect(
      out.findings.map(f => [f.vulnerability!.vulnerabilityId, f.properties?.failsGate])
    ).toEqual([
      ['DSA-9999-1', "in CISA's Known Exploited Vulnerabilities catalog, CISA due date 2025-03-06"],
      ['GHSA-aaaa-bbbb-cccc', undefined]
    ])
    expect(out.findings[0]!.message).toBe(
      "DSA-9999-1 in a package. Fixed in 2. Exploited in the wild: in CISA's KEV catalog since 2025-02-13, CISA due date 2025-03-06."
    )
    expect(out.findings[1]!.properties).toMatchObject({
      kev: false,
      epss: 0.91963,
      epssPercentile: 0.99214
    })
    expect(out.stats).toMatchObject({ kevListed: 1 })
  })

  it('fail-on-kev false and fail-on-epss, from the inputs over the config file', async () => {
    const out = await triageFindings(
      [
        finding('GHSA-aaaa-bbbb-cccc', ['CVE-1999-0005'], 'pkg:npm/a@1'),
        finding('DSA-9999-1', ['CVE-2024-57727'], 'pkg:deb/debian/b@1')
      ],
      options({ inputs: { failOnKev: false, failOnEpss: 0.5 } })
    )
    expect(out.findings.map(f => f.properties?.failsGate)).toEqual([
      undefined,
      'EPSS 0.91963 ≥ fail-on-epss 0.5'
    ])
  })

  it('an offline run (vuln-db on disk) fetches nothing unless a file or URL is named', async () => {
    hits.length = 0
    const offline = { kind: 'path' as const, path: '/db' }
    const out = await triageFindings([finding('X-1', ['CVE-2024-57727'], 'pkg:npm/a@1')], {
      ...options(),
      settings: D,
      vulnDb: offline
    })
    expect(hits).toEqual([])
    expect(out.findings[0]!.properties).toBeUndefined()
    expect(out.warnings).toEqual([])
    const withFile = await triageFindings([finding('X-1', ['CVE-2024-57727'], 'pkg:npm/a@1')], {
      ...options(),
      settings: D,
      vulnDb: offline,
      inputs: { kevFile: KEV_FILE }
    })
    expect(hits).toEqual([])
    expect(withFile.findings[0]!.properties).toMatchObject({
      kev: true,
      failsGate: expect.any(String)
    })
  })

  it('feeds that cannot be had: one warning each, the run goes on', async () => {
    const out = await triageFindings([finding('X-1', ['CVE-2024-57727'], 'pkg:npm/a@1')], {
      ...options(),
      settings: { ...D, kevUrl: 'http://127.0.0.1:9/kev.json', epssUrl: 'off', apiRetries: 0 }
    })
    expect(out.warnings).toHaveLength(1)
    expect(out.warnings[0]).toMatch(
      /^KEV catalog not used \(GET http:\/\/127\.0\.0\.1:9\/kev\.json: /
    )
    expect(out.findings[0]!.properties).toBeUndefined()
  })
})

describe('VEX', () => {
  const libssl = (id: string): Finding =>
    finding(id, [], 'pkg:apk/alpine/libssl3@3.0.8-r3?arch=x86_64&distro=alpine-3.17.3', 'high')

  it('found in .vex/ of the repository: not_affected suppresses, with the justification', async () => {
    mkdirSync(join(repo, '.vex'), { recursive: true })
    copyFileSync(join(DIR, 'vex', 'go-vex-v0.2.0.openvex.json'), join(repo, '.vex', 'alpine.json'))
    try {
      const out = await triageFindings([libssl('CVE-2023-3446'), libssl('CVE-2024-0727')], {
        ...options(),
        settings: { ...D, kevUrl: 'off', epssUrl: 'off' },
        image: { reference: 'alpine:3.17', digest: ALPINE }
      })
      expect(out.findings.map(f => f.vulnerability!.vulnerabilityId)).toEqual(['CVE-2024-0727'])
      expect(out.suppressed).toEqual([
        {
          finding: libssl('CVE-2023-3446'),
          source: 'vex',
          reason:
            'VEX not_affected (vulnerable_code_not_present): affected functions were removed before packaging [.vex/alpine.json]'
        }
      ])
      expect(out.stats).toMatchObject({ vexStatements: 5, vexSuppressed: 1 })
    } finally {
      rmSync(join(repo, '.vex'), { recursive: true, force: true })
    }
  })

  it('a named document replaces discovery; a broken named one stops the run, a found one warns', async () => {
    writeFileSync(
      join(repo, 'broken.openvex.json'),
      '{"@context": "https://openvex.dev/ns/v0.2.0"}'
    )
    try {
      const found = await triageFindings([libssl('CVE-2023-3446')], {
        ...options(),
        settings: { ...D, kevUrl: 'off', epssUrl: 'off' }
      })
      expect(found.warnings).toEqual([
        'VEX broken.openvex.json: an OpenVEX document without "statements" (found in the repository; not used)'
      ])
      await expect(
        triageFindings([libssl('CVE-2023-3446')], {
          ...options(),
          settings: { ...D, kevUrl: 'off', epssUrl: 'off' },
          inputs: { vex: ['broken.openvex.json'] }
        })
      ).rejects.toThrow(InputError)
      const named = await triageFindings([libssl('CVE-2023-3817')], {
        ...options(),
        settings: {
          ...D,
          kevUrl: 'off',
          epssUrl: 'off',
          vex: [join(DIR, 'vex', 'go-vex-v0.2.0.openvex.json')]
        },
        image: { digest: ALPINE }
      })
      expect(named.suppressed).toHaveLength(1)
      expect(named.warnings).toEqual([])
    } finally {
      rmSync(join(repo, 'broken.openvex.json'))
    }
  })
})

describe('the gate', () => {
  it('fails on a KEV-listed medium with fail-on: high; passes it with fail-on-kev: false', async () => {
    const medium = finding('DSA-9999-1', ['CVE-2024-57727'], 'pkg:deb/debian/b@1', 'medium')
    const listed = await triageFindings([medium], {
      ...options(),
      settings: { ...D, kevFile: KEV_FILE, epssUrl: 'off' }
    })
    const gate = evaluateGate(listed.findings, 'high')
    expect(gate.passed).toBe(false)
    expect(gate.tripped.map(f => f.vulnerability!.vulnerabilityId)).toEqual(['DSA-9999-1'])
    const allowed = await triageFindings([medium], {
      ...options(),
      settings: { ...D, kevFile: KEV_FILE, epssUrl: 'off', failOnKev: false }
    })
    expect(evaluateGate(allowed.findings, 'high').passed).toBe(true)
    // Severity alone still decides for what KEV does not list.
    expect(evaluateGate([finding('X', [], 'pkg:npm/a@1', 'medium')], 'high').passed).toBe(true)
  })
})
