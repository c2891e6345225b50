// After matching: what is exploited (KEV, EPSS) and what the supplier says is not affected
// (VEX). Loads the feeds and the VEX documents the run names (or finds in the repository),
// annotates each finding, marks the ones that fail the gate on exploitation alone
// (`failsGate`), and hands the VEX-suppressed ones back with their justification.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { errorMessage, InputError } from '../model/errors.js'
import { compareByExploitation, type Finding } from '../model/finding.js'
import type { SuppressedFinding } from '../model/ignore.js'
import type { VulnDbSource } from '../model/scan.js'
import { redactSecretsInText } from '../redact/index.js'
import { expandFilePatterns } from '../util/glob.js'
import { addExploitation, exploitationFailure } from './exploitation.js'
import { loadEpss, loadKev, type FeedSource } from './feeds.js'
import type { HttpOptions } from './http.js'
import { layerBreakdown, layerStats } from './layers.js'
import type { VulnerabilitySettings } from './settings.js'
import { applyVex, parseVexDocument, vexReason, type VexStatement } from './vex.js'

/** Where VEX documents are looked for in the repository when none is named. */
export const VEX_DISCOVERY = ['.vex/**/*.json', '**/*.openvex.json']

/** The action inputs / CLI flags of the check; each overrides its `checks.vulnerabilities` key. */
export interface TriageInputs {
  kevFile?: string
  epssFile?: string
  failOnKev?: boolean
  failOnEpss?: number
  vex?: string[]
}

export interface TriageOptions {
  settings: VulnerabilitySettings
  inputs?: TriageInputs
  /** The repository root: relative paths and VEX discovery. */
  cwd: string
  vulnDb: VulnDbSource
  cacheDir?: string
  image?: { reference?: string; digest?: string }
  fetch?: typeof fetch
  backoffMs?: number
  log?: (line: string) => void
}

export interface TriageResult {
  findings: Finding[]
  suppressed: SuppressedFinding[]
  warnings: string[]
  stats: Record<string, number>
}

function feedSource(
  file: string | undefined,
  url: string | undefined,
  o: TriageOptions
): FeedSource | undefined {
  if (file) return { file: resolve(o.cwd, file) }
  if (url === 'off') return undefined
  // An offline run (vuln-db on disk) stays offline: only a named file or URL is read.
  if (o.vulnDb.kind === 'path' && url === undefined) return undefined
  return { url, cacheDir: o.cacheDir }
}

function readVex(paths: readonly string[], cwd: string, named: boolean, warnings: string[]) {
  const statements: VexStatement[] = []
  for (const path of paths) {
    let text: string
    try {
      text = readFileSync(resolve(cwd, path), 'utf8')
    } catch (error) {
      if (named) throw new InputError(`vex: cannot read "${path}" (${errorMessage(error)})`)
      warnings.push(`VEX ${path} not read (${errorMessage(error)})`)
      continue
    }
    try {
      const doc = parseVexDocument(text, path)
      statements.push(...doc.statements)
      if (doc.skipped.length > 0)
        warnings.push(
          `VEX ${path}: ${doc.skipped.length} statement(s) or product(s) not used (first: ${doc.skipped[0]})`
        )
    } catch (error) {
      if (named) throw error
      warnings.push(`${errorMessage(error)} (found in the repository; not used)`)
    }
  }
  return statements
}

export async function triageFindings(
  findings: readonly Finding[],
  o: TriageOptions
): Promise<TriageResult> {
  const s = o.settings
  const inputs = o.inputs ?? {}
  const warnings: string[] = []
  const stats: Record<string, number> = {}

  // VEX first: what the supplier says is not affected never reaches the gate.
  const named = [...s.vex, ...(inputs.vex ?? [])]
  let vexFiles = named
  if (named.length === 0) {
    vexFiles = expandFilePatterns(VEX_DISCOVERY, o.cwd, 'vex').files
  }
  const statements = readVex(vexFiles, o.cwd, named.length > 0, warnings)
  let kept = [...findings]
  const suppressed: SuppressedFinding[] = []
  if (statements.length > 0) {
    const outcome = applyVex(kept, statements, o.image ?? {})
    // A VEX document is text from the repository or a supplier: its notes are redacted like advisory text.
    kept = outcome.kept.map(f =>
      typeof f.properties?.vexDetail === 'string'
        ? {
            ...f,
            properties: { ...f.properties, vexDetail: redactSecretsInText(f.properties.vexDetail) }
          }
        : f
    )
    for (const { finding, statement } of outcome.suppressed)
      suppressed.push({
        finding,
        source: 'vex',
        reason: redactSecretsInText(vexReason(statement))
      })
    stats.vexStatements = statements.length
    if (suppressed.length) stats.vexSuppressed = suppressed.length
    o.log?.(`VEX: ${statements.length} statement(s) from ${vexFiles.length} document(s)`)
  }

  const http: HttpOptions = {
    retries: s.apiRetries,
    timeoutMs: s.apiTimeoutSeconds * 1000,
    backoffMs: o.backoffMs ?? 500,
    fetch: o.fetch
  }
  const kevSource = feedSource(inputs.kevFile ?? s.kevFile, s.kevUrl, o)
  const epssSource = feedSource(inputs.epssFile ?? s.epssFile, s.epssUrl, o)
  const wanted = kept.some(f => f.check === 'vulnerabilities')
  const [kev, epss] = await Promise.all([
    wanted && kevSource ? loadKev(kevSource, http) : undefined,
    wanted && epssSource ? loadEpss(epssSource, http) : undefined
  ])
  for (const load of [kev, epss]) if (load?.warning) warnings.push(load.warning)
  kept = addExploitation(kept, { kev: kev?.data, epss: epss?.data }).sort(compareByExploitation)

  const gate = {
    failOnKev: inputs.failOnKev ?? s.failOnKev,
    failOnEpss: inputs.failOnEpss ?? s.failOnEpss
  }
  kept = kept.map(f => {
    const p = f.properties ?? {}
    let message = f.message
    if (p.kev === true) {
      const due = typeof p.kevDueDate === 'string' ? `, CISA due date ${p.kevDueDate}` : ''
      message = `${message} Exploited in the wild: in CISA's KEV catalog since ${String(p.kevDateAdded)}${due}.`
    }
    const reason = exploitationFailure(f, gate)
    if (!reason && message === f.message) return f
    return { ...f, message, properties: reason ? { ...p, failsGate: reason } : p }
  })
  const listed = kept.filter(f => f.properties?.kev === true).length
  if (kev?.data) stats.kevListed = listed
  const breakdown = layerBreakdown(kept)
  if (breakdown) Object.assign(stats, layerStats(breakdown))
  return { findings: kept, suppressed, warnings, stats }
}
