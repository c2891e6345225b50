// detectSecretsInValue: one value (a Dockerfile ENV/ARG, an image config Env
// entry) with its optional name → the provider/generic/entropy detections.
// The same vocabulary and detectors as a file scan, so `ENV X=…` in a
// Dockerfile and `X: …` in a compose file get the same verdict.
import type { Severity } from '../model/finding.js'
import { redactSecret } from '../model/redact.js'
import { Detector, ENTROPY_RULE, GENERIC_RULE, isHighEntropySecret, WEAK_RULE } from './detect.js'
import {
  classifyName,
  classifyValue,
  isKnownExample,
  isOnlyVariables,
  isTemplate
} from './vocabulary/index.js'

/** One detection in a value: what the Dockerfile rules and the image Env scan report. */
export interface SecretMatch {
  ruleId: string
  title: string
  severity: Severity
  redacted: string
  /** Offsets of the secret in the value as given. */
  start: number
  end: number
}

export function detectSecretsInValue(
  value: string,
  opts: { key?: string; path?: string; detector?: Detector } = {}
): SecretMatch[] {
  const unquoted = stripQuotes(value)
  if (unquoted.trim() === '' || isOnlyVariables(unquoted)) return []
  if (isTemplate(unquoted) && !isKnownExample(unquoted)) return []
  const offset = value.indexOf(unquoted)
  const text = Buffer.from(unquoted, 'utf8').toString('latin1')
  const matches: SecretMatch[] = []
  const detector = opts.detector ?? new Detector()
  // Provider rules (and assignments inside the value, e.g. a command line).
  for (const c of detector.detect(text, { path: opts.path, generic: true, entropy: false })) {
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
  // The name says credential (or a qualified one, password_super_secure): the value vocabulary decides.
  const name = opts.key ? classifyName(opts.key) : undefined
  if (name?.qualified) {
    const verdict = classifyValue(unquoted, { name: opts.key, quoted: true })
    if (verdict.verdict === 'secret')
      return [
        {
          ruleId: GENERIC_RULE.id,
          title: GENERIC_RULE.title,
          severity: example ? 'info' : GENERIC_RULE.severity,
          ...whole
        }
      ]
  }
  if (opts.key && name?.credential) {
    const verdict = classifyValue(unquoted, { name: opts.key, quoted: true })
    if (verdict.verdict === 'secret' || example)
      return [
        {
          ruleId: GENERIC_RULE.id,
          title: GENERIC_RULE.title,
          severity: example ? 'info' : GENERIC_RULE.severity,
          ...whole
        }
      ]
    if (verdict.verdict === 'weak')
      return [
        { ruleId: WEAK_RULE.id, title: WEAK_RULE.title, severity: WEAK_RULE.severity, ...whole }
      ]
    return []
  }
  // Whatever the name: a random-looking bare value (it persists in the image config).
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
