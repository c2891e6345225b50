// The contract between the engine and a check. The engine prepares what the
// checks share once (the Dockerfiles read, the one streamed pass over the
// image), then runs each registered check (src/checks.ts) and merges their
// results: severity overrides, ignores and the gate apply to all alike.
// Adding a check: a folder with its rules, settings parser and `Check`, its
// id in CHECKS (finding.ts) and one line in src/checks.ts.
import type { ConfigNode } from './config-node.js'
import type { ImageFileHook, ImageScan } from './image.js'
import type { CheckId, Finding, RuleMeta, Threshold } from './finding.js'
import type { SuppressedFinding } from './ignore.js'
import type { DockerfileSource, ScanOptions } from './scan.js'

/** A table a check adds to the job summary under its findings (cells are plain text, escaped there). */
export interface ReportTable {
  check: CheckId
  title: string
  columns: string[]
  rows: string[][]
}

/** What one check hands back to the engine. */
export interface CheckResult {
  check: CheckId
  findings: Finding[]
  /** Findings an inline comment (or a value-level ignore only this check can apply) accepted. */
  suppressed: SuppressedFinding[]
  rules: readonly RuleMeta[]
  /**
   * One line each, for the log, the summary and a warning annotation (bad file skipped, glob
   * matched nothing, …). A warning about a line of a file starts `file:line: `: the annotation
   * goes on that line.
   */
  warnings: string[]
  /** Counters worth showing in the summary (files scanned, skipped binaries, …). */
  stats: Record<string, number>
  /** Tables for the job summary (the signatures check's trust per image). */
  tables?: ReportTable[]
  /** A threshold the check's own config file sets (hadolint's failure-threshold); a configured one wins. */
  failOn?: Threshold
}

/** Per-run services a check may use. Nothing here outlives the run. */
export interface CheckContext {
  /** YYYY-MM-DD (UTC). */
  today: string
  /** Progress lines for the log (never scanned text). */
  log: (line: string) => void
  /**
   * The ignore entries only the check holding the value can decide
   * (`value-regex`): the reason when one accepts this finding of `value`.
   */
  ignoreByValue: (finding: Finding, value: string) => SuppressedFinding | undefined
}

export interface CheckInput<Settings, Hook> {
  /** This check's `checks.<id>` section, parsed. */
  settings: Settings
  options: ScanOptions
  /** Every Dockerfile the run names, read once (empty when none). */
  dockerfiles: readonly DockerfileSource[]
  /** The scanned image, when there is one. */
  image?: ImageScan
  /** What this check's image hook saw during the image pass (when it registered one). */
  imageHook?: Hook
  context: CheckContext
}

export interface Check<
  Settings = unknown,
  Hook extends ImageFileHook = ImageFileHook,
  Id extends CheckId = CheckId
> {
  readonly id: Id
  readonly rules: readonly RuleMeta[]
  /** `checks.<id>` of the config file (an empty node when absent). */
  parseSettings(node: ConfigNode): Settings
  /** Whether this run gives the check anything to look at (an off check is not "clean"). */
  enabled(options: ScanOptions): boolean
  /** What `enabled` waits for, as the input to set (`an image (image input, --image)`), for the warning when its section is set but it did not run. */
  readonly needs?: string
  /** Before the image is read: a hook that sees every file of every layer in the one pass. */
  imageHook?(settings: Settings, options: ScanOptions, context: CheckContext): Hook | undefined
  run(input: CheckInput<Settings, Hook>): Promise<CheckResult>
}

/** For the registry: a check of any settings type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCheck = Check<any, any>
