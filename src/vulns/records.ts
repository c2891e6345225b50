// OSV records indexed for matching: one lookup per package by (ecosystem
// family, name), then the package's key says which of the family's entries
// apply (the release, Ubuntu's Pro variants, Red Hat's streams…). Records are
// also kept by id and alias, for the severity of a record that carries none.
import { indexKey, type OsvPackageKey } from './ecosystem.js'
import { MalformedRecord, parseOsvRecord, type OsvAffected, type OsvRecord } from './osv.js'

export interface IndexedEntry {
  record: OsvRecord
  affected: OsvAffected
}

/** OSV records indexed by (ecosystem family, package name). One per run and source. */
export class VulnIndex {
  private readonly byKey = new Map<string, IndexedEntry[]>()
  private readonly byId = new Map<string, OsvRecord>()
  records = 0
  withdrawn = 0
  malformed = 0
  duplicates = 0
  /** The first few reasons, for the warning and the error. */
  readonly malformedExamples: string[] = []

  /** Parse and add one record (raw JSON value); `origin` names the file for warnings. */
  addRaw(value: unknown, origin: string): OsvRecord | undefined {
    let record: OsvRecord
    try {
      record = parseOsvRecord(value)
    } catch (error) {
      this.noteMalformed(origin, error instanceof MalformedRecord ? error.message : String(error))
      return undefined
    }
    this.add(record)
    return record
  }

  noteMalformed(origin: string, reason: string): void {
    this.malformed++
    if (this.malformedExamples.length < 3) this.malformedExamples.push(`${origin}: ${reason}`)
  }

  add(record: OsvRecord): void {
    if (this.byId.has(record.id)) {
      // The same advisory twice (e.g. a dir holding two exports): first one wins.
      this.duplicates++
      return
    }
    this.byId.set(record.id, record)
    this.records++
    if (record.withdrawn) {
      this.withdrawn++
      return
    }
    for (const affected of record.affected) {
      const key = indexKey(affected.ecosystem, affected.name)
      const list = this.byKey.get(key)
      if (list) list.push({ record, affected })
      else this.byKey.set(key, [{ record, affected }])
    }
  }

  /** The record with this id, withdrawn or not. */
  get(id: string): OsvRecord | undefined {
    return this.byId.get(id)
  }

  /** Every entry of the ecosystem's family for the name (all releases, all variants). */
  family(ecosystem: string, name: string): readonly IndexedEntry[] {
    return this.byKey.get(indexKey(ecosystem, name)) ?? []
  }

  /** Entries whose ecosystem is exactly `ecosystem`. */
  lookup(ecosystem: string, name: string): IndexedEntry[] {
    return this.family(ecosystem, name).filter(e => e.affected.ecosystem === ecosystem)
  }

  /** The entries that apply to one package (its release, variants and streams). */
  candidates(key: OsvPackageKey): IndexedEntry[] {
    return this.family(key.ecosystem, key.name).filter(e => key.accepts(e.affected.ecosystem))
  }
}
