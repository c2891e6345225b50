// One finding per (vulnerability, package): the shape every report reads.
import { makeFingerprint } from '../model/fingerprint.js'
import type { Finding, PropertyValue } from '../model/finding.js'
import type { Package } from '../model/package.js'
import { redactFinding, redactSecretsInText } from '../redact/index.js'
import type { OsvPackageKey } from './ecosystem.js'
import type { OsvAffected, OsvRecord } from './osv.js'
import type { SeverityVerdict } from './severity.js'

export const RULE_FIXABLE = 'vulnerable-package'
export const RULE_UNFIXED = 'vulnerable-package-unfixed'

export interface FindingInput {
  pkg: Package
  key: OsvPackageKey
  record: OsvRecord
  affected: OsvAffected
  fixed?: string
  rating: SeverityVerdict
  /** The other ids of the vulnerability (aliases and merged advisories), sorted. */
  aliases: string[]
  imageRef?: string
}

export function buildFinding(input: FindingInput): Finding {
  const { pkg, key, record, affected, fixed, rating, aliases } = input
  // Distro packages are matched by their source package: say so when it differs from the binary.
  const fromSource = pkg.sourceName !== undefined && pkg.sourceName !== pkg.name
  const source = fromSource ? ` (source package ${key.name})` : ''
  const also =
    aliases.length > 0
      ? ` (${aliases.slice(0, 4).join(', ')}${aliases.length > 4 ? ', …' : ''})`
      : ''
  const oneLine = record.summary?.replace(/\s+/g, ' ').trim() ?? ''
  const summary = oneLine ? `: ${oneLine.length > 200 ? `${oneLine.slice(0, 199)}…` : oneLine}` : ''
  const fix = fixed !== undefined ? `Fixed in ${fixed}.` : 'No fix yet.'
  const inImage = pkg.locations[0]
  const properties: Record<string, PropertyValue> = {
    ecosystem: affected.ecosystem,
    severitySource: rating.source
  }
  if (rating.alias) properties.severityAlias = rating.alias
  if (rating.rating) properties.distroRating = rating.rating
  if (rating.unimportant) properties.unimportant = true
  if (inImage) properties.location = inImage
  if (pkg.layerIndex !== undefined) {
    properties.layerIndex = pkg.layerIndex
    properties.layer = pkg.layerIndex
  }
  if (pkg.layerDigest) properties.layerDigest = pkg.layerDigest
  if (pkg.createdBy) {
    properties.createdBy = pkg.createdBy
    properties.introducedBy = pkg.createdBy
  }
  if (fromSource) properties.sourcePackage = key.name
  if (rating.cvss) {
    properties.cvssScore = rating.cvss.score
    properties.cvssVector = rating.cvss.vector
  }
  // Package metadata, file names, layer history and advisory text come from the image and OSV.
  return redactFinding({
    check: 'vulnerabilities',
    ruleId: fixed !== undefined ? RULE_FIXABLE : RULE_UNFIXED,
    severity: rating.severity,
    title: `${record.id} in ${pkg.name} ${pkg.version}`,
    message: `${pkg.name} ${pkg.version}${source} is affected by ${record.id}${also}${summary}. ${fix}`,
    location: { path: input.imageRef ?? inImage ?? pkg.purl },
    help:
      fixed !== undefined
        ? `Upgrade ${pkg.name} to ${fixed} or later (rebuild on a newer base image if the package came with it).`
        : `No fixed version of ${pkg.name} is published yet: assess the advisory, then ignore it with a reason and an expiry, or remove the package.`,
    // Package names and versions come from the image: a secret planted in one must not be
    // hashed as itself (an unkeyed hash would confirm a guess), so the redacted text is hashed.
    fingerprint: makeFingerprint(
      'vulnerabilities',
      record.id,
      affected.ecosystem,
      redactSecretsInText(pkg.name),
      redactSecretsInText(pkg.version)
    ),
    properties,
    vulnerability: {
      vulnerabilityId: record.id,
      aliases,
      package: pkg.name,
      version: pkg.version,
      ...(fixed !== undefined ? { fixedVersion: fixed } : {}),
      ecosystem: affected.ecosystem,
      purl: pkg.purl
    }
  })
}

/**
 * The same name@version installed in several places (nested node_modules,
 * two site-packages) is one package: one finding, whose `locations` lists
 * every in-image path. Its layer is that of the first location in path order.
 */
export function mergeSamePackage(findings: Finding[]): Finding[] {
  const byFingerprint = new Map<string, Finding[]>()
  for (const finding of findings) {
    const list = byFingerprint.get(finding.fingerprint)
    if (list) list.push(finding)
    else byFingerprint.set(finding.fingerprint, [finding])
  }
  const out: Finding[] = []
  for (const fingerprint of [...byFingerprint.keys()].sort()) {
    const group = byFingerprint.get(fingerprint)!
    if (group.length === 1) {
      out.push(group[0]!)
      continue
    }
    const where = (f: Finding): string => String(f.properties?.location ?? '')
    group.sort((a, b) => (where(a) < where(b) ? -1 : where(a) > where(b) ? 1 : 0))
    const locations = [...new Set(group.map(where).filter(Boolean))]
    out.push({ ...group[0]!, properties: { ...group[0]!.properties, locations } })
  }
  return out
}
