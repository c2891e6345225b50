export { readPullRequestContext, type PullRequestContext } from './context.js'
export {
  addedLinesInPatch,
  changedLinesFromGit,
  DIFF_CONTEXT_LINES,
  FILTER_MODES,
  isDiffAddressable,
  parseFilterMode,
  parseUnifiedDiff,
  partitionByDiff,
  repoPath,
  type ChangedLines,
  type FilterMode
} from './diff.js'
export {
  buildBaseline,
  DEFAULT_BASELINE_FILE,
  mergeBaselines,
  parseBaseline,
  readBaselineFile,
  serializeBaseline,
  writeBaselineFile,
  splitNewExisting,
  vulnerabilityPackageKey,
  type Baseline
} from './baseline.js'
export { repositoryPrefix, withBaseCheckout } from './base-tree.js'
export { gateOnNewFindings, parseGateOn, type GateOn } from './gate-on.js'
export {
  commentMarker,
  MAX_COMMENT_CHARS,
  renderPrComment,
  runSummaryUrl,
  type PrCommentOptions
} from './comment.js'
