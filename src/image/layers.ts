import * as zlib from 'node:zlib'
import { Readable, type Transform } from 'node:stream'
import { Decompress } from 'fzstd'
import type { Blob } from './source.js'
import { normalizeImagePath } from './tar.js'

// The image's filesystem as the layers build it up: only metadata (type, link target, the layer
// that last wrote it), never content. Whiteouts delete from lower layers, opaque markers empty a
// directory of lower-layer content, symlinks are resolved inside the image root.

export type NodeType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other'

export interface FsNode {
  type: NodeType
  layer: number
  link?: string
}

const MAX_SYMLINK_HOPS = 40

export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash <= 0 ? '/' : path.slice(0, slash)
}

export function joinImagePath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`
}

export class LayeredFs {
  readonly nodes = new Map<string, FsNode>([['/', { type: 'dir', layer: -1 }]])
  /** dir → its children's paths, so deleting a subtree costs the subtree, not the image. */
  private readonly children = new Map<string, Set<string>>()

  /** Record an entry; returns the paths it hid (a non-directory replacing a directory). */
  add(path: string, type: NodeType, layer: number, link?: string): string[] {
    const previous = this.nodes.get(path)
    const hidden = previous?.type === 'dir' && type !== 'dir' ? this.removeUnder(path, layer) : []
    this.nodes.set(path, { type, layer, link })
    // Archives may omit parent directory entries; the directories still exist.
    let child = path
    for (let dir = parentOf(path); ; dir = parentOf(dir)) {
      let set = this.children.get(dir)
      if (!set) this.children.set(dir, (set = new Set()))
      set.add(child)
      if (dir === '/' || this.nodes.has(dir)) break
      this.nodes.set(dir, { type: 'dir', layer })
      child = dir
    }
    return hidden
  }

  /** `.wh.<name>`: delete the path and everything under it; returns the deleted paths. */
  remove(path: string): string[] {
    const removed = this.removeUnder(path, Infinity)
    if (this.nodes.delete(path)) removed.push(path)
    this.children.get(parentOf(path))?.delete(path)
    return removed
  }

  /**
   * Delete everything below `dir` that came from layers before `layer` (an opaque directory, or a
   * directory replaced by a file); returns the deleted paths.
   */
  removeUnder(dir: string, layer: number): string[] {
    const removed: string[] = []
    const walk = (d: string): void => {
      const set = this.children.get(d)
      if (!set) return
      for (const path of set) {
        walk(path)
        const node = this.nodes.get(path)
        if (node && node.layer < layer && !this.children.get(path)?.size) {
          this.nodes.delete(path)
          this.children.delete(path)
          set.delete(path)
          removed.push(path)
        } else if (!node) set.delete(path)
      }
    }
    walk(dir)
    return removed
  }

  /**
   * The path with every symlink along it followed, clamped to the image root (an absolute or `..`
   * target never leaves the image). Undefined when it does not exist or loops.
   */
  resolve(path: string, followLast = true): string | undefined {
    let pending = normalizeImagePath(path).split('/').filter(Boolean)
    let current = '/'
    let hops = 0
    while (pending.length > 0) {
      const part = pending.shift() as string
      const candidate = joinImagePath(current, part)
      const node = this.nodes.get(candidate)
      if (!node) return undefined
      if (node.type === 'symlink' && (pending.length > 0 || followLast)) {
        if (++hops > MAX_SYMLINK_HOPS) return undefined
        const target = node.link ?? ''
        const base = target.startsWith('/') ? '/' : current
        const joined = normalizeImagePath(`${base}/${target}`)
        pending = [...joined.split('/').filter(Boolean), ...pending]
        current = '/'
        continue
      }
      current = candidate
    }
    return current
  }

  exists(path: string): boolean {
    return this.resolve(path) !== undefined
  }
}

export interface LayerLimits {
  maxLayerBytes: number
  maxEntries: number
  maxTotalBytes: number
}

export const DEFAULT_LIMITS: LayerLimits = {
  maxLayerBytes: 8 * 1024 ** 3,
  maxEntries: 2_000_000,
  maxTotalBytes: 32 * 1024 ** 3
}

export class LayerFormatError extends Error {}

/**
 * Stream one layer blob, decompressed (gzip, zstd or none, told apart by magic bytes), into
 * `sink`. Returns the decompressed byte count; stops with LayerFormatError past `maxBytes`.
 */
export async function pumpLayer(
  blob: Blob,
  maxBytes: number,
  sink: (chunk: Buffer) => void
): Promise<number> {
  const source = blob.open()[Symbol.asyncIterator]()
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
      if (total > maxBytes) {
        throw new LayerFormatError(`layer is larger than ${maxBytes} bytes decompressed`)
      }
      sink(chunk)
    } catch (error) {
      sinkError = error
      throw error
    }
  }
  // gzip, and zstd where Node's zlib has it (Node ≥ 22.15): native, on the thread pool
  const isGzip = head[0] === 0x1f && head[1] === 0x8b
  const isZstd = head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd
  const nativeZstd = (zlib as { createZstdDecompress?: () => Transform }).createZstdDecompress
  if (isGzip || (isZstd && nativeZstd)) {
    const decompress = isGzip
      ? zlib.createGunzip({ chunkSize: 256 * 1024 })
      : (nativeZstd as () => Transform)()
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
      throw new LayerFormatError(
        `corrupt or truncated ${isGzip ? 'gzip' : 'zstd'} (${(error as Error).message})`
      )
    }
    return total
  }
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) {
    const zstd = new Decompress(chunk =>
      emit(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length))
    )
    const push = (chunk: Uint8Array, final = false): void => {
      try {
        zstd.push(chunk, final)
      } catch (error) {
        if (error === sinkError) throw error
        throw new LayerFormatError(`corrupt or truncated zstd (${(error as Error).message})`)
      }
    }
    for await (const chunk of all()) push(chunk)
    push(new Uint8Array(0), true)
    return total
  }
  for await (const chunk of all()) emit(chunk)
  return total
}
