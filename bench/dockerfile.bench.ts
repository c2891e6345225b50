// Lints every Dockerfile of the shared corpus in one process and prints the
// wall time (goal: ≤ 2.5 s cold for the 995 files, without ShellCheck); then
// ShellCheck on all their RUN scripts, timed separately (skipped when no
// shellcheck is installed); skips the corpus with a message when ../shared
// is absent. Then lints generated worst cases to show no blow-up.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { lintDockerfile, lintDockerfiles } from '../src/dockerfile/index.js'

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
  const lintAll = (count: boolean): number => {
    const started = performance.now()
    for (const { name, text } of texts) {
      const result = lintDockerfile(name, text, {})
      if (!count) continue
      findings += result.findings.length
      for (const f of result.findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1)
    }
    return performance.now() - started
  }
  // The first pass is what one action run pays (cold JIT); later passes show the steady state.
  const cold = lintAll(true)
  const warm = Math.min(lintAll(false), lintAll(false), lintAll(false))
  console.log(
    `dockerfile bench: ${texts.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${findings} findings`
  )
  console.log(
    `dockerfile bench: wall ${(cold / 1000).toFixed(3)} s for all files in one process, first pass, without ShellCheck (goal ≤ 2.5 s)`
  )
  console.log(
    `dockerfile bench: ${(warm / 1000).toFixed(3)} s warm (best of 3 more passes), ${((warm / texts.length) * 1000).toFixed(0)} µs/file`
  )
  for (const [rule, count] of [...byRule].sort((a, b) => b[1] - a[1]))
    console.log(`  ${rule.padEnd(30)} ${count}`)
  const started = performance.now()
  const checked = await lintDockerfiles(
    texts.map(({ name, text }) => ({ path: name, text })),
    { shellcheck: 'auto' }
  )
  const total = performance.now() - started
  if (checked.shellcheck.version === undefined)
    console.log('dockerfile bench: ShellCheck skipped (no shellcheck installed)')
  else {
    const sc = checked.results.reduce(
      (n, r) => n + r.findings.filter(f => /^SC\d+$/.test(f.ruleId)).length,
      0
    )
    console.log(
      `dockerfile bench: ShellCheck ${checked.shellcheck.version}: ${checked.shellcheck.scripts} RUN scripts in ${Math.ceil(checked.shellcheck.scripts / 200)} process(es), ${(checked.shellcheck.ms / 1000).toFixed(3)} s (lint + ShellCheck ${(total / 1000).toFixed(3)} s), ${sc} SC findings`
    )
  }
}

/** Generated pathological inputs: each finishes, with bounded output (times printed, not asserted). */
const DIGEST = 'sha256:' + 'f'.repeat(64)
const synthetic: [string, string][] = [
  [
    'RUN with 50,000 continuation lines',
    `FROM alpine@${DIGEST}\nRUN true \\\n${'  && echo x | tr x y \\\n'.repeat(50_000)}  && true\nUSER 1\n`
  ],
  [
    '20,000 instructions in 200 stages',
    Array.from({ length: 200 }, (_, s) =>
      [
        `FROM alpine@${DIGEST} AS s${s}`,
        ...Array.from({ length: 99 }, (_, i) => `ENV V${i}=$V${i}x`)
      ].join('\n')
    ).join('\n') + '\nUSER 1\n'
  ],
  [
    '50,000 nested ${A:-${B:-…}}',
    `FROM ${'${A:-'.repeat(50_000)}alpine${'}'.repeat(50_000)}\nUSER 1\n`
  ],
  [
    'heredoc of 50,000 lines',
    `FROM alpine@${DIGEST}\nRUN <<EOF\n${'apk add --no-cache curl\n'.repeat(50_000)}EOF\nUSER 1\n`
  ],
  [
    'a 3 MiB file (over the bound: refused, not parsed)',
    `FROM alpine@${DIGEST}\n${'# padding\n'.repeat(330_000)}`
  ]
]
for (const [name, text] of synthetic) {
  const started = performance.now()
  const result = lintDockerfile('synthetic', text, {})
  const took = performance.now() - started
  console.log(
    `dockerfile bench: ${name} (${(text.length / 1024 / 1024).toFixed(1)} MiB): ${(took / 1000).toFixed(3)} s, ${result.findings.length} findings`
  )
}
