// Lints every Dockerfile of the shared corpus in one process and prints the
// wall time (goal: ≤ 2 s for the 995 files). Skips with a message when the
// corpus (../shared) is absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { lintDockerfile } from '../src/dockerfile/index.js'

const corpus =
  process.env.DOCKERFILE_CORPUS ??
  join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'dockerfiles')

if (!existsSync(corpus)) {
  console.log(`dockerfile bench: skipped, corpus not found at ${corpus}`)
} else {
  const names = readdirSync(corpus)
    .filter(name => name !== 'MANIFEST.tsv')
    .sort()
  const texts = names.map(name => ({ name, text: readFileSync(join(corpus, name), 'utf8') }))
  const bytes = texts.reduce((sum, f) => sum + f.text.length, 0)
  const byRule = new Map<string, number>()
  let findings = 0
  const started = performance.now()
  for (const { name, text } of texts) {
    const result = lintDockerfile(name, text, {})
    findings += result.findings.length
    for (const finding of result.findings)
      byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1)
  }
  const wall = performance.now() - started
  console.log(
    `dockerfile bench: ${texts.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${findings} findings`
  )
  console.log(
    `dockerfile bench: wall ${(wall / 1000).toFixed(3)} s (goal ≤ 2 s), ${(wall / texts.length).toFixed(2)} ms/file`
  )
  for (const [rule, count] of [...byRule].sort((a, b) => b[1] - a[1]))
    console.log(`  ${rule.padEnd(28)} ${count}`)
}
