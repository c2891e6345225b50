// Runs the image parsers' properties (targets.ts) with a seeded budget and prints one JSON line
// per target. argv: runs, seed, then target names (default: all).
import fc from 'fast-check'
import { TARGETS } from './targets.js'

const [runsText, seedText, ...names] = process.argv.slice(2)
const numRuns = Number(runsText)
const seed = Number(seedText)
for (const name of names.length > 0 ? names : Object.keys(TARGETS)) {
  const started = performance.now()
  const details = await fc.check(TARGETS[name](), {
    numRuns,
    seed,
    endOnFailure: true
  })
  console.log(
    JSON.stringify({
      name,
      failed: details.failed,
      numRuns: details.numRuns,
      seed,
      path: details.counterexamplePath,
      counterexample: details.failed
        ? fc.stringify(details.counterexample).slice(0, 600)
        : undefined,
      error: details.failed
        ? String((details.errorInstance as Error)?.stack ?? details.errorInstance).slice(0, 2000)
        : undefined,
      ms: Math.round(performance.now() - started),
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024)
    })
  )
}
