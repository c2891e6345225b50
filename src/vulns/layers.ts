// Base image vs. your own layers, as numbers (issue 14 item 13): after the findings are tied
// to the Dockerfile (attribution.ts sets `dockerfileOrigin`), how many come with the base image
// — and how many of those a newer base image of the same release fixes: an OS package of the
// base with a fixed version in the image's own distro release — and how many your own RUN/COPY
// steps brought, per severity.
import { SEVERITIES, type Finding, type Severity } from '../model/finding.js'

const OS_TYPES = new Set(['deb', 'apk', 'rpm'])

export interface LayerBreakdown {
  base: Record<Severity, number>
  /** Of `base`: OS packages with a fix in the same distro release (bump the base image). */
  baseFixedByBump: number
  own: Record<Severity, number>
}

function zero(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map(s => [s, 0])) as Record<Severity, number>
}

/** undefined when no finding says where it came from (no single Dockerfile for the image). */
export function layerBreakdown(findings: readonly Finding[]): LayerBreakdown | undefined {
  const out: LayerBreakdown = { base: zero(), baseFixedByBump: 0, own: zero() }
  let attributed = 0
  for (const f of findings) {
    const origin = f.properties?.dockerfileOrigin
    if (origin !== 'base-image' && origin !== 'own-layer') continue
    attributed++
    if (origin === 'own-layer') {
      out.own[f.severity]++
      continue
    }
    out.base[f.severity]++
    const type = /^pkg:([a-z]+)\//.exec(f.vulnerability?.purl ?? '')?.[1]
    if (type && OS_TYPES.has(type) && f.vulnerability?.fixedVersion) out.baseFixedByBump++
  }
  return attributed ? out : undefined
}

/** As summary stats: `from base image`, `fixed by a base bump`, `from your layers` and per severity. */
export function layerStats(breakdown: LayerBreakdown): Record<string, number> {
  const total = (r: Record<Severity, number>): number => SEVERITIES.reduce((n, s) => n + r[s], 0)
  const stats: Record<string, number> = {
    fromBaseImage: total(breakdown.base),
    fixedByBaseBump: breakdown.baseFixedByBump,
    fromYourLayers: total(breakdown.own)
  }
  for (const s of SEVERITIES) {
    if (breakdown.base[s]) stats[`fromBaseImage.${s}`] = breakdown.base[s]
    if (breakdown.own[s]) stats[`fromYourLayers.${s}`] = breakdown.own[s]
  }
  return stats
}
