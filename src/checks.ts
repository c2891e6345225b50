// The registered checks, in the order they run and report. A new check is
// one line here (and its folder, and its id in CHECKS of model/finding.ts).
import { dockerfileCheck } from './dockerfile/check.js'
import type { RuleMeta } from './model/finding.js'
import { RuleIndex } from './util/rule-index.js'
import { secretsCheck } from './secrets/check.js'
import { signaturesCheck } from './signatures/check.js'
import { vulnerabilitiesCheck } from './vulns/check.js'

export const CHECK_REGISTRY = [
  dockerfileCheck,
  secretsCheck,
  vulnerabilitiesCheck,
  signaturesCheck
] as const

export type RegisteredCheck = (typeof CHECK_REGISTRY)[number]

/** Each check's parsed `checks.<id>` settings, typed by its parser. */
export type CheckSettings = {
  [C in RegisteredCheck as C['id']]: ReturnType<C['parseSettings']>
}

/** Every rule of every check, sorted by id: SARIF descriptors, docs, config validation. */
export const ALL_RULES: readonly RuleMeta[] = uniqueRules(CHECK_REGISTRY.flatMap(c => c.rules))

/** Resolves rule ids and aliases across all checks (ignores, severity overrides). */
export const ALL_RULES_INDEX = new RuleIndex(ALL_RULES)

export function uniqueRules(rules: readonly RuleMeta[]): RuleMeta[] {
  const seen = new Map<string, RuleMeta>()
  for (const rule of rules) if (!seen.has(rule.id)) seen.set(rule.id, rule)
  return [...seen.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
