// OSV records (https://ossf.github.io/osv-schema/): the parsed, validated
// shape the matcher works on. Parsing is strict about what matching needs
// (id, affected packages, well-formed ranges) and lenient about the rest, so
// one odd field never drops an otherwise usable advisory.
import { InputError } from '../model/errors.js'

export type RangeEvent =
  { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string }

export interface OsvRange {
  type: 'ECOSYSTEM' | 'SEMVER'
  events: RangeEvent[]
}

export interface OsvSeverity {
  type: string
  score: string
}

export interface OsvAffected {
  ecosystem: string
  name: string
  purl?: string
  /** ECOSYSTEM and SEMVER ranges only: GIT ranges need the repository history. */
  ranges: OsvRange[]
  versions: string[]
  severity: OsvSeverity[]
  /** `database_specific.severity` / `ecosystem_specific.severity` of this entry, upper-cased. */
  labelSeverity?: string
  /** The distribution's own rating of this entry: Debian `ecosystem_specific.urgency`, Ubuntu `ubuntu_priority`. */
  urgency?: string
}

export interface OsvRecord {
  id: string
  aliases: string[]
  summary?: string
  modified?: string
  withdrawn?: string
  severity: OsvSeverity[]
  /** `database_specific.severity` (GHSA: LOW, MODERATE, HIGH, CRITICAL), upper-cased. */
  labelSeverity?: string
  affected: OsvAffected[]
}

/**
 * Why a record was rejected, for the skipped-records count. An InputError: a
 * record is input like any other, and a bad one is the data's fault.
 */
export class MalformedRecord extends InputError {
  override name = 'MalformedRecord'
}

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

function severityList(value: unknown): OsvSeverity[] {
  if (!Array.isArray(value)) return []
  const out: OsvSeverity[] = []
  for (const item of value) {
    if (isObject(item) && typeof item.type === 'string' && typeof item.score === 'string') {
      out.push({ type: item.type, score: item.score })
    }
  }
  return out
}

function urgencyOf(holder: unknown): string | undefined {
  if (!isObject(holder)) return undefined
  for (const key of ['urgency', 'ubuntu_priority', 'priority']) {
    const value = holder[key]
    if (typeof value === 'string' && value.trim()) return value.trim().toLowerCase()
  }
  return undefined
}

function labelOf(...holders: unknown[]): string | undefined {
  for (const holder of holders) {
    if (isObject(holder) && typeof holder.severity === 'string' && holder.severity.trim()) {
      return holder.severity.trim().toUpperCase()
    }
  }
  return undefined
}

const EVENT_KEYS = ['introduced', 'fixed', 'last_affected', 'limit'] as const

function parseRange(value: unknown, where: string): OsvRange | undefined {
  if (!isObject(value)) throw new MalformedRecord(`${where}: a range is not an object`)
  const type = value.type
  if (type === 'GIT') return undefined
  if (type !== 'ECOSYSTEM' && type !== 'SEMVER') {
    throw new MalformedRecord(`${where}: unknown range type ${JSON.stringify(type)}`)
  }
  if (!Array.isArray(value.events) || value.events.length === 0) {
    throw new MalformedRecord(`${where}: a ${type} range has no events`)
  }
  const events: RangeEvent[] = []
  for (const event of value.events) {
    if (!isObject(event)) throw new MalformedRecord(`${where}: an event is not an object`)
    const key = EVENT_KEYS.find(k => typeof event[k] === 'string')
    if (!key) throw new MalformedRecord(`${where}: an event has none of ${EVENT_KEYS.join(', ')}`)
    const version = (event[key] as string).trim()
    if (!version) throw new MalformedRecord(`${where}: an empty ${key} version`)
    events.push({ [key]: version } as RangeEvent)
  }
  if (!events.some(e => 'introduced' in e)) {
    throw new MalformedRecord(`${where}: a ${type} range without an introduced event`)
  }
  return { type, events }
}

/**
 * Parse one OSV record. Throws `MalformedRecord` when it cannot be matched
 * safely (no id, an affected entry without a package, a broken range):
 * callers skip it and count it rather than guess.
 */
export function parseOsvRecord(value: unknown): OsvRecord {
  if (!isObject(value)) throw new MalformedRecord('not a JSON object')
  const id = optionalString(value.id)
  if (!id) throw new MalformedRecord('no "id"')
  const affected: OsvAffected[] = []
  if (value.affected !== undefined && !Array.isArray(value.affected)) {
    throw new MalformedRecord(`${id}: "affected" is not a list`)
  }
  for (const [index, entry] of ((value.affected as unknown[]) ?? []).entries()) {
    const where = `${id}: affected[${index}]`
    if (!isObject(entry)) throw new MalformedRecord(`${where} is not an object`)
    // An entry without a package names a git repository only (ranges of type GIT).
    if (entry.package === undefined) continue
    if (!isObject(entry.package)) throw new MalformedRecord(`${where}.package is not an object`)
    const ecosystem = optionalString(entry.package.ecosystem)
    const name = optionalString(entry.package.name)
    if (!ecosystem || !name) throw new MalformedRecord(`${where}.package lacks ecosystem or name`)
    if (entry.ranges !== undefined && !Array.isArray(entry.ranges)) {
      throw new MalformedRecord(`${where}.ranges is not a list`)
    }
    const ranges: OsvRange[] = []
    for (const range of (entry.ranges as unknown[]) ?? []) {
      const parsed = parseRange(range, where)
      if (parsed) ranges.push(parsed)
    }
    affected.push({
      ecosystem,
      name,
      purl: optionalString(entry.package.purl),
      ranges,
      versions: stringList(entry.versions),
      severity: severityList(entry.severity),
      labelSeverity: labelOf(entry.ecosystem_specific, entry.database_specific),
      urgency: urgencyOf(entry.ecosystem_specific)
    })
  }
  return {
    id,
    // `upstream` (ALPINE-CVE-… → CVE-…) names the same vulnerability for dedupe and ignores.
    aliases: [...new Set([...stringList(value.aliases), ...stringList(value.upstream)])].filter(
      alias => alias !== id
    ),
    summary: optionalString(value.summary),
    modified: optionalString(value.modified),
    withdrawn: optionalString(value.withdrawn),
    severity: severityList(value.severity),
    labelSeverity: labelOf(value.database_specific),
    affected
  }
}
