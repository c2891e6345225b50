// FIRST's Exploit Prediction Scoring System: per CVE, the probability of exploitation activity
// in the next 30 days and its percentile, published daily as a gzipped CSV (EPSS_URL):
//   #model_version:v2023.03.01,score_date:2025-02-20T00:00:00+0000
//   cve,epss,percentile
//   CVE-1999-0001,0.00383,0.73075
import { gunzipSync } from 'node:zlib'
import { InputError } from '../model/errors.js'

/** FIRST's address for the current scores (a redirect to the dated file). */
export const EPSS_URL = 'https://epss.empiricalsecurity.com/epss_scores-current.csv.gz'

/** The whole file is ~300k rows (~10 MB unpacked): four times that is a bomb, not scores. */
const MAX_UNPACKED_BYTES = 64 * 1024 * 1024

export interface EpssScore {
  /** 0…1 */
  epss: number
  /** 0…1 */
  percentile: number
}

export interface EpssScores {
  modelVersion?: string
  /** As the file's header says it (ISO time). */
  scoreDate?: string
  scores: Map<string, EpssScore>
  /** Rows that are not `CVE-…,<0..1>,<0..1>` (skipped). */
  skipped: number
}

const CVE = /^CVE-\d{4}-\d{4,}$/

function probability(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*(?:0|1)?(?:\.\d+)?(?:e-?\d+)?\s*$/i.test(text) || !text.trim())
    return undefined
  const n = Number(text)
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : undefined
}

/** Parse the CSV, gzipped or not. Throws InputError (naming `origin`) when it is not EPSS scores. */
export function parseEpssCsv(bytes: Buffer, origin: string): EpssScores {
  let data = bytes
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      data = gunzipSync(bytes, { maxOutputLength: MAX_UNPACKED_BYTES })
    } catch (error) {
      throw new InputError(
        `EPSS scores ${origin}: not a readable gzip file (${(error as Error).message})`
      )
    }
  }
  const lines = data.toString('utf8').split(/\r?\n/)
  let at = 0
  let modelVersion: string | undefined
  let scoreDate: string | undefined
  while (at < lines.length && lines[at]!.startsWith('#')) {
    for (const part of lines[at]!.slice(1).split(',')) {
      const colon = part.indexOf(':')
      if (colon < 0) continue
      const key = part.slice(0, colon).trim()
      const value = part.slice(colon + 1).trim()
      if (key === 'model_version') modelVersion = value
      if (key === 'score_date') scoreDate = value
    }
    at++
  }
  const header = (lines[at] ?? '').split(',').map(h => h.trim().toLowerCase())
  const cveCol = header.indexOf('cve')
  const epssCol = header.indexOf('epss')
  const pctCol = header.indexOf('percentile')
  if (cveCol < 0 || epssCol < 0 || pctCol < 0)
    throw new InputError(
      `EPSS scores ${origin}: the header is ${JSON.stringify(lines[at] ?? '')}, not "cve,epss,percentile"`
    )
  const scores = new Map<string, EpssScore>()
  let skipped = 0
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i]!
    if (line.trim() === '') continue
    const cells = line.split(',')
    const cve = cells[cveCol]?.trim().toUpperCase()
    const epss = probability(cells[epssCol])
    const percentile = probability(cells[pctCol])
    if (!cve || !CVE.test(cve) || epss === undefined || percentile === undefined) {
      skipped++
      continue
    }
    scores.set(cve, { epss, percentile })
  }
  return { modelVersion, scoreDate, scores, skipped }
}
