export {
  GitHubApiError,
  GitHubClient,
  type GitHubClientOptions,
  type WriteOptions
} from './client.js'
export { upsertStickyComment } from './comments.js'
export {
  ANNOTATIONS_PER_REQUEST,
  checkConclusion,
  clipSummary,
  findingsToCheckAnnotations,
  MAX_CHECK_SUMMARY_CHARS,
  publishCheckRun,
  type CheckAnnotation,
  type CheckRunRequest,
  type CheckRunResult
} from './checks.js'
export { changedLinesFromApi } from './files.js'
export {
  preparePullRequest,
  publishPullRequest,
  scanVariant,
  type PreparedPullRequest,
  type PublishedPullRequest,
  type PullRequestIo,
  type PullRequestSettings
} from './pull-request.js'
