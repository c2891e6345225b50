// A zstd frame made of raw (stored) blocks: valid zstd that every decoder reads, written
// without a compressor, so the tests run on Node 20 (no zlib.zstdCompressSync) too.
// Format: RFC 8878 §3.1.1 (frame header with a window descriptor, 3-byte block headers).
const BLOCK_MAX = 128 * 1024

export function zstdCompress(data: Buffer): Buffer {
  const parts: Buffer[] = [
    Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), // magic, little-endian 0xFD2FB528
    Buffer.from([0x00, 0x38]) // no content size, no checksum; window 2^(10+7) = 128 KiB
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
