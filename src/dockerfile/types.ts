import type { PropertyValue, Severity } from '../model/finding.js'
import type { SecretMatch as ValueSecretMatch } from '../secrets/value.js'
import type { DockerfileModel } from './model.js'
import type { DockerfileSettings } from './settings.js'

export interface DockerfileContext {
  /** The built image's config User when the image was also scanned: undefined = not scanned; '' = image sets no User (root). */
  imageUser?: string
}

/** What a by-value secret detector reports: the secrets engine's `SecretMatch` (one type, not a copy). */
export type { SecretMatch as ValueSecretMatch } from '../secrets/value.js'

export type ValueSecretDetector = (
  value: string,
  opts?: { key?: string; path?: string }
) => ValueSecretMatch[]

/** A rule's output before severity, fingerprint and ignores are applied. */
export interface RuleHit {
  ruleId: string
  line: number
  endLine?: number
  message: string
  /** Normalised content that identifies what is flagged (fingerprint part; never a line number). */
  key: string
  title?: string
  help?: string
  /** Instead of the rule's default (a configured override still wins). */
  severity?: Severity
  properties?: Record<string, PropertyValue>
}

export interface RuleInput {
  model: DockerfileModel
  settings: DockerfileSettings
  path: string
  context: DockerfileContext
  detectValueSecrets: ValueSecretDetector
}
