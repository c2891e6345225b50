// The OSV v1 API (https://google.github.io/osv.dev/api/): one `querybatch`
// for every package (paginated by next_page_token, batches of at most 1000
// queries), then `GET /v1/vulns/{id}` for each distinct id, a few at a time,
// retried with backoff on 429/5xx and cached for the whole run.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { errorMessage } from '../model/errors.js'
import type { OsvPackageKey } from './ecosystem.js'

export interface OsvApiOptions {
  /** Base URL without trailing slash, e.g. https://api.osv.dev */
  url: string
  concurrency: number
  /** Retries after the first attempt on 429, 5xx and network errors. */
  retries: number
  timeoutMs: number
  /** First backoff delay; doubles per retry (a Retry-After header wins when shorter than 30 s). */
  backoffMs: number
  fetch?: typeof fetch
}

/** The API could not answer: the caller fails closed (or warns, when the workflow opted out). */
export class OsvApiError extends Error {
  override name = 'OsvApiError'
  constructor(
    message: string,
    /** The HTTP status when the API answered with an error. */
    readonly status?: number
  ) {
    super(message)
  }
}

const BATCH_LIMIT = 1000
const MAX_PAGES = 100

const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

/** Records fetched by id during this process: a second scan in the same run refetches nothing. */
const recordCache = new Map<string, Promise<unknown>>()

export function clearOsvApiCache(): void {
  recordCache.clear()
}

async function request(
  options: OsvApiOptions,
  path: string,
  init: { method: 'GET' | 'POST'; body?: string }
): Promise<unknown> {
  const doFetch = options.fetch ?? fetch
  const url = `${options.url}${path}`
  let lastProblem = ''
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    let retryAfterMs: number | undefined
    try {
      const response = await doFetch(url, {
        method: init.method,
        body: init.body,
        headers: init.body ? { 'content-type': 'application/json' } : undefined,
        signal: AbortSignal.timeout(options.timeoutMs)
      })
      if (response.ok) {
        try {
          return await response.json()
        } catch (error) {
          throw new OsvApiError(
            `${init.method} ${url}: the answer is not JSON (${errorMessage(error)})`
          )
        }
      }
      lastProblem = `HTTP ${response.status}`
      await response.body?.cancel().catch(() => undefined)
      if (response.status !== 429 && response.status < 500) {
        throw new OsvApiError(`${init.method} ${url}: ${lastProblem}`, response.status)
      }
      const header = Number(response.headers.get('retry-after'))
      if (Number.isFinite(header) && header >= 0 && header <= 30) retryAfterMs = header * 1000
    } catch (error) {
      if (error instanceof OsvApiError) throw error
      lastProblem = errorMessage(error)
    }
    if (attempt < options.retries) await sleep(retryAfterMs ?? options.backoffMs * 2 ** attempt)
  }
  throw new OsvApiError(
    `${init.method} ${url}: ${lastProblem} (after ${options.retries + 1} attempt${options.retries ? 's' : ''})`
  )
}

interface BatchResult {
  vulns?: { id?: unknown; modified?: unknown }[]
  next_page_token?: unknown
}

interface PendingQuery {
  index: number
  query: OsvPackageKey
  pageToken?: string
}

/** What querybatch could not answer for a single query (e.g. an ecosystem the API does not know). */
export interface RejectedQuery {
  query: OsvPackageKey
  reason: string
}

/**
 * The ids the API reports for each query (same order as `queries`). The
 * `modified` stamp of each id goes into `modified` when given: it decides
 * whether a record cached by an earlier run is still current. A batch the
 * API rejects as a bad request (400) is split in halves until the offending
 * queries are isolated: they land in `rejected`, the rest still get answers.
 */
export async function queryBatch(
  queries: readonly OsvPackageKey[],
  options: OsvApiOptions,
  modified?: Map<string, string>,
  rejected?: RejectedQuery[]
): Promise<string[][]> {
  const results: string[][] = queries.map(() => [])

  const post = async (items: PendingQuery[]): Promise<PendingQuery[]> => {
    const body = {
      queries: items.map(({ query, pageToken }) => ({
        package: { ecosystem: query.ecosystem, name: query.name },
        version: query.version,
        ...(pageToken ? { page_token: pageToken } : {})
      }))
    }
    let answer: { results?: unknown }
    try {
      answer = (await request(options, '/v1/querybatch', {
        method: 'POST',
        body: JSON.stringify(body)
      })) as { results?: unknown }
    } catch (error) {
      if (!(error instanceof OsvApiError) || error.status !== 400) throw error
      if (items.length === 1) {
        rejected?.push({ query: items[0]!.query, reason: error.message })
        if (!rejected) throw error
        return []
      }
      const half = Math.ceil(items.length / 2)
      return [...(await post(items.slice(0, half))), ...(await post(items.slice(half)))]
    }
    if (!answer || !Array.isArray(answer.results) || answer.results.length !== items.length) {
      throw new OsvApiError(
        `POST ${options.url}/v1/querybatch: expected ${items.length} results, got ${Array.isArray(answer?.results) ? answer.results.length : 'none'}`
      )
    }
    const next: PendingQuery[] = []
    answer.results.forEach((raw, i) => {
      const result = (raw ?? {}) as BatchResult
      const item = items[i]!
      for (const vuln of result.vulns ?? []) {
        if (typeof vuln?.id !== 'string') continue
        results[item.index]!.push(vuln.id)
        if (modified && typeof vuln.modified === 'string') modified.set(vuln.id, vuln.modified)
      }
      if (typeof result.next_page_token === 'string' && result.next_page_token) {
        next.push({ ...item, pageToken: result.next_page_token })
      }
    })
    return next
  }

  for (let start = 0; start < queries.length; start += BATCH_LIMIT) {
    let pending: PendingQuery[] = queries
      .slice(start, start + BATCH_LIMIT)
      .map((query, i) => ({ index: start + i, query }))
    for (let page = 0; pending.length > 0; page++) {
      if (page >= MAX_PAGES) {
        throw new OsvApiError(`querybatch: still paginating after ${MAX_PAGES} pages`)
      }
      pending = await post(pending)
    }
  }
  return results
}

export interface FetchCache {
  /** Directory holding records of earlier runs (restored/saved by the workflow, e.g. @actions/cache). */
  dir: string
  /** id → `modified` from querybatch: a cached record is reused only when its stamp matches. */
  modified: ReadonlyMap<string, string>
}

function cacheFile(dir: string, id: string): string {
  return join(dir, `${id.replace(/[^A-Za-z0-9._-]/g, '_')}.json`)
}

function readCached(cache: FetchCache, id: string): unknown {
  const wanted = cache.modified.get(id)
  if (!wanted) return undefined
  try {
    const record = JSON.parse(readFileSync(cacheFile(cache.dir, id), 'utf8')) as {
      id?: unknown
      modified?: unknown
    }
    return record?.id === id && record.modified === wanted ? record : undefined
  } catch {
    return undefined
  }
}

function writeCached(dir: string, id: string, record: unknown): void {
  try {
    mkdirSync(dir, { recursive: true })
    const file = cacheFile(dir, id)
    const temp = `${file}.${process.pid}.tmp`
    writeFileSync(temp, JSON.stringify(record))
    renameSync(temp, file)
  } catch {
    // A cache that cannot be written only costs a refetch next run.
  }
}

/**
 * Full records for `ids`, at most `concurrency` requests at a time. With a
 * cache, records whose `modified` stamp is unchanged since an earlier run are
 * read from disk instead. Ids that fail are reported in `failed` with the
 * reason (the caller decides whether that is fatal).
 */
export async function fetchRecords(
  ids: readonly string[],
  options: OsvApiOptions,
  cache?: FetchCache
): Promise<{ records: Map<string, unknown>; failed: Map<string, string>; fromCache: number }> {
  const records = new Map<string, unknown>()
  const failed = new Map<string, string>()
  let fromCache = 0
  const toFetch: string[] = []
  for (const id of ids) {
    const cached = cache ? readCached(cache, id) : undefined
    if (cached !== undefined) {
      records.set(id, cached)
      fromCache++
    } else {
      toFetch.push(id)
    }
  }
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < toFetch.length) {
      const id = toFetch[next++]!
      const cacheKey = `${options.url}\u0000${id}`
      let pending = recordCache.get(cacheKey)
      if (!pending) {
        pending = request(options, `/v1/vulns/${encodeURIComponent(id)}`, { method: 'GET' })
        recordCache.set(cacheKey, pending)
        // A failure is not cached: a later scan in the same process may retry it.
        pending.catch(() => recordCache.delete(cacheKey))
      }
      try {
        const record = await pending
        records.set(id, record)
        if (cache) writeCached(cache.dir, id, record)
      } catch (error) {
        failed.set(id, errorMessage(error))
      }
    }
  }
  const workers = Math.max(1, Math.min(options.concurrency, toFetch.length))
  await Promise.all(Array.from({ length: workers }, worker))
  return { records, failed, fromCache }
}
