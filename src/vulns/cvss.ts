// CVSS base scores computed from the vector strings OSV records carry
// (OSV stores vectors, not scores). v3.0/v3.1 use the specification's
// formula, v2 its formula, v4 the specification's MacroVector method (cvss4.ts).
import type { Severity } from '../model/finding.js'
import { cvss4BaseScore } from './cvss4.js'

export interface CvssScore {
  version: '2.0' | '3.0' | '3.1' | '4.0'
  score: number
  vector: string
}

function parseMetrics(parts: readonly string[]): Map<string, string> | undefined {
  const metrics = new Map<string, string>()
  for (const part of parts) {
    const [key, value, extra] = part.split(':')
    if (!key || !value || extra !== undefined || metrics.has(key)) return undefined
    metrics.set(key, value)
  }
  return metrics
}

const V3 = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 }
} as const

function pick<T extends Record<string, number>>(table: T, key: string | undefined): number {
  if (key === undefined || !(key in table)) throw new Error('bad metric')
  return table[key as keyof T] as number
}

/** CVSS v3.1 Roundup: the smallest one-decimal number ≥ x, robust to float noise. */
function roundUp31(x: number): number {
  const scaled = Math.round(x * 100000)
  return scaled % 10000 === 0 ? scaled / 100000 : (Math.floor(scaled / 10000) + 1) / 10
}

/** Base score of a `CVSS:3.0/…` or `CVSS:3.1/…` vector; undefined when malformed. */
export function cvss3BaseScore(vector: string): number | undefined {
  const parts = vector.trim().split('/')
  const head = parts.shift()
  if (head !== 'CVSS:3.0' && head !== 'CVSS:3.1') return undefined
  const m = parseMetrics(parts)
  if (!m) return undefined
  try {
    const changed = m.get('S') === 'C'
    if (!changed && m.get('S') !== 'U') return undefined
    const pr = m.get('PR')
    const prValue =
      pr === 'N'
        ? 0.85
        : pr === 'L'
          ? changed
            ? 0.68
            : 0.62
          : pr === 'H'
            ? changed
              ? 0.5
              : 0.27
            : NaN
    if (Number.isNaN(prValue)) return undefined
    const c = pick(V3.CIA, m.get('C'))
    const i = pick(V3.CIA, m.get('I'))
    const a = pick(V3.CIA, m.get('A'))
    const iss = 1 - (1 - c) * (1 - i) * (1 - a)
    const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss
    const exploitability =
      8.22 *
      pick(V3.AV, m.get('AV')) *
      pick(V3.AC, m.get('AC')) *
      prValue *
      pick(V3.UI, m.get('UI'))
    if (impact <= 0) return 0
    const round = head === 'CVSS:3.1' ? roundUp31 : (x: number) => Math.ceil(x * 10 - 1e-9) / 10
    return changed
      ? round(Math.min(1.08 * (impact + exploitability), 10))
      : round(Math.min(impact + exploitability, 10))
  } catch {
    return undefined
  }
}

const V2 = {
  AV: { L: 0.395, A: 0.646, N: 1.0 },
  AC: { H: 0.35, M: 0.61, L: 0.71 },
  Au: { M: 0.45, S: 0.56, N: 0.704 },
  CIA: { N: 0, P: 0.275, C: 0.66 }
} as const

/** Base score of a CVSS v2 vector (`AV:N/AC:L/Au:N/C:P/I:P/A:P`, optionally with `(…)`). */
export function cvss2BaseScore(vector: string): number | undefined {
  const text = vector
    .trim()
    .replace(/^\(|\)$/g, '')
    .replace(/^CVSS:2\.0\//, '')
  const m = parseMetrics(text.split('/'))
  if (!m) return undefined
  try {
    const impact =
      10.41 *
      (1 -
        (1 - pick(V2.CIA, m.get('C'))) *
          (1 - pick(V2.CIA, m.get('I'))) *
          (1 - pick(V2.CIA, m.get('A'))))
    const exploitability =
      20 * pick(V2.AV, m.get('AV')) * pick(V2.AC, m.get('AC')) * pick(V2.Au, m.get('Au'))
    const f = impact === 0 ? 0 : 1.176
    const score = (0.6 * impact + 0.4 * exploitability - 1.5) * f
    return Math.round(score * 10 + 1e-9) / 10
  } catch {
    return undefined
  }
}

/** Scores already computed in this run, by type and vector (a few hundred vectors cover OSV). */
export type CvssMemo = Map<string, CvssScore | undefined>

/** Score one OSV `severity[]` entry; undefined for other types or malformed vectors. */
export function scoreSeverityEntry(
  type: string,
  vector: string,
  memo?: CvssMemo
): CvssScore | undefined {
  if (!memo) return scoreEntry(type, vector)
  const key = `${type}\u0000${vector}`
  if (memo.has(key)) return memo.get(key)
  const score = scoreEntry(type, vector)
  memo.set(key, score)
  return score
}

function scoreEntry(type: string, vector: string): CvssScore | undefined {
  if (type === 'CVSS_V4') {
    const score = cvss4BaseScore(vector)
    return score === undefined ? undefined : { version: '4.0', score, vector }
  }
  if (type === 'CVSS_V3') {
    const score = cvss3BaseScore(vector)
    if (score === undefined) return undefined
    return { version: vector.startsWith('CVSS:3.0') ? '3.0' : '3.1', score, vector }
  }
  if (type === 'CVSS_V2') {
    const score = cvss2BaseScore(vector)
    return score === undefined ? undefined : { version: '2.0', score, vector }
  }
  return undefined
}

/** The qualitative rating of a v3/v4 score (v2 has no critical: capped at high). */
export function severityForScore(score: number, version: CvssScore['version']): Severity {
  if (version === '2.0') return score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low'
  if (score >= 9) return 'critical'
  if (score >= 7) return 'high'
  if (score >= 4) return 'medium'
  if (score > 0) return 'low'
  return 'info'
}

/**
 * Textual severities found in OSV records: GHSA `database_specific.severity`
 * (LOW, MODERATE, HIGH, CRITICAL), Ubuntu priorities (negligible … critical),
 * Debian urgencies (unimportant, low, medium, high).
 */
export function severityForLabel(label: string): Severity | undefined {
  switch (label.trim().toUpperCase()) {
    case 'CRITICAL':
      return 'critical'
    case 'HIGH':
    case 'IMPORTANT':
      return 'high'
    case 'MODERATE':
    case 'MEDIUM':
      return 'medium'
    case 'LOW':
      return 'low'
    case 'NEGLIGIBLE':
    case 'UNIMPORTANT':
    case 'NONE':
      return 'info'
    default:
      return undefined
  }
}
