// lintDockerfile: bad-input detection, the rules, settings (disabled rules,
// severity overrides), inline ignore comments, fingerprints.

import type { Finding, Severity } from '../model/finding.js'
import { compareFindings } from '../model/finding.js'
import { makeFingerprint } from '../model/fingerprint.js'
import { parseDockerfile, type DockerfileModel } from './model.js'
import {
  checkLatestTag,
  checkPinning,
  checkRoot,
  checkSecrets,
  checkRegistries,
  checkStructure
} from './rules-core.js'
import { checkInstructions } from './rules-instructions.js'
import { BUILDKIT_CHECKS, RULES_BY_ID, resolveRuleIds } from './rules-meta.js'
import type { DockerfileSettings } from './settings.js'
import type { DockerfileContext, RuleHit, RuleInput, ValueSecretDetector } from './types.js'

export interface DockerfileLintResult {
  findings: Finding[]
  /** Removed by inline ignore comments (the reason says which comment). */
  suppressed: { finding: Finding; reason: string }[]
  warnings: string[]
}

const RULE_CHECKS: ((input: RuleInput) => RuleHit[])[] = [
  checkPinning,
  checkLatestTag,
  checkRoot,
  checkSecrets,
  checkStructure,
  checkRegistries,
  checkInstructions
]

export function lintWith(
  path: string,
  text: string,
  settings: DockerfileSettings,
  context: DockerfileContext,
  detectValueSecrets: ValueSecretDetector
): DockerfileLintResult {
  const severityOf = severityResolver(settings)
  const disabled = disabledRules(settings)
  const warnings: string[] = []
  const makeFinding = (hit: RuleHit, occurrence: number): Finding => {
    const meta = RULES_BY_ID.get(hit.ruleId)
    if (!meta) throw new Error(`unknown rule ${hit.ruleId}`)
    return {
      check: 'dockerfile',
      ruleId: hit.ruleId,
      severity: severityOf(hit.ruleId, hit.severity ?? meta.defaultSeverity),
      title: hit.title ?? meta.title,
      message: hit.message,
      location: {
        path,
        line: hit.line,
        ...(hit.endLine !== undefined && hit.endLine !== hit.line ? { endLine: hit.endLine } : {})
      },
      help: hit.help ?? meta.help,
      fingerprint: makeFingerprint('dockerfile', hit.ruleId, path, hit.key, String(occurrence)),
      properties: {
        ...(meta.aliases ? { aliases: meta.aliases } : {}),
        ...hit.properties
      }
    }
  }

  const badInput = inputProblem(text)
  let model: DockerfileModel | undefined
  if (!badInput) model = parseDockerfile(text)
  const problem = badInput ?? model?.problems[0]
  if (problem || !model) {
    if (disabled.has('dockerfile-parse-error')) {
      warnings.push(`${path}: not linted: ${problem?.message ?? 'cannot be parsed'}`)
      return { findings: [], suppressed: [], warnings }
    }
    const hit: RuleHit = {
      ruleId: 'dockerfile-parse-error',
      line: problem?.line ?? 1,
      message: `${path} is not a Dockerfile that can be built: ${problem?.message ?? 'cannot be parsed'} (line ${problem?.line ?? 1}). No other rule was checked.`,
      key: problem?.message ?? ''
    }
    return { findings: [makeFinding(hit, 0)], suppressed: [], warnings }
  }

  const input: RuleInput = { model, settings, path, context, detectValueSecrets }
  let hits: RuleHit[] = []
  for (const check of RULE_CHECKS) hits.push(...check(input))
  hits = hits.filter(hit => !disabled.has(hit.ruleId))
  // `image-latest-tag` repeats what base-image-not-pinned says; keep it only when that rule is off.
  if (!disabled.has('base-image-not-pinned'))
    hits = hits.filter(hit => hit.ruleId !== 'image-latest-tag')

  const occurrences = new Map<string, number>()
  const findings: Finding[] = []
  const suppressed: { finding: Finding; reason: string }[] = []
  const ignores =
    settings.inlineIgnores === false ? emptyIgnores() : collectIgnores(model, path, warnings)
  // Stable order before counting occurrences, so identical instructions get stable fingerprints.
  hits.sort((a, b) => a.line - b.line || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0))
  for (const hit of hits) {
    const occurrenceKey = `${hit.ruleId}\u0000${hit.key}`
    const occurrence = occurrences.get(occurrenceKey) ?? 0
    occurrences.set(occurrenceKey, occurrence + 1)
    const finding = makeFinding(hit, occurrence)
    const reason = ignores.reasonFor(hit.ruleId, hit.line)
    if (reason) suppressed.push({ finding, reason })
    else findings.push(finding)
  }
  findings.sort(compareFindings)
  return { findings, suppressed, warnings }
}

/** Empty, binary, or clearly not text: one parse-error finding instead of rule noise. */
function inputProblem(text: string): { line: number; message: string } | undefined {
  if (text.trim() === '' || text === '\ufeff') return { line: 1, message: 'the file is empty' }
  const sample = text.slice(0, 8192)
  if (sample.includes('\u0000'))
    return { line: 1, message: 'the file is binary (contains NUL bytes)' }
  let control = 0
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i)
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) || code === 0xfffd)
      control++
  }
  if (control > sample.length / 10) return { line: 1, message: 'the file is binary (not text)' }
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

// ---------------------------------------------------------------- inline ignores

interface Ignores {
  reasonFor(ruleId: string, line: number): string | undefined
}

function emptyIgnores(): Ignores {
  return { reasonFor: () => undefined }
}

/**
 * `# container-gate ignore=<id>[,<id>] [reason]` (or `# hadolint ignore=DLxxxx`)
 * in the comment block right above an instruction applies to that instruction's
 * lines; `# container-gate global ignore=…` / `# hadolint global ignore=…` to the file.
 */
const IGNORE_COMMENT =
  /^(container-gate|hadolint)\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)(.*)$/i

const CHECK_COMMENT = /^check\s*=\s*(.*)$/i

/** `skip=JSONArgsRecommended,SecretsUsedInArgOrEnv;error=true` → our ids. `skip=all` means BuildKit's checks, not ours. */
function buildkitSkips(value: string, reason: string): Map<string, string> {
  const ids = new Map<string, string>()
  for (const part of value.split(';')) {
    const [key, list] = part.split('=', 2).map(s => s.trim())
    if (key?.toLowerCase() !== 'skip' || !list) continue
    for (const name of list.split(',')) {
      for (const id of BUILDKIT_CHECKS[name.trim().toLowerCase()] ?? []) ids.set(id, reason)
    }
  }
  return ids
}

export function collectIgnores(model: DockerfileModel, path: string, warnings: string[]): Ignores {
  const global = new Map<string, string>()
  // Line → ids ignored there (every line of the instruction under the comment).
  const byLine = new Map<number, Map<string, string>>()
  const addLocal = (instructionIndex: number, ids: Map<string, string>): void => {
    const instruction = model.instructions[instructionIndex]
    for (let line = instruction.line; line <= instruction.endLine; line++) {
      const existing = byLine.get(line)
      if (existing) for (const [id, reason] of ids) existing.set(id, reason)
      else byLine.set(line, new Map(ids))
    }
  }
  for (const comment of model.comments) {
    const check = CHECK_COMMENT.exec(comment.text)
    if (check) {
      // BuildKit's `# check=skip=A,B`: file-wide as a directive at the top, else for the next instruction.
      const ids = buildkitSkips(check[1], `# ${comment.text} (line ${comment.line})`)
      if (comment.directive) for (const [id, reason] of ids) global.set(id, reason)
      else if (comment.attachedTo !== undefined) addLocal(comment.attachedTo, ids)
      continue
    }
    const match = IGNORE_COMMENT.exec(comment.text)
    if (!match) continue
    const [, tool, isGlobal, list] = match
    const comment_ = `# ${comment.text} (line ${comment.line})`
    const ids = new Map<string, string>()
    for (const raw of list.split(',').map(s => s.trim())) {
      const resolved =
        tool.toLowerCase() === 'hadolint' ? resolveRuleIds(raw.toUpperCase()) : resolveRuleIds(raw)
      if (resolved.length === 0) {
        // Unknown ids (e.g. hadolint's SC…/DL rules we do not implement) are not errors: they belong to another tool.
        if (tool.toLowerCase() !== 'hadolint') {
          warnings.push(`${path}:${comment.line}: ignore comment names unknown rule "${raw}"`)
        }
        continue
      }
      for (const id of resolved) ids.set(id, comment_)
    }
    if (isGlobal) {
      for (const [id, reason] of ids) global.set(id, reason)
    } else if (comment.attachedTo !== undefined) {
      addLocal(comment.attachedTo, ids)
    }
  }
  return {
    reasonFor(ruleId, line) {
      const local = byLine.get(line)?.get(ruleId)
      if (local) return `inline: ${local}`
      const reason = global.get(ruleId)
      return reason ? `inline (file-wide): ${reason}` : undefined
    }
  }
}
