// Runs readImage in a process of its own for __tests__/image/helpers/isolated.ts: argv[2] is
// {source, options} as JSON; prints one JSON line with the outcome and the peak RSS.
import { readImage } from '../../../src/image/index.js'

const { source, options } = JSON.parse(process.argv[2]) as { source: string; options?: object }
const started = performance.now()
let outcome: object
try {
  const scan = await readImage(source, options)
  outcome = {
    ok: true,
    packages: scan.packages.map(p => p.purl),
    warnings: scan.warnings,
    layers: scan.layers.length
  }
} catch (error) {
  const e = error as Error
  outcome = { ok: false, error: { name: e?.name, message: e?.message, stack: e?.stack } }
}
const usage = process.resourceUsage()
console.log(
  JSON.stringify({
    ...outcome,
    maxRssMb: Math.round(usage.maxRSS / 1024),
    ms: Math.round(performance.now() - started)
  })
)
