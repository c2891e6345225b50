import * as zlib from 'node:zlib'
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable, type Transform } from 'node:stream'
import { InputError } from '../model/errors.js'
import { fileRange } from './blob.js'
import {
  decompressionBound,
  DECOMPRESSION_RATIO,
  formatBytes,
  IMAGE_FLOOR_BYTES,
  ZSTD_WINDOW_LOG_MAX
} from './limits.js'

// Decompression of layers (gzip, zstd or none, told apart by magic bytes) as they stream by, and
// of a compressed outer archive into a private temporary copy.

/** A layer that cannot be read on: it costs a warning, the other layers are still read. */
export class LayerFormatError extends Error {}

/** A bound of the whole image was reached: no further layer is read. */
export class ImageLimitError extends LayerFormatError {}

/**
 * Stream one layer blob's bytes, decompressed (gzip, zstd or none, told apart by magic bytes), into
 * `sink`. Returns the decompressed byte count; past `maxBytes` it stops with the error
 * `tooLarge` makes (a LayerFormatError by default).
 */
export async function pumpLayer(
  blob: AsyncIterable<Buffer>,
  maxBytes: number,
  sink: (chunk: Buffer) => void,
  tooLarge: () => Error = () =>
    new LayerFormatError(`layer is larger than ${maxBytes} bytes decompressed`)
): Promise<number> {
  const source = blob[Symbol.asyncIterator]()
  let first = await source.next()
  while (!first.done && first.value.length === 0) first = await source.next()
  if (first.done) return 0
  const head = first.value
  async function* all(): AsyncGenerator<Buffer> {
    yield head
    for (;;) {
      const next = await source.next()
      if (next.done) return
      yield next.value
    }
  }
  let total = 0
  // Errors from the consumer (tar parser, catalogers, the file hook) pass through untouched; only
  // the decompressor's own errors become "corrupt or truncated".
  let sinkError: unknown
  const emit = (chunk: Buffer): void => {
    total += chunk.length
    try {
      if (total > maxBytes) throw tooLarge()
      sink(chunk)
    } catch (error) {
      sinkError = error
      throw error
    }
  }
  // gzip and zstd: native (Node >= 22.15 has zstd in zlib), on the thread pool
  const isGzip = head[0] === 0x1f && head[1] === 0x8b
  const isZstd = head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd
  /** One compressed stream through `decompress` into `emit`; the decoder's own errors named. */
  const decode = async (input: AsyncIterable<Buffer>, decompress: Transform): Promise<void> => {
    let inputError: unknown
    const stream = Readable.from(input, { highWaterMark: 1 }) // one compressed chunk in flight, not 16
    stream.on('error', error => {
      inputError = error
      decompress.destroy(error)
    })
    stream.pipe(decompress)
    try {
      for await (const chunk of decompress) emit(chunk as Buffer)
    } catch (error) {
      stream.destroy()
      if (error === sinkError || error === inputError) throw error
      if ((error as { code?: string }).code === 'ZSTD_error_frameParameter_windowTooLarge') {
        throw new LayerFormatError(
          `zstd frame needs a window larger than ${2 ** (ZSTD_WINDOW_LOG_MAX - 20)} MiB, the most a layer may ask for`
        )
      }
      throw new LayerFormatError(
        `corrupt or truncated ${isGzip ? 'gzip' : 'zstd'} (${(error as Error).message})`
      )
    }
  }
  if (isGzip) {
    // Node's gunzip reads concatenated members (pigz, `cat a.gz b.gz`) itself.
    await decode(all(), zlib.createGunzip({ chunkSize: 256 * 1024 }))
    return total
  }
  if (isZstd) {
    // Node's zstd decoder stops at the end of the first frame; a zstd stream may hold many
    // (zstd:chunked layers, `cat a.zst b.zst`), each decoded in turn, skippable frames passed over.
    const frames = new ZstdFrames(all()[Symbol.asyncIterator]())
    for (let frame = await frames.next(); frame; frame = await frames.next()) {
      await decode(
        frame,
        zlib.createZstdDecompress({
          chunkSize: 256 * 1024,
          params: { [zlib.constants.ZSTD_d_windowLogMax]: ZSTD_WINDOW_LOG_MAX }
        })
      )
    }
    return total
  }
  for await (const chunk of all()) emit(chunk)
  return total
}

const ZSTD_MAGIC = 0xfd2fb528
const ZSTD_SKIPPABLE = 0x184d2a50

/**
 * Splits a zstd stream into its frames without decoding them (RFC 8878 §3.1): the frame header
 * says how long it is, each block header how many bytes follow it, the last block ends the frame
 * (then an optional 4-byte checksum). Skippable frames are passed over.
 */
export class ZstdFrames {
  private buf: Buffer = Buffer.alloc(0)
  private ended = false

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  /** Read more input; false at its end. */
  private async more(): Promise<boolean> {
    if (this.ended) return false
    const next = await this.source.next()
    if (next.done) {
      this.ended = true
      return false
    }
    this.buf = this.buf.length === 0 ? next.value : Buffer.concat([this.buf, next.value])
    return true
  }

  private async need(bytes: number): Promise<void> {
    while (this.buf.length < bytes)
      if (!(await this.more()))
        throw new LayerFormatError('corrupt or truncated zstd (ends inside a frame)')
  }

  private take(bytes: number): Buffer {
    const out = this.buf.subarray(0, bytes)
    this.buf = this.buf.subarray(bytes)
    return out
  }

  /** The next frame's bytes, or undefined when the stream has no more. */
  async next(): Promise<AsyncIterable<Buffer> | undefined> {
    for (;;) {
      if (this.buf.length === 0 && !(await this.more())) return undefined
      await this.need(4)
      const magic = this.buf.readUInt32LE(0)
      if ((magic & 0xfffffff0) === ZSTD_SKIPPABLE) {
        await this.need(8)
        let skip = 8 + this.buf.readUInt32LE(4)
        while (skip > 0) {
          if (this.buf.length === 0) await this.need(1)
          skip -= this.take(Math.min(skip, this.buf.length)).length
        }
        continue
      }
      if (magic !== ZSTD_MAGIC)
        throw new LayerFormatError('corrupt zstd (what follows a frame is not a frame)')
      return this.frame()
    }
  }

  private async *frame(): AsyncGenerator<Buffer> {
    await this.need(5)
    const descriptor = this.buf[4]
    const fcsFlag = descriptor >> 6
    const singleSegment = (descriptor >> 5) & 1
    const checksum = (descriptor >> 2) & 1
    const header =
      5 +
      (singleSegment ? 0 : 1) +
      [0, 1, 2, 4][descriptor & 3] +
      [singleSegment ? 1 : 0, 2, 4, 8][fcsFlag]
    await this.need(header)
    let span = header // bytes at the start of buf that belong to this frame
    let remaining = 0 // of the current block's payload (or the checksum)
    let last = false
    let done = false
    for (;;) {
      while (!done) {
        if (remaining > 0) {
          const step = Math.min(remaining, this.buf.length - span)
          span += step
          remaining -= step
          if (remaining > 0) break
          continue
        }
        if (last) {
          done = true
          break
        }
        if (this.buf.length - span < 3) break
        const b = this.buf
        const blockHeader = b[span] | (b[span + 1] << 8) | (b[span + 2] << 16)
        const type = (blockHeader >> 1) & 3
        if (type === 3) throw new LayerFormatError('corrupt zstd (reserved block type)')
        last = (blockHeader & 1) === 1
        span += 3
        remaining = type === 1 ? 1 : blockHeader >>> 3
        if (last && checksum) remaining += 4
      }
      if (span > 0) yield this.take(span)
      span = 0
      if (done) return
      if (!(await this.more()))
        throw new LayerFormatError('corrupt or truncated zstd (ends inside a frame)')
    }
  }
}

/** Where temporary image copies go: RUNNER_TEMP on a runner (cleaned after the job), else the OS's. */
export function imageTempRoot(tempDir?: string): string {
  return tempDir || process.env.RUNNER_TEMP || tmpdir()
}

/** Free bytes on the filesystem of `dir` that a copy may take: all but 10% (at most 1 GiB). */
function spareBytes(dir: string): number {
  try {
    const fs = statfsSync(dir)
    const free = fs.bavail * fs.bsize
    return free - Math.min(1024 ** 3, free / 10)
  } catch {
    return Infinity
  }
}

/** How often (in bytes written) the free space is looked at again: others write there too. */
const SPACE_CHECK_BYTES = 256 * 1024 ** 2

/**
 * `docker save app | gzip > app.tar.gz` (or zstd): the archive is read by offsets, which a
 * compressed stream does not allow, so it is decompressed once, streamed and bounded like a
 * layer (100 times its size, at least 2 GiB, at most `maxBytes`, and never the disk's last 10%),
 * to a private temporary file under `tempDir`; the image's dispose() removes it. Undefined when
 * the file is not compressed.
 */
export async function decompressedCopy(
  path: string,
  size: number,
  { tempDir, maxBytes }: { tempDir: string; maxBytes: number }
): Promise<{ path: string; remove: () => void } | undefined> {
  const handle = await open(path, 'r')
  const head = Buffer.alloc(4)
  try {
    await handle.read(head, 0, 4, 0)
  } finally {
    await handle.close()
  }
  const gzip = head[0] === 0x1f && head[1] === 0x8b
  const zstd = head.readUInt32BE(0) === 0x28b52ffd
  if (!gzip && !zstd) return undefined
  const dir = mkdtempSync(join(tempDir, 'container-gate-image-'))
  const remove = (): void => rmSync(dir, { recursive: true, force: true })
  const copy = join(dir, 'image.tar')
  const bound = decompressionBound(size, IMAGE_FLOOR_BYTES, maxBytes)
  let spare = spareBytes(dir)
  let written = 0
  let checkedAt = 0
  const fd = openSync(copy, 'w', 0o600)
  try {
    await pumpLayer(
      fileRange(path, 0, size),
      bound,
      chunk => {
        written += chunk.length
        if (written - checkedAt > SPACE_CHECK_BYTES) {
          spare = spareBytes(dir) + (written - chunk.length)
          checkedAt = written
        }
        if (written > spare)
          throw new InputError(
            `${path}: decompressing it would fill the disk of ${tempDir} (stopped after ${formatBytes(written - chunk.length)}; set RUNNER_TEMP to a larger disk, or give the uncompressed archive)`
          )
        for (let done = 0; done < chunk.length;)
          done += writeSync(fd, chunk, done, chunk.length - done)
      },
      () =>
        new LayerFormatError(
          `decompresses to more than ${formatBytes(bound)} (${formatBytes(size)} compressed may inflate ${DECOMPRESSION_RATIO} times, at least ${formatBytes(IMAGE_FLOOR_BYTES)}, at most ${formatBytes(maxBytes)}: a decompression bomb?)`
        )
    )
  } catch (error) {
    remove()
    if (error instanceof LayerFormatError) throw new InputError(`${path}: ${error.message}`)
    throw error
  } finally {
    closeSync(fd)
  }
  return { path: copy, remove }
}
