// detectSecretsInValue: one value (a Dockerfile ENV/ARG, an image config Env
// entry) with its optional name → the provider/generic/entropy detections.
import type { Severity } from '../model/finding.js'
import { redactSecret } from '../model/redact.js'
import { detectCandidates, ENTROPY_RULE, GENERIC_RULE, isHighEntropySecret } from './detect.js'
import { isCredentialName, looksLikeSecretValue } from './generic.js'
import { isKnownExample, isPlaceholder } from './placeholders.js'

export interface SecretMatch {
  ruleId: string
  title: string
  severity: Severity
  redacted: string
  start: number
  end: number
}

/** `$VAR`, `${VAR}`, `${VAR:-default}` and concatenations of them only. */
const ONLY_VARIABLES = /^(?:\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|[-_./:@])+$/

export function detectSecretsInValue(
  value: string,
  opts: { key?: string; path?: string } = {}
): SecretMatch[] {
  const unquoted = stripQuotes(value)
  if (unquoted.trim() === '' || ONLY_VARIABLES.test(unquoted)) return []
  if (isPlaceholder(unquoted) && !isKnownExample(unquoted)) return []
  const offset = value.indexOf(unquoted)
  const text = Buffer.from(unquoted, 'utf8').toString('latin1')
  const matches: SecretMatch[] = []
  // Provider rules (and generic assignments inside the value, e.g. a command line).
  for (const c of detectCandidates(text, { path: opts.path, generic: true, entropy: false })) {
    const secret = Buffer.from(c.secret, 'latin1').toString('utf8')
    const start = offset + Buffer.from(text.slice(0, c.start), 'latin1').toString('utf8').length
    matches.push({
      ruleId: c.ruleId,
      title: c.example ? `example ${c.title}` : c.title,
      severity: c.example ? 'info' : c.severity,
      redacted: redactSecret(secret),
      start,
      end: start + secret.length
    })
  }
  if (matches.length > 0) return matches
  const whole = { start: offset, end: offset + unquoted.length, redacted: redactSecret(unquoted) }
  const example = isKnownExample(unquoted)
  // The name says credential and the value looks like one.
  if (opts.key && isCredentialName(opts.key) && looksLikeSecretValue(unquoted, true, false)) {
    return [
      {
        ruleId: GENERIC_RULE.id,
        title: GENERIC_RULE.title,
        severity: example ? 'info' : GENERIC_RULE.severity,
        ...whole
      }
    ]
  }
  // Whatever the name: a random-looking bare value.
  if (
    !/\s/.test(unquoted) &&
    /^[A-Za-z0-9+/=_-]{20,256}$/.test(unquoted) &&
    isHighEntropySecret(unquoted)
  ) {
    return [
      {
        ruleId: ENTROPY_RULE.id,
        title: ENTROPY_RULE.title,
        severity: example ? 'info' : ENTROPY_RULE.severity,
        ...whole
      }
    ]
  }
  return []
}

function stripQuotes(value: string): string {
  const m = /^\s*(["'])(.*)\1\s*$/s.exec(value)
  return m ? m[2]! : value.trim()
}
