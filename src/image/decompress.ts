import * as zlib from 'node:zlib'
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { InputError } from '../model/errors.js'
import { fileRange } from './blob.js'
import { DEFAULT_LIMITS, ZSTD_WINDOW_LOG_MAX } from './limits.js'

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
  if (isGzip || isZstd) {
    const decompress = isGzip
      ? zlib.createGunzip({ chunkSize: 256 * 1024 })
      : zlib.createZstdDecompress({
          chunkSize: 256 * 1024,
          params: { [zlib.constants.ZSTD_d_windowLogMax]: ZSTD_WINDOW_LOG_MAX }
        })
    let inputError: unknown
    const input = Readable.from(all(), { highWaterMark: 1 }) // one compressed chunk in flight, not 16
    input.on('error', error => {
      inputError = error
      decompress.destroy(error)
    })
    input.pipe(decompress)
    try {
      for await (const chunk of decompress) emit(chunk as Buffer)
    } catch (error) {
      input.destroy()
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
    return total
  }
  for await (const chunk of all()) emit(chunk)
  return total
}

/**
 * `docker save app | gzip > app.tar.gz` (or zstd): the archive is read by offsets, which a
 * compressed stream does not allow, so it is decompressed once, streamed and bounded like a
 * layer, to a private temporary file; the image's dispose() removes it. Undefined when the
 * file is not compressed.
 */
export async function decompressedCopy(
  path: string,
  size: number
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
  const dir = mkdtempSync(join(tmpdir(), 'container-gate-image-'))
  const remove = (): void => rmSync(dir, { recursive: true, force: true })
  const copy = join(dir, 'image.tar')
  const fd = openSync(copy, 'w', 0o600)
  try {
    await pumpLayer(fileRange(path, 0, size), DEFAULT_LIMITS.maxTotalBytes, chunk => {
      for (let done = 0; done < chunk.length;)
        done += writeSync(fd, chunk, done, chunk.length - done)
    })
  } catch (error) {
    remove()
    if (error instanceof LayerFormatError) throw new InputError(`${path}: ${error.message}`)
    throw error
  } finally {
    closeSync(fd)
  }
  return { path: copy, remove }
}
