// Inline suppressions, each exactly as its tool defines it:
// - hadolint: `# hadolint ignore=DL3008,SC2086` applies to the instruction on
//   the very next line; `# hadolint global ignore=…` to the file; `# hadolint
//   stage ignore=…` from the next line to the next FROM. The code list is
//   `DL`/`SC` codes separated by commas, optionally followed by `# comment`;
//   anything else (an unknown word, text after the codes without `#`) voids
//   the whole pragma, as hadolint's parser does.
// - BuildKit: `# check=skip=A,B;error=true` as a parser directive applies to
//   the file, as a comment right above an instruction to that instruction;
//   the value ends at the first blank (`skip=X // reason` skips X);
//   `skip=all` skips every BuildKit check; `experimental=…` turns on
//   experimental checks.
// - ours: `# container-gate ignore=<id>[,<id>] [reason]` in the comment block
//   right above an instruction (every line of it), `# container-gate global
//   ignore=…` for the file. Unknown ids are a warning.

import type { DockerfileModel } from './model.js'
import { HADOLINT_PRAGMA, hadolintCodes } from './pragma-grammar.js'
import { BUILDKIT_CHECKS, resolveRuleIds } from './registry.js'

export { hadolintCodes }

export interface Suppressions {
  /** Why a hit of this rule on this line is suppressed, or undefined. */
  reasonFor(ruleId: string, line: number): string | undefined
  /** Experimental BuildKit checks turned on by `# check=experimental=…`. */
  experimental: Set<string>
}

export interface PragmaOptions {
  /** false: no inline comment suppresses anything. */
  inlineIgnores: boolean
  /** false: hadolint's pragmas are not honoured (`disable-ignore-pragma` in .hadolint.yaml). */
  hadolintPragmas: boolean
}

const OURS =
  /^(?:container-gate)\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)(.*)$/i
const CHECK = /^check\s*=\s*(.*)$/i

/** `skip=A,B;error=true // reason` → the settings BuildKit reads (the value ends at the first blank). */
export function parseCheckDirective(value: string): { skip: string[]; experimental: string[] } {
  const text = value.trim().split(/\s/)[0] ?? ''
  const skip: string[] = []
  const experimental: string[] = []
  for (const part of text.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const key = part.slice(0, eq).trim().toLowerCase()
    const names = part
      .slice(eq + 1)
      .split(',')
      .map(n => n.trim())
      .filter(Boolean)
    if (key === 'skip') skip.push(...names)
    if (key === 'experimental') experimental.push(...names)
  }
  return { skip, experimental }
}

function buildkitRuleIds(names: string[]): string[] {
  if (names.some(n => n.toLowerCase() === 'all')) return [...BUILDKIT_CHECKS.values()].flat()
  return names.flatMap(name => BUILDKIT_CHECKS.get(name.toUpperCase()) ?? [])
}

export function collectSuppressions(
  model: DockerfileModel,
  path: string,
  warnings: string[],
  options: PragmaOptions
): Suppressions {
  const global = new Map<string, string>()
  const byLine = new Map<number, Map<string, string>>()
  const experimental = new Set<string>()
  /** hadolint stage ignores: key line → codes; FROM lines start an empty entry. */
  const stageKeys = new Map<number, Map<string, string>>()
  const addAt = (line: number, ids: Map<string, string>): void => {
    const existing = byLine.get(line)
    if (existing) for (const [id, reason] of ids) existing.set(id, reason)
    else byLine.set(line, new Map(ids))
  }
  const addToInstruction = (index: number, ids: Map<string, string>): void => {
    const instruction = model.instructions[index]
    for (let line = instruction.line; line <= instruction.endLine; line++) addAt(line, ids)
  }
  for (const comment of model.comments) {
    const where = `# ${comment.text.slice(0, 200)} (line ${comment.line})`
    const check = CHECK.exec(comment.text)
    if (check) {
      const parsed = parseCheckDirective(check[1])
      for (const name of parsed.experimental) experimental.add(name.toLowerCase())
      if (!options.inlineIgnores) continue
      const ids = new Map(buildkitRuleIds(parsed.skip).map(id => [id, where]))
      if (comment.directive) for (const [id, reason] of ids) global.set(id, reason)
      else if (comment.attachedTo !== undefined) addToInstruction(comment.attachedTo, ids)
      continue
    }
    const hadolint = HADOLINT_PRAGMA.exec(comment.text)
    if (hadolint) {
      const codes = hadolintCodes(hadolint[2])
      if (!codes) continue
      if (!options.inlineIgnores || !options.hadolintPragmas) continue
      const ids = new Map(codes.flatMap(code => resolveRuleIds(code)).map(id => [id, where]))
      if (hadolint[1] === 'global') for (const [id, reason] of ids) global.set(id, reason)
      else if (hadolint[1] === 'stage') stageKeys.set(comment.line + 1, ids)
      else addAt(comment.line + 1, ids)
      continue
    }
    const ours = OURS.exec(comment.text)
    if (!ours || !options.inlineIgnores) continue
    const ids = new Map<string, string>()
    for (const raw of ours[2].split(',').map(s => s.trim())) {
      const resolved = resolveRuleIds(raw)
      if (resolved.length === 0)
        warnings.push(
          `${path}:${comment.line}: ignore comment names unknown rule "${raw.slice(0, 60)}"`
        )
      for (const id of resolved) ids.set(id, where)
    }
    if (ours[1]) for (const [id, reason] of ids) global.set(id, reason)
    else if (comment.attachedTo !== undefined) addToInstruction(comment.attachedTo, ids)
  }
  // hadolint: a FROM starts a new stage entry unless a stage pragma sits right above it.
  for (const stage of model.stages)
    if (!stageKeys.has(stage.from.line)) stageKeys.set(stage.from.line, new Map())
  const keys = [...stageKeys.keys()].sort((a, b) => a - b)
  const stageEntry = (line: number): Map<string, string> | undefined => {
    let found: number | undefined
    for (const key of keys) {
      if (key < line) found = key
      else break
    }
    return found === undefined ? undefined : stageKeys.get(found)
  }
  return {
    experimental,
    reasonFor(ruleId, line) {
      const local = byLine.get(line)?.get(ruleId)
      if (local) return `inline: ${local}`
      const stage = stageEntry(line)?.get(ruleId)
      if (stage) return `inline (stage): ${stage}`
      const reason = global.get(ruleId)
      return reason ? `inline (file-wide): ${reason}` : undefined
    }
  }
}
