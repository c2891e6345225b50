// Files this tool wrote: a second step in the same workspace (or a committed
// report) must not fail the gate on our own SARIF, JSON report, SBOM or job
// summary. Recognised by the signature every report starts with. Their
// findings are suppressed, not dropped: a file that merely imitates a report
// to hide a secret still shows it among the suppressed findings, with the reason.

const SIGNATURES: readonly RegExp[] = [
  // SARIF: the driver is container-gate.
  /"\$schema"\s*:\s*"[^"]*sarif[^"]*"[\s\S]{0,4000}?"driver"\s*:\s*\{\s*"name"\s*:\s*"container-gate"/,
  // JSON report (docs/json-report.schema.json): version, then tool.
  /^\s*\{\s*"version"\s*:\s*\d+\s*,\s*"tool"\s*:\s*\{\s*"name"\s*:\s*"container-gate"/,
  // CycloneDX SBOM written by container-gate.
  /"bomFormat"\s*:\s*"CycloneDX"[\s\S]{0,4000}?"tools"[\s\S]{0,400}?"name"\s*:\s*"container-gate"/,
  // Job summary / PR comment markdown, and the text report.
  /^(?:<!--[^\n]*-->\s*)*## [✅❌] container-gate: (?:passed|failed)/mu,
  /^container-gate \S+: (?:passed|failed)\b/i
]

/** True when `head` (the first bytes of a file, as text) is one of this tool's reports. */
export function isOwnReport(head: string): boolean {
  if (!head.includes('container-gate')) return false
  for (const signature of SIGNATURES) if (signature.test(head)) return true
  return false
}
