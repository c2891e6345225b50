import { readRunnerContext } from '../../src/config/runner-context.js'
import { describe, expect, it } from '@jest/globals'
import {
  commentMarker,
  MAX_COMMENT_CHARS,
  renderPrComment,
  runSummaryUrl
} from '../../src/pr/comment.js'
import { gateOnNewFindings } from '../../src/pr/gate-on.js'
import { dockerfileFinding, reportOf, secretFinding, vulnFinding } from './findings.js'
import { mdCode } from '../../src/report/markdown.js'
import { githubReferences, referenceText, renderGfm, visibleText } from '../helpers/gfm.js'

const SECRET = 'ghp_R8mWq2Lx7Tz4Kc9Vb3Nf6Hy1Pd5Sg0Ja2Ue8'
const MARKER = commentMarker('ci', 'gate', '__run', '')
const SUMMARY = 'https://github.com/octo-org/octo-app/actions/runs/99'

describe('commentMarker', () => {
  it('is a hidden HTML comment, stable, and distinct per workflow, job, step and matrix variant', () => {
    expect(MARKER).toMatch(/^<!-- container-gate:[0-9a-f]{32} -->$/)
    expect(commentMarker('ci', 'gate', '__run', '')).toBe(MARKER)
    const others = [
      commentMarker('ci', 'gate', '__run', 'image=app:amd64'),
      commentMarker('ci', 'gate', '__run', 'image=app:arm64'),
      commentMarker('ci', 'scan', '__run', ''),
      commentMarker('release', 'gate', '__run', ''),
      commentMarker('ci', 'gate', 'second', '')
    ]
    expect(new Set([MARKER, ...others]).size).toBe(6)
  })
})

describe('renderPrComment', () => {
  const fresh = dockerfileFinding('runs-as-root', 9, 'high')
  const leak = secretFinding(SECRET, 'src/app.js', 3, 'critical')
  const old = dockerfileFinding('unpinned-base', 1, 'medium')
  const oldVuln = vulnFinding('CVE-2024-0001', 'openssl', '3.0.11')

  it('lists exploited vulnerabilities first (KEV, then EPSS), then by severity', () => {
    const critical = vulnFinding('CVE-2024-1001', 'openssl', '3.0.11', { severity: 'critical' })
    const likely = vulnFinding('CVE-2024-1002', 'curl', '7.88.1', { severity: 'high' })
    const listed = vulnFinding('CVE-2024-1003', 'zlib', '1.2.13', { severity: 'medium' })
    likely.properties = { ...likely.properties, epss: 0.91 }
    listed.properties = { ...listed.properties, kev: true, epss: 0.2 }
    const added = [critical, likely, listed]
    const body = renderPrComment(
      reportOf(added, 'medium'),
      { added, existing: [] },
      { marker: MARKER }
    )
    const ids = [...body.matchAll(/CVE-2024-100\d/g)].map(m => m[0])
    expect(ids.filter((id, i) => ids.indexOf(id) === i)).toEqual([
      'CVE-2024-1003',
      'CVE-2024-1002',
      'CVE-2024-1001'
    ])
  })

  it('starts with the marker, lists new findings most severe first, then a folded "already present"', () => {
    const report = reportOf([old, fresh, leak, oldVuln])
    const body = renderPrComment(
      report,
      { added: [fresh, leak], existing: [old, oldVuln] },
      { marker: MARKER, summaryUrl: SUMMARY }
    )
    expect(body.startsWith(`${MARKER}\n`)).toBe(true)
    expect(body).toContain('### ❌ container-gate: failed')
    const newSection = body.slice(body.indexOf('#### New findings'), body.indexOf('<details>'))
    expect(newSection.indexOf('github-token')).toBeLessThan(newSection.indexOf('runs-as-root'))
    expect(newSection).not.toContain('unpinned-base')
    expect(body).toContain(
      '<details><summary>Already present: 2 findings not introduced by this change</summary>'
    )
    expect(body).toContain(
      `[${mdCode('Dockerfile:9')}](https://github.com/octo-org/octo-app/blob/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678/Dockerfile#L9)`
    )
    expect(body).toContain(`[full report in the job summary](${SUMMARY})`)
  })

  it('gives the fingerprint entry to accept a new secret, and never the secret itself', () => {
    const report = reportOf([leak])
    const body = renderPrComment(report, { added: [leak], existing: [] }, { marker: MARKER })
    expect(body).toContain(
      '```yaml\nignore:\n  # github-token at src/app.js:3\n  - fingerprint: ' + leak.fingerprint
    )
    expect(body).not.toContain(SECRET)
    expect(visibleText(renderGfm(body))).toContain('ghp_…(40 chars)')
  })

  it('says it passed when the verdict turns green, with the existing findings still listed', () => {
    const report = reportOf([old, fresh])
    const gate = gateOnNewFindings(report.gate, [])
    const body = renderPrComment(
      { ...report, gate },
      { added: [], existing: [old, fresh] },
      { marker: MARKER, gateOn: 'new' }
    )
    expect(body).toContain('### ✅ container-gate: passed')
    expect(body).toContain('No new findings (only new findings can fail it).')
    expect(body).toContain('Already present: 2 findings')
  })

  it('neutralises scanned text: no table breaks, HTML, @-mentions or marker spoofing', () => {
    const nasty = { ...fresh, message: 'ping @octo-org/admins | <img src=x> -->\nnext', title: 'T' }
    const body = renderPrComment(
      reportOf([nasty]),
      { added: [nasty], existing: [] },
      { marker: MARKER }
    )
    const row = body.split('\n').find(l => l.includes('runs-as-root'))!
    // Rendered: one row of 4 cells, the text as it was, no image, no mention.
    const html = renderGfm(`| a | b | c | d |\n| - | - | - | - |\n${row}\n`)
    expect(html.match(/<td>/g)).toHaveLength(4)
    expect(html).not.toContain('<img')
    expect(visibleText(html).replace(/\u200b/g, '')).toContain(
      'ping @octo-org/admins | <img src=x> --> next'
    )
    expect(githubReferences(referenceText(html))).toEqual([])
    expect(body.split('-->').length).toBe(2) // only the marker closes a comment
  })

  it('fits GitHub’s 65,536-character limit, stating how many are shown and linking the summary', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      dockerfileFinding(
        `rule-${String(i).padStart(4, '0')}`,
        i + 1,
        'high',
        `services/very/long/path/to/service-${i}/Dockerfile`
      )
    )
    const olds = Array.from({ length: 500 }, (_, i) => dockerfileFinding(`old-${i}`, i + 1, 'low'))
    const body = renderPrComment(
      reportOf([...many, ...olds]),
      { added: many, existing: olds },
      { marker: MARKER, summaryUrl: SUMMARY }
    )
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS)
    const shown = body.split('\n').filter(l => l.startsWith('| **high**')).length
    expect(shown).toBeGreaterThan(100)
    expect(shown).toBeLessThan(3000)
    expect(body).toContain(`${shown} of 3000 new findings shown, 500 already present not listed`)
    expect(body).toContain(`[job summary](${SUMMARY})`)
    expect(body.startsWith(MARKER)).toBe(true)
  })

  it('honours a smaller maxChars', () => {
    const many = Array.from({ length: 50 }, (_, i) => dockerfileFinding(`r${i}`, i + 1, 'high'))
    const body = renderPrComment(
      reportOf(many),
      { added: many, existing: [] },
      { marker: MARKER, maxChars: 3000 }
    )
    expect(body.length).toBeLessThanOrEqual(3000)
    expect(body).toMatch(/\d+ of 50 new findings shown/)
  })
})

describe('runSummaryUrl', () => {
  it('points at the run (and its attempt) on the configured server', () => {
    expect(
      runSummaryUrl(
        readRunnerContext({
          GITHUB_SERVER_URL: 'https://ghe.example.com',
          GITHUB_REPOSITORY: 'o/r',
          GITHUB_RUN_ID: '7',
          GITHUB_RUN_ATTEMPT: '2'
        })
      )
    ).toBe('https://ghe.example.com/o/r/actions/runs/7/attempts/2')
    expect(runSummaryUrl(readRunnerContext({ GITHUB_REPOSITORY: 'o/r' }))).toBeUndefined()
  })
})

describe('renderPrComment links', () => {
  it('links checkout files only, never image references or in-image paths', () => {
    const vuln = vulnFinding('CVE-2024-0001', 'openssl', '3.0.11')
    const inImage = secretFinding(SECRET, '/app/.env', 2)
    const body = renderPrComment(
      reportOf([vuln, inImage]),
      { added: [vuln, inImage], existing: [] },
      { marker: MARKER }
    )
    expect(body).toContain(`| ${mdCode('ghcr.io/octo-org/octo-app:pr-42')} |`)
    expect(body).toContain(`| ${mdCode('/app/.env:2')} |`)
    expect(body).not.toContain('/blob/')
  })
})

describe('renderPrComment wording', () => {
  const oldHigh = dockerfileFinding('unpinned-base', 1, 'high')
  const freshLow = dockerfileFinding('shell-form-cmd', 9, 'low')

  it('without a baseline lists findings without claiming they are new', () => {
    const body = renderPrComment(
      reportOf([oldHigh]),
      { added: [oldHigh], existing: [] },
      { marker: MARKER, baseline: false }
    )
    expect(body).toContain('#### Findings\n')
    expect(body).toContain('**1** finding (no baseline to tell new from existing)')
    expect(body).not.toMatch(/new finding/i)
  })

  it('when only already-present findings fail the gate (gate-on all), says so and points at gate-on new', () => {
    const body = renderPrComment(
      reportOf([oldHigh, freshLow]),
      { added: [freshLow], existing: [oldHigh] },
      { marker: MARKER, gateOn: 'all' }
    )
    expect(body).toContain(
      "1 finding at or above the gate's thresholds. 1 of them was already present; `gate-on: new` gates only on what a change introduces."
    )
    expect(body).toContain('- **high** ❌ <code>unpinned-base</code>')
  })
})
