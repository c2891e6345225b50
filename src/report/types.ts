import type { GateOutcome } from '../gate/evaluate.js'
import type { CheckId, Finding, RuleMeta } from '../model/finding.js'
import type { ReportTable } from '../model/check.js'
import type { SuppressedFinding } from '../model/ignore.js'

export type { SuppressedFinding } from '../model/ignore.js'

/** Where findings can link to: the exact line of the scanned commit on GitHub. */
export interface SourceLinks {
  serverUrl: string
  repository: string
  sha: string
}

/** Everything a reporter needs; reporters are pure functions of this. */
export interface ReportInput {
  toolVersion: string
  /** After ignores, in canonical order (sortFindings). */
  findings: Finding[]
  suppressed: SuppressedFinding[]
  rules: RuleMeta[]
  gate: GateOutcome
  /** The checks that actually ran (a check that was off is not "clean"). */
  checksRun: CheckId[]
  /** One line each: skipped files, expired ignores, globs that matched nothing, … */
  warnings: string[]
  stats: Partial<Record<CheckId, Record<string, number>>>
  /** Tables checks add under their findings in the summary. */
  tables?: ReportTable[]
  links?: SourceLinks
  /** What was scanned, for the summary header (image reference, Dockerfiles, secret paths). */
  targets: { dockerfiles: string[]; image?: string; secretsPaths: string[] }
  /**
   * SARIF category prefix (default `container-gate`): each run's
   * automationDetails.id is `<category>/<check>/`. Set it per matrix leg
   * (e.g. per image) so uploads from one workflow do not replace each other.
   */
  sarifCategory?: string
}

/**
 * On pull requests: the findings that were already there and where that was
 * learnt (the base commit's scan, the baseline file), so a `gate-on: new`
 * verdict can say what it did not count. Finding objects are the report's.
 */
export interface BaselineComparison {
  gateOn: 'all' | 'new'
  added: Finding[]
  existing: Finding[]
  /** Of `existing`: those the base commit has (when it was scanned). */
  onBaseCommit: Finding[]
  /** Of `existing`: those the baseline file lists (when there is one). */
  inBaselineFile: Finding[]
  /** The scanned base commit (full sha). */
  baseSha?: string
  /** The baseline file as the user named it. */
  baselineFile?: string
}
