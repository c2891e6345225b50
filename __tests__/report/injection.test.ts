// Scanned text must never reach the runner as a workflow command. The
// findings below carry command sequences in every field a scanned file,
// package database or image can influence; each renderer whose output can
// reach stdout is checked line by line, the way the runner reads it.

import { afterEach, describe, expect, it } from '@jest/globals'
import * as core from '@actions/core'
import type { Finding } from '../../src/model/finding.js'
import {
  buildSarif,
  planAnnotations,
  renderJson,
  renderSummary,
  renderText,
  serializeJson,
  type Annotation
} from '../../src/report/index.js'
import { makeInput, RAW_TOKEN, secretFinding, vulnFinding } from './sample.js'

const PAYLOADS = [
  '::set-output name=passed::true',
  '::add-mask::ghp_abc',
  '::stop-commands::tok123',
  'x%0A::error::forged',
  '##[error]forged v1 command',
  'line one\n::warning file=a::forged\r\n::notice::forged\rend',
  'sep\u2028::error::after-line-separator',
  'esc \u001b[31mred\u001b[0m and \u0085::debug::nel'
]

function hostileFindings(): Finding[] {
  const out: Finding[] = []
  PAYLOADS.forEach((payload, i) => {
    out.push({
      check: 'dockerfile',
      ruleId: 'runs-as-root',
      severity: 'high',
      title: `title ${payload}`,
      message: `RUN echo "${payload}"`,
      location: { path: `svc${i}/${payload}/Dockerfile`, line: i + 1 },
      help: `help ${payload}`,
      fingerprint: `fp${i}`.padEnd(32, '0'),
      properties: { instruction: payload }
    })
    const vuln = vulnFinding(`CVE-2024-${i}`, `pkg${payload}`, `1.0${payload}`, 'critical', '2.0')
    out.push({
      ...vuln,
      location: { path: `img:${payload}` },
      fingerprint: `v${i}`.padEnd(32, '0')
    })
  })
  out.push(secretFinding('github-token', '::add-mask::.env', 1, 1, RAW_TOKEN))
  return out
}

/**
 * The runner reads a line as a command when it starts with `::` (after
 * leading whitespace) or contains `##[` anywhere. Returns the offending lines.
 */
function commandLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter(line => /^\s*::/.test(line) || line.includes('##['))
}

let captured: string[] = []
const realWrite = process.stdout.write

function captureStdout(): void {
  captured = []
  process.stdout.write = ((chunk: unknown) => {
    captured.push(String(chunk))
    return true
  }) as typeof process.stdout.write
}

afterEach(() => {
  process.stdout.write = realWrite
})

/** Emit the way main.ts does, through the real @actions/core. */
function emit(annotations: Annotation[]): string {
  captureStdout()
  try {
    for (const a of annotations) {
      const props: core.AnnotationProperties = {
        title: a.title,
        file: a.file,
        startLine: a.startLine,
        endLine: a.endLine,
        startColumn: a.startColumn
      }
      if (a.level === 'error') core.error(a.message, props)
      else if (a.level === 'warning') core.warning(a.message, props)
      else core.notice(a.message, props)
    }
  } finally {
    process.stdout.write = realWrite
  }
  return captured.join('')
}

describe('workflow-command injection', () => {
  const input = makeInput({ findings: hostileFindings(), suppressed: [], failOn: 'none' })

  it('annotations, printed by @actions/core, are exactly one command line each', () => {
    const annotations = planAnnotations(input, { perLevel: 100, perJob: 100 })
    expect(annotations.length).toBe(hostileFindings().length)
    const out = emit(annotations)
    const lines = out.split(/\r?\n/).filter(Boolean)
    expect(lines).toHaveLength(annotations.length)
    for (const line of lines) {
      // Our command, and nothing the runner could read as a second or v1 command.
      expect(line).toMatch(
        /^::(error|warning|notice) title=[^:]*(,file=[^:]*,line=\d+(,endLine=\d+)?(,col=\d+)?)?::/
      )
      expect(line.includes('##[')).toBe(false)
      const data = line.slice(line.indexOf('::', 2) + 2)
      expect(data.includes('::')).toBe(false)
    }
  })

  it('the data and properties hold no unescaped line break or command after unescaping', () => {
    for (const a of planAnnotations(input, { perLevel: 100, perJob: 100 })) {
      for (const field of [a.title, a.file ?? '']) {
        expect(field).not.toMatch(/[\r\n\u2028\u2029\u0085\u001b]/)
        expect(field.includes('::')).toBe(false)
        expect(field.includes('##[')).toBe(false)
      }
      // The message may span lines we put there (Fix:, Where:), never a scanned line break.
      for (const line of a.message.split('\n')) expect(commandLines(line)).toEqual([])
      expect(a.message.split('\n').length).toBeLessThanOrEqual(3)
    }
  })

  it('the overflow notice is also inert', () => {
    const out = emit(planAnnotations(input))
    // 17 error-level findings: 10 shown, then the notice that counts the other 7.
    const lines = out.split(/\r?\n/).filter(Boolean)
    expect(lines).toHaveLength(11)
    expect(lines[10]).toMatch(/^::notice title=container-gate%3A 7 more findings not annotated::/)
    expect(commandLines(out.replace(/^::(error|warning|notice) [^\n]*?::/gm, ''))).toEqual([])
  })

  it('the text report has no command line and no terminal escape from scanned text', () => {
    for (const color of [false, true]) {
      const text = renderText(input, { color })
      expect(commandLines(text)).toEqual([])
      // Only our own colour codes (ESC[...m) remain, and none without colour.
      const escapes = text.match(/\u001b\[[0-9;]*m/g) ?? []
      if (!color) expect(escapes).toEqual([])
      expect(text.replace(/\u001b\[[0-9;]*m/g, '')).not.toContain('\u001b')
      expect(text).not.toMatch(/[\u2028\u2029\u0085\r]/)
    }
  })

  it('JSON serialised for stdout has no command line and parses back to the same data', () => {
    const report = renderJson(input)
    const text = serializeJson(report)
    expect(commandLines(text)).toEqual([])
    expect(JSON.parse(text)).toEqual(report)
    // The raw data itself is untouched (JSON is a data interface, not a log).
    expect(report.findings.some(f => f.message.includes('::set-output name=passed::true'))).toBe(
      true
    )
  })

  it('SARIF serialised for stdout (--format sarif) has no command line either', () => {
    const log = buildSarif(input)
    const text = serializeJson(log)
    expect(commandLines(text)).toEqual([])
    expect(JSON.parse(text)).toEqual(log)
    // Plain JSON.stringify would let a v1 command through: that is why serializeJson exists.
    expect(commandLines(JSON.stringify(log, null, 2)).length).toBeGreaterThan(0)
  })

  it('the job summary (a file, rendered as markdown) keeps scanned text inert too', () => {
    const summary = renderSummary(input)
    expect(summary).not.toContain('<script')
    // No raw tag or link from scanned text: angle brackets and brackets are escaped.
    expect(summary).not.toMatch(/\u001b/)
    expect(summary).not.toContain('\u2028')
  })
})
