import { describe, expect, it } from '@jest/globals'
import type { Finding } from '../../src/model/finding.js'
import { renderSummary, SUMMARY_MAX_BYTES } from '../../src/report/index.js'
import { mdCode, mdText } from '../../src/report/markdown.js'
import {
  dockerfileFinding,
  makeInput,
  manyFindings,
  RAW_AWS_SECRET,
  RAW_TOKEN,
  imageSecret,
  secretFinding,
  vulnFinding
} from './sample.js'

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8')
const shownFindings = (s: string): number =>
  (
    s.match(
      /<details><summary>🟣|<details><summary>🔴|<details><summary>🟠|<details><summary>🟡|<details><summary>⚪/g
    ) ?? []
  ).length
const BLOB = 'https://github.com/acme/shop/blob/3f9c2a1d8e7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a'

describe('renderSummary', () => {
  it('never links an in-image finding as a repository file; a placed one links its Dockerfile line', () => {
    const env = imageSecret('image config Env DATABASE_PASSWORD', { variable: 'DATABASE_PASSWORD' })
    const history = imageSecret('image history 7', { historyIndex: 7 }, `ghp_${'z'.repeat(36)}`)
    const placed = {
      ...imageSecret('/app/src/server.js', {}, `ghp_${'w'.repeat(36)}`),
      location: { path: 'Dockerfile', line: 13 },
      properties: { layerIndex: 1, imagePath: '/app/src/server.js', dockerfileOrigin: 'own-layer' }
    }
    const summary = renderSummary(makeInput({ findings: [env, history, placed], suppressed: [] }))
    expect(summary).not.toContain(`${BLOB}/image`)
    expect(summary).toContain(`${mdCode('image config Env DATABASE_PASSWORD')} (in the image)`)
    expect(summary).toContain(`${mdCode('image history 7')} (in the image)`)
    expect(summary).toContain(
      `<a href="${BLOB}/Dockerfile#L13">${mdText('Dockerfile:13')}</a> (in the image: ${mdCode('/app/src/server.js')})`
    )
  })

  it('starts with the verdict and says which threshold each check tripped', () => {
    const summary = renderSummary(makeInput())
    expect(summary.startsWith('## ❌ container-gate: failed\n')).toBe(true)
    expect(summary).toContain(
      '| Dockerfile | high | 1 | 1 | 1 | 1 | 0 | 1 | ❌ failed: 2 findings at or above **high** |'
    )
    expect(summary).toContain(
      '| **Total** | high | **4** | **2** | **2** | **1** | **0** | **2** | ❌ failed |'
    )
    // The verdict section lists the tripping findings, most severe first.
    const why = summary.slice(
      summary.indexOf('### Why the gate failed'),
      summary.indexOf('### Dockerfile')
    )
    const severities = [...why.matchAll(/\*\*(critical|high)\*\*/g)].map(m => m[1])
    expect(severities).toEqual(['critical', 'critical', 'critical', 'critical', 'high', 'high'])
  })

  it('uses per-check thresholds and says when a check did not run', () => {
    const summary = renderSummary(
      makeInput({
        failOn: 'critical',
        overrides: { dockerfile: 'none' },
        checksRun: ['dockerfile', 'secrets'],
        findings: [
          dockerfileFinding('runs-as-root', 'high', 12, 'The final stage has no USER.'),
          secretFinding('github-token', 'config/.env', 3, 14, RAW_TOKEN)
        ],
        suppressed: []
      })
    )
    expect(summary).toContain(
      '| Dockerfile | none | 0 | 1 | 0 | 0 | 0 | 0 | ✅ passed (gate off) |'
    )
    expect(summary).toContain(
      '| Secrets | critical | 1 | 0 | 0 | 0 | 0 | 0 | ❌ failed: 1 finding at or above **critical** |'
    )
    expect(summary).toContain('| Vulnerabilities | critical | – | – | – | – | – | – | not run |')
    expect(summary).not.toContain('### Vulnerabilities')
  })

  it('reports a pass with the threshold', () => {
    const summary = renderSummary(makeInput({ failOn: 'none' }))
    expect(summary.startsWith('## ✅ container-gate: passed\n')).toBe(true)
    expect(summary).toContain('No finding at or above the threshold (fail-on **none**).')
    expect(summary).not.toContain('Why the gate failed')
  })

  it('links files of the checkout to the exact line of the scanned commit', () => {
    const summary = renderSummary(makeInput())
    expect(summary).toContain(`<a href="${BLOB}/Dockerfile#L12">${mdText('Dockerfile:12')}</a>`)
    expect(summary).toContain(`<a href="${BLOB}/Dockerfile#L4-L6">${mdText('Dockerfile:4')}</a>`)
    expect(summary).toContain(`<a href="${BLOB}/config/.env#L3">${mdText('config/.env:3:14')}</a>`)
    // In-image locations are not linked.
    expect(summary).toContain(`${mdCode('ghcr.io/acme/shop:1.4.2')} (in the image)`)
    expect(summary).not.toContain(`${BLOB}/ghcr.io`)
    // Paths are percent-encoded per segment; paths out of the checkout get no link.
    const odd = dockerfileFinding('runs-as-root', 'high', 3, 'x', {
      location: { path: './docker/my app#1/Dockerfile', line: 3 }
    })
    const outside = dockerfileFinding('runs-as-root', 'high', 3, 'y', {
      location: { path: '../other/Dockerfile', line: 3 }
    })
    const s2 = renderSummary(makeInput({ findings: [odd, outside], suppressed: [] }))
    expect(s2).toContain(`<a href="${BLOB}/docker/my%20app%231/Dockerfile#L3">`)
    expect(s2).toContain(mdCode('../other/Dockerfile:3'))
    // Without a commit (CLI, local run) nothing is linked.
    expect(renderSummary(makeInput({ links: null }))).not.toContain(
      '<a href="https://github.com/acme'
    )
  })

  it('folds details and the suppressed findings with their reasons', () => {
    const summary = renderSummary(makeInput())
    expect(shownFindings(summary)).toBe(9)
    expect(summary).toContain('<summary>Suppressed: 2 findings (not counted by the gate)</summary>')
    expect(summary).toContain(
      `| medium | <code>base-image-not-pinned</code> | ${mdCode('Dockerfile:20')} | ignore comment | hadolint ignore=DL3007 comment on line 19 |`
    )
    expect(summary).toContain('### Secrets: 2 findings (2 critical)\n\n<sub>files 42</sub>')
    // Rule help once per check, folded; a finding repeats only help written for it.
    expect(summary).toContain('<details><summary>How to fix: 4 rules</summary>')
    expect(summary.split('Add `USER 10001`').length - 1).toBe(1)
    expect(summary).toContain(`**Fix:** ${mdText('Upgrade openssl to 3.0.11-1~deb12u2 or later.')}`)
    // Each finding says how to accept it in the config file.
    expect(summary).toContain(
      `in .container-gate.yml: ${mdCode('- { vulnerability: "DSA-5532-1", package: "openssl", reason: "why it is accepted", expires: YYYY-MM-DD }')}`
    )
    expect(summary).toMatch(/<code>&#45; \{ fingerprint&#58; &#34;[0-9a-f]{32}&#34;, reason&#58;/)
    expect(summary).toContain('### ⚠️ Warnings (2)')
    expect(summary).toContain('expired on 2026-01-31')
  })

  it('escapes markdown and HTML from scanned text', () => {
    const hostile: Finding = vulnFinding(
      'GHSA-xxxx-yyyy-zzzz',
      'evil|pkg<img src=x onerror=alert(1)>',
      '1.0 [click](https://evil.example) @octocat **bold**\n| injected | row |',
      'high',
      '1.1'
    )
    const suppressed = [
      {
        finding: dockerfileFinding('runs-as-root', 'low', 2, 'z', {
          location: { path: 'a|b/<script>alert(1)</script>/Dockerfile', line: 2 }
        }),
        source: 'config' as const,
        reason: 'because | </details> <b>x</b>\nnew line'
      }
    ]
    const summary = renderSummary(makeInput({ findings: [hostile], suppressed }))
    expect(summary).not.toContain('<img')
    expect(summary).not.toContain('<script')
    expect(summary).not.toContain('<b>x</b>')
    expect(summary).not.toContain('](https://evil.example)')
    expect(summary).not.toContain('@octocat')
    expect(summary).not.toContain('**bold**')
    expect(summary).not.toMatch(/^\| injected/m)
    // Each suppressed-table row still has exactly 5 cells (6 unescaped pipes).
    const rows = summary.split('\n').filter(l => l.startsWith('| ') && l.includes('config file'))
    expect(rows).toHaveLength(1)
    expect((rows[0] as string).match(/(?<!\\)\|/g)).toHaveLength(6)
    // The only </details> are ours: the finding, the how-to-fix fold and the suppressed section.
    expect(summary.match(/<\/details>/g)).toHaveLength(3)
    expect(summary.match(/<details>/g)).toHaveLength(3)
  })

  it('never shows a raw secret value', () => {
    const input = makeInput()
    const leaky = input.findings.map(f =>
      f.check === 'secrets' ? { ...f, properties: { ...f.properties, match: RAW_AWS_SECRET } } : f
    )
    const summary = renderSummary({ ...input, findings: leaky })
    expect(summary).not.toContain(RAW_TOKEN)
    expect(summary).not.toContain(RAW_AWS_SECRET)
    expect(summary).toContain('wJal…')
  })

  it('stays under 1 MiB with 60,000 findings and states how many were left out', () => {
    const findings = [
      ...manyFindings(50_000),
      ...manyFindings(10_000, 'vulnerabilities'),
      secretFinding('github-token', 'config/.env', 3, 14, RAW_TOKEN)
    ]
    const summary = renderSummary(makeInput({ findings, suppressed: [] }))
    expect(bytes(summary)).toBeLessThanOrEqual(SUMMARY_MAX_BYTES)
    expect(bytes(summary)).toBeGreaterThan(SUMMARY_MAX_BYTES * 0.9)
    const shown = shownFindings(summary)
    const stated = /> (\d+) findings left out of this summary to keep it under 1 MiB/.exec(summary)
    expect(stated).not.toBeNull()
    expect(Number(stated?.[1])).toBe(findings.length - shown)
    // The small check is not squeezed out by the big ones.
    expect(summary).toContain('<code>github-token</code> GitHub personal access token —')
    // Both big checks got a fair share and say how many of theirs are missing.
    expect(summary).toMatch(/_\d+ dockerfile findings not shown here \(size limit\)\._/)
    expect(summary).toMatch(/_\d+ vulnerabilities findings not shown here \(size limit\)\._/)
  })

  it('honours a smaller cap, measured in UTF-8 bytes, down to the bare verdict', () => {
    const input = makeInput({ findings: manyFindings(500), suppressed: [] })
    for (const maxBytes of [200_000, 20_000, 6_000, 300, 40]) {
      const summary = renderSummary(input, { maxBytes })
      expect(bytes(summary)).toBeLessThanOrEqual(maxBytes)
    }
    expect(renderSummary(input, { maxBytes: 300 })).toMatch(
      /^## ❌ container-gate: failed \(200 findings/
    )
    // Multi-byte text counts as bytes, not characters.
    const wide = manyFindings(300).map(f => ({ ...f, message: '漢字'.repeat(300) }))
    const summary = renderSummary(makeInput({ findings: wide, suppressed: [] }), {
      maxBytes: 50_000
    })
    expect(bytes(summary)).toBeLessThanOrEqual(50_000)
    expect(summary).toContain('findings left out of this summary to keep it under 49 KiB')
  })
})

describe('renderSummary with findings outside the diff', () => {
  it("folds them after the check's own findings and still counts them in the heading", () => {
    const inDiff = dockerfileFinding('runs-as-root', 'high', 12, 'The final stage has no USER.')
    const outside = dockerfileFinding('apt-lists-not-cleaned', 'low', 3, 'apt lists stay.')
    const input = makeInput({
      checksRun: ['dockerfile'],
      findings: [inDiff, outside],
      suppressed: []
    })
    const summary = renderSummary(input, { outsideDiff: new Set([outside]) })
    const section = summary.slice(summary.indexOf('### Dockerfile'))
    expect(section).toMatch(/^### Dockerfile: 2 findings/)
    const fold = section.indexOf(
      "<details><summary>1 dockerfile finding outside this pull request's diff</summary>"
    )
    expect(fold).toBeGreaterThan(section.indexOf('runs-as-root'))
    expect(section.indexOf('apt-lists-not-cleaned', fold)).toBeGreaterThan(fold)
    // Without the option, no fold.
    expect(renderSummary(input)).not.toContain('outside this pull request')
  })
})

describe('order of vulnerability findings', () => {
  const exploited = (f: Finding, props: { kev?: boolean; epss?: number }): Finding => ({
    ...f,
    properties: { ...f.properties, ...props }
  })
  const findings = [
    vulnFinding('CVE-2024-0001', 'openssl', '3.0.11-1', 'critical', '3.0.13-1'),
    exploited(vulnFinding('CVE-2024-0002', 'curl', '7.88.1-10', 'high', '7.88.1-11'), {
      kev: false,
      epss: 0.91
    }),
    exploited(vulnFinding('CVE-2024-0003', 'zlib', '1.2.13', 'medium', '1.2.13-1'), {
      kev: true,
      epss: 0.2
    }),
    vulnFinding('CVE-2024-0004', 'tar', '1.34', 'low', '1.34-1')
  ]

  it('exploited first (KEV), then by EPSS, then by severity: in the section and in the verdict', () => {
    const summary = renderSummary(makeInput({ findings, failOn: 'low' }))
    const order = (text: string): string[] => [...text.matchAll(/CVE-2024-000\d/g)].map(m => m[0])
    const unique = (ids: string[]): string[] => ids.filter((id, i) => ids.indexOf(id) === i)
    const section = summary.slice(summary.indexOf('### Vulnerabilities'))
    expect(unique(order(section))).toEqual([
      'CVE-2024-0003',
      'CVE-2024-0002',
      'CVE-2024-0001',
      'CVE-2024-0004'
    ])
    const why = summary.slice(
      summary.indexOf('### Why the gate failed'),
      summary.indexOf('### Vulnerabilities')
    )
    expect(unique(order(why))).toEqual([
      'CVE-2024-0003',
      'CVE-2024-0002',
      'CVE-2024-0001',
      'CVE-2024-0004'
    ])
  })
})
