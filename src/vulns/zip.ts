// A minimal zip reader for OSV exports: walks the central directory (ZIP64
// aware, and by byte size rather than entry count, so archives whose 16-bit
// count wrapped past 65,535 entries are still read whole) and inflates one
// entry at a time with node:zlib, so memory stays at the archive plus one
// record instead of every record inflated at once.
import { inflateRawSync } from 'node:zlib'

export interface ZipEntry {
  name: string
  /** Inflates the entry; throws on an unsupported method or corrupt data. */
  read(): Buffer
}

const EOCD = 0x06054b50
const ZIP64_LOCATOR = 0x07064b50
const ZIP64_EOCD = 0x06064b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const MAX = 0xffffffff

function findEocd(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff)
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === EOCD) return i
  throw new Error('no end-of-central-directory record (not a zip archive, or truncated)')
}

/** The entries of a zip archive, in central-directory order. Throws when the archive itself is unreadable. */
export function zipEntries(buf: Buffer): ZipEntry[] {
  const eocd = findEocd(buf)
  let size = buf.readUInt32LE(eocd + 12)
  let offset = buf.readUInt32LE(eocd + 16)
  if (
    (size === MAX || offset === MAX) &&
    eocd >= 20 &&
    buf.readUInt32LE(eocd - 20) === ZIP64_LOCATOR
  ) {
    const at = Number(buf.readBigUInt64LE(eocd - 20 + 8))
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== ZIP64_EOCD)
      throw new Error('broken ZIP64 end record')
    size = Number(buf.readBigUInt64LE(at + 40))
    offset = Number(buf.readBigUInt64LE(at + 48))
  }
  if (offset + size > buf.length)
    throw new Error('central directory lies outside the file (truncated?)')
  const entries: ZipEntry[] = []
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
    const name = buf.toString('utf8', pos + 46, pos + 46 + nameLength)
    // ZIP64 extra field: the 64-bit values, in this order, for each 32-bit field that overflowed.
    let extra = pos + 46 + nameLength
    const extraEnd = extra + extraLength
    while (extra + 4 <= extraEnd) {
      const id = buf.readUInt16LE(extra)
      const length = buf.readUInt16LE(extra + 2)
      if (id === 0x0001) {
        let field = extra + 4
        if (uncompressed === MAX) {
          uncompressed = Number(buf.readBigUInt64LE(field))
          field += 8
        }
        if (compressed === MAX) {
          compressed = Number(buf.readBigUInt64LE(field))
          field += 8
        }
        if (local === MAX) local = Number(buf.readBigUInt64LE(field))
      }
      extra += 4 + length
    }
    pos = extraEnd + commentLength
    if (name.endsWith('/')) continue
    const size = compressed
    const at = local
    // One output chunk of the known size: zlib's default 16 KiB chunk per tiny record dominates otherwise.
    const chunkSize = Math.min(Math.max(uncompressed + 1, 64), 64 * 1024 * 1024)
    entries.push({
      name,
      read: () => {
        if (flags & 1) throw new Error('encrypted entry')
        if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL)
          throw new Error('bad local header')
        const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28)
        const data = buf.subarray(start, start + size)
        if (method === 0) return data
        if (method === 8) return inflateRawSync(data, { chunkSize })
        throw new Error(`unsupported compression method ${method}`)
      }
    })
  }
  if (entries.length === 0 && pos === offset && size > 0)
    throw new Error('unreadable central directory')
  return entries
}
