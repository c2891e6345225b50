// The rule registry: the rule files (rules/index.ts) by id and by alias.

import type { RuleMeta } from '../model/finding.js'
import { RULES } from './rules/index.js'
import type { DockerfileRule } from './types.js'

export { RULES }

export const RULES_BY_ID: ReadonlyMap<string, DockerfileRule> = new Map(
  RULES.map(rule => [rule.id, rule])
)

/** ShellCheck findings carry the SC code as their rule id. */
export const SHELLCHECK_ID = /^SC\d{4}$/

const BY_ALIAS = new Map<string, string[]>()
for (const rule of RULES)
  for (const alias of rule.aliases ?? []) {
    const key = alias.toUpperCase()
    BY_ALIAS.set(key, [...(BY_ALIAS.get(key) ?? []), rule.id])
  }

/**
 * Our ids for an id, a hadolint code (`DL3002` → `runs-as-root`), a BuildKit
 * check name (`SecretsUsedInArgOrEnv` → the two secret rules) or a former id;
 * an SC code is itself. Empty when nothing matches.
 */
export function resolveRuleIds(idOrAlias: string): string[] {
  if (RULES_BY_ID.has(idOrAlias)) return [idOrAlias]
  const upper = idOrAlias.toUpperCase()
  if (SHELLCHECK_ID.test(upper)) return [upper]
  return BY_ALIAS.get(upper) ?? []
}

/** A BuildKit check name (PascalCase) among the aliases. */
export function isBuildkitName(alias: string): boolean {
  return /^[A-Z][A-Za-z]+$/.test(alias)
}

/** BuildKit's check names (upper case) with the rules that implement them (`# check=skip=…`). */
export const BUILDKIT_CHECKS: ReadonlyMap<string, string[]> = new Map(
  RULES.flatMap(rule => buildkitNames(rule)).map(name => [
    name.toUpperCase(),
    BY_ALIAS.get(name.toUpperCase()) ?? []
  ])
)

export function buildkitNames(rule: DockerfileRule): string[] {
  return (rule.aliases ?? []).filter(isBuildkitName)
}

export function hadolintCodes(rule: DockerfileRule): string[] {
  return (rule.aliases ?? []).filter(alias => /^DL\d{4}$/.test(alias))
}

/** Rule descriptors for SARIF and the docs. */
export function ruleMeta(rule: DockerfileRule): RuleMeta {
  return {
    id: rule.id,
    check: 'dockerfile',
    title: rule.title,
    defaultSeverity: rule.severity,
    help: `${rule.help}\n\nFix: ${rule.fix}`,
    ...(rule.aliases && rule.aliases.length > 0 ? { aliases: [...rule.aliases] } : {})
  }
}
