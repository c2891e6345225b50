import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { InputError } from '../model/errors.js'
import type { Blob } from './types.js'

// What every source shares: byte ranges of a file, image metadata JSON, and digests checked as
// the bytes are read.

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

export function sha256Of(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`
}

/** Bytes read whole (a manifest, an index, a config) must be what their digest names. */
export function checkDigest(data: Buffer, digest: string, where: string): Buffer {
  if (sha256Of(data) !== digest)
    throw new InputError(`${where}: does not match its digest ${digest}`)
  return data
}

export interface VerifiedRead {
  /** The blob's bytes; iterating to the end checks its size and digest (InputError if wrong). */
  chunks: AsyncIterable<Buffer>
  /** Read what is left without using it, so that a blob abandoned early is still checked. */
  drain(): Promise<void>
}

/**
 * Read a blob, hashing it as it goes by: at its end, the byte count must be the size its
 * descriptor gave and the SHA-256 its digest. More bytes than the size fail at once.
 */
export function readVerified(blob: Blob): VerifiedRead {
  const hash = blob.digest ? createHash('sha256') : undefined
  const source = blob.open()[Symbol.asyncIterator]()
  let read = 0
  let finished = false
  /** Set once, at the end: what is wrong with the blob, if anything. */
  let verdict: InputError | undefined
  const end = (): void => {
    if (finished) return
    finished = true
    if (blob.size !== undefined && read !== blob.size)
      verdict = new InputError(
        `${blob.where}: ${read} bytes where its descriptor says ${blob.size} (truncated?)`
      )
    else if (hash && `sha256:${hash.digest('hex')}` !== blob.digest)
      verdict = new InputError(`${blob.where}: does not match its digest ${blob.digest}`)
  }
  // drain() may run while the decompressor's own read is still in flight: both see the end,
  // and the checks run once.
  const next = async (): Promise<IteratorResult<Buffer>> => {
    if (!finished) {
      const item = await source.next()
      if (!item.done && !finished) {
        read += item.value.length
        if (blob.size !== undefined && read > blob.size) {
          finished = true
          verdict = new InputError(
            `${blob.where}: longer than the ${blob.size} bytes its descriptor says`
          )
        } else {
          hash?.update(item.value)
          return item
        }
      } else end()
    }
    if (verdict) throw verdict
    return { done: true, value: undefined }
  }
  return {
    chunks: { [Symbol.asyncIterator]: () => ({ next }) },
    async drain() {
      while (!(await next()).done);
    }
  }
}
