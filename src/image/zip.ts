import { inflateRawSync } from 'node:zlib'

// A bounded zip reader for Java archives inside images: the central directory is walked by byte
// size (ZIP64 aware), only the entries the caller wants are inflated, each with node:zlib's
// maxOutputLength set to what is left of a budget shared by the archive and every archive nested
// in it, and two wanted entries whose data overlap are refused (the "overlapping files" zip bomb,
// where thousands of directory entries point at one deflate stream).

const EOCD = 0x06054b50
const ZIP64_LOCATOR = 0x07064b50
const ZIP64_EOCD = 0x06064b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const MAX32 = 0xffffffff

/** The archive is not a zip, is corrupt, or is a bomb. */
export class ZipFormatError extends Error {}

/** A bound was reached: the archive (and any that contains it) is not read on. */
export class ZipLimitError extends ZipFormatError {}

/** What is left for one top-level archive and everything nested in it. */
export interface ZipBudget {
  /** Inflated bytes. */
  left: number
  /** Entries read (stored ones too: they cost no inflation, but what is made of them counts). */
  entries: number
}

function findEocd(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff)
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === EOCD) return i
  throw new ZipFormatError('no end-of-central-directory record (not a zip archive, or truncated)')
}

function u64(buf: Buffer, at: number): number {
  const value = buf.readBigUInt64LE(at)
  if (value > BigInt(Number.MAX_SAFE_INTEGER))
    throw new ZipFormatError('a ZIP64 field is too large')
  return Number(value)
}

/**
 * The entries of `data` whose name `want` accepts, inflated. Throws ZipFormatError when the
 * archive is unreadable and ZipLimitError when it would inflate past `budget.left` or two wanted
 * entries share their data.
 */
export function unzipBounded(
  data: Uint8Array,
  want: (name: string) => boolean,
  budget: ZipBudget
): Record<string, Buffer> {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  if (buf.length < 22) throw new ZipFormatError('too short for a zip archive')
  const eocd = findEocd(buf)
  let size = buf.readUInt32LE(eocd + 12)
  let offset = buf.readUInt32LE(eocd + 16)
  if (
    (size === MAX32 || offset === MAX32) &&
    eocd >= 20 &&
    buf.readUInt32LE(eocd - 20) === ZIP64_LOCATOR
  ) {
    const at = u64(buf, eocd - 20 + 8)
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== ZIP64_EOCD)
      throw new ZipFormatError('broken ZIP64 end record')
    size = u64(buf, at + 40)
    offset = u64(buf, at + 48)
  }
  if (offset + size > buf.length)
    throw new ZipFormatError('central directory lies outside the file (truncated?)')
  // First the wanted entries' places (no inflation), so that overlaps are found in one sort.
  const wanted: { name: string; method: number; start: number; stop: number; size: number }[] = []
  const names = new Set<string>()
  let pos = offset
  const end = offset + size
  while (pos + 46 <= end && buf.readUInt32LE(pos) === CENTRAL) {
    const flags = buf.readUInt16LE(pos + 8)
    const method = buf.readUInt16LE(pos + 10)
    let compressed = buf.readUInt32LE(pos + 20)
    let uncompressed = buf.readUInt32LE(pos + 24)
    const nameLength = buf.readUInt16LE(pos + 28)
    const extraLength = buf.readUInt16LE(pos + 30)
    const commentLength = buf.readUInt16LE(pos + 32)
    let local = buf.readUInt32LE(pos + 42)
    const nameEnd = pos + 46 + nameLength
    if (nameEnd > end) throw new ZipFormatError('a central directory entry runs past its end')
    const name = buf.toString('utf8', pos + 46, nameEnd)
    let extra = nameEnd
    const extraEnd = Math.min(extra + extraLength, end)
    while (extra + 4 <= extraEnd) {
      const id = buf.readUInt16LE(extra)
      const length = buf.readUInt16LE(extra + 2)
      if (id === 0x0001) {
        let field = extra + 4
        const fieldEnd = Math.min(extra + 4 + length, extraEnd)
        if (uncompressed === MAX32 && field + 8 <= fieldEnd) {
          uncompressed = u64(buf, field)
          field += 8
        }
        if (compressed === MAX32 && field + 8 <= fieldEnd) {
          compressed = u64(buf, field)
          field += 8
        }
        if (local === MAX32 && field + 8 <= fieldEnd) local = u64(buf, field)
      }
      extra += 4 + length
    }
    pos = extraEnd + commentLength
    // Directories, unwanted names, repeated names (the first counts), encrypted entries and
    // methods a jar's metadata never uses are passed over.
    if (name.endsWith('/') || names.has(name) || !want(name)) continue
    if (flags & 1 || (method !== 0 && method !== 8)) continue
    names.add(name)
    if (--budget.entries < 0)
      throw new ZipLimitError('more entries to read than an archive may have (a zip bomb?)')
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL)
      throw new ZipFormatError(`${name}: bad local header`)
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const stop = start + compressed
    if (stop > buf.length)
      throw new ZipFormatError(`${name}: data runs past the end of the archive`)
    wanted.push({ name, method, start, stop, size: uncompressed })
  }
  if (wanted.length === 0 && pos === offset && size > 0)
    throw new ZipFormatError('unreadable central directory')
  const byStart = wanted.filter(e => e.stop > e.start).sort((x, y) => x.start - y.start)
  let reached = 0
  for (const entry of byStart) {
    if (entry.start < reached)
      throw new ZipLimitError(`${entry.name}: its data overlaps another entry's (a zip bomb)`)
    reached = entry.stop
  }
  const out: Record<string, Buffer> = {}
  for (const entry of wanted) {
    const raw = buf.subarray(entry.start, entry.stop)
    if (entry.method === 0) {
      out[entry.name] = raw
      continue
    }
    if (budget.left <= 0)
      throw new ZipLimitError('the archive inflates past its bound (a zip bomb?)')
    try {
      // One output chunk of the declared size (bounded): zlib's 16 KiB default per tiny entry
      // dominates otherwise; a lying declared size only changes the chunking.
      const chunkSize = Math.min(Math.max(entry.size + 1, 64), 1024 * 1024, budget.left + 1)
      const inflated = inflateRawSync(raw, { maxOutputLength: budget.left, chunkSize })
      budget.left -= inflated.length
      out[entry.name] = inflated
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        throw new ZipLimitError(`${entry.name} inflates past the archive's bound (a zip bomb?)`)
      throw new ZipFormatError(`${entry.name}: corrupt deflate data (${(error as Error).message})`)
    }
  }
  return out
}
