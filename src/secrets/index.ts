// Public surface of the secrets engine.
export { detectSecretsInValue, type SecretMatch } from './value.js'
export { DETECTOR_RULE_IDS, secretRules, secretRuleAliases } from './meta.js'
export { parseSecretsSettings, type SecretsSettings } from './settings.js'
export type { SecretSuppressed } from './scan.js'
export { scanSecretsInPaths } from './paths.js'
export {
  MAX_HISTORY_COMMITS,
  parseCommitRange,
  scanSecretsInHistory,
  type CommitRange,
  type HistoryScan
} from './history.js'
export { createImageSecretScanner, type ImageFileVisit, type ImageFacts } from './image.js'
