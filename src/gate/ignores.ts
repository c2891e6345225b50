// The one ignore model applied: config entries (`ignore:` and the older
// `checks.secrets.allow`) and severity overrides, matched the same way for
// every check. Entries with `value-regex` need the detected value, which only
// the check holding it has: valueIgnorer() gives checks the same matcher.
import picomatch from 'picomatch'
import type { CheckId, Finding, RuleMeta, Severity } from '../model/finding.js'
import type { IgnoreRule, SuppressedFinding } from '../model/ignore.js'
import { RuleIndex } from '../util/rule-index.js'
import { compileSafeRegex, type SafeRegex } from '../util/safe-regex.js'

export interface IgnoreOutcome {
  kept: Finding[]
  suppressed: SuppressedFinding[]
  /** Expired ignores, one line each. */
  warnings: string[]
  /** The entries that accepted at least one finding. */
  used: Set<IgnoreRule>
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
      // `file:line: …`: annotated on the entry's line.
      warnings.push(
        `${rule.where}: ignore expired on ${rule.expires} and no longer applies (${rule.reason})`
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
  const used = new Set<IgnoreRule>()
  for (const finding of findings) {
    const hit = byFinding.find(entry => ignoreMatches(entry, finding))
    if (hit) {
      suppressed.push(suppression(hit, finding))
      used.add(hit.rule)
    } else kept.push(finding)
  }
  return { kept, suppressed, warnings, used }
}

/**
 * For the checks that hold detected values: the entries with `value-regex`,
 * as one matcher. Entries that accept a finding are added to `used`.
 */
export function valueIgnorer(
  ignores: readonly IgnoreRule[],
  rules: readonly RuleMeta[] | RuleIndex,
  today: string,
  used?: Set<IgnoreRule>
): (finding: Finding, value: string) => SuppressedFinding | undefined {
  const byValue = activeIgnores(ignores, rules, today).active.filter(e => e.valueMatch)
  if (byValue.length === 0) return () => undefined
  return (finding, value) => {
    const hit = byValue.find(entry => ignoreMatches(entry, finding, value))
    if (hit) used?.add(hit.rule)
    return hit ? suppression(hit, finding) : undefined
  }
}

/**
 * Entries in force that accepted nothing, as `file:line: …` warnings: a typo
 * in a rule id or path, or a finding fixed long ago. Only entries whose
 * checks all ran are judged (an image ignore says nothing on a run without
 * an image); an entry that names no rule, check or vulnerability is judged
 * against the checks that ran.
 */
export function unusedIgnoreWarnings(
  ignores: readonly IgnoreRule[],
  used: ReadonlySet<IgnoreRule>,
  /** Every check's rules (not only those that ran): which check a rule id belongs to. */
  allRules: readonly RuleMeta[],
  checksRun: readonly CheckId[],
  today: string
): string[] {
  if (checksRun.length === 0) return []
  const index = new RuleIndex(allRules)
  const checkOf = new Map(allRules.map(meta => [meta.id, meta.check]))
  const warnings: string[] = []
  for (const { rule } of activeIgnores(ignores, index, today).active) {
    if (used.has(rule)) continue
    const checks = new Set<CheckId>(rule.checks ?? [])
    for (const id of rule.rule ? index.resolve(rule.rule) : []) {
      const check = checkOf.get(id)
      if (check) checks.add(check)
    }
    if (rule.vulnerability) checks.add('vulnerabilities')
    if ([...checks].some(check => !checksRun.includes(check))) continue
    const scope = checks.size > 0 ? [...checks] : checksRun
    warnings.push(
      `${rule.where}: ignore matched no finding of ${scope.join(', ')}${rule.reason ? ` (${rule.reason})` : ''}; remove it, or correct its rule, path or fingerprint`
    )
  }
  return warnings
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
