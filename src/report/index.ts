// The report channels: pure functions of ReportInput (src/report/types.ts).
// None of them can change the verdict; main/cli do the I/O.

export {
  planAnnotations,
  planWarningAnnotations,
  DEFAULT_ANNOTATION_LIMITS,
  type Annotation,
  type AnnotationLimits
} from './annotations.js'
export { renderSummary, SUMMARY_MAX_BYTES, type SummaryOptions } from './summary.js'
export {
  buildSarif,
  FINGERPRINT_KEY,
  SARIF_MAX_GZIP_BYTES,
  SARIF_MAX_LOCATIONS_PER_RESULT,
  SARIF_MAX_RESULTS_PER_RUN,
  sarifLeftOutLines,
  securitySeverity,
  serializeSarif,
  type SarifOptions
} from './sarif.js'
export { renderText, type TextOptions } from './text.js'
export {
  renderJson,
  serializeJson,
  type JsonReport,
  type JsonFinding,
  type JsonSuppressedFinding,
  type JsonSeverityCounts
} from './json.js'
export { actionOutputs } from './outputs.js'
export { levelOf } from './common.js'
export type { ReportInput, SourceLinks, SuppressedFinding } from './types.js'
