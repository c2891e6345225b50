import type { ReportInput } from './types.js'

/**
 * The action's outputs (all strings, as core.setOutput stores them):
 * `passed` (`true`/`false`), `findings` (findings left after ignores, every
 * severity), and the count per severity. `sarif-file` and `sbom-file` are
 * set by main once those files are written.
 */
export function actionOutputs(input: ReportInput): Record<string, string> {
  const totals = input.gate.totals
  return {
    passed: String(input.gate.passed),
    findings: String(input.findings.length),
    critical: String(totals.critical),
    high: String(totals.high),
    medium: String(totals.medium),
    low: String(totals.low)
  }
}
