// The action's cold start: `node dist/index.js` with nothing to scan, as the
// runner starts it. Goal: ≤ 300 ms on a 2-core machine. Median of 15 runs,
// on each Node binary available (Node 24 from node_modules, the system's).
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { nodeBinaries, runAction } from '../__tests__/helpers/runner.js'

const workspace = mkdtempSync(join(tmpdir(), 'cg-cold-'))
writeFileSync(join(workspace, 'README'), 'nothing to scan\n')
const RUNS = 15
for (const node of nodeBinaries()) {
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint()
    const run = runAction({ node: node.path, workspace, inputs: { 'secrets-path': '' } })
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
    if (run.status !== 0) throw new Error(`cold start run failed: ${run.stdout}${run.stderr}`)
  }
  times.sort((a, b) => a - b)
  const median = times[Math.floor(RUNS / 2)]
  console.log(
    `cold start, ${node.label}: median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[RUNS - 1].toFixed(0)} ms (${RUNS} runs; goal ≤ 300 ms)`
  )
}
