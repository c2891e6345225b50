// Everything one run of the vulnerability check keeps between its calls (the
// CLI may scan several images): loaded offline indexes, API clients with their
// record memos, comparers and sorted ranges. Created per run, dropped with it.
import { statSync } from 'node:fs'
import { createComparerFor, type ComparerFor } from './comparers.js'
import type { CvssMemo } from './cvss.js'
import { loadOfflineIndex } from './offline.js'
import { OsvApiClient, type OsvApiOptions } from './osv-api.js'
import { createRangeCache, type RangeCache } from './ranges.js'
import type { VulnIndex } from './records.js'

export class VulnRun {
  readonly comparerFor: ComparerFor = createComparerFor()
  readonly rangeCache: RangeCache = createRangeCache()
  readonly cvssMemo: CvssMemo = new Map()
  private readonly offline = new Map<string, VulnIndex>()
  private readonly clients = new Map<string, OsvApiClient>()

  /** The offline index of `path`, loaded once per run (and again if the files changed). */
  offlineIndex(path: string): VulnIndex {
    let stamp = ''
    try {
      const stat = statSync(path)
      stamp = `${path}\u0000${stat.mtimeMs}\u0000${stat.size}`
    } catch {
      // loadOfflineIndex reports the unreadable path.
    }
    const cached = stamp ? this.offline.get(stamp) : undefined
    if (cached) return cached
    const index = loadOfflineIndex(path)
    if (stamp) this.offline.set(stamp, index)
    return index
  }

  /** One client per API URL for the run, so records fetched once are not fetched again. */
  apiClient(options: OsvApiOptions): OsvApiClient {
    let client = this.clients.get(options.url)
    if (!client) {
      client = new OsvApiClient(options)
      this.clients.set(options.url, client)
    }
    return client
  }
}
