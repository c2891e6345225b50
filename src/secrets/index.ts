// Public surface of the secrets engine.
import type { Finding } from '../model/finding.js'
import { scanText, type Suppressed } from './scan.js'
import { resolveSecretsSettings, type SecretsSettings } from './settings.js'

export { detectSecretsInValue, type SecretMatch } from './value.js'
export { secretRules } from './meta.js'
export { parseSecretsSettings, type SecretsSettings } from './settings.js'

/** One file's content → findings, and the findings an inline comment or an allow entry suppressed. */
export function scanContent(
  path: string,
  content: Buffer | string,
  settings: SecretsSettings
): { findings: Finding[]; suppressed: Suppressed[] } {
  const buffer = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
  const { findings, suppressed } = scanText(path, buffer, resolveSecretsSettings(settings))
  return { findings, suppressed }
}
export { scanSecretsInPaths } from './paths.js'
export {
  MAX_HISTORY_COMMITS,
  parseCommitRange,
  scanSecretsInHistory,
  type CommitRange,
  type HistoryScan
} from './history.js'
export { createImageSecretScanner, type ImageFileVisit, type ImageFacts } from './image.js'
