// readImage on several sources in turn, in a process of its own: argv[2] is a JSON list of
// {name, source}; prints one JSON line per source with its outcome, then the peak RSS.
import { readImage } from '../../../src/image/index.js'

const jobs = JSON.parse(process.argv[2]) as { name: string; source: string }[]
for (const { name, source } of jobs) {
  try {
    const scan = await readImage(source)
    console.log(
      JSON.stringify({
        name,
        ok: true,
        packages: scan.packages.map(p => p.purl),
        warnings: scan.warnings
      })
    )
  } catch (error) {
    const e = error as Error
    console.log(JSON.stringify({ name, ok: false, error: { name: e?.name, message: e?.message } }))
  }
}
console.log(JSON.stringify({ maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }))
