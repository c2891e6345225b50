// A push-style tar reader: bytes go in as they arrive (from a file, a gunzip or a zstd stream),
// entries come out one by one. Content is kept in memory only for the entries the caller asks
// for, so a layer is read once and never written to disk. Handles ustar, GNU long names/links
// (`L`/`K`) and PAX headers (`x`/`g`: path, linkpath, size).

export type TarEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other'

export interface TarHeader {
  /** The raw name as stored (not normalised). */
  name: string
  type: TarEntryType
  size: number
  mode: number
  linkName: string
  /** Offset of the entry's content within the tar stream. */
  dataOffset: number
}

/** Receives an entry's content chunk by chunk, without it being held in memory. */
export interface TarEntryStream {
  write(chunk: Buffer): void
  end(): void
}

export interface TarVisitor {
  /**
   * Return true to receive the whole content of this entry in `content`, or a stream to be fed
   * the content as it goes by (and `content` too when `collect` is set).
   */
  entry(header: TarHeader): boolean | (TarEntryStream & { collect: boolean })
  content?(header: TarHeader, data: Buffer): void
}

export class TarFormatError extends Error {}

const BLOCK = 512
/** GNU long names (`L`/`K`) and PAX headers hold a path and a few records, never megabytes. */
const MAX_TAR_METADATA_BYTES = 1024 * 1024

function readString(block: Buffer, offset: number, length: number): string {
  const end = block.indexOf(0, offset)
  const stop = end === -1 || end > offset + length ? offset + length : end
  return block.toString('utf8', offset, stop)
}

function readNumber(block: Buffer, offset: number, length: number): number {
  // GNU base-256 for large values: high bit of the first byte set (0xff: negative, never valid).
  if (block[offset] & 0x80) {
    if (block[offset] === 0xff) throw new TarFormatError('a tar header holds a negative number')
    let value = block[offset] & 0x7f
    for (let i = offset + 1; i < offset + length; i++) value = value * 256 + block[i]
    if (!Number.isSafeInteger(value)) throw new TarFormatError('a tar header number is too large')
    return value
  }
  const text = readString(block, offset, length).trim()
  if (text === '') return 0
  if (!/^[0-7]+$/.test(text))
    throw new TarFormatError('not a tar archive, or a corrupt one (a header field is not a number)')
  return parseInt(text, 8)
}

/**
 * Whether a file's first 512 bytes can start a tar archive: a header whose checksum holds, or
 * the zero block of an empty archive. Tells a text file given as an image from a broken archive.
 */
export function canStartTar(block: Buffer): boolean {
  if (block.length < BLOCK) return false
  if (block.every(byte => byte === 0)) return true
  try {
    return checksumOk(block)
  } catch {
    return false
  }
}

function checksumOk(block: Buffer): boolean {
  const stored = readNumber(block, 148, 8)
  let sum = 0
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]
  return sum === stored
}

/** The PAX records the reader uses; the rest (mtime, xattrs, …) are not kept. */
const PAX_KEYS = new Set(['path', 'linkpath', 'size'])

function parsePax(data: Buffer): Map<string, string> {
  const out = new Map<string, string>()
  let pos = 0
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos)
    if (space === -1 || space - pos > 20) break
    const length = parseInt(data.toString('utf8', pos, space), 10)
    if (!(length > 0) || pos + length > data.length) break
    const record = data.toString('utf8', space + 1, pos + length - 1)
    const eq = record.indexOf('=')
    if (eq > 0 && PAX_KEYS.has(record.slice(0, eq)))
      out.set(record.slice(0, eq), record.slice(eq + 1))
    pos += length
  }
  return out
}

/** A PAX size is a decimal count of bytes; anything else would desynchronise the reader. */
function paxSize(value: string): number {
  if (!/^[0-9]{1,15}$/.test(value))
    throw new TarFormatError('a PAX header has a size that is not a number of bytes')
  return Number(value)
}

function entryType(flag: string): TarEntryType {
  switch (flag) {
    case '0':
    case '\0':
    case '':
    case '7':
      return 'file'
    case '5':
      return 'dir'
    case '2':
      return 'symlink'
    case '1':
      return 'hardlink'
    default:
      return 'other'
  }
}

/**
 * Feed with `write(chunk)`, then `end()`. Throws TarFormatError on a corrupt header and when the
 * stream ends in the middle of an entry (a truncated archive).
 */
export class TarParser {
  private pending: Buffer[] = []
  private pendingBytes = 0
  private offset = 0
  private state: 'header' | 'data' | 'padding' | 'meta' | 'done' = 'header'
  private header: TarHeader | undefined
  private remaining = 0
  private padding = 0
  private collect: Buffer[] | undefined
  private stream: TarEntryStream | undefined
  private metaKind = ''
  private longName: string | undefined
  private longLink: string | undefined
  private pax = new Map<string, string>()
  private globalPax = new Map<string, string>()
  private zeroBlocks = 0
  entries = 0

  constructor(private readonly visitor: TarVisitor) {}

  write(chunk: Buffer): void {
    let buf = chunk
    while (buf.length > 0 && this.state !== 'done') {
      if (this.state === 'data' || this.state === 'meta') {
        const take = Math.min(this.remaining, buf.length)
        if (this.collect) this.collect.push(buf.subarray(0, take))
        if (this.stream) this.stream.write(buf.subarray(0, take))
        this.remaining -= take
        this.offset += take
        buf = buf.subarray(take)
        if (this.remaining === 0) this.finishData()
        continue
      }
      if (this.state === 'padding') {
        const take = Math.min(this.padding, buf.length)
        this.padding -= take
        this.offset += take
        buf = buf.subarray(take)
        if (this.padding === 0) this.state = 'header'
        continue
      }
      // header: gather one 512-byte block
      const need = BLOCK - this.pendingBytes
      const take = Math.min(need, buf.length)
      this.pending.push(buf.subarray(0, take))
      this.pendingBytes += take
      this.offset += take
      buf = buf.subarray(take)
      if (this.pendingBytes === BLOCK) {
        const block = Buffer.concat(this.pending, BLOCK)
        this.pending = []
        this.pendingBytes = 0
        this.onHeader(block)
      }
    }
  }

  /** Skip `length` bytes of entry content (plus padding) that the caller jumped over. */
  skip(length: number): void {
    if (this.state !== 'data') throw new TarFormatError('tar skip outside entry data')
    this.collect = undefined
    this.stream = undefined
    this.offset += length
    this.remaining = 0
    this.padding = 0
    this.finishData()
  }

  inMetadata(): boolean {
    return this.state === 'meta'
  }

  metadataRemaining(): number {
    return this.remaining
  }

  isDone(): boolean {
    return this.state === 'done'
  }

  /** Call once the input is exhausted. */
  end(): void {
    if (this.state === 'done') return
    if (this.state === 'header' && this.pendingBytes === 0) return // no end-of-archive blocks: tolerated
    throw new TarFormatError('tar stream is truncated')
  }

  private onHeader(block: Buffer): void {
    if (block.every(b => b === 0)) {
      this.zeroBlocks++
      if (this.zeroBlocks >= 2) this.state = 'done'
      return
    }
    this.zeroBlocks = 0
    if (!checksumOk(block)) throw new TarFormatError('bad tar header checksum')
    const flag = String.fromCharCode(block[156])
    let size = readNumber(block, 124, 12)
    const magic = block.toString('latin1', 257, 262)
    let name = readString(block, 0, 100)
    if (magic === 'ustar') {
      const prefix = readString(block, 345, 155)
      if (prefix) name = `${prefix}/${name}`
    }
    if (flag === 'L' || flag === 'K' || flag === 'x' || flag === 'g') {
      if (size > MAX_TAR_METADATA_BYTES)
        throw new TarFormatError(
          `a tar metadata entry of ${size} bytes (more than a name or PAX header needs)`
        )
      this.metaKind = flag
      this.startData(undefined, size, true)
      return
    }
    const sizeRecord = this.pax.get('size') ?? this.globalPax.get('size')
    if (sizeRecord !== undefined) size = paxSize(sizeRecord)
    const header: TarHeader = {
      name: this.longName ?? this.pax.get('path') ?? name,
      type: entryType(flag),
      size,
      mode: readNumber(block, 100, 8),
      linkName: this.longLink ?? this.pax.get('linkpath') ?? readString(block, 157, 100),
      dataOffset: this.offset
    }
    this.longName = undefined
    this.longLink = undefined
    this.pax = new Map()
    this.entries++
    // Only regular files carry content; a hardlink's size field is ignored.
    if (header.type !== 'file' && header.type !== 'other') header.size = 0
    const wanted = this.visitor.entry(header)
    if (typeof wanted === 'object') {
      this.stream = wanted
      this.startData(header, header.size, wanted.collect)
    } else this.startData(header, header.size, wanted)
  }

  private startData(header: TarHeader | undefined, size: number, collect: boolean): void {
    this.header = header
    this.remaining = size
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK
    this.collect = collect ? [] : undefined
    this.state = header ? 'data' : 'meta'
    if (size === 0) this.finishData()
  }

  private finishData(): void {
    const data = this.collect ? Buffer.concat(this.collect) : undefined
    if (this.state === 'meta' && data) {
      if (this.metaKind === 'L') this.longName = data.toString('utf8').replace(/\0+$/, '')
      else if (this.metaKind === 'K') this.longLink = data.toString('utf8').replace(/\0+$/, '')
      else if (this.metaKind === 'x') this.pax = parsePax(data)
      else if (this.metaKind === 'g') for (const [k, v] of parsePax(data)) this.globalPax.set(k, v)
    } else if (this.header && data && this.visitor.content) {
      this.visitor.content(this.header, data)
    }
    // after `content`, so a visitor can finish the entry in one place
    if (this.stream) {
      const stream = this.stream
      this.stream = undefined
      stream.end()
    }
    this.collect = undefined
    this.header = undefined
    this.state = this.padding > 0 ? 'padding' : 'header'
  }
}

/** Normalise a path inside an image: absolute, no `.`/`..` escaping the root, no trailing slash. */
export function normalizeImagePath(name: string): string {
  const parts: string[] = []
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') parts.pop()
    else parts.push(part)
  }
  return '/' + parts.join('/')
}

export interface TarIndexEntry {
  name: string
  type: TarEntryType
  offset: number
  size: number
  linkName: string
}

/**
 * Index a tar file without reading its content: header blocks are read with positioned reads and
 * the content is skipped. Used for the outer docker-archive / OCI archive, whose blobs are then
 * streamed from their offsets.
 */
export async function indexTarFile(
  read: (position: number, length: number) => Promise<Buffer>,
  fileSize: number,
  maxEntries = Infinity
): Promise<TarIndexEntry[]> {
  const entries: TarIndexEntry[] = []
  let position = 0
  const parser = new TarParser({
    entry(header) {
      if (entries.length >= maxEntries)
        throw new TarFormatError(`more than ${maxEntries} members (not an image archive)`)
      entries.push({
        name: header.name,
        type: header.type,
        offset: header.dataOffset,
        size: header.size,
        linkName: header.linkName
      })
      return false
    }
  })
  // Feed header blocks and metadata content to the parser, but jump over regular file content.
  while (position < fileSize) {
    const block = await read(position, BLOCK)
    if (block.length < BLOCK) throw new TarFormatError('tar file is truncated')
    const before = entries.length
    parser.write(block)
    position += BLOCK
    if (entries.length > before) {
      const entry = entries[entries.length - 1]
      if (entry.size > 0) {
        const padded = entry.size + ((BLOCK - (entry.size % BLOCK)) % BLOCK)
        if (position + entry.size > fileSize) throw new TarFormatError('tar file is truncated')
        // Tell the parser the content went by without handing it the bytes.
        parser.skip(padded)
        position += padded
      }
    } else if (parser.inMetadata()) {
      const need = parser.metadataRemaining()
      const padded = need + ((BLOCK - (need % BLOCK)) % BLOCK)
      if (position + padded > fileSize) throw new TarFormatError('tar file is truncated')
      parser.write(await read(position, padded))
      position += padded
    }
    if (parser.isDone()) break
  }
  if (!parser.isDone() && entries.length === 0) throw new TarFormatError('not a tar file')
  return entries
}
