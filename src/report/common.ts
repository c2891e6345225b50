// Small pieces every reporter shares: severity → level, where a finding is,
// and the link to the exact line of the scanned commit.

import { CHECKS, type CheckId, type Finding, type Severity } from '../model/finding.js'
import { isInImage, isPlacedOnDockerfile } from '../model/image-location.js'
import type { ReportInput, SourceLinks, SuppressedFinding } from './types.js'

/**
 * Severity → annotation / SARIF level. critical and high are errors (they
 * fail the default gate), medium a warning, low and info a notice (SARIF
 * `note`).
 */
export function levelOf(severity: Severity): 'error' | 'warning' | 'notice' {
  if (severity === 'critical' || severity === 'high') return 'error'
  if (severity === 'medium') return 'warning'
  return 'notice'
}

/** How a report names where an acceptance came from. */
export const SOURCE_TEXT: Record<SuppressedFinding['source'], string> = {
  config: 'config file',
  inline: 'ignore comment',
  vex: 'VEX statement'
}

export const CHECK_TITLES: Record<CheckId, string> = {
  dockerfile: 'Dockerfile',
  secrets: 'Secrets',
  vulnerabilities: 'Vulnerabilities',
  signatures: 'Signatures'
}

/** `path:line:column` as a person reads it. */
export function whereText(finding: Finding): string {
  const { path, line, column } = finding.location
  if (line === undefined) return path
  return column === undefined ? `${path}:${line}` : `${path}:${line}:${column}`
}

/** `./a/b` → `a/b`, backslashes → slashes. */
export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '')
}

/**
 * True when the finding's path names a file of the checkout (a Dockerfile,
 * a scanned source file), as opposed to something inside the image (a file
 * of a layer, the config's Env, a history step, a package database, an image
 * reference) that was not placed on the Dockerfile line that created it.
 */
export function isCheckoutFile(finding: Finding): boolean {
  // An in-image finding moved onto the Dockerfile line that created it is annotated there.
  if (isInImage(finding) && !isPlacedOnDockerfile(finding)) return false
  // A secret from a commit's added lines: the file's line now may hold something else.
  if (finding.properties?.commit !== undefined) return false
  const path = normalizePath(finding.location.path)
  return path !== '' && !path.startsWith('/') && !/^[a-zA-Z]:\//.test(path)
}

export { isInImage }

/** Inside the image and not placed on a Dockerfile line: no file of the checkout holds it. */
export function isOnlyInImage(finding: Finding): boolean {
  return isInImage(finding) && !isCheckoutFile(finding)
}

/** A path inside a URI: each segment percent-encoded. */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map(segment => encodeURIComponent(segment))
    .join('/')
}

/**
 * `{serverUrl}/{repository}/blob/{sha}/{path}#L{line}` (or `#L3-L5`) for a
 * file of the checkout; undefined for anything else or when there is no
 * commit to link to. A path outside the checkout (`../x`) gets no link.
 */
export function sourceLink(finding: Finding, links?: SourceLinks): string | undefined {
  if (!links || !isCheckoutFile(finding)) return undefined
  const path = normalizePath(finding.location.path)
  if (path.split('/').includes('..')) return undefined
  const server = links.serverUrl.replace(/\/+$/, '')
  const base = `${server}/${encodePath(links.repository)}/blob/${encodeURIComponent(links.sha)}/${encodePath(path)}`
  const { line, endLine } = finding.location
  if (line === undefined) return base
  return endLine !== undefined && endLine > line
    ? `${base}#L${line}-L${endLine}`
    : `${base}#L${line}`
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`
}

/**
 * The checks to report on: those that ran, plus any that has findings
 * (a finding is never hidden because the caller forgot to list its check).
 */
export function checksReported(input: ReportInput): CheckId[] {
  const present = new Set<CheckId>(input.checksRun)
  for (const f of input.findings) present.add(f.check)
  for (const s of input.suppressed) present.add(s.finding.check)
  return CHECKS.filter(check => present.has(check))
}
