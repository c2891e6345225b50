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

/** Rule ids and their aliases, upper-cased, → the canonical id. */
function aliasIndex(rules: readonly RuleMeta[]): Map<string, string> {
  const index = new Map<string, string>()
  for (const rule of rules) {
    index.set(rule.id.toUpperCase(), rule.id)
    for (const alias of rule.aliases ?? []) index.set(alias.toUpperCase(), rule.id)
  }
  return index
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
  const active: { rule: IgnoreRule; canonical?: string; pathMatch?: (path: string) => boolean }[] =
    []
  for (const rule of ignores) {
    if (rule.expires && rule.expires < today) {
      warnings.push(
        `ignore at ${rule.where} expired on ${rule.expires} and no longer applies (${rule.reason})`
      )
      continue
    }
    active.push({
      rule,
      canonical: rule.rule ? (aliases.get(rule.rule.toUpperCase()) ?? rule.rule) : undefined,
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

function ignoreMatches(
  entry: { rule: IgnoreRule; canonical?: string; pathMatch?: (path: string) => boolean },
  finding: Finding
): boolean {
  const { rule } = entry
  if (entry.canonical && entry.canonical !== finding.ruleId) return false
  if (entry.pathMatch && !entry.pathMatch(finding.location.path.replace(/^\.\//, ''))) return false
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
    byRule.set(aliases.get(key.toUpperCase()) ?? key, severity)
  return findings.map(finding => {
    const severity = byRule.get(finding.ruleId)
    return severity && severity !== finding.severity ? { ...finding, severity } : finding
  })
}
