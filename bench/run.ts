// npm run bench: runs every bench/*.bench.ts (or those named on the command
// line) one after another, each in its own process so figures do not mix.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const dir = import.meta.dirname
const wanted = process.argv.slice(2)
const benches = readdirSync(dir)
  .filter(f => f.endsWith('.bench.ts'))
  .filter(f => wanted.length === 0 || wanted.some(w => f.includes(w)))
  .sort()
let failed = 0
for (const bench of benches) {
  console.log(`\n## ${bench}`)
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, bench)], { stdio: 'inherit' })
  if (r.status !== 0) {
    failed++
    console.log(`(${bench} exited with ${r.status})`)
  }
}
process.exit(failed ? 1 : 0)
