// lintDockerfile: bad-input detection, the rules, settings (disabled rules,
// severity overrides), inline suppressions, fingerprints.

import type { Finding, Severity } from '../model/finding.js'
import { compareFindings } from '../model/finding.js'
import { makeFingerprint, UNKEYED } from '../model/fingerprint.js'
import { replaceSecretsInText } from '../redact/index.js'
import { stageFacts, runFacts } from './facts.js'
import { parseDockerfile } from './model.js'
import { collectSuppressions, type Suppressions } from './pragmas.js'
import { RULES, RULES_BY_ID, buildkitNames, resolveRuleIds, SHELLCHECK_ID } from './registry.js'
import type { DockerfileSettings } from './settings.js'
import type {
  DockerfileContext,
  DockerfileRule,
  RuleHit,
  RuleInput,
  ValueSecretDetector
} from './types.js'

export interface DockerfileLintResult {
  findings: Finding[]
  /** Removed by inline ignore comments (the reason says which comment). */
  suppressed: { finding: Finding; reason: string }[]
  warnings: string[]
}

/** What the ShellCheck pass needs from a lint: the read model and how to turn hits into findings. */
export interface PreparedLint {
  input?: RuleInput
  suppressions?: Suppressions
  finish(extraHits: RuleHit[]): DockerfileLintResult
}

export function lintWith(
  path: string,
  text: string,
  settings: DockerfileSettings,
  context: DockerfileContext,
  detectValueSecrets: ValueSecretDetector
): DockerfileLintResult {
  return prepareLint(path, text, settings, context, detectValueSecrets).finish([])
}

export function prepareLint(
  path: string,
  text: string,
  settings: DockerfileSettings,
  context: DockerfileContext,
  detectValueSecrets: ValueSecretDetector
): PreparedLint {
  const severityOf = severityResolver(settings)
  const disabled = disabledRules(settings)
  const warnings: string[] = []
  const makeFinding = (hit: RuleHit, occurrence: number): Finding => {
    const rule = RULES_BY_ID.get(hit.ruleId)
    if (!rule && !SHELLCHECK_ID.test(hit.ruleId)) throw new Error(`unknown rule ${hit.ruleId}`)
    const aliases = rule?.aliases ?? []
    return {
      check: 'dockerfile',
      ruleId: hit.ruleId,
      severity: severityOf(hit.ruleId, hit.severity ?? rule?.severity ?? 'low'),
      title: hit.title ?? rule?.title ?? hit.ruleId,
      message: hit.message,
      location: {
        path,
        line: hit.line,
        ...(hit.endLine !== undefined && hit.endLine !== hit.line ? { endLine: hit.endLine } : {})
      },
      ...((hit.help ?? rule) ? { help: hit.help ?? `${rule?.help}\n\nFix: ${rule?.fix}` } : {}),
      fingerprint: makeFingerprint('dockerfile', hit.ruleId, path, hit.key, String(occurrence)),
      properties: {
        ...(aliases.length > 0 ? { aliases: [...aliases] } : {}),
        ...hit.properties
      }
    }
  }

  const badInput = inputProblem(text)
  if (badInput) {
    return {
      finish: () => {
        if (disabled.has('dockerfile-parse-error')) {
          warnings.push(`${path}: not linted: ${badInput.message}`)
          return { findings: [], suppressed: [], warnings }
        }
        const hit: RuleHit = {
          ruleId: 'dockerfile-parse-error',
          line: 1,
          message: `${path} is not a Dockerfile that can be built: ${badInput.message} (line 1). No rule was checked.`,
          key: badInput.message
        }
        return { findings: [makeFinding(hit, 0)], suppressed: [], warnings }
      }
    }
  }

  const model = parseDockerfile(text)
  const stages = stageFacts(model)
  const input: RuleInput = {
    model,
    settings,
    path,
    context,
    detectValueSecrets,
    stages,
    runs: runFacts(stages)
  }
  const suppressions = collectSuppressions(model, path, warnings, {
    inlineIgnores: settings.inlineIgnores !== false,
    hadolintPragmas: settings.hadolintPragmas !== false
  })
  const fingerprintKey = context.fingerprintKey ?? UNKEYED
  const finish = (extraHits: RuleHit[]): DockerfileLintResult => {
    let hits: RuleHit[] = []
    for (const rule of RULES) {
      if (!ruleEnabled(rule, settings, suppressions, disabled)) continue
      hits.push(...rule.check(input))
    }
    hits.push(...extraHits)
    // A secret value identifies its hit only through its keyed digest: a plain hash beside
    // the published preview and length would let anyone check guesses (FingerprintKey).
    // A credential inside an instruction's text (RUN curl -u user:pw …) counts the same way.
    const digest = (secret: string) => fingerprintKey.digest(secret)
    hits = hits
      .filter(hit => !disabled.has(hit.ruleId))
      .map(({ secret, ...hit }) => {
        const key = replaceSecretsInText(hit.key, digest)
        return { ...hit, key: secret === undefined ? key : `${key} ${digest(secret)}` }
      })
    const occurrences = new Map<string, number>()
    const findings: Finding[] = []
    const suppressed: { finding: Finding; reason: string }[] = []
    // Stable order before counting occurrences, so identical instructions get stable fingerprints.
    hits.sort(
      (a, b) =>
        a.line - b.line ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
    )
    for (const hit of hits) {
      const occurrenceKey = `${hit.ruleId}\u0000${hit.key}`
      const occurrence = occurrences.get(occurrenceKey) ?? 0
      occurrences.set(occurrenceKey, occurrence + 1)
      const finding = makeFinding(hit, occurrence)
      const reason = suppressions.reasonFor(hit.ruleId, hit.line)
      if (reason) suppressed.push({ finding, reason })
      else findings.push(finding)
    }
    findings.sort(compareFindings)
    return { findings, suppressed, warnings }
  }
  return { input, suppressions, finish }
}

/** Opt-in rules run when configured: hadolint's off-by-default ones, BuildKit experimental checks, label schema. */
function ruleEnabled(
  rule: DockerfileRule,
  settings: DockerfileSettings,
  suppressions: Suppressions,
  disabled: Set<string>
): boolean {
  if (disabled.has(rule.id)) return false
  if (rule.needsLabelSchema && !settings.labelSchema) return false
  if (!rule.optIn) return true
  if ((settings.enable ?? []).some(id => resolveRuleIds(id).includes(rule.id))) return true
  return buildkitNames(rule).some(
    name =>
      suppressions.experimental.has(name.toLowerCase()) || suppressions.experimental.has('all')
  )
}

/**
 * Empty, or clearly binary: one parse-error finding instead of rule noise. NUL
 * and other control characters inside an otherwise textual Dockerfile are just
 * characters: the file is linted.
 */
/** Real Dockerfiles are kilobytes; a bigger file is refused before parsing (parsing time grows with it). */
export const MAX_DOCKERFILE_CHARS = 2 * 1024 * 1024

function inputProblem(text: string): { message: string } | undefined {
  if (text.length > MAX_DOCKERFILE_CHARS)
    return {
      message: `the file is larger than ${MAX_DOCKERFILE_CHARS / 1024 / 1024} MiB, far more than any Dockerfile; not read`
    }
  if (text.trim() === '' || text === '\ufeff') return { message: 'the file is empty' }
  const sample = text.slice(0, 8192)
  // Control characters other than tab, LF, FF, CR, and replacement characters (what invalid UTF-8 becomes).
  const control = sample.match(/[\u0000-\u0008\u000b\u000e-\u001f\ufffd]/g)?.length ?? 0
  if (control > sample.length / 10) return { message: 'the file is binary (not text)' }
  return undefined
}

function severityResolver(
  settings: DockerfileSettings
): (ruleId: string, fallback: Severity) => Severity {
  const overrides = new Map<string, Severity>()
  for (const [id, severity] of Object.entries(settings.severity ?? {})) {
    for (const ruleId of resolveRuleIds(id)) overrides.set(ruleId, severity)
  }
  return (ruleId, fallback) => overrides.get(ruleId) ?? fallback
}

function disabledRules(settings: DockerfileSettings): Set<string> {
  return new Set((settings.disable ?? []).flatMap(id => resolveRuleIds(id)))
}
