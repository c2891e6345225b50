// What we post as markdown, rendered as GitHub renders it, with hostile text in
// every field a scanned file, an image or an OSV record can set: the job
// summary, the PR comment (also the check run's summary when there is no job
// summary) and SARIF help.markdown. Only our own links, no image, no HTML of
// theirs, no mention or issue reference.
import { describe, expect, it } from '@jest/globals'
import type { Finding } from '../../src/model/finding.js'
import { renderPrComment } from '../../src/pr/comment.js'
import { buildSarif, renderSummary } from '../../src/report/index.js'
import { githubReferences, referenceText, renderGfm, tagSequence } from '../helpers/gfm.js'
import { dockerfileFinding, makeInput, vulnFinding } from './sample.js'

const EVIL =
  '![p](https://t.example/p.png) [x](https://evil.example/) <img src=x> <b>b</b> ' +
  'https://evil.example/a www.evil.example u@mail.example.com @octocat #1 acme/shop#2 GH-3 ' +
  '**bold** `tick` | pipe\n- new line'

function hostileFindings(): Finding[] {
  const vuln = vulnFinding(`GHSA-${EVIL}`, `pkg${EVIL}`, `1.0${EVIL}`, 'critical', `2.0${EVIL}`, [
    `CVE-${EVIL}`
  ])
  return [
    {
      ...vuln,
      title: `title ${EVIL}`,
      message: `affected: ${EVIL}`,
      help: `Upgrade ${EVIL}`,
      location: { path: `img:${EVIL}` },
      properties: { ...vuln.properties, createdBy: `RUN ${EVIL}`, location: `/app/${EVIL}` }
    },
    dockerfileFinding('runs-as-root', 'high', 3, `msg ${EVIL}`, {
      title: `T ${EVIL}`,
      help: `help ${EVIL}`,
      location: { path: `dir ${EVIL}/Dockerfile`, line: 3 }
    })
  ]
}

const input = makeInput({
  findings: hostileFindings(),
  suppressed: [{ finding: hostileFindings()[1]!, source: 'config', reason: `because ${EVIL}` }],
  warnings: [`warning ${EVIL}`]
})

/** Links we write: the scanned commit's files, the commit, the run, osv.dev, rule docs. */
const OURS = [
  'https://github.com/acme/shop/blob/3f9c2a1d8e7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a/',
  'https://github.com/acme/shop/commit/',
  'https://github.com/acme/shop/actions/runs/',
  'https://osv.dev/vulnerability/'
]
const OUR_TAGS = new Set(
  'a p h2 h3 h4 ul ol li strong em code sub b details summary table thead tbody tr th td blockquote pre br hr'
    .split(' ')
    .flatMap(t => [t, `/${t}`])
)

function expectInert(markdown: string): void {
  const html = renderGfm(markdown)
  const tags = new Set(tagSequence(html))
  expect([...tags].filter(t => !OUR_TAGS.has(t))).toEqual([])
  const hrefs = [...html.matchAll(/<a href="([^"]*)"/g)].map(m => m[1] as string)
  expect(hrefs.filter(h => !OURS.some(prefix => h.startsWith(prefix)))).toEqual([])
  expect(githubReferences(referenceText(html))).toEqual([])
}

describe('hostile scanned text in what we post as markdown', () => {
  it('the job summary (and so the check run summary)', () => {
    expectInert(renderSummary(input))
  })

  it('the PR comment', () => {
    expectInert(
      renderPrComment(
        input,
        { added: input.findings, existing: [] },
        {
          marker: '<!-- container-gate:x -->',
          summaryUrl: 'https://github.com/acme/shop/actions/runs/7'
        }
      )
    )
  })

  it('SARIF help.markdown of every rule', () => {
    const rules = buildSarif(input).runs.flatMap(run => run.tool.driver.rules ?? [])
    const markdown = rules.map(r => r.help?.markdown ?? '').filter(Boolean)
    expect(markdown.length).toBeGreaterThan(0)
    // Rule help we wrote may link to our docs; only what came from the scan is checked.
    const fromScan = rules.filter(r => r.id.startsWith('GHSA-'))
    expect(fromScan).toHaveLength(1)
    for (const rule of fromScan) expectInert(rule.help?.markdown ?? '')
  })
})
