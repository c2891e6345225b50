// Public surface of the vulnerability check: inventory in, findings out.
// Records come from the OSV API (default) or from OSV JSON/zip on disk; the
// matching itself is the same pure function for both (match.ts).
import { InputError } from '../model/errors.js'
import type { Finding, RuleMeta } from '../model/finding.js'
import type { OsInfo, Package } from '../model/package.js'
import { indexKey, osvEcosystemFor, type OsvPackageKey } from './ecosystem.js'
import { RULE_FIXABLE, RULE_UNFIXED } from './findings.js'
import { matchPackages, type NotEvaluated } from './match.js'
import type { OsvRecord } from './osv.js'
import { OsvApiError, type OsvApiOptions, type RejectedQuery } from './osv-api.js'
import { evaluateAffected } from './ranges.js'
import { VulnIndex } from './records.js'
import { VulnRun } from './run.js'
import { recordCvss, type AliasCvss } from './severity.js'
import type { VulnerabilitySettings } from './settings.js'
import type { VulnSource } from './source.js'

export { osvEcosystemFor, normalizePyPIName } from './ecosystem.js'
export { parseOsvRecord, type OsvRecord } from './osv.js'
export { cvss3BaseScore, cvss2BaseScore } from './cvss.js'
export { cvss4BaseScore } from './cvss4.js'
export { VulnIndex } from './records.js'
export { matchPackages } from './match.js'
export { evaluateRange } from './ranges.js'
export { createComparerFor } from './comparers.js'
export { loadOfflineIndex } from './offline.js'
export { VulnRun } from './run.js'
export { attributeFindingsToDockerfile, type DockerfileInput } from './attribution.js'
export {
  parseVulnerabilitySettings,
  DEFAULT_VULNERABILITY_SETTINGS,
  type VulnerabilitySettings
} from './settings.js'
export type { VulnSource } from './source.js'

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
  /** The most time spent waiting to retry one API request, Retry-After included (default 60 s). */
  maxRetryWaitMs?: number
  /**
   * Directory for OSV API records across runs (the workflow restores and
   * saves it, e.g. with @actions/cache). Records whose `modified` stamp is
   * unchanged are read from it instead of fetched again.
   */
  cacheDir?: string
  /** What this run keeps between calls (loaded indexes, fetched records); a fresh one by default. */
  run?: VulnRun
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

/**
 * What the run could not evaluate. With `on-data-error: fail` (the default)
 * any of it fails the run, naming what was missed; with `warn`, one warning
 * each.
 */
class DataProblems {
  readonly lines: string[] = []
  add(line: string): void {
    this.lines.push(line)
  }
  settle(settings: VulnerabilitySettings, warnings: string[]): void {
    if (this.lines.length === 0) return
    if (settings.onDataError === 'fail') {
      throw new InputError(
        `vulnerabilities not evaluated: ${this.lines.join('; ')}; the gate cannot pass on incomplete vulnerability data (set checks.vulnerabilities.on-data-error: warn to carry on, or vuln-db: <dir|zip> for offline records)`
      )
    }
    for (const line of this.lines)
      warnings.push(`${line}; vulnerability results are incomplete (on-data-error: warn)`)
  }
}

/** A data error that stops everything at once (no data at all): fail or warn now. */
function fatalDataError(settings: VulnerabilitySettings, warnings: string[], message: string) {
  if (settings.onDataError === 'fail') {
    throw new InputError(
      `${message}; the gate cannot pass without vulnerability data (set checks.vulnerabilities.on-data-error: warn to carry on, or vuln-db: <dir|zip> for offline records)`
    )
  }
  warnings.push(`${message}; vulnerability results are incomplete (on-data-error: warn)`)
}

const queryId = (key: OsvPackageKey): string =>
  `${key.ecosystem}\u0000${key.name}\u0000${key.version}`

/** The most alias records fetched to find a CVSS for records that carry none. */
const MAX_ALIAS_LOOKUPS = 2000

interface ApiIndex {
  index: VulnIndex
  /** querybatch's answer per distinct query: for comparing with the local evaluation. */
  answers: Map<string, { key: OsvPackageKey; ids: string[] }>
  aliasCvss: AliasCvss
}

async function indexFromApi(
  keys: readonly OsvPackageKey[],
  url: string,
  settings: VulnerabilitySettings,
  opts: MatchVulnerabilitiesOptions,
  run: VulnRun,
  warnings: string[],
  problems: DataProblems,
  stats: Record<string, number>
): Promise<ApiIndex> {
  const index = new VulnIndex()
  const answers = new Map<string, { key: OsvPackageKey; ids: string[] }>()
  const aliasRecords = new Map<string, OsvRecord>()
  const aliasCvss: AliasCvss = id => {
    const record = aliasRecords.get(id) ?? index.get(id)
    return record ? recordCvss(record) : undefined
  }
  const client = run.apiClient({
    url,
    concurrency: settings.apiConcurrency,
    retries: settings.apiRetries,
    timeoutMs: settings.apiTimeoutSeconds * 1000,
    backoffMs: opts.backoffMs ?? 500,
    maxRetryWaitMs: opts.maxRetryWaitMs,
    fetch: opts.fetch
  } satisfies OsvApiOptions)
  // One query per distinct (ecosystem, name, version).
  const unique = new Map<string, OsvPackageKey>()
  for (const key of keys) unique.set(queryId(key), key)
  const queries = [...unique.values()]
  stats.apiQueries = queries.length
  if (queries.length === 0) return { index, answers, aliasCvss }
  let idLists: string[][]
  const modified = new Map<string, string>()
  const rejected: RejectedQuery[] = []
  try {
    idLists = await client.queryBatch(queries, modified, rejected)
  } catch (error) {
    if (!(error instanceof OsvApiError)) throw error
    fatalDataError(settings, warnings, `OSV API ${url} failed: ${error.message}`)
    return { index, answers, aliasCvss }
  }
  queries.forEach((key, i) => answers.set(queryId(key), { key, ids: idLists[i]! }))
  if (rejected.length > 0) {
    const first = rejected[0]!
    stats.apiQueriesRejected = rejected.length
    problems.add(
      `${rejected.length} package(s) were not checked: the OSV API rejected their query (first: ${first.query.ecosystem} ${first.query.name} ${first.query.version}: ${first.reason})`
    )
  }
  const ids = [...new Set(idLists.flat())].sort()
  stats.apiVulnerabilityIds = ids.length
  const cache = opts.cacheDir ? { dir: opts.cacheDir, modified } : undefined
  const { records, failed, fromCache } = await client.fetchRecords(ids, cache)
  if (opts.cacheDir) stats.apiRecordsFromCache = fromCache
  for (const id of ids) {
    if (records.has(id)) index.addRaw(records.get(id), `${url}/v1/vulns/${id}`)
  }
  if (failed.size > 0) {
    const [firstId, reason] = [...failed][0]!
    fatalDataError(
      settings,
      warnings,
      `OSV API ${url}: ${failed.size} of ${ids.length} advisories could not be fetched (${firstId}: ${reason})`
    )
  }
  // Severity step 2: the CVE records that advisories without a CVSS vector alias.
  const wanted = new Set<string>()
  for (const id of ids) {
    const record = index.get(id)
    if (!record || record.withdrawn || recordCvss(record).modern) continue
    for (const alias of record.aliases)
      if (/^(CVE|GHSA)-/.test(alias) && !index.get(alias)) wanted.add(alias)
  }
  const aliasIds = [...wanted].sort().slice(0, MAX_ALIAS_LOOKUPS)
  if (aliasIds.length > 0) {
    const fetched = await client.fetchRecords(aliasIds, cache)
    stats.apiAliasRecords = fetched.records.size
    const aliasIndex = new VulnIndex()
    for (const [id, raw] of fetched.records) {
      const record = aliasIndex.addRaw(raw, `${url}/v1/vulns/${id}`)
      if (record) aliasRecords.set(id, record)
    }
    if (fetched.failed.size > 0) stats.apiAliasRecordsFailed = fetched.failed.size
  }
  return { index, answers, aliasCvss }
}

/**
 * API answers the local evaluation does not confirm. An id for another
 * release or stream of the family (`Red Hat` answers for RHEL 8 on a RHEL 9
 * image) is expected; an id whose entries for this package's release our
 * evaluation finds not affected is a disagreement, counted and reported.
 */
function compareWithApi(
  answers: ApiIndex['answers'],
  index: VulnIndex,
  run: VulnRun,
  warnings: string[],
  stats: Record<string, number>
): void {
  let otherRelease = 0
  const disagreements: string[] = []
  for (const { key, ids } of answers.values()) {
    for (const id of ids) {
      const record = index.get(id)
      if (!record || record.withdrawn) continue
      const wantedKey = indexKey(key.ecosystem, key.name)
      const entries = record.affected.filter(
        a => key.accepts(a.ecosystem) && indexKey(a.ecosystem, a.name) === wantedKey
      )
      if (entries.length === 0) {
        otherRelease++
        continue
      }
      const affected = entries.some(
        a => evaluateAffected(a, key.version, run.comparerFor, run.rangeCache).affected
      )
      if (!affected) disagreements.push(`${id} for ${key.ecosystem} ${key.name} ${key.version}`)
    }
  }
  if (otherRelease) stats.apiAnswersOtherRelease = otherRelease
  if (disagreements.length > 0) {
    stats.apiAnswersNotConfirmed = disagreements.length
    warnings.push(
      `${disagreements.length} OSV API answer(s) were not confirmed by evaluating the advisory's ranges here and were not reported (${disagreements.slice(0, 3).join('; ')}${disagreements.length > 3 ? '; …' : ''})`
    )
  }
}

function notEvaluatedProblems(notEvaluated: NotEvaluated, stats: Record<string, number>): string[] {
  const lines: string[] = []
  for (const [kind, examples] of [...notEvaluated.unsupportedPackages].sort()) {
    lines.push(`${kind} package(s) with no OSV ecosystem (${examples.join(', ')})`)
  }
  if (stats.unevaluatedRanges) {
    lines.push(
      `${stats.unevaluatedRanges} advisory range(s) whose versions cannot be ordered (${notEvaluated.unevaluatedRanges.join('; ')})`
    )
  }
  return lines
}

/**
 * Match an image's packages against OSV advisories. One finding per
 * (vulnerability, package), rule `vulnerable-package` (a fix exists) or
 * `vulnerable-package-unfixed`. Throws InputError when the data cannot be
 * had, or when anything was not evaluated, unless `settings.onDataError` is
 * `warn`.
 */
export async function matchVulnerabilities(
  packages: Package[],
  os: OsInfo | undefined,
  source: VulnSource,
  settings: VulnerabilitySettings,
  opts: MatchVulnerabilitiesOptions = {}
): Promise<VulnMatchResult> {
  const run = opts.run ?? new VulnRun()
  const warnings: string[] = []
  const problems = new DataProblems()
  const stats: Record<string, number> = {}
  let index: VulnIndex
  let aliasCvss: AliasCvss
  let answers: ApiIndex['answers'] | undefined
  if (source.kind === 'path') {
    index = run.offlineIndex(source.path)
    if (index.records === 0) {
      // An empty or wrong directory must not let the gate pass for lack of data.
      fatalDataError(
        settings,
        warnings,
        `vuln-db: "${source.path}" holds no OSV records${index.malformed ? ` (${index.malformed} unreadable)` : ''}`
      )
    }
    const offline = index
    aliasCvss = id => {
      const record = offline.get(id)
      return record ? recordCvss(record) : undefined
    }
  } else {
    const keys = packages.flatMap(pkg => osvEcosystemFor(pkg, os) ?? [])
    const api = await indexFromApi(keys, source.url, settings, opts, run, warnings, problems, stats)
    index = api.index
    aliasCvss = api.aliasCvss
    answers = api.answers
  }
  stats.records = index.records
  if (index.withdrawn) stats.recordsWithdrawn = index.withdrawn
  if (index.malformed) {
    stats.recordsMalformed = index.malformed
    problems.add(
      `${index.malformed} malformed OSV record(s) skipped (first: ${index.malformedExamples.join('; ')})`
    )
  }
  const matched = matchPackages(packages, os, index, run.comparerFor, {
    imageRef: opts.imageRef,
    ignoreUnfixed: opts.ignoreUnfixed,
    showUnimportant: settings.showUnimportant,
    aliasCvss,
    rangeCache: run.rangeCache,
    cvssMemo: run.cvssMemo
  })
  for (const [name, value] of Object.entries(matched.stats)) if (value) stats[name] = value
  stats.findings = matched.findings.length
  for (const line of notEvaluatedProblems(matched.notEvaluated, matched.stats)) problems.add(line)
  if (answers) compareWithApi(answers, index, run, warnings, stats)
  problems.settle(settings, warnings)
  return { findings: matched.findings, warnings, stats }
}
