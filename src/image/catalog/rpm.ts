import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Cataloger, ParsedFile, RawPackage } from './types.js'
import { CorruptDatabaseError } from './types.js'
import { NDB_PATHS, readNdbBlobs } from './rpm-ndb.js'

// rpm: the SQLite rpmdb (RHEL 9, Fedora, UBI 9, Amazon Linux 2023: table Packages(hnum, blob)) read
// with sql.js (SQLite compiled to WebAssembly, no native addon), and the BerkeleyDB hash file
// `Packages` (RHEL 7/8, CentOS, Amazon Linux 2) read page by page, and the ndb `Packages.db`
// (SUSE 15 SP3+, openSUSE; rpm-ndb.ts). All hold rpm header blobs,
// parsed here: il, dl, il index entries (tag, type, offset, count), then the data store.

const SQLITE_PATHS = [
  '/var/lib/rpm/rpmdb.sqlite',
  '/usr/lib/sysimage/rpm/rpmdb.sqlite',
  '/usr/share/rpm/rpmdb.sqlite'
]
const BDB_PATHS = [
  '/var/lib/rpm/Packages',
  '/usr/lib/sysimage/rpm/Packages',
  '/usr/share/rpm/Packages'
]

const TAG = {
  name: 1000,
  version: 1001,
  release: 1002,
  epoch: 1003,
  arch: 1022,
  oldFilenames: 1027,
  sourceRpm: 1044,
  dirIndexes: 1116,
  baseNames: 1117,
  dirNames: 1118
}

const TYPE = { int32: 4, string: 6, bin: 7, stringArray: 8, i18n: 9 }

export interface RpmHeader {
  name: string
  version: string
  release: string
  epoch?: number
  arch?: string
  sourceRpm?: string
  files: string[]
}

/**
 * Strings a database's headers may hold in all (file names mostly): far above any real rpmdb,
 * and a bound on what a hostile one can make the parser allocate. (No numeric separators in this
 * file: ncc's asset relocator cannot parse them and then stops copying sql-wasm.wasm into dist/.)
 */
export const MAX_RPM_STRINGS = 4000000

/** Parse one header blob as stored in the database (no lead, no magic). */
export function parseRpmHeader(
  blob: Uint8Array,
  budget: { strings: number } = { strings: MAX_RPM_STRINGS }
): RpmHeader {
  const data = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength)
  if (data.length < 8) throw new CorruptDatabaseError('rpm header blob too short')
  const il = data.readUInt32BE(0)
  const dl = data.readUInt32BE(4)
  const storeStart = 8 + il * 16
  if (il > 100000 || storeStart + dl > data.length)
    throw new CorruptDatabaseError('rpm header index out of range')
  const entries = new Map<number, { type: number; offset: number; count: number }>()
  for (let i = 0; i < il; i++) {
    const at = 8 + i * 16
    const tag = data.readUInt32BE(at)
    entries.set(tag, {
      type: data.readUInt32BE(at + 4),
      offset: data.readInt32BE(at + 8),
      count: data.readUInt32BE(at + 12)
    })
  }
  const strings = (tag: number): string[] => {
    const e = entries.get(tag)
    if (!e || ![TYPE.string, TYPE.stringArray, TYPE.i18n].includes(e.type)) return []
    const out: string[] = []
    let pos = storeStart + e.offset
    const count = e.type === TYPE.string ? 1 : e.count
    budget.strings -= count
    if (count > dl || budget.strings < 0)
      throw new CorruptDatabaseError(
        `rpm header tag ${tag}: more strings than the database can hold`
      )
    for (let i = 0; i < count; i++) {
      const end = data.indexOf(0, pos)
      if (pos < storeStart || end === -1 || end > storeStart + dl)
        throw new CorruptDatabaseError(`rpm header tag ${tag} out of range`)
      out.push(data.toString('utf8', pos, end))
      pos = end + 1
    }
    return out
  }
  const ints = (tag: number): number[] => {
    const e = entries.get(tag)
    if (!e || e.type !== TYPE.int32) return []
    const start = storeStart + e.offset
    if (start < storeStart || start + e.count * 4 > storeStart + dl)
      throw new CorruptDatabaseError(`rpm header tag ${tag} out of range`)
    return Array.from({ length: e.count }, (_, i) => data.readInt32BE(start + i * 4))
  }
  const name = strings(TAG.name)[0]
  const version = strings(TAG.version)[0]
  const release = strings(TAG.release)[0]
  if (!name || version === undefined || release === undefined)
    throw new CorruptDatabaseError('rpm header without name/version/release')
  const dirs = strings(TAG.dirNames)
  const dirIndexes = ints(TAG.dirIndexes)
  const files = strings(TAG.baseNames).map((base, i) => `${dirs[dirIndexes[i]] ?? ''}${base}`)
  for (const f of strings(TAG.oldFilenames)) files.push(f)
  const header: RpmHeader = { name, version, release, files }
  const epoch = ints(TAG.epoch)[0]
  if (epoch !== undefined) header.epoch = epoch
  const arch = strings(TAG.arch)[0]
  if (arch) header.arch = arch
  const sourceRpm = strings(TAG.sourceRpm)[0]
  if (sourceRpm) header.sourceRpm = sourceRpm
  return header
}

/** "openssl-3.0.7-24.el9.src.rpm" → name openssl, version 3.0.7-24.el9. */
export function splitSourceRpm(file: string): { name: string; version: string } | undefined {
  const m = /^(.+)-([^-]+)-([^-]+)\.(?:no)?src\.rpm$/.exec(file)
  return m ? { name: m[1], version: `${m[2]}-${m[3]}` } : undefined
}

function toPackages(headers: RpmHeader[]): ParsedFile {
  const packages: RawPackage[] = []
  const owned: string[] = []
  for (const h of headers) {
    // gpg-pubkey entries are imported signing keys, not software.
    if (h.name === 'gpg-pubkey') continue
    const pkg: RawPackage = { type: 'rpm', name: h.name, version: `${h.version}-${h.release}` }
    if (h.epoch) pkg.epoch = h.epoch
    if (h.arch) pkg.arch = h.arch
    const source = h.sourceRpm ? splitSourceRpm(h.sourceRpm) : undefined
    if (source) {
      pkg.sourceName = source.name
      pkg.sourceVersion = source.version
    }
    packages.push(pkg)
    for (const f of h.files) owned.push(f) // not a spread: a package may own 100,000s of files
  }
  return { packages, ownedPaths: owned }
}

// --- BerkeleyDB hash -------------------------------------------------------------------------

const DB_HASHMAGIC = 0x061561
const P_HASH_UNSORTED = 2
const P_OVERFLOW = 7
const P_HASH = 13
const H_OFFPAGE = 3
const H_KEYDATA = 1
const PAGE_HEADER = 26

/** Every value of a BerkeleyDB hash database (rpm headers), on overflow pages or on the hash page. */
export function readBerkeleyDbHashValues(file: Buffer): Buffer[] {
  if (file.length < 512) throw new CorruptDatabaseError('not a BerkeleyDB file (too short)')
  let le = true
  if (file.readUInt32LE(12) !== DB_HASHMAGIC) {
    if (file.readUInt32BE(12) !== DB_HASHMAGIC)
      throw new CorruptDatabaseError('not a BerkeleyDB hash database')
    le = false
  }
  const u32 = (at: number): number => (le ? file.readUInt32LE(at) : file.readUInt32BE(at))
  const u16 = (at: number): number => (le ? file.readUInt16LE(at) : file.readUInt16BE(at))
  const pageSize = u32(20)
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0)
    throw new CorruptDatabaseError(`bad page size ${pageSize}`)
  const pages = Math.floor(file.length / pageSize)
  const values: Buffer[] = []
  // An overflow page belongs to one value: a page reached twice means chains that share pages,
  // which would copy the same bytes again and again (a bomb), so it is refused.
  const usedOverflow = new Uint8Array(pages)
  for (let p = 1; p < pages; p++) {
    const base = p * pageSize
    const type = file[base + 25]
    if (type !== P_HASH && type !== P_HASH_UNSORTED) continue
    const entries = u16(base + 20)
    if (PAGE_HEADER + entries * 2 > pageSize)
      throw new CorruptDatabaseError(`hash page ${p}: more items than the page holds`)
    for (let i = 1; i < entries; i += 2) {
      const offset = u16(base + PAGE_HEADER + i * 2)
      if (offset >= pageSize)
        throw new CorruptDatabaseError(`hash page ${p}: item offset out of range`)
      const item = base + offset
      if (file[item] === H_KEYDATA) {
        // On-page value: items are laid out from the end of the page down, so this one ends
        // where the item before it in the index begins.
        const end = base + u16(base + PAGE_HEADER + (i - 1) * 2)
        if (end <= item || end > base + pageSize)
          throw new CorruptDatabaseError(`hash page ${p}: bad item bounds`)
        values.push(file.subarray(item + 1, end))
        continue
      }
      if (file[item] !== H_OFFPAGE) continue
      if (offset + 12 > pageSize)
        throw new CorruptDatabaseError(`hash page ${p}: an item runs past the page`)
      let next = u32(item + 4)
      const length = u32(item + 8)
      const chunks: Buffer[] = []
      let got = 0
      for (let hops = 0; next !== 0 && got < length; hops++) {
        if (next >= pages || hops > pages)
          throw new CorruptDatabaseError(`overflow chain leaves the file at page ${next}`)
        const ob = next * pageSize
        if (file[ob + 25] !== P_OVERFLOW)
          throw new CorruptDatabaseError(`page ${next} is not an overflow page`)
        if (usedOverflow[next])
          throw new CorruptDatabaseError(`overflow page ${next} is used twice`)
        usedOverflow[next] = 1
        const bytes = u16(ob + 22) // hf_offset holds the byte count on overflow pages
        chunks.push(
          file.subarray(
            ob + PAGE_HEADER,
            ob + PAGE_HEADER + Math.min(bytes, pageSize - PAGE_HEADER)
          )
        )
        got += bytes
        next = u32(ob + 16)
      }
      if (got < length) throw new CorruptDatabaseError('overflow chain ends early')
      values.push(Buffer.concat(chunks).subarray(0, length))
    }
  }
  return values
}

// --- SQLite ----------------------------------------------------------------------------------

type SqlJs = {
  Database: new (data: Uint8Array) => {
    exec(sql: string): { values: unknown[][] }[]
    prepare(sql: string): {
      bind(values: unknown[]): boolean
      step(): boolean
      get(): unknown[]
      reset(): void
      free(): boolean
    }
    close(): void
  }
}
let sqlJs: SqlJs | undefined

/**
 * sql.js initialises asynchronously; the cataloger pass is synchronous, so it is loaded first, and
 * only when an image has an rpm SQLite database. Its Emscripten glue is evaluated as the CommonJS
 * it is: bundlers (ncc/webpack emitting ESM) break it otherwise (`module`, `__dirname`). The two
 * `new URL(…, import.meta.url)` literals are what ncc's asset relocator copies into dist/.
 */
export async function loadSqlite(): Promise<void> {
  if (sqlJs) return
  let glue: string
  let wasm: Buffer
  try {
    glue = readFileSync(
      new URL('../../../node_modules/sql.js/dist/sql-wasm.js', import.meta.url),
      'utf8'
    )
    wasm = readFileSync(new URL('../../../node_modules/sql.js/dist/sql-wasm.wasm', import.meta.url))
  } catch {
    // installed as a dependency: sql.js is wherever Node resolves it
    const dir = dirname(createRequire(import.meta.url).resolve('sql.js'))
    glue = readFileSync(join(dir, 'sql-wasm.js'), 'utf8')
    wasm = readFileSync(join(dir, 'sql-wasm.wasm'))
  }
  const mod: { exports: unknown } = { exports: {} }
  // trusted package code (see above), run as the CommonJS module it is
  new Function('module', 'exports', 'require', '__dirname', '__filename', glue)(
    mod,
    mod.exports,
    createRequire(import.meta.url),
    '/nonexistent',
    '/nonexistent/sql-wasm.js'
  )
  const init = mod.exports as (config: { wasmBinary: Uint8Array }) => Promise<SqlJs>
  sqlJs = await init({ wasmBinary: wasm })
}

export function readRpmSqlite(file: Buffer): RpmHeader[] {
  if (!sqlJs) throw new Error('sql.js not loaded (call loadSqlite first)')
  if (file.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0')
    throw new CorruptDatabaseError('not an SQLite database')
  let db
  try {
    db = new sqlJs.Database(file)
  } catch (error) {
    throw new CorruptDatabaseError(`SQLite: ${(error as Error).message}`)
  }
  try {
    // Sizes first (SQLite reads them from the record header, not the blob): rows that claim more
    // than the file holds are shared or looping overflow chains, refused before any is loaded.
    let sizes: unknown[][]
    try {
      sizes = db.exec('SELECT hnum, length(blob) FROM Packages ORDER BY hnum')[0]?.values ?? []
    } catch (error) {
      throw new CorruptDatabaseError(`SQLite: ${(error as Error).message}`)
    }
    let total = 0
    for (const [, size] of sizes) total += Number(size) || 0
    if (total > file.length)
      throw new CorruptDatabaseError(
        `its rows hold ${total} bytes, more than the ${file.length}-byte file (shared or looping pages)`
      )
    const statement = db.prepare('SELECT blob FROM Packages WHERE hnum = ?')
    const budget = { strings: MAX_RPM_STRINGS }
    const headers: RpmHeader[] = []
    try {
      for (const [hnum] of sizes) {
        statement.bind([hnum])
        if (statement.step()) headers.push(parseRpmHeader(statement.get()[0] as Uint8Array, budget))
        statement.reset()
      }
    } catch (error) {
      if (error instanceof CorruptDatabaseError) throw error
      throw new CorruptDatabaseError(`SQLite: ${(error as Error).message}`)
    } finally {
      statement.free()
    }
    return headers
  } finally {
    db.close()
  }
}

export const rpmCataloger: Cataloger = {
  name: 'rpm',
  prepare: loadSqlite,
  ready: () => sqlJs !== undefined,
  wants: path =>
    SQLITE_PATHS.includes(path) || BDB_PATHS.includes(path) || NDB_PATHS.includes(path),
  parse(path, content): ParsedFile {
    if (SQLITE_PATHS.includes(path)) return toPackages(readRpmSqlite(content))
    const budget = { strings: MAX_RPM_STRINGS }
    if (NDB_PATHS.includes(path))
      return toPackages(readNdbBlobs(content).map(v => parseRpmHeader(v, budget)))
    return toPackages(readBerkeleyDbHashValues(content).map(v => parseRpmHeader(v, budget)))
  }
}
