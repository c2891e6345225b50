// The signatures check's public surface. Nothing here loads the Sigstore
// libraries: check.ts imports them only when verification runs.

import type { RuleMeta } from '../model/finding.js'
import { SIGNATURE_RULES } from './rules.js'

export { runSignaturesCheck } from './check.js'
export type {
  ImageTrust,
  SignatureFinding,
  SignaturesInputs,
  SignaturesResult,
  VerifyMode
} from './check.js'
export {
  DEFAULT_SIGNATURES_SETTINGS,
  parseSignaturesSettings,
  type SignaturesSettings
} from './settings.js'
export { SIGNATURE_RULES, SIGNATURES_CHECK, type SignatureRuleId } from './rules.js'
export type { SignaturePolicy, PresetName, Requirement } from './policy.js'
export type { TrustRootSource } from './trust.js'

/** Rule descriptors for SARIF and the docs (check is 'signatures'). */
export const signatureRules = SIGNATURE_RULES as readonly (Omit<RuleMeta, 'check'> & {
  check: 'signatures'
})[]
