// The OSV v1 API (https://google.github.io/osv.dev/api/): one `querybatch`
// for every package (paginated by next_page_token, batches of at most 1000
// queries), then `GET /v1/vulns/{id}` for each distinct id, a few at a time.
// One client per run: its record memo lives as long as the run, never longer.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { errorMessage } from '../model/errors.js'
import type { OsvPackageKey } from './ecosystem.js'
import { HttpError, httpJson, type HttpOptions } from './http.js'

export interface OsvApiOptions extends HttpOptions {
  /** Base URL without trailing slash, e.g. https://api.osv.dev */
  url: string
  concurrency: number
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
/** One record or one batch answer: far above any real one (the largest records are a few MB). */
const MAX_RECORD_BYTES = 32 * 1024 * 1024

/** What querybatch could not answer for a single query (e.g. an ecosystem the API does not know). */
export interface RejectedQuery {
  query: OsvPackageKey
  reason: string
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

export interface FetchCache {
  /** Directory holding records of earlier runs (restored/saved by the workflow, e.g. @actions/cache). */
  dir: string
  /** id → `modified` from querybatch: a cached record is reused only when its stamp matches. */
  modified: ReadonlyMap<string, string>
}

/**
 * `/v1/vulns/{id}` as osv.dev's own client writes it: the id as is (ids such
 * as `RLSA-2024:1234` keep their colon, which a path segment allows), with
 * only what a path segment cannot hold percent-encoded.
 */
export function vulnPath(id: string): string {
  return `/v1/vulns/${encodeURIComponent(id).replace(/%3A/gi, ':').replace(/%40/g, '@')}`
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

export class OsvApiClient {
  /** Records fetched during this run: a second scan in the same run refetches nothing. */
  private readonly records = new Map<string, Promise<unknown>>()

  constructor(readonly options: OsvApiOptions) {}

  private async request(path: string, init: { method: 'GET' | 'POST'; body?: string }) {
    try {
      return await httpJson(this.options, `${this.options.url}${path}`, {
        ...init,
        maxBytes: MAX_RECORD_BYTES
      })
    } catch (error) {
      if (error instanceof HttpError) throw new OsvApiError(error.message, error.status)
      throw error
    }
  }

  /**
   * The ids the API reports for each query (same order as `queries`). The
   * `modified` stamp of each id goes into `modified` when given: it decides
   * whether a record cached by an earlier run is still current. A batch the
   * API rejects as a bad request (400) is split in halves until the offending
   * queries are isolated: they land in `rejected`, the rest still get answers.
   */
  async queryBatch(
    queries: readonly OsvPackageKey[],
    modified?: Map<string, string>,
    rejected?: RejectedQuery[]
  ): Promise<string[][]> {
    const results: string[][] = queries.map(() => [])
    const url = this.options.url

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
        answer = (await this.request('/v1/querybatch', {
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
          `POST ${url}/v1/querybatch: expected ${items.length} results, got ${Array.isArray(answer?.results) ? answer.results.length : 'none'}`
        )
      }
      const next: PendingQuery[] = []
      answer.results.forEach((raw, i) => {
        const result = (raw ?? {}) as BatchResult
        const item = items[i]!
        for (const vuln of Array.isArray(result.vulns) ? result.vulns : []) {
          if (typeof vuln?.id !== 'string') continue
          results[item.index]!.push(vuln.id)
          if (modified && typeof vuln.modified === 'string') modified.set(vuln.id, vuln.modified)
        }
        // A token is "call again for more", even with no ids on this page (osv.dev answers
        // with a first-page token when it ran out of time before matching anything).
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
    for (const list of results) {
      const unique = [...new Set(list)]
      list.length = 0
      list.push(...unique)
    }
    return results
  }

  /**
   * Full records for `ids`, at most `concurrency` requests at a time. With a
   * cache, records whose `modified` stamp is unchanged since an earlier run are
   * read from disk instead. Ids that fail are reported in `failed` with the
   * reason (the caller decides whether that is fatal).
   */
  async fetchRecords(
    ids: readonly string[],
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
        let pending = this.records.get(id)
        if (!pending) {
          pending = this.request(vulnPath(id), { method: 'GET' })
          this.records.set(id, pending)
          // A failure is not kept: a later scan in the same run may retry it.
          pending.catch(() => this.records.delete(id))
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
    const workers = Math.max(1, Math.min(this.options.concurrency, toFetch.length))
    await Promise.all(Array.from({ length: workers }, worker))
    return { records, failed, fromCache }
  }
}
