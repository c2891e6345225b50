// Report channels on large finding sets: how long each renderer takes and how
// big its output is. Inputs are generated here (no prerequisites).
// Run: npx tsx bench/report.bench.ts
import { performance } from 'node:perf_hooks'
import { evaluateGate } from '../src/gate/evaluate.js'
import { makeFingerprint } from '../src/model/fingerprint.js'
import { sortFindings, type Finding, type Severity } from '../src/model/finding.js'
import {
  buildSarif,
  planAnnotations,
  renderJson,
  renderSummary,
  renderText,
  serializeJson
} from '../src/report/index.js'
import { redactReport } from '../src/report/redact.js'
import type { ReportInput } from '../src/report/types.js'

const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info']

function findings(n: number): Finding[] {
  const out: Finding[] = []
  for (let i = 0; i < n; i++) {
    const severity = SEVERITIES[i % 5] as Severity
    if (i % 3 === 0) {
      const id = `CVE-2024-${10000 + (i % 4000)}`
      out.push({
        check: 'vulnerabilities',
        ruleId: 'vulnerable-package',
        severity,
        title: `${id} in lib${i} 1.${i}`,
        message: `lib${i} 1.${i} is affected by ${id}: heap overflow in the parser. Fixed in 1.${i + 1}.`,
        location: { path: 'ghcr.io/acme/shop:1.4.2' },
        help: `Upgrade lib${i} to 1.${i + 1} or later.`,
        fingerprint: makeFingerprint('vulnerabilities', id, `lib${i}`),
        properties: { ecosystem: 'Debian:12', location: '/var/lib/dpkg/status', layerIndex: 2 },
        vulnerability: {
          vulnerabilityId: id,
          aliases: [],
          package: `lib${i}`,
          version: `1.${i}`,
          fixedVersion: `1.${i + 1}`,
          ecosystem: 'Debian:12',
          purl: `pkg:deb/debian/lib${i}@1.${i}`
        }
      })
    } else {
      out.push({
        check: i % 3 === 1 ? 'dockerfile' : 'secrets',
        ruleId: i % 3 === 1 ? 'runs-as-root' : 'generic-api-key',
        severity,
        title: 'A realistic title of moderate length',
        message: `Line ${i} of the file does something the rule flags; here is why, in a sentence or two.`,
        location: { path: `services/svc-${i % 80}/Dockerfile`, line: (i % 900) + 1, column: 3 },
        help: 'Fix it like this: a paragraph of help text that a rule would carry. '.repeat(3),
        fingerprint: makeFingerprint('x', String(i))
      })
    }
  }
  return sortFindings(out)
}

function input(n: number): ReportInput {
  const list = findings(n)
  return {
    toolVersion: '0.1.0',
    findings: list,
    suppressed: [],
    rules: [],
    gate: evaluateGate(list, 'high'),
    checksRun: ['dockerfile', 'secrets', 'vulnerabilities'],
    warnings: [],
    stats: {},
    links: { serverUrl: 'https://github.com', repository: 'acme/shop', sha: 'a'.repeat(40) },
    targets: { dockerfiles: ['Dockerfile'], image: 'ghcr.io/acme/shop:1.4.2', secretsPaths: ['.'] }
  }
}

function time<T>(label: string, run: () => T, size: (t: T) => number): void {
  run() // warm-up
  const runs = 3
  let result: T = run()
  const start = performance.now()
  for (let i = 0; i < runs; i++) result = run()
  const ms = (performance.now() - start) / runs
  console.log(
    `${label.padEnd(40)} ${ms.toFixed(1).padStart(8)} ms   ${(size(result) / 1024).toFixed(0).padStart(8)} KiB`
  )
}

for (const n of [1_000, 25_000, 100_000]) {
  // Redaction runs once per report (the channels share its result): measured cold, on its own.
  const cold = input(n)
  const started = performance.now()
  redactReport(cold)
  console.log(
    `\n${n} findings\n${'redactReport (once per report, cold)'.padEnd(40)} ${(performance.now() - started).toFixed(1).padStart(8)} ms`
  )
  const data = input(n)
  time(
    'planAnnotations',
    () => planAnnotations(data),
    r => Buffer.byteLength(JSON.stringify(r))
  )
  time(
    'renderSummary (1 MiB cap)',
    () => renderSummary(data),
    r => Buffer.byteLength(r)
  )
  time(
    'buildSarif + JSON.stringify',
    () => JSON.stringify(buildSarif(data)),
    r => Buffer.byteLength(r)
  )
  time(
    'renderJson + serializeJson',
    () => serializeJson(renderJson(data)),
    r => Buffer.byteLength(r)
  )
  time(
    'renderText',
    () => renderText(data),
    r => Buffer.byteLength(r)
  )
}
