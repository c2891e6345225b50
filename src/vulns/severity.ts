// The severity a finding gets, and where it came from (`severitySource`), in
// this order:
//   1. the record's own CVSS v4/v3 vectors (the package entry's, then the record's);
//   2. the CVSS v4/v3 of the records it aliases (a DSA's CVE-… record carries NVD's vector);
//   3. the distribution's own rating: Debian's urgency, Ubuntu's priority, the
//      Red Hat family's Critical/Important/Moderate/Low, another vendor's label;
//   4. the GitHub advisory's `database_specific.severity`;
//   5. CVSS v2 (the record's, then its aliases');
//   6. otherwise medium: an advisory with no rating must still reach the gate.
// Debian `unimportant` and Ubuntu `negligible` are flagged (hidden by default,
// as osv-scanner does) whatever the chosen severity.
import type { Severity } from '../model/finding.js'
import {
  scoreSeverityEntry,
  severityForLabel,
  severityForScore,
  type CvssMemo,
  type CvssScore
} from './cvss.js'
import { ecosystemFamily } from './ecosystem.js'
import type { OsvAffected, OsvRecord } from './osv.js'

export interface SeverityVerdict {
  severity: Severity
  /**
   * `cvss-4.0`, `cvss-3.1`, `cvss-3.0` (the record's vectors), `alias-cvss-…`
   * (an aliased record's, named in `alias`), `debian-urgency`, `ubuntu-priority`,
   * `vendor-rating`, `ghsa`, `cvss-2.0`, `alias-cvss-2.0` or `unknown`.
   */
  source: string
  cvss?: CvssScore
  /** The aliased record whose CVSS was used. */
  alias?: string
  /** The distribution's rating as it wrote it (`low`, `Important`, `negligible`…). */
  rating?: string
  /** Debian `unimportant` / Ubuntu `negligible`: hidden unless `show-unimportant`. */
  unimportant: boolean
}

/** The CVSS scores other records (aliases) can lend: by id, v4/v3 and v2 separately. */
export type AliasCvss = (id: string) => { modern?: CvssScore; v2?: CvssScore } | undefined

const CVSS_PREFERENCE: Record<CvssScore['version'], number> = {
  '4.0': 4,
  '3.1': 3,
  '3.0': 2,
  '2.0': 1
}

/** The best CVSS of a record: the newest version among the entry's then the record's vectors. */
export function recordCvss(
  record: OsvRecord,
  affected?: OsvAffected,
  memo?: CvssMemo
): { modern?: CvssScore; v2?: CvssScore } {
  let modern: CvssScore | undefined
  let v2: CvssScore | undefined
  for (const entry of [...(affected?.severity ?? []), ...record.severity]) {
    const scored = scoreSeverityEntry(entry.type, entry.score, memo)
    if (!scored) continue
    if (scored.version === '2.0') v2 ??= scored
    else if (!modern || CVSS_PREFERENCE[scored.version] > CVSS_PREFERENCE[modern.version])
      modern = scored
  }
  return { modern, v2 }
}

const DEBIAN_URGENCY: Record<string, Severity> = {
  unimportant: 'info',
  low: 'low',
  medium: 'medium',
  high: 'high'
}

const UBUNTU_PRIORITY: Record<string, Severity> = {
  negligible: 'info',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'critical'
}

const RED_HAT_FAMILY = new Set(['Red Hat', 'Rocky Linux', 'AlmaLinux'])

interface DistroRating {
  severity: Severity
  source: string
  rating: string
  unimportant: boolean
}

function distroRating(record: OsvRecord, affected: OsvAffected): DistroRating | undefined {
  const family = ecosystemFamily(affected.ecosystem)
  if (family === 'Debian' && affected.urgency) {
    // Debian marks uncertain ratings with trailing stars (`low**`).
    const urgency = affected.urgency.replace(/\*+$/, '')
    const severity = DEBIAN_URGENCY[urgency]
    if (severity)
      return {
        severity,
        source: 'debian-urgency',
        rating: urgency,
        unimportant: urgency === 'unimportant'
      }
  }
  if (family === 'Ubuntu') {
    const priority =
      record.severity
        .find(s => s.type === 'Ubuntu')
        ?.score.trim()
        .toLowerCase() ?? affected.urgency
    const severity = priority ? UBUNTU_PRIORITY[priority] : undefined
    if (priority && severity)
      return {
        severity,
        source: 'ubuntu-priority',
        rating: priority,
        unimportant: priority === 'negligible'
      }
  }
  if (RED_HAT_FAMILY.has(family)) {
    const prefix = /^(Critical|Important|Moderate|Low):/.exec(record.summary ?? '')?.[1]
    const severity = prefix ? severityForLabel(prefix) : undefined
    if (prefix && severity)
      return { severity, source: 'vendor-rating', rating: prefix, unimportant: false }
  }
  if (!record.id.startsWith('GHSA-')) {
    for (const label of [affected.labelSeverity, record.labelSeverity]) {
      const severity = label ? severityForLabel(label) : undefined
      if (label && severity)
        return { severity, source: 'vendor-rating', rating: label, unimportant: false }
    }
  }
  return undefined
}

/** Debian `unimportant` / Ubuntu `negligible`, as osv-scanner reads them. */
function isUnimportant(record: OsvRecord, affected: OsvAffected): boolean {
  const family = ecosystemFamily(affected.ecosystem)
  if (family === 'Debian') return affected.urgency?.replace(/\*+$/, '') === 'unimportant'
  if (family === 'Ubuntu') {
    const priority = record.severity
      .find(s => s.type === 'Ubuntu')
      ?.score.trim()
      .toLowerCase()
    return (priority ?? affected.urgency) === 'negligible'
  }
  return false
}

function fromScore(score: CvssScore, source: string, unimportant: boolean, alias?: string) {
  return {
    severity: severityForScore(score.score, score.version),
    source,
    cvss: score,
    unimportant,
    ...(alias ? { alias } : {})
  }
}

/** The highest-scoring alias CVSS of the kind asked for (a DSA fixing several CVEs takes the worst). */
function bestAlias(
  record: OsvRecord,
  aliasCvss: AliasCvss | undefined,
  kind: 'modern' | 'v2'
): { id: string; score: CvssScore } | undefined {
  if (!aliasCvss) return undefined
  let best: { id: string; score: CvssScore } | undefined
  for (const id of record.aliases) {
    const score = aliasCvss(id)?.[kind]
    if (score && (!best || score.score > best.score.score)) best = { id, score }
  }
  return best
}

export function computeSeverity(
  record: OsvRecord,
  affected: OsvAffected,
  aliasCvss?: AliasCvss,
  memo?: CvssMemo
): SeverityVerdict {
  const unimportant = isUnimportant(record, affected)
  const own = recordCvss(record, affected, memo)
  if (own.modern) return fromScore(own.modern, `cvss-${own.modern.version}`, unimportant)
  const alias = bestAlias(record, aliasCvss, 'modern')
  if (alias)
    return fromScore(alias.score, `alias-cvss-${alias.score.version}`, unimportant, alias.id)
  const distro = distroRating(record, affected)
  if (distro) return { ...distro, unimportant: distro.unimportant || unimportant }
  if (record.id.startsWith('GHSA-')) {
    for (const label of [affected.labelSeverity, record.labelSeverity]) {
      const severity = label ? severityForLabel(label) : undefined
      if (label && severity) return { severity, source: 'ghsa', rating: label, unimportant }
    }
  }
  if (own.v2) return fromScore(own.v2, 'cvss-2.0', unimportant)
  const aliasV2 = bestAlias(record, aliasCvss, 'v2')
  if (aliasV2) return fromScore(aliasV2.score, 'alias-cvss-2.0', unimportant, aliasV2.id)
  // Textual ratings of any other kind (an `Ubuntu` score on a non-Ubuntu entry, a label).
  for (const label of [
    affected.labelSeverity,
    record.labelSeverity,
    ...[...affected.severity, ...record.severity]
      .filter(s => !s.type.startsWith('CVSS'))
      .map(s => s.score)
  ]) {
    const severity = label ? severityForLabel(label) : undefined
    if (severity) return { severity, source: 'label', rating: label, unimportant }
  }
  return { severity: 'medium', source: 'unknown', unimportant }
}
