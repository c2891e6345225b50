import picomatch from 'picomatch'
import type { IgnoreRule } from '../config/file.js'
import type { Finding, RuleMeta, Severity } from '../model/finding.js'
import type { SuppressedFinding } from '../report/types.js'

export interface IgnoreOutcome {
  kept: Finding[]
  suppressed: SuppressedFinding[]
  /** Expired ignores, one line each. */
  warnings: string[]
}

/**
 * Rule ids and their aliases, upper-cased, → the canonical ids. One alias can
 * stand for several rules (hadolint's DL3064 covers both secret-in-env and
 * secret-in-arg), so an ignore or override by alias reaches all of them.
 */
function aliasIndex(rules: readonly RuleMeta[]): Map<string, string[]> {
  const index = new Map<string, string[]>()
  const add = (key: string, id: string) => {
    const ids = index.get(key.toUpperCase()) ?? []
    if (!ids.includes(id)) ids.push(id)
    index.set(key.toUpperCase(), ids)
  }
  for (const rule of rules) add(rule.id, rule.id)
  for (const rule of rules) for (const alias of rule.aliases ?? []) add(alias, rule.id)
  return index
}

/** The rule ids a config key names: an id is itself; an alias is every rule that has it. */
function ruleIdsFor(key: string, aliases: Map<string, string[]>): string[] {
  const byId = aliases.get(key.toUpperCase())
  return byId ?? [key]
}

/**
 * Apply the config file's ignores. An ignore past its `expires` date no
 * longer applies, and a warning says so (once per ignore). `today` is
 * YYYY-MM-DD (UTC).
 */
export function applyIgnores(
  findings: readonly Finding[],
  ignores: readonly IgnoreRule[],
  rules: readonly RuleMeta[],
  today: string
): IgnoreOutcome {
  const aliases = aliasIndex(rules)
  const warnings: string[] = []
  const active: ActiveIgnore[] = []
  for (const rule of ignores) {
    if (rule.expires && rule.expires < today) {
      warnings.push(
        `ignore at ${rule.where} expired on ${rule.expires} and no longer applies (${rule.reason})`
      )
      continue
    }
    active.push({
      rule,
      ruleIds: rule.rule ? ruleIdsFor(rule.rule, aliases) : undefined,
      pathMatch: rule.path ? picomatch(rule.path, { dot: true }) : undefined
    })
  }
  const kept: Finding[] = []
  const suppressed: SuppressedFinding[] = []
  for (const finding of findings) {
    const hit = active.find(entry => ignoreMatches(entry, finding))
    if (hit) {
      suppressed.push({
        finding,
        source: 'config',
        reason: `${hit.rule.reason} (${hit.rule.where})`
      })
    } else {
      kept.push(finding)
    }
  }
  return { kept, suppressed, warnings }
}

interface ActiveIgnore {
  rule: IgnoreRule
  ruleIds?: string[]
  pathMatch?: (path: string) => boolean
}

function ignoreMatches(entry: ActiveIgnore, finding: Finding): boolean {
  const { rule } = entry
  if (entry.ruleIds && !entry.ruleIds.includes(finding.ruleId)) return false
  if (entry.pathMatch) {
    // A vulnerability moved onto its Dockerfile line still answers to the image's name.
    const image = finding.properties?.image
    const paths = [finding.location.path, ...(typeof image === 'string' ? [image] : [])]
    if (!paths.some(p => entry.pathMatch!(p.replace(/^\.\//, '')))) return false
  }
  if (rule.fingerprint && rule.fingerprint !== finding.fingerprint) return false
  if (rule.vulnerability) {
    const vuln = finding.vulnerability
    if (!vuln) return false
    const wanted = rule.vulnerability.toUpperCase()
    const ids = [vuln.vulnerabilityId, ...vuln.aliases].map(id => id.toUpperCase())
    if (!ids.includes(wanted)) return false
    if (rule.package && rule.package !== vuln.package) return false
  }
  return true
}

/** Per-rule severity overrides from the config file (keys may be rule ids or aliases). */
export function applySeverityOverrides(
  findings: readonly Finding[],
  overrides: ReadonlyMap<string, Severity>,
  rules: readonly RuleMeta[]
): Finding[] {
  if (overrides.size === 0) return [...findings]
  const aliases = aliasIndex(rules)
  const byRule = new Map<string, Severity>()
  for (const [key, severity] of overrides)
    for (const id of ruleIdsFor(key, aliases)) byRule.set(id, severity)
  return findings.map(finding => {
    const severity = byRule.get(finding.ruleId)
    return severity && severity !== finding.severity ? { ...finding, severity } : finding
  })
}
