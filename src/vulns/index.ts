// Public surface of the vulnerability check: inventory in, findings out.
// Records come from the OSV API (default) or from OSV JSON/zip on disk; the
// matching itself is the same pure function for both (match.ts).
import { statSync } from 'node:fs'
import { InputError } from '../model/errors.js'
import type { Finding, RuleMeta } from '../model/finding.js'
import type { OsInfo, Package } from '../model/package.js'
import { osvEcosystemFor, type OsvPackageKey } from './ecosystem.js'
import {
  matchPackages,
  RULE_FIXABLE,
  RULE_UNFIXED,
  VulnIndex,
  type Compare,
  type ComparerFor
} from './match.js'
import { loadOfflineIndex } from './offline.js'
import {
  fetchRecords,
  OsvApiError,
  queryBatch,
  type OsvApiOptions,
  type RejectedQuery
} from './osv-api.js'
import type { VulnerabilitySettings } from './settings.js'
import {
  compareVersions,
  isValidVersion,
  schemeForEcosystem,
  type VersionScheme
} from './version/index.js'

export { osvEcosystemFor, normalizePyPIName } from './ecosystem.js'
export { parseOsvRecord, type OsvRecord } from './osv.js'
export { cvss3BaseScore, cvss2BaseScore } from './cvss.js'
export { cvss4BaseScore } from './cvss4.js'
export { VulnIndex, matchPackages, evaluateRange } from './match.js'
export { loadOfflineIndex } from './offline.js'
export { attributeFindingsToDockerfile, type DockerfileInput } from './attribution.js'
export {
  parseVulnerabilitySettings,
  DEFAULT_VULNERABILITY_SETTINGS,
  type VulnerabilitySettings
} from './settings.js'

export type VulnSource = { kind: 'osv-api'; url: string } | { kind: 'path'; path: string }

export interface VulnMatchResult {
  findings: Finding[]
  warnings: string[]
  stats: Record<string, number>
}

export interface MatchVulnerabilitiesOptions {
  /** The image as the user named it: the findings' location.path. */
  imageRef?: string
  /** Drop findings that have no fixed version yet (counted in stats.ignoredUnfixed). */
  ignoreUnfixed?: boolean
  /** For tests and proxies; defaults to the global fetch. */
  fetch?: typeof fetch
  /** First retry delay for the API (default 500 ms). */
  backoffMs?: number
  /**
   * Directory for OSV API records across runs (the workflow restores and
   * saves it, e.g. with @actions/cache). Records whose `modified` stamp is
   * unchanged are read from it instead of fetched again.
   */
  cacheDir?: string
}

const HELP_FIXABLE = `A package in the image has a published vulnerability and a fixed version exists.

Upgrade the package to the fixed version shown (or later). For packages that came with the base
image, rebuild on a newer tag or digest of the base image; for packages your own \`RUN\`/\`COPY\`
steps installed, bump the version there. Matching follows the distribution's own advisories
(Debian/Ubuntu by source package, Alpine by origin), so backported fixes count as fixed.`

const HELP_UNFIXED = `A package in the image has a published vulnerability and no fixed version exists yet.

Assess whether the vulnerable code is reachable in your image. If it is not, ignore the advisory in
\`.container-gate.yml\` (\`ignore: - vulnerability: CVE-… package: … reason: … expires: …\`); if
it is, remove the package or replace it. \`ignore-unfixed: true\` drops all of these findings.`

export const vulnerabilityRules: RuleMeta[] = [
  {
    id: RULE_FIXABLE,
    check: 'vulnerabilities',
    title: 'Vulnerable package with a fix available',
    defaultSeverity: 'high',
    help: HELP_FIXABLE,
    helpUri: 'https://osv.dev/'
  },
  {
    id: RULE_UNFIXED,
    check: 'vulnerabilities',
    title: 'Vulnerable package, no fix yet',
    defaultSeverity: 'medium',
    help: HELP_UNFIXED,
    helpUri: 'https://osv.dev/'
  }
]

const comparers = new Map<VersionScheme, Compare>()

/**
 * The scheme's comparer, refusing versions the scheme calls invalid: the
 * comparers order anything (invalid PEP 440/SemVer strings sort first), which
 * would make a garbage installed version look "below the fix". A refusal
 * leaves the range unevaluated (counted and warned about), never a match.
 */
function comparerForScheme(scheme: VersionScheme): Compare {
  let compare = comparers.get(scheme)
  if (!compare) {
    const validity = new Map<string, boolean>()
    const valid = (v: string): boolean => {
      let ok = validity.get(v)
      if (ok === undefined) {
        ok = isValidVersion(scheme, v)
        validity.set(v, ok)
      }
      return ok
    }
    compare = (a, b) => {
      if (!valid(a)) throw new Error(`not a ${scheme} version: ${a}`)
      if (!valid(b)) throw new Error(`not a ${scheme} version: ${b}`)
      return compareVersions(scheme, a, b)
    }
    comparers.set(scheme, compare)
  }
  return compare
}

/** SEMVER ranges compare as SemVer 2.0; ECOSYSTEM ranges with the ecosystem's own ordering. */
export const defaultComparerFor: ComparerFor = (ecosystem, rangeType) => {
  const scheme = rangeType === 'SEMVER' ? 'semver' : schemeForEcosystem(ecosystem)
  return scheme ? comparerForScheme(scheme) : undefined
}

/** Offline indexes stay loaded for the process (the CLI may scan several images). */
const offlineCache = new Map<string, VulnIndex>()

function offlineIndex(path: string): VulnIndex {
  let stamp = ''
  try {
    const stat = statSync(path)
    stamp = `${path}\u0000${stat.mtimeMs}\u0000${stat.size}`
  } catch {
    // loadOfflineIndex reports the unreadable path.
  }
  const cached = stamp ? offlineCache.get(stamp) : undefined
  if (cached) return cached
  const index = loadOfflineIndex(path)
  if (stamp) offlineCache.set(stamp, index)
  return index
}

function dataError(settings: VulnerabilitySettings, warnings: string[], message: string): void {
  if (settings.onDataError === 'fail') {
    throw new InputError(
      `${message}; the gate cannot pass without vulnerability data (set checks.vulnerabilities.on-data-error: warn to carry on, or vuln-db: <dir|zip> for offline records)`
    )
  }
  warnings.push(`${message}; vulnerability results are incomplete (on-data-error: warn)`)
}

async function indexFromApi(
  keys: readonly OsvPackageKey[],
  url: string,
  settings: VulnerabilitySettings,
  opts: MatchVulnerabilitiesOptions,
  warnings: string[],
  stats: Record<string, number>
): Promise<VulnIndex> {
  const index = new VulnIndex()
  const api: OsvApiOptions = {
    url,
    concurrency: settings.apiConcurrency,
    retries: settings.apiRetries,
    timeoutMs: settings.apiTimeoutSeconds * 1000,
    backoffMs: opts.backoffMs ?? 500,
    fetch: opts.fetch
  }
  // One query per distinct (ecosystem, name, version). Red Hat streams have no single OSV
  // ecosystem name to query by, so they need offline records.
  const unique = new Map<string, OsvPackageKey>()
  let redHat = 0
  for (const key of keys) {
    if (key.ecosystem.startsWith('Red Hat:')) {
      redHat++
      continue
    }
    unique.set(`${key.ecosystem}\u0000${key.name}\u0000${key.version}`, key)
  }
  if (redHat > 0) {
    warnings.push(
      `${redHat} Red Hat package(s) were not checked: the OSV API needs offline records for Red Hat (vuln-db: <dir|zip>)`
    )
  }
  const queries = [...unique.values()]
  stats.apiQueries = queries.length
  if (queries.length === 0) return index
  let idLists: string[][]
  const modified = new Map<string, string>()
  const rejected: RejectedQuery[] = []
  try {
    idLists = await queryBatch(queries, api, modified, rejected)
  } catch (error) {
    if (!(error instanceof OsvApiError)) throw error
    dataError(settings, warnings, `OSV API ${url} failed: ${error.message}`)
    return index
  }
  if (rejected.length > 0) {
    // Like a package with no OSV ecosystem: there is no data to be had, so a warning, not a failure.
    const first = rejected[0]!
    stats.apiQueriesRejected = rejected.length
    warnings.push(
      `${rejected.length} package(s) were not checked: the OSV API rejected their query (first: ${first.query.ecosystem} ${first.query.name} ${first.query.version}: ${first.reason})`
    )
  }
  const ids = [...new Set(idLists.flat())].sort()
  stats.apiVulnerabilityIds = ids.length
  const { records, failed, fromCache } = await fetchRecords(
    ids,
    api,
    opts.cacheDir ? { dir: opts.cacheDir, modified } : undefined
  )
  if (opts.cacheDir) stats.apiRecordsFromCache = fromCache
  for (const id of ids) {
    if (records.has(id)) index.addRaw(records.get(id), `${url}/v1/vulns/${id}`)
  }
  if (failed.size > 0) {
    const [firstId, reason] = [...failed][0]!
    dataError(
      settings,
      warnings,
      `OSV API ${url}: ${failed.size} of ${ids.length} advisories could not be fetched (${firstId}: ${reason})`
    )
  }
  return index
}

/**
 * Match an image's packages against OSV advisories. One finding per
 * (vulnerability, package), rule `vulnerable-package` (a fix exists) or
 * `vulnerable-package-unfixed`. Throws InputError when the data cannot be
 * had, unless `settings.onDataError` is `warn`.
 */
export async function matchVulnerabilities(
  packages: Package[],
  os: OsInfo | undefined,
  source: VulnSource,
  settings: VulnerabilitySettings,
  opts: MatchVulnerabilitiesOptions = {}
): Promise<VulnMatchResult> {
  const warnings: string[] = []
  const stats: Record<string, number> = {}
  let index: VulnIndex
  if (source.kind === 'path') {
    index = offlineIndex(source.path)
    if (index.records === 0) {
      // An empty or wrong directory must not let the gate pass for lack of data.
      dataError(
        settings,
        warnings,
        `vuln-db: "${source.path}" holds no OSV records${index.malformed ? ` (${index.malformed} unreadable)` : ''}`
      )
    }
  } else {
    const keys = packages.flatMap(pkg => osvEcosystemFor(pkg, os) ?? [])
    index = await indexFromApi(keys, source.url, settings, opts, warnings, stats)
  }
  stats.records = index.records
  if (index.withdrawn) stats.recordsWithdrawn = index.withdrawn
  if (index.malformed) {
    stats.recordsMalformed = index.malformed
    warnings.push(
      `${index.malformed} malformed OSV record(s) skipped (first: ${index.malformedExamples.join('; ')})`
    )
  }
  const matched = matchPackages(packages, os, index, defaultComparerFor, {
    imageRef: opts.imageRef,
    ignoreUnfixed: opts.ignoreUnfixed
  })
  for (const [name, value] of Object.entries(matched.stats)) if (value) stats[name] = value
  stats.findings = matched.findings.length
  return { findings: matched.findings, warnings: [...warnings, ...matched.warnings], stats }
}
