// The exploitation feeds (CISA KEV, FIRST EPSS): read from a local file when the workflow
// names one (offline runs), else fetched from the public URL through the same HTTP path as
// the OSV API (bounded retries, size cap) and kept in osv-cache-dir for a day. They only
// enrich: when a feed cannot be had the run goes on with one warning, the gate deciding by
// severity alone.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { errorMessage } from '../model/errors.js'
import { parseEpssCsv, EPSS_URL, type EpssScores } from './epss.js'
import { httpRequest, type HttpOptions } from './http.js'
import { parseKevCatalog, KEV_URL, type KevCatalog } from './kev.js'

/** A cached copy younger than this is used without asking the network. */
export const FEED_MAX_AGE_MS = 24 * 60 * 60 * 1000
/** KEV is ~1.5 MB, EPSS ~2 MB gzipped: far below. */
const MAX_FEED_BYTES = 32 * 1024 * 1024

export interface FeedSource {
  /** A local copy (`kev-file`, `epss-file`): read, never fetched. */
  file?: string
  /** Default: the publisher's URL. */
  url?: string
  /** `osv-cache-dir`: fetched copies are kept in `<dir>/feeds/`. */
  cacheDir?: string
}

export interface FeedLoad<T> {
  data?: T
  /** Where it came from: the file, the cache, the network, or a stale cache after a failed fetch. */
  from?: 'file' | 'cache' | 'network' | 'stale-cache'
  /** At most one line: why the feed is missing (or stale). */
  warning?: string
}

interface FeedKind<T> {
  label: string
  url: string
  cacheName: string
  parse: (bytes: Buffer, origin: string) => T
}

const KEV: FeedKind<KevCatalog> = {
  label: 'KEV catalog',
  url: KEV_URL,
  cacheName: 'kev.json',
  parse: (bytes, origin) => parseKevCatalog(bytes.toString('utf8'), origin)
}
const EPSS: FeedKind<EpssScores> = {
  label: 'EPSS scores',
  url: EPSS_URL,
  cacheName: 'epss.csv.gz',
  parse: parseEpssCsv
}

function readCache(file: string): { bytes: Buffer; ageMs: number } | undefined {
  try {
    const stat = statSync(file)
    return { bytes: readFileSync(file), ageMs: Date.now() - stat.mtimeMs }
  } catch {
    return undefined
  }
}

function writeCache(file: string, bytes: Buffer): void {
  try {
    mkdirSync(join(file, '..'), { recursive: true })
    const temp = `${file}.${process.pid}.tmp`
    writeFileSync(temp, bytes)
    renameSync(temp, file)
  } catch {
    // Not kept: fetched again next run.
  }
}

async function loadFeed<T>(
  kind: FeedKind<T>,
  source: FeedSource,
  http: HttpOptions
): Promise<FeedLoad<T>> {
  const noData = (why: string): FeedLoad<T> => ({
    warning: `${kind.label} not used (${why}): vulnerabilities are gated by severity alone`
  })
  if (source.file) {
    let bytes: Buffer
    try {
      bytes = readFileSync(source.file)
    } catch (error) {
      return noData(`${source.file}: ${errorMessage(error)}`)
    }
    try {
      return { data: kind.parse(bytes, source.file), from: 'file' }
    } catch (error) {
      return noData(errorMessage(error))
    }
  }
  const url = source.url ?? kind.url
  const cacheFile = source.cacheDir ? join(source.cacheDir, 'feeds', kind.cacheName) : undefined
  const cached = cacheFile ? readCache(cacheFile) : undefined
  if (cached && cached.ageMs < FEED_MAX_AGE_MS) {
    try {
      return { data: kind.parse(cached.bytes, cacheFile!), from: 'cache' }
    } catch {
      // A damaged copy: fetch a new one.
    }
  }
  let problem: string
  try {
    const bytes = await httpRequest(http, url, { method: 'GET', maxBytes: MAX_FEED_BYTES })
    const data = kind.parse(bytes, url)
    if (cacheFile) writeCache(cacheFile, bytes)
    return { data, from: 'network' }
  } catch (error) {
    problem = errorMessage(error)
  }
  if (cached) {
    try {
      const data = kind.parse(cached.bytes, cacheFile!)
      const days = Math.floor(cached.ageMs / FEED_MAX_AGE_MS)
      return {
        data,
        from: 'stale-cache',
        warning: `${kind.label}: ${problem}; using the copy cached ${days} day(s) ago`
      }
    } catch {
      // fall through
    }
  }
  return noData(problem)
}

export function loadKev(source: FeedSource, http: HttpOptions): Promise<FeedLoad<KevCatalog>> {
  return loadFeed(KEV, source, http)
}

export function loadEpss(source: FeedSource, http: HttpOptions): Promise<FeedLoad<EpssScores>> {
  return loadFeed(EPSS, source, http)
}
