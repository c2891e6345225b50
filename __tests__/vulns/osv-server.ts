// A small OSV v1 API on 127.0.0.1 over fixture records, for the online tests:
// POST /v1/querybatch (ids per query, paginated) and GET /v1/vulns/{id}.
import { readdirSync, readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'

export interface FakeOsvOptions {
  /** Ids per querybatch result page; more come with next_page_token. */
  pageSize?: number
  /** Status codes to answer (in order) before serving a request for this path. */
  failures?: Map<string, number[]>
  /** Ecosystems the API answers 400 for (the whole batch, as osv.dev does). */
  rejectEcosystems?: string[]
  /** Delay before each answer, to stand in for a real network round trip (benchmarks). */
  latencyMs?: number
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

export async function startFakeOsv(
  records: Map<string, Record<string, unknown>>,
  options: FakeOsvOptions = {}
): Promise<FakeOsv> {
  const requests: string[] = []
  const batches: FakeOsv['batches'] = []
  const failures = options.failures ?? new Map<string, number[]>()
  const pageSize = options.pageSize ?? 1000

  const idsFor = (ecosystem: string, name: string): string[] =>
    [...records.values()]
      .filter(r =>
        ((r.affected as { package?: { ecosystem: string; name: string } }[]) ?? []).some(
          a =>
            a.package?.ecosystem === ecosystem &&
            a.package?.name.toLowerCase() === name.toLowerCase()
        )
      )
      .map(r => r.id as string)
      .sort()

  const server: Server = createServer((req, res) => {
    if (options.latencyMs) setTimeout(() => handle(req, res), options.latencyMs)
    else handle(req, res)
  })
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = req.url ?? ''
    requests.push(`${req.method} ${path}`)
    const queued = failures.get(path)
    if (queued && queued.length > 0) {
      res
        .writeHead(queued.shift()!, { 'content-type': 'application/json' })
        .end('{"error":"try later"}')
      return
    }
    if (req.method === 'POST' && path === '/v1/querybatch') {
      let body = ''
      req.on('data', chunk => (body += chunk))
      req.on('end', () => {
        const parsed = JSON.parse(body) as FakeOsv['batches'][number]
        batches.push(parsed)
        const unknown = parsed.queries.find(q =>
          options.rejectEcosystems?.includes(q.package.ecosystem)
        )
        if (unknown) {
          res.writeHead(400, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              code: 3,
              message: `Invalid ecosystem: ${unknown.package.ecosystem}`
            })
          )
          return
        }
        const results = parsed.queries.map(q => {
          const all = idsFor(q.package.ecosystem, q.package.name)
          const start = q.page_token ? Number(q.page_token) : 0
          const page = all.slice(start, start + pageSize)
          const next = start + pageSize < all.length ? String(start + pageSize) : undefined
          return {
            ...(page.length
              ? { vulns: page.map(id => ({ id, modified: records.get(id)!.modified })) }
              : {}),
            ...(next ? { next_page_token: next } : {})
          }
        })
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results }))
      })
      return
    }
    const match = /^\/v1\/vulns\/([^/]+)$/.exec(path)
    if (req.method === 'GET' && match) {
      const record = records.get(decodeURIComponent(match[1]!))
      if (!record) {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end('{"code":5,"message":"Bug not found."}')
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(record))
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
