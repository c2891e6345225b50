// The one HTTP path of the vulnerability check (OSV API, KEV, EPSS): bounded
// retries with exponential backoff on 429, 5xx and network errors, a
// Retry-After header honoured up to a bounded total wait, a per-request
// timeout, and answers read up to a size limit (they are untrusted input).
import { errorMessage } from '../model/errors.js'

export interface HttpOptions {
  /** Retries after the first attempt on 429, 5xx and network errors. */
  retries: number
  timeoutMs: number
  /** First backoff delay; doubles per retry. */
  backoffMs: number
  /** The most time spent waiting between attempts, Retry-After included, over one request. */
  maxRetryWaitMs?: number
  fetch?: typeof fetch
}

/** The request could not be answered (or was answered with an error status). */
export class HttpError extends Error {
  override name = 'HttpError'
  constructor(
    message: string,
    /** The HTTP status when the server answered with an error. */
    readonly status?: number
  ) {
    super(message)
  }
}

export const DEFAULT_MAX_RETRY_WAIT_MS = 60_000

const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms))

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined
  const text = header.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

async function readCapped(response: Response, maxBytes: number, what: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined)
    throw new HttpError(
      `${what}: the answer is ${declared} bytes, more than the ${maxBytes} allowed`
    )
  }
  if (!response.body) return Buffer.alloc(0)
  const chunks: Buffer[] = []
  let total = 0
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw new HttpError(`${what}: the answer is more than the ${maxBytes} bytes allowed`)
    }
    chunks.push(Buffer.from(value))
  }
  return Buffer.concat(chunks)
}

export interface HttpRequest {
  method: 'GET' | 'POST'
  body?: string
  /** The largest answer read (default 64 MiB). */
  maxBytes?: number
}

/** The answer's body, after retries. Throws HttpError; 4xx other than 429 are not retried. */
export async function httpRequest(
  options: HttpOptions,
  url: string,
  init: HttpRequest
): Promise<Buffer> {
  const doFetch = options.fetch ?? fetch
  const budget = options.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS
  const maxBytes = init.maxBytes ?? 64 * 1024 * 1024
  const what = `${init.method} ${url}`
  let waited = 0
  let lastProblem = ''
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    let asked: number | undefined
    try {
      const response = await doFetch(url, {
        method: init.method,
        body: init.body,
        headers: init.body ? { 'content-type': 'application/json' } : undefined,
        signal: AbortSignal.timeout(options.timeoutMs)
      })
      if (response.ok) return await readCapped(response, maxBytes, what)
      lastProblem = `HTTP ${response.status}`
      await response.body?.cancel().catch(() => undefined)
      if (response.status !== 429 && response.status < 500) {
        throw new HttpError(`${what}: ${lastProblem}`, response.status)
      }
      asked = retryAfterMs(response.headers.get('retry-after'))
    } catch (error) {
      if (error instanceof HttpError) throw error
      lastProblem = errorMessage(error)
    }
    if (attempt >= options.retries) break
    const delay = asked ?? options.backoffMs * 2 ** attempt
    if (waited + delay > budget) {
      const left = Math.max(0, budget - waited)
      throw new HttpError(
        `${what}: ${lastProblem}; ${asked !== undefined ? `the server asked to retry after ${Math.ceil(asked / 1000)} s (Retry-After)` : `the next retry would wait ${Math.ceil(delay / 1000)} s`}, more than the ${Math.floor(left / 1000)} s left of the ${Math.floor(budget / 1000)} s retry budget`
      )
    }
    waited += delay
    await sleep(delay)
  }
  throw new HttpError(
    `${what}: ${lastProblem} (after ${options.retries + 1} attempt${options.retries ? 's' : ''})`
  )
}

/** The answer parsed as JSON. */
export async function httpJson(
  options: HttpOptions,
  url: string,
  init: HttpRequest
): Promise<unknown> {
  const body = await httpRequest(options, url, init)
  try {
    return JSON.parse(body.toString('utf8'))
  } catch (error) {
    throw new HttpError(`${init.method} ${url}: the answer is not JSON (${errorMessage(error)})`)
  }
}
