import { CorruptDatabaseError } from './types.js'

// rpm's "ndb" backend (`Packages.db`): SUSE Linux Enterprise 15 SP3+, openSUSE Leap 15.3+ and
// Tumbleweed, SLE BCI images. Layout (rpm lib/backend/ndb/rpmpkg.c; read the same way by
// go-rpmdb's pkg/ndb, which Trivy and syft use): a 32-byte little-endian header
// {magic 'RpmP', version 0, generation, slot page count}, then that many 4 KiB slot pages of
// 16-byte slots {magic 'Slot', package index, block offset, block count} (the header takes the
// first two), and the blobs, each at block offset × 16: {magic 'BlbS', package index, checksum,
// length} followed by the rpm header blob.

const HEADER_MAGIC = 0x506d7052 // 'RpmP'
const SLOT_MAGIC = 0x746f6c53 // 'Slot'
const BLOB_MAGIC = 0x53626c42 // 'BlbS'
const BLOCK = 16
const SLOTS_PER_PAGE = 4096 / 16
/** go-rpmdb's bound: 2048 pages is half a million packages. */
const MAX_SLOT_PAGES = 2048

export const NDB_PATHS = [
  '/usr/lib/sysimage/rpm/Packages.db',
  '/var/lib/rpm/Packages.db',
  '/usr/share/rpm/Packages.db'
]

/** The header blobs, in slot order. */
export function readNdbBlobs(file: Buffer): Buffer[] {
  if (file.length < 32 || file.readUInt32LE(0) !== HEADER_MAGIC)
    throw new CorruptDatabaseError('not an rpm ndb Packages.db')
  if (file.readUInt32LE(4) !== 0)
    throw new CorruptDatabaseError(`rpm ndb version ${file.readUInt32LE(4)} is not supported`)
  const pages = file.readUInt32LE(12)
  if (pages === 0 || pages > MAX_SLOT_PAGES)
    throw new CorruptDatabaseError(`rpm ndb: ${pages} slot pages`)
  const slots = pages * SLOTS_PER_PAGE - 2
  if (32 + slots * 16 > file.length) throw new CorruptDatabaseError('rpm ndb: slot pages cut short')
  const blobs: Buffer[] = []
  for (let i = 0; i < slots; i++) {
    const at = 32 + i * 16
    if (file.readUInt32LE(at) !== SLOT_MAGIC)
      throw new CorruptDatabaseError(`rpm ndb: slot ${i} has no slot magic`)
    const pkgIndex = file.readUInt32LE(at + 4)
    if (pkgIndex === 0) continue
    const start = file.readUInt32LE(at + 8) * BLOCK
    if (start + 16 > file.length)
      throw new CorruptDatabaseError(`rpm ndb: package ${pkgIndex} points past the end`)
    if (file.readUInt32LE(start) !== BLOB_MAGIC || file.readUInt32LE(start + 4) !== pkgIndex)
      throw new CorruptDatabaseError(`rpm ndb: no blob for package ${pkgIndex}`)
    const length = file.readUInt32LE(start + 12)
    if (start + 16 + length > file.length)
      throw new CorruptDatabaseError(`rpm ndb: package ${pkgIndex}'s blob is cut short`)
    blobs.push(file.subarray(start + 16, start + 16 + length))
  }
  return blobs
}
