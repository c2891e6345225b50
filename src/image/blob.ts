import { createReadStream } from 'node:fs'
import { InputError } from '../model/errors.js'

// Small helpers every local source uses: byte ranges of a file, digests, image metadata JSON.

/** Manifests, indexes and configs are small; a huge one is a broken or hostile image. */
export const MAX_METADATA_BYTES = 32 * 1024 * 1024

export function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new InputError(`${where}: not valid JSON`)
  }
}

export function sha256Hex(digest: string, where: string): string {
  const m = /^sha256:([0-9a-f]{64})$/.exec(digest)
  if (!m) throw new InputError(`${where}: unsupported digest ${JSON.stringify(digest)}`)
  return m[1]
}

export async function* fileRange(path: string, start: number, size: number): AsyncIterable<Buffer> {
  if (size === 0) return
  const stream = createReadStream(path, {
    start,
    end: start + size - 1,
    highWaterMark: 1024 * 1024
  })
  for await (const chunk of stream) yield chunk as Buffer
}
