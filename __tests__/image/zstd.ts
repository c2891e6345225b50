// zstd for tests: real frames from Node's zlib, and frames made of raw (stored) blocks with a
// chosen window descriptor, for cases a compressor would never write (a 2 GiB window).
// Format: RFC 8878 §3.1.1 (frame header with a window descriptor, 3-byte block headers).
import { zstdCompressSync } from 'node:zlib'

const BLOCK_MAX = 128 * 1024

export function zstdCompress(data: Buffer): Buffer {
  return zstdCompressSync(data)
}

/** One frame of raw blocks whose header asks the decoder for a 2^windowLog-byte window. */
export function zstdRawFrame(data: Buffer, windowLog = 17): Buffer {
  const parts: Buffer[] = [
    Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), // magic, little-endian 0xFD2FB528
    Buffer.from([0x00, (windowLog - 10) << 3]) // no content size, no checksum; window exponent
  ]
  let offset = 0
  do {
    const size = Math.min(BLOCK_MAX, data.length - offset)
    const last = offset + size >= data.length ? 1 : 0
    const header = last | (0 << 1) | (size << 3) // block type 0: raw
    parts.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]))
    parts.push(data.subarray(offset, offset + size))
    offset += size
  } while (offset < data.length)
  return Buffer.concat(parts)
}
