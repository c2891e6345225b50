// The one ignore model applied: config entries (`ignore:` and the older
// `checks.secrets.allow`) and severity overrides, matched the same way for
// every check. Entries with `value-regex` need the detected value, which only
// the check holding it has: valueIgnorer() gives checks the same matcher.
import picomatch from 'picomatch'
import type { Finding, RuleMeta, Severity } from '../model/finding.js'
import type { IgnoreRule, SuppressedFinding } from '../model/ignore.js'
import { RuleIndex } from '../util/rule-index.js'
import { compileSafeRegex, type SafeRegex } from '../util/safe-regex.js'

export interface IgnoreOutcome {
  kept: Finding[]
  suppressed: SuppressedFinding[]
  /** Expired ignores, one line each. */
  warnings: string[]
}

interface ActiveIgnore {
  rule: IgnoreRule
  ruleIds?: string[]
  pathMatch?: (path: string) => boolean
  valueMatch?: SafeRegex
}

/** The entries in force today (expired ones warned about once each), compiled. */
export function activeIgnores(
  ignores: readonly IgnoreRule[],
  rules: readonly RuleMeta[] | RuleIndex,
  today: string
): { active: ActiveIgnore[]; warnings: string[] } {
  const index = rules instanceof RuleIndex ? rules : new RuleIndex(rules)
  const warnings: string[] = []
  const active: ActiveIgnore[] = []
  for (const rule of ignores) {
    if (rule.expires && rule.expires < today) {
      warnings.push(
        `ignore at ${rule.where} expired on ${rule.expires} and no longer applies (${rule.reason})`
      )
      continue
    }
    const ruleIds = rule.rule ? index.resolve(rule.rule) : undefined
    active.push({
      rule,
      // An id no rule has (validated away at the edge) matches nothing rather than everything.
      ruleIds: ruleIds && ruleIds.length === 0 ? [rule.rule!] : ruleIds,
      pathMatch: rule.path ? picomatch(rule.path.replace(/^\.?\//, ''), { dot: true }) : undefined,
      // Linear time: the value is attacker-chosen text.
      valueMatch: rule.valueRegex !== undefined ? compileSafeRegex(rule.valueRegex) : undefined
    })
  }
  return { active, warnings }
}

/**
 * Apply the config file's ignores. An ignore past its `expires` date no
 * longer applies, and a warning says so (once per ignore). `today` is
 * YYYY-MM-DD (UTC). Entries with `value-regex` are left to valueIgnorer().
 */
export function applyIgnores(
  findings: readonly Finding[],
  ignores: readonly IgnoreRule[],
  rules: readonly RuleMeta[] | RuleIndex,
  today: string
): IgnoreOutcome {
  const { active, warnings } = activeIgnores(ignores, rules, today)
  const byFinding = active.filter(entry => entry.valueMatch === undefined)
  const kept: Finding[] = []
  const suppressed: SuppressedFinding[] = []
  for (const finding of findings) {
    const hit = byFinding.find(entry => ignoreMatches(entry, finding))
    if (hit) suppressed.push(suppression(hit, finding))
    else kept.push(finding)
  }
  return { kept, suppressed, warnings }
}

/** For the checks that hold detected values: the entries with `value-regex`, as one matcher. */
export function valueIgnorer(
  ignores: readonly IgnoreRule[],
  rules: readonly RuleMeta[] | RuleIndex,
  today: string
): (finding: Finding, value: string) => SuppressedFinding | undefined {
  const byValue = activeIgnores(ignores, rules, today).active.filter(e => e.valueMatch)
  if (byValue.length === 0) return () => undefined
  return (finding, value) => {
    const hit = byValue.find(entry => ignoreMatches(entry, finding, value))
    return hit ? suppression(hit, finding) : undefined
  }
}

function suppression(entry: ActiveIgnore, finding: Finding): SuppressedFinding {
  const { rule } = entry
  return { finding, source: 'config', reason: rule.label ?? `${rule.reason} (${rule.where})` }
}

function ignoreMatches(entry: ActiveIgnore, finding: Finding, value?: string): boolean {
  const { rule } = entry
  if (rule.checks && !rule.checks.includes(finding.check)) return false
  if (entry.ruleIds && !entry.ruleIds.includes(finding.ruleId)) return false
  if (entry.pathMatch) {
    // A finding moved onto its Dockerfile line still answers to the image's name and its in-image path.
    const { image, imagePath } = finding.properties ?? {}
    const paths = [finding.location.path, image, imagePath].filter(p => typeof p === 'string')
    if (!paths.some(p => entry.pathMatch!(p.replace(/^\.?\//, '')))) return false
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
  if (entry.valueMatch && (value === undefined || !entry.valueMatch.test(value))) return false
  return true
}

/** Per-rule severity overrides from the config file (keys may be rule ids or aliases). */
export function applySeverityOverrides(
  findings: readonly Finding[],
  overrides: ReadonlyMap<string, Severity>,
  rules: readonly RuleMeta[] | RuleIndex
): Finding[] {
  if (overrides.size === 0) return [...findings]
  const index = rules instanceof RuleIndex ? rules : new RuleIndex(rules)
  const byRule = new Map<string, Severity>()
  for (const [key, severity] of overrides) {
    const ids = index.resolve(key)
    for (const id of ids.length > 0 ? ids : [key]) byRule.set(id, severity)
  }
  return findings.map(finding => {
    const severity = byRule.get(finding.ruleId)
    return severity && severity !== finding.severity ? { ...finding, severity } : finding
  })
}
