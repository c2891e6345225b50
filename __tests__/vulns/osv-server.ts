// A small OSV v1 API on 127.0.0.1 over fixture records, answering as osv.dev
// does (google/osv.dev go/internal/api/query_affected.go and
// go/internal/database/datastore/vulnership_matching.go, checked against the
// traffic osv-scanner recorded from api.osv.dev in its test data):
//   - every entry is stored under its ecosystem, its bare family (`Debian`,
//     `Red Hat`, `SUSE`) and, for Ubuntu, the release without `:Pro`/`:LTS`;
//   - names match exactly (PyPI names normalised), never case-insensitively;
//   - a query with a version matches per the ecosystem's ordering: the
//     `versions` list, else the events walked from the top (an event whose
//     version cannot be parsed is skipped); bare `Alpine`/`Ubuntu` queries
//     match the `versions` list only; an ecosystem with no ordering (or an
//     unparsable version) matches by the `versions` list;
//   - withdrawn records never match;
//   - per query at most `pageSize` ids, then an opaque `next_page_token`;
//   - any invalid query (unknown ecosystem, no name, purl with a name, no
//     ecosystem and no version, more than 1000 queries) fails the whole
//     batch with 400 and `{"code":3,"message":"error in query at index N: …"}`;
//   - `GET /v1/vulns/{id}` takes the id as osv.dev's client sends it (raw).
import { readdirSync, readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import {
  compareVersions,
  isValidVersion,
  schemeForEcosystem,
  type VersionScheme
} from '../../src/vulns/version/index.js'

export interface FakeOsvOptions {
  /** Ids per query per querybatch page (osv.dev: 1000); more come with next_page_token. */
  pageSize?: number
  /** Status codes to answer (in order) before serving a request for this path. */
  failures?: Map<string, number[]>
  /** Headers sent with those failure answers (e.g. Retry-After), by path. */
  failureHeaders?: Map<string, Record<string, string>>
  /** Delay before each answer, to stand in for a real network round trip (benchmarks). */
  latencyMs?: number
  /**
   * Ecosystem families this API does not know (a self-hosted osv.dev older than the
   * ecosystem): their queries fail the batch with 400, as unknown ecosystems do.
   */
  unknownEcosystems?: string[]
  /**
   * Only these records are answered by querybatch; the others are served by GET only (as
   * osv.dev serves CVE records, whose entries name no package).
   */
  queryOnly?: Set<string>
  /**
   * Answer the first page of each query with no ids and a first-page token,
   * as osv.dev does when its time budget ran out before matching began.
   */
  emptyFirstPage?: boolean
  /**
   * Answer by ecosystem family and name alone, whatever the version and release: an API that
   * is wrong (a stale mirror, the fake this one replaced), whose answers the client must check.
   */
  byNameOnly?: boolean
}

export interface FakeOsv {
  url: string
  /** Every request, as `METHOD path`, in arrival order. */
  requests: string[]
  /** Bodies of the querybatch requests. */
  batches: {
    queries: {
      package: { ecosystem: string; name: string }
      version: string
      page_token?: string
    }[]
  }[]
  close(): Promise<void>
}

/** The ecosystems osv.dev knows (osv/ecosystems/_ecosystems.py, with or without a suffix). */
export const KNOWN_ECOSYSTEMS = new Set([
  'AlmaLinux',
  'Alpaquita',
  'Alpine',
  'Android',
  'Azure Linux',
  'BellSoft Hardened Containers',
  'Bioconductor',
  'Bitnami',
  'Chainguard',
  'CleanStart',
  'ConanCenter',
  'CRAN',
  'crates.io',
  'Debian',
  'Docker Hardened Images',
  'Echo',
  'GHC',
  'GitHub Actions',
  'Go',
  'Hackage',
  'Hex',
  'Julia',
  'Kubernetes',
  'Linux',
  'Mageia',
  'Maven',
  'MinimOS',
  'npm',
  'NuGet',
  'opam',
  'openEuler',
  'openSUSE',
  'OSS-Fuzz',
  'Packagist',
  'Photon OS',
  'Pub',
  'PyPI',
  'Red Hat',
  'Rocky Linux',
  'Root',
  'RubyGems',
  'SUSE',
  'SwiftURL',
  'TuxCare',
  'Ubuntu',
  'VSCode',
  'Wolfi'
])

// osv.dev's ordering helpers differ from ours for some ecosystems it orders
// by string only (Photon OS has none).
const UNORDERED = new Set(['Photon OS', 'GIT'])

const START_CURSOR = 'RklSU1RfUEFHRV9UT0tFTg=='

export function loadFixtureRecords(dir: string): Map<string, Record<string, unknown>> {
  const records = new Map<string, Record<string, unknown>>()
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.json')) {
        const record = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
        records.set(record.id as string, record)
      }
    }
  }
  walk(dir)
  return records
}

type Event = { type: 'introduced' | 'fixed' | 'last_affected' | 'limit'; value: string }

interface AffectedVersions {
  vulnId: string
  ecosystems: Set<string>
  /** The entry's own ecosystem: its ordering. */
  ecosystem: string
  name: string
  events: Event[][]
  versions: string[]
}

const family = (ecosystem: string): string => ecosystem.split(':')[0]!

const normalizeName = (ecosystem: string, name: string): string =>
  family(ecosystem) === 'PyPI' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name

function ecosystemVariants(ecosystem: string): Set<string> {
  const out = new Set([ecosystem, family(ecosystem)])
  if (ecosystem.startsWith('Ubuntu')) out.add(ecosystem.replace(':Pro', '').replace(':LTS', ''))
  return out
}

function orderingOf(ecosystem: string): VersionScheme | undefined {
  if (UNORDERED.has(family(ecosystem))) return undefined
  return schemeForEcosystem(ecosystem)
}

/** osv.dev parses leniently where the format allows (dpkg, rpm, apk with a leading number). */
function parses(scheme: VersionScheme, version: string): boolean {
  if (scheme === 'apk') return /^\d/.test(version)
  return isValidVersion(scheme, version)
}

const EVENT_ORDER: Record<Event['type'], number> = {
  introduced: 0,
  last_affected: 1,
  fixed: 2,
  limit: 3
}

function index(records: Map<string, Record<string, unknown>>): AffectedVersions[] {
  const out: AffectedVersions[] = []
  for (const record of records.values()) {
    if (record.withdrawn) continue
    for (const affected of (record.affected as Record<string, unknown>[] | undefined) ?? []) {
      const pkg = affected.package as { ecosystem?: string; name?: string } | undefined
      if (!pkg?.ecosystem || !pkg.name) continue
      const scheme = orderingOf(pkg.ecosystem)
      const events: Event[][] = []
      for (const range of (affected.ranges as Record<string, unknown>[] | undefined) ?? []) {
        if (range.type !== 'ECOSYSTEM' && range.type !== 'SEMVER') continue
        const list: Event[] = []
        for (const e of (range.events as Record<string, string>[] | undefined) ?? []) {
          for (const type of ['introduced', 'fixed', 'last_affected', 'limit'] as const) {
            if (typeof e[type] === 'string') list.push({ type, value: e[type] })
          }
        }
        const rangeScheme = range.type === 'SEMVER' ? 'semver' : scheme
        if (rangeScheme) {
          list.sort((a, b) => {
            const za = a.value === '0'
            const zb = b.value === '0'
            if (za || zb) return za === zb ? EVENT_ORDER[a.type] - EVENT_ORDER[b.type] : za ? -1 : 1
            const pa = parses(rangeScheme, a.value)
            const pb = parses(rangeScheme, b.value)
            if (!pa || !pb) return pa === pb ? 0 : pa ? 1 : -1
            return (
              compareVersions(rangeScheme, a.value, b.value) ||
              EVENT_ORDER[a.type] - EVENT_ORDER[b.type]
            )
          })
        }
        events.push(list)
      }
      out.push({
        vulnId: record.id as string,
        ecosystems: ecosystemVariants(pkg.ecosystem),
        ecosystem: pkg.ecosystem,
        name: normalizeName(pkg.ecosystem, pkg.name),
        events,
        versions: Array.isArray(affected.versions) ? (affected.versions as string[]) : []
      })
    }
  }
  return out
}

/** osv.dev's versionIsMatchEcosystem: the versions list, else the events from the top down. */
function matchesEvents(scheme: VersionScheme, version: string, av: AffectedVersions): boolean {
  if (av.versions.some(v => parses(scheme, v) && compareVersions(scheme, v, version) === 0))
    return true
  for (const events of av.events) {
    for (let i = events.length - 1; i >= 0; i--) {
      const event = events[i]!
      if (event.value === '0' && event.type === 'introduced') return true
      if (!parses(scheme, event.value)) continue
      const c = compareVersions(scheme, version, event.value)
      if (c < 0) continue
      if (event.type === 'introduced') return true
      if (c === 0 && event.type === 'last_affected') return true
      break
    }
  }
  return false
}

interface Query {
  package?: { ecosystem?: string; name?: string; purl?: string }
  version?: string
  commit?: string
  page_token?: string
}

function validate(query: Query, known: Set<string>): string | undefined {
  if (query.commit !== undefined)
    return /^[0-9a-f]+$/i.test(query.commit) ? undefined : 'invalid hash'
  if (!query.package || typeof query.package !== 'object') return 'invalid query'
  const { ecosystem = '', name = '', purl = '' } = query.package
  if (purl) {
    if (name) return 'name specified in a PURL query'
    if (ecosystem) return 'ecosystem specified in a PURL query'
    return undefined
  }
  if (ecosystem && ecosystem !== 'GIT' && !known.has(family(ecosystem))) {
    return 'invalid ecosystem'
  }
  if (!name) return 'invalid query'
  if (!ecosystem && !query.version) return 'invalid query'
  return undefined
}

export async function startFakeOsv(
  records: Map<string, Record<string, unknown>>,
  options: FakeOsvOptions = {}
): Promise<FakeOsv> {
  const requests: string[] = []
  const batches: FakeOsv['batches'] = []
  const failures = options.failures ?? new Map<string, number[]>()
  const pageSize = options.pageSize ?? 1000
  const known = new Set([...KNOWN_ECOSYSTEMS].filter(e => !options.unknownEcosystems?.includes(e)))
  // Records may change between requests (a test editing `modified`): indexed on each batch.
  const idsFor = (query: Query): string[] => {
    const ecosystem = query.package?.ecosystem ?? ''
    const name = normalizeName(ecosystem, query.package?.name ?? '')
    const version = query.version ?? ''
    const scheme = ecosystem ? orderingOf(ecosystem) : undefined
    const bare = ecosystem === 'Alpine' || ecosystem === 'Ubuntu'
    const hits = new Set<string>()
    for (const av of index(records)) {
      if (options.queryOnly && !options.queryOnly.has(av.vulnId)) continue
      if (av.name !== name) continue
      if (options.byNameOnly) {
        const family = ecosystem.split(':')[0]
        if ([...av.ecosystems].some(e => e.split(':')[0] === family)) hits.add(av.vulnId)
        continue
      }
      if (ecosystem && !av.ecosystems.has(ecosystem)) continue
      let match: boolean
      if (!version) match = true
      else if (!scheme || !parses(scheme, version)) match = av.versions.includes(version)
      else if (bare) match = av.versions.some(v => compareVersions(scheme, v, version) === 0)
      else match = matchesEvents(scheme, version, av)
      if (match) hits.add(av.vulnId)
    }
    return [...hits].sort()
  }

  const server: Server = createServer((req, res) => {
    if (options.latencyMs) setTimeout(() => handle(req, res), options.latencyMs)
    else handle(req, res)
  })
  const json = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  }
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = req.url ?? ''
    requests.push(`${req.method} ${path}`)
    const queued = failures.get(path)
    if (queued && queued.length > 0) {
      res
        .writeHead(queued.shift()!, {
          'content-type': 'application/json',
          ...(options.failureHeaders?.get(path) ?? {})
        })
        .end('{"code":14,"message":"try later"}')
      return
    }
    if (req.method === 'POST' && path === '/v1/querybatch') {
      let body = ''
      req.on('data', chunk => (body += chunk))
      req.on('end', () => {
        let parsed: { queries?: Query[] }
        try {
          parsed = JSON.parse(body) as { queries?: Query[] }
        } catch {
          json(res, 400, { code: 3, message: 'Invalid JSON payload received.' })
          return
        }
        batches.push(parsed as FakeOsv['batches'][number])
        const queries = Array.isArray(parsed.queries) ? parsed.queries : []
        if (queries.length > 1000) {
          json(res, 400, { code: 3, message: 'too many queries' })
          return
        }
        for (const [i, query] of queries.entries()) {
          const problem = validate(query, known)
          if (problem) {
            json(res, 400, { code: 3, message: `error in query at index ${i}: ${problem}` })
            return
          }
        }
        const results = queries.map(query => {
          if (options.emptyFirstPage && !query.page_token) return { next_page_token: START_CURSOR }
          const all = idsFor(query)
          const token = query.page_token === START_CURSOR ? undefined : query.page_token
          const start = token ? Number(Buffer.from(token, 'base64url').toString().slice(2)) : 0
          const page = all.slice(start, start + pageSize)
          const next =
            start + pageSize < all.length
              ? Buffer.from(`P:${start + pageSize}`).toString('base64url')
              : undefined
          return {
            ...(page.length
              ? { vulns: page.map(id => ({ id, modified: records.get(id)!.modified })) }
              : {}),
            ...(next ? { next_page_token: next } : {})
          }
        })
        json(res, 200, { results })
      })
      return
    }
    const match = /^\/v1\/vulns\/([^/]+)$/.exec(path)
    if (req.method === 'GET' && match) {
      const record = records.get(match[1]!)
      if (!record) {
        json(res, 404, { code: 5, message: 'Bug not found.' })
        return
      }
      json(res, 200, record)
      return
    }
    res.writeHead(404).end()
  }
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    batches,
    close: () => new Promise<void>(resolve => server.close(() => resolve()))
  }
}
