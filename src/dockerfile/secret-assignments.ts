// The ENV/ARG secret rules' shared reading: every assignment of ENV and ARG
// (ONBUILD included), judged by name (secret-names.ts) and by value (the
// secrets engine's detectors).

import { SEVERITY_RANK, type Severity } from '../model/finding.js'
import { redactSecret } from '../model/redact.js'
import { parseAssignments, type Instruction } from './model.js'
import { classifySecretName, isNonSecretValue } from './secret-names.js'
import type { RuleHit, RuleInput, ValueSecretMatch } from './types.js'

/** A default that shows the ARG is a setting, not a credential (`ARG MAX_TOKENS=4096`). */
function isSettingValue(value: string | undefined): boolean {
  if (value === undefined || value.trim() === '') return false
  if (/^(\$[A-Za-z_][A-Za-z0-9_]*|\$\{[^}]*\})+$/.test(value.trim())) return false
  return isNonSecretValue(value)
}

function safeDetect(input: RuleInput, value: string, key: string): ValueSecretMatch[] {
  try {
    return input.detectValueSecrets(value, { key, path: input.path })
  } catch {
    return []
  }
}

/** `$NAME`, `${NAME}`, `${NAME:-x}`: the one variable a value is made of. */
const PURE_REFERENCE =
  /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+][^}]*)?\})$/

export function secretHits(input: RuleInput, keyword: 'ENV' | 'ARG'): RuleHit[] {
  const hits: RuleHit[] = []
  const ruleId = keyword === 'ENV' ? 'secret-in-env' : 'secret-in-arg'
  for (const facts of input.stages) {
    // Build args declared so far in the stage (a global ARG counts once redeclared in the stage).
    const stageArgs = new Set<string>()
    facts.stage.instructions.forEach(instruction => {
      const target = instruction.trigger ?? instruction
      if (target.keyword === 'ARG' && !instruction.trigger)
        for (const { key } of parseAssignments(target.rest, 'ARG', input.model.escape))
          stageArgs.add(key)
      if (target.keyword === keyword)
        hits.push(...judge(input, instruction, target, keyword, ruleId, stageArgs))
    })
  }
  if (keyword === 'ARG') {
    for (const instruction of input.model.globalArgs)
      hits.push(...judge(input, instruction, instruction, 'ARG', ruleId, new Set()))
  }
  return hits
}

function judge(
  input: RuleInput,
  instruction: Instruction,
  target: Instruction,
  keyword: 'ENV' | 'ARG',
  ruleId: string,
  stageArgs: ReadonlySet<string>
): RuleHit[] {
  const hits: RuleHit[] = []
  const onbuild = instruction.trigger !== undefined
  const where = onbuild ? `ONBUILD ${keyword}` : keyword
  for (const { key, value } of parseAssignments(target.rest, keyword, input.model.escape)) {
    const verdict = classifySecretName(key)
    const literal = value !== undefined && !isNonSecretValue(value)
    // Known documentation examples (AWS's AKIA…EXAMPLE) come back as info: not a leak.
    const matches: ValueSecretMatch[] =
      value !== undefined && literal
        ? safeDetect(input, value, key).filter(m => m.severity !== 'info')
        : []
    // An ARG is flagged by name even without a default (the build arg is recorded in the
    // history), unless its default shows it is a setting: a number, boolean, path or placeholder.
    const byName = verdict.secret && (literal || (keyword === 'ARG' && !isSettingValue(value)))
    // BuildKit: `ENV X=${X}` copies a secret build ARG into the image config, where anyone reads it.
    const reference =
      keyword === 'ENV' && value !== undefined ? PURE_REFERENCE.exec(value.trim()) : null
    const promoted = reference ? (reference[1] ?? reference[2]) : undefined
    const promotesArg =
      promoted !== undefined && stageArgs.has(promoted) && classifySecretName(promoted).secret
        ? promoted
        : undefined
    if (!byName && matches.length === 0 && !promotesArg) continue
    const valueShown = value !== undefined && value !== '' ? ` = ${redactSecret(value)}` : ''
    const reasons: string[] = []
    if (byName) reasons.push(`the name ${verdict.reason}`)
    if (promotesArg && !byName)
      reasons.push(
        `it copies the build ARG ${promotesArg}, a secret by its name, into the image config`
      )
    if (matches.length > 0)
      reasons.push(
        `the secrets engine recognises the value (${matches.map(m => m.title).join(', ')})`
      )
    const risk =
      keyword === 'ENV'
        ? 'ENV values are stored in the image config and readable by anyone who pulls the image (docker inspect). Provide it at run time, or use RUN --mount=type=secret for build steps.'
        : `build args are recorded in the image history (docker history) even without a default. Use RUN --mount=type=secret,id=${key.toLowerCase()} and docker build --secret.`
    // By name: high. By value: the detector's confidence (critical for a provider token,
    // medium for a merely random-looking string); both: the higher.
    const severities: Severity[] = [
      ...(byName || promotesArg ? ['high' as const] : []),
      ...matches.map(m => m.severity)
    ]
    const severity = severities.reduce((a, b) => (SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a))
    hits.push({
      ruleId,
      severity,
      line: instruction.line,
      endLine: instruction.endLine,
      title: keyword === 'ENV' ? `Secret in ENV ${key}` : `Secret passed as build ARG ${key}`,
      message: `${where} ${key}${valueShown}: ${reasons.join(' and ')}; ${risk}`,
      key: `${where} ${key}`,
      ...(value !== undefined && value !== '' ? { secret: value } : {}),
      properties: {
        variable: key,
        ...(value !== undefined && value !== '' ? { redacted: redactSecret(value) } : {}),
        ...(matches.length > 0 ? { detectors: matches.map(m => m.ruleId) } : {}),
        ...(promotesArg ? { promotes: promotesArg } : {}),
        ...(onbuild ? { onbuild: true } : {})
      }
    })
  }
  return hits
}
