// Does a Dockerfile variable NAME say it holds a credential, and is its VALUE
// a literal? Both answers come from the secrets vocabulary
// (src/secrets/vocabulary), the same one the secrets check uses for files,
// Kubernetes Secrets and image Env, so `ENV DB_PASSWORD=…` in a Dockerfile and
// `DB_PASSWORD: …` in a compose file get the same verdict.
import { Detector } from '../secrets/detect.js'
import {
  classifyName,
  classifyValue,
  isKnownExample,
  nameWords as words
} from '../secrets/vocabulary/index.js'

/** Splits `dbPassword`, `DB_PASSWORD`, `db-password`, `db.password` into upper-case words. */
export function nameWords(name: string): string[] {
  return words(name).map(word => word.toUpperCase())
}

export interface NameVerdict {
  secret: boolean
  /** Why (shown in docs/tests; e.g. "ends in TOKEN", "_FILE after PASSWORD: names a property of …"). */
  reason: string
}

export function classifySecretName(name: string): NameVerdict {
  const verdict = classifyName(name)
  return { secret: verdict.credential, reason: verdict.reason }
}

/**
 * Values that cannot be a hardcoded credential: empty, a `$VAR` reference or
 * template, a boolean or a small number, a path, a placeholder (`<token>`,
 * `your_token_here`), code, a hash. Defaults and weak passwords (`changeme`,
 * `postgres`, `hunter2`) are NOT in this class: they are literals, and a
 * Dockerfile bakes them into the image, so they stay flagged.
 */
export function isNonSecretValue(value: string): boolean {
  // A documented example key is still a literal (reported at info by the secrets check).
  if (isKnownExample(value.trim())) return false
  // A URL is not a credential, but the password in its user info is: the value detector reads it.
  if (/:\/\/[^/\s:@]*:[^/\s@]+@/.test(value)) return false
  // A provider-format token is a literal whatever shape it has (SG.xxx.yyy reads like a host name).
  const text = Buffer.from(value, 'utf8').toString('latin1')
  if (new Detector().detect(text, { generic: false, entropy: false }).length > 0) return false
  return classifyValue(value, { quoted: true }).verdict === 'none'
}
