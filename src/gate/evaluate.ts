import {
  CHECKS,
  meetsThreshold,
  SEVERITIES,
  type CheckId,
  type Finding,
  type Severity,
  type Threshold
} from '../model/finding.js'

export type SeverityCounts = Record<Severity, number>

export interface GateOutcome {
  passed: boolean
  /** The global `fail-on`. */
  failOn: Threshold
  /** The threshold that applies to each check (per-check override or the global one). */
  thresholds: Record<CheckId, Threshold>
  /** The findings at or above their check's threshold, most severe first: why the gate failed. */
  tripped: Finding[]
  counts: Record<CheckId, SeverityCounts>
  totals: SeverityCounts
}

export function emptyCounts(): SeverityCounts {
  return Object.fromEntries(SEVERITIES.map(s => [s, 0])) as SeverityCounts
}

/**
 * The verdict. Pure: the findings given are those left after ignores; the
 * gate fails when any of them is at or above its check's threshold, or when
 * its check marked it as failing the gate whatever its severity
 * (`properties.failsGate`, the reason: a vulnerability in CISA's KEV catalog).
 */
export function evaluateGate(
  findings: readonly Finding[],
  failOn: Threshold,
  overrides: Partial<Record<CheckId, Threshold>> = {}
): GateOutcome {
  const thresholds = Object.fromEntries(
    CHECKS.map(check => [check, overrides[check] ?? failOn])
  ) as Record<CheckId, Threshold>
  const counts = Object.fromEntries(CHECKS.map(check => [check, emptyCounts()])) as Record<
    CheckId,
    SeverityCounts
  >
  const totals = emptyCounts()
  const tripped: Finding[] = []
  for (const finding of findings) {
    counts[finding.check][finding.severity]++
    totals[finding.severity]++
    const marked = typeof finding.properties?.failsGate === 'string'
    if (marked || meetsThreshold(finding.severity, thresholds[finding.check])) tripped.push(finding)
  }
  return { passed: tripped.length === 0, failOn, thresholds, tripped, counts, totals }
}

/**
 * Why the tripped findings fail the gate, in words, for every report:
 * "2 findings at or above high", or, when some fail by their own mark
 * (KEV-listed, over fail-on-epss) below the threshold, "3 findings fail the
 * gate: 1 at or above high, 1 in CISA's KEV catalog, 1 over fail-on-epss".
 * `above` names the threshold as the report shows it ("the threshold", "**high**").
 */
export function describeTripped(
  tripped: readonly Finding[],
  thresholds: Record<CheckId, Threshold>,
  above: string
): string {
  let byThreshold = 0
  let kev = 0
  let epss = 0
  for (const f of tripped) {
    if (meetsThreshold(f.severity, thresholds[f.check])) byThreshold++
    else if (f.properties?.kev === true) kev++
    else epss++
  }
  const count = (n: number): string => `${n} ${n === 1 ? 'finding' : 'findings'}`
  if (kev === 0 && epss === 0) return `${count(byThreshold)} at or above ${above}`
  const parts = [
    byThreshold > 0 ? `${byThreshold} at or above ${above}` : '',
    kev > 0 ? `${kev} in CISA's KEV catalog` : '',
    epss > 0 ? `${epss} over fail-on-epss` : ''
  ].filter(Boolean)
  const verb = tripped.length === 1 ? 'fails' : 'fail'
  return `${count(tripped.length)} ${verb} the gate: ${parts.join(', ')}`
}
