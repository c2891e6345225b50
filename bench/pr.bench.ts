// PR experience: diff parsing, the diff filter, the baseline split, comment
// rendering at GitHub's size limit, and a 1,000-annotation check run against
// the local fake API. Generates its own inputs.
import { performance } from 'node:perf_hooks'
import { GitHubClient } from '../src/github/client.js'
import { findingsToCheckAnnotations, publishCheckRun } from '../src/github/checks.js'
import { evaluateGate } from '../src/gate/evaluate.js'
import type { Finding } from '../src/model/finding.js'
import { makeFingerprint } from '../src/model/fingerprint.js'
import { buildBaseline, splitNewExisting } from '../src/pr/baseline.js'
import { commentMarker, renderPrComment } from '../src/pr/comment.js'
import { parseUnifiedDiff, partitionByDiff } from '../src/pr/diff.js'
import { startFakeGitHub } from '../__tests__/helpers/fake-github-server.js'

function time<T>(label: string, work: () => T, repeat = 5): T {
  let result!: T
  const runs: number[] = []
  for (let i = 0; i < repeat; i++) {
    const start = performance.now()
    result = work()
    runs.push(performance.now() - start)
  }
  runs.sort((a, b) => a - b)
  console.log(`${label}: median ${runs[Math.floor(runs.length / 2)].toFixed(1)} ms`)
  return result
}

// A diff of 2,000 files, 25 hunks each of 4 added / 2 removed lines: 200,000 diff lines.
const parts: string[] = []
for (let f = 0; f < 2000; f++) {
  parts.push(
    `diff --git a/src/f${f}.js b/src/f${f}.js`,
    'index 1111111..2222222 100644',
    `--- a/src/f${f}.js`,
    `+++ b/src/f${f}.js`
  )
  for (let h = 0; h < 25; h++) {
    const at = h * 40 + 1
    parts.push(
      `@@ -${at},2 +${at},4 @@`,
      '-old a',
      '-old b',
      '+new a',
      '+new b',
      '+new c',
      '+new d'
    )
  }
}
const diff = parts.join('\n')
const changed = time(
  `parseUnifiedDiff (${(diff.length / 1e6).toFixed(1)} MB, ${parts.length} lines)`,
  () => parseUnifiedDiff(diff)
)

const findings: Finding[] = []
for (let i = 0; i < 100000; i++) {
  const path = `src/f${i % 2500}.js`
  findings.push({
    check: i % 3 === 0 ? 'dockerfile' : 'secrets',
    ruleId: `rule-${i % 40}`,
    severity: (['critical', 'high', 'medium', 'low', 'info'] as const)[i % 5],
    title: 'A finding',
    message: 'Something on this line.',
    location: { path, line: (i % 1000) + 1 },
    fingerprint: makeFingerprint('bench', String(i))
  })
}
time('partitionByDiff added (100,000 findings)', () => partitionByDiff(findings, changed, 'added'))
time('partitionByDiff diff-context (100,000 findings)', () =>
  partitionByDiff(findings, changed, 'diff-context')
)
const baseline = time('buildBaseline (50,000 findings)', () =>
  buildBaseline(findings.slice(0, 50000))
)
const split = time('splitNewExisting (100,000 findings)', () =>
  splitNewExisting(findings, baseline)
)

const report = {
  toolVersion: 'bench',
  findings,
  suppressed: [],
  rules: [],
  gate: evaluateGate(findings, 'high'),
  checksRun: ['dockerfile' as const, 'secrets' as const],
  warnings: [],
  stats: {},
  links: { serverUrl: 'https://github.com', repository: 'o/r', sha: 'a'.repeat(40) },
  targets: { dockerfiles: [], secretsPaths: ['.'] }
}
const body = time('renderPrComment (50,000 new, cut to 65,536 chars)', () =>
  renderPrComment(report, split, {
    marker: commentMarker('ci', 'gate', 'step'),
    summaryUrl: 'https://github.com/o/r/actions/runs/1'
  })
)
console.log(
  `  comment: ${body.length} chars, ${body.split('\n').filter(l => l.startsWith('| ')).length - 2} table rows`
)

const server = await startFakeGitHub()
try {
  const client = new GitHubClient({
    token: 'bench',
    apiUrl: server.url,
    warn: line => console.log(line)
  })
  const { annotations } = findingsToCheckAnnotations(findings.slice(0, 1000))
  const start = performance.now()
  const result = await publishCheckRun(
    client,
    { repo: { owner: 'o', repo: 'r' } },
    {
      name: 'container-gate',
      headSha: 'a'.repeat(40),
      conclusion: 'failure',
      title: 'bench',
      summary: 'bench',
      annotations
    }
  )
  console.log(
    `publishCheckRun (1,000 annotations, local fake API): ${(performance.now() - start).toFixed(1)} ms, ${result?.requests} requests`
  )
} finally {
  await server.close()
}
