// What a workflow asks of the pull-request features, parsed from the inputs.
import type { FilterMode } from './diff.js'
import type { Baseline } from './baseline.js'
import type { GateOn } from './gate-on.js'

export interface PullRequestSettings {
  /** Undefined: `added` on pull requests, `nofilter` on other events. */
  filterMode?: FilterMode
  gateOn: GateOn
  /** The committed baseline, already read (readBaselineFile) so a bad file fails before the scan. */
  baseline?: Baseline
  /** The baseline file as the user named it, for the summary and comment. */
  baselineName?: string
  prComment: boolean
  annotations: 'commands' | 'check-run'
  /** Tells matrix legs apart (comment marker, check-run name). Default: scanVariant (image, platform, Dockerfiles, secrets paths, config). */
  commentKey?: string
  githubToken?: string
  /** The config file in use, named in the comment's "accept this secret" hint. */
  configFile?: string
}
