import { createHash } from 'node:crypto'
import { InputError } from '../model/errors.js'
import { readVerified } from './blob.js'
import type { ParsedFile } from './catalog/types.js'
import { ImageLimitError, LayerFormatError, pumpLayer } from './decompress.js'
import { Inventory } from './inventory.js'
import { LayeredFs, parentOf, joinImagePath } from './layers.js'
import {
  decompressionBound,
  DEFAULT_LIMITS,
  formatBytes,
  DECOMPRESSION_RATIO,
  IMAGE_FLOOR_BYTES,
  LAYER_FLOOR_BYTES,
  MAX_HOOK_FILE_BYTES,
  MAX_PATH_CHARS,
  MAX_PATH_LENGTH,
  type LayerLimits
} from './limits.js'
import { normalizeImagePath, TarFormatError, TarParser, type TarEntryStream } from './tar.js'
import type { ImageScan, ReadImageOptions, ResolvedImage } from './types.js'

// One streamed pass over each layer of a resolved image: the tar entries build the layered
// filesystem, the catalogers read the files they want, the file hook sees the rest it asks for.

const SMALL_JSON_MAX = 16 * 1024
const SMALL_JSON_BUDGET = 8 * 1024 * 1024

function historyOf(image: ResolvedImage): ImageScan['history'] {
  const out: ImageScan['history'] = []
  let layer = 0
  for (const h of image.config.history ?? []) {
    const emptyLayer = h.empty_layer === true
    const entry: ImageScan['history'][number] = {
      createdBy: h.created_by ?? h.comment ?? '',
      emptyLayer
    }
    if (!emptyLayer) entry.layerIndex = layer++
    out.push(entry)
  }
  return out
}

export async function scanResolved(
  image: ResolvedImage,
  options: ReadImageOptions
): Promise<ImageScan> {
  const limits: LayerLimits = { ...DEFAULT_LIMITS, ...stripUndefined(options.limits ?? {}) }
  const history = historyOf(image)
  const createdByOfLayer = new Map<number, string>()
  for (const h of history)
    if (h.layerIndex !== undefined) createdByOfLayer.set(h.layerIndex, h.createdBy)
  const layers = image.layers.map((l, index) => {
    const entry: ImageScan['layers'][number] = { index, digest: l.digest, emptyLayer: false }
    const createdBy = createdByOfLayer.get(index)
    if (createdBy) entry.createdBy = createdBy
    return entry
  })

  const fs = new LayeredFs()
  const inventory = new Inventory(fs)
  const hook = options.fileHook
  let entries = 0
  let pathChars = 0
  let totalBytes = 0
  const compressedTotal = image.layers.every(l => l.blob.size !== undefined)
    ? image.layers.reduce((sum, l) => sum + (l.blob.size ?? 0), 0)
    : undefined
  const imageBound = decompressionBound(compressedTotal, IMAGE_FLOOR_BYTES, limits.maxTotalBytes)
  const warnings: string[] = []

  for (const [index, layer] of image.layers.entries()) {
    const visit = {
      layerIndex: index,
      layerDigest: layer.digest,
      createdBy: layers[index].createdBy
    }
    const opaqueDone = new Set<string>()
    // What to do with the content of the entry being read (set by `entry`, run by `content`).
    let current: ((data: Buffer) => void) | undefined
    const deferred: (() => Promise<void>)[] = []
    // Small JSON files of this layer nobody asked for, in case a cataloged name is hardlinked to
    // one later in the layer (pnpm's store → node_modules/.pnpm). Bounded; oldest dropped first.
    const smallJson = new Map<string, Buffer>()
    let smallJsonBytes = 0
    const keepIfJson = (path: string): TarEntryStream & { collect: boolean } => {
      const chunks: Buffer[] = []
      let json: boolean | undefined
      return {
        collect: false,
        write(chunk) {
          json ??= chunk[0] === 0x7b // '{'
          if (json) chunks.push(Buffer.from(chunk))
        },
        end() {
          if (!json) return
          const content = Buffer.concat(chunks)
          smallJson.set(path, content)
          smallJsonBytes += content.length
          for (const [key, value] of smallJson) {
            if (smallJsonBytes <= SMALL_JSON_BUDGET) break
            smallJson.delete(key)
            smallJsonBytes -= value.length
          }
        }
      }
    }
    const parser = new TarParser({
      entry(header) {
        if (++entries > limits.maxEntries) {
          throw new ImageLimitError(`more than ${limits.maxEntries} entries in the image`)
        }
        const path = normalizeImagePath(header.name)
        if (path === '/') return false
        // Names the filesystem keeps: no real path is longer than PATH_MAX, and all of them
        // together are bounded, whatever the entry count.
        if (path.length > MAX_PATH_LENGTH || header.linkName.length > MAX_PATH_LENGTH)
          throw new TarFormatError(`a path longer than ${MAX_PATH_LENGTH} characters`)
        pathChars += path.length + header.linkName.length
        if (pathChars > MAX_PATH_CHARS)
          throw new ImageLimitError(
            `the image's paths take more than ${formatBytes(MAX_PATH_CHARS)} (not a real image)`
          )
        const slash = path.lastIndexOf('/')
        const base = path.slice(slash + 1)
        const dir = parentOf(path)
        if (base === '.wh..wh..opq') {
          // Once per directory and layer: it empties the directory of lower layers only.
          if (!opaqueDone.has(dir)) {
            opaqueDone.add(dir)
            for (const removed of fs.removeUnder(dir, index)) inventory.forget(removed)
          }
          return false
        }
        if (base.startsWith('.wh.')) {
          const target = joinImagePath(dir, base.slice(4))
          for (const removed of fs.remove(target)) inventory.forget(removed)
          return false
        }
        if (header.type === 'hardlink') {
          const target = normalizeImagePath(header.linkName)
          for (const hidden of fs.add(path, 'hardlink', index, target)) inventory.forget(hidden)
          // Same content under another name: it counts only where that name is itself cataloged.
          const catalogers = inventory.wantedBy(path, 0, header.mode, index)
          if (catalogers.length === 0) inventory.forget(path)
          else if (!inventory.link(path, target, index)) {
            // pnpm-style: the first name of the inode was a store file nobody catalogs
            const content = smallJson.get(target)
            if (content)
              inventory.store(path, index, inventory.parse(path, index, catalogers, content))
          }
          return false
        }
        const link = header.type === 'symlink' ? header.linkName : undefined
        for (const hidden of fs.add(path, header.type, index, link)) inventory.forget(hidden)
        if (header.type === 'dir') {
          // A directory entry in an upper layer merges with the one below; only a file it replaces goes.
          inventory.forget(path)
          return false
        }
        if (header.type !== 'file') {
          inventory.forget(path)
          return false
        }
        const catalogers = inventory.wantedBy(path, header.size, header.mode, index)
        const hookWants =
          hook !== undefined && header.size <= MAX_HOOK_FILE_BYTES && hook.wants(path, header.size)
        if (catalogers.length === 0 && !hookWants) {
          inventory.forget(path)
          return header.size > 0 && header.size <= SMALL_JSON_MAX ? keepIfJson(path) : false
        }
        const whole = catalogers.filter(c => !c.stream)
        const streams = catalogers.flatMap(c =>
          c.stream ? [{ c, s: c.stream(path), failed: undefined as unknown }] : []
        )
        const parts: ParsedFile[] = []
        const finish = (): void => {
          if (catalogers.length === 0) inventory.forget(path)
          else inventory.store(path, index, parts)
        }
        current = data => {
          if (hookWants && hook) hook.file({ ...visit, path }, data)
          // A cataloger still loading (the rpm SQLite reader is WebAssembly) reads the file once the
          // layer has gone by; nothing later in the same layer can change what it finds.
          if (whole.some(c => c.ready && !c.ready())) {
            deferred.push(async () => {
              await Promise.all(whole.map(c => c.prepare?.()))
              parts.push(...inventory.parse(path, index, whole, data))
              finish()
            })
            return
          }
          parts.push(...inventory.parse(path, index, whole, data))
          if (streams.length === 0) finish()
        }
        if (streams.length === 0) return true
        return {
          collect: whole.length > 0 || hookWants,
          write(chunk) {
            // A cataloger that fails mid-file is told at the end, as one warning for the file.
            for (const x of streams) {
              if (x.failed !== undefined) continue
              try {
                x.s.write(chunk)
              } catch (error) {
                x.failed = error ?? new Error('failed')
              }
            }
          },
          end() {
            for (const x of streams)
              parts.push(
                inventory.safely(path, index, x.c, () => {
                  if (x.failed !== undefined) throw x.failed
                  return x.s.end()
                })
              )
            finish()
          }
        }
      },
      content(_header, data) {
        const run = current
        current = undefined
        run?.(data)
      }
    })
    const layerBound = decompressionBound(layer.blob.size, LAYER_FLOOR_BYTES, limits.maxLayerBytes)
    const imageLeft = imageBound - totalBytes
    const tooLarge = (): Error =>
      layerBound <= imageLeft
        ? new LayerFormatError(
            `layer is larger than ${layerBound} bytes decompressed (${boundWhy(layer.blob.size, LAYER_FLOOR_BYTES, limits.maxLayerBytes)})`
          )
        : new ImageLimitError(
            `image is larger than ${imageBound} bytes decompressed (${boundWhy(compressedTotal, IMAGE_FLOOR_BYTES, limits.maxTotalBytes)})`
          )
    let layerBytes = 0
    const blob = readVerified(layer.blob)
    const content = layer.contentDigest ? createHash('sha256') : undefined
    try {
      await pumpLayer(
        blob.chunks,
        Math.min(layerBound, imageLeft),
        chunk => {
          layerBytes += chunk.length
          content?.update(chunk)
          parser.write(chunk)
        },
        tooLarge
      )
      parser.end()
      if (content && `sha256:${content.digest('hex')}` !== layer.contentDigest)
        throw new InputError(
          `${image.reference}: layer ${index} (${layer.blob.where}) does not match its diff_id ${layer.contentDigest}`
        )
    } catch (error) {
      if (!(error instanceof LayerFormatError || error instanceof TarFormatError)) throw error
      // The blob is still read to its end, so that its digest is checked all the same.
      await blob.drain()
      // What the layer gave before the fault stands; the rest of it is unknown.
      const where = `layer ${index} (${layer.blob.where})`
      if (error instanceof ImageLimitError) {
        const rest = image.layers.length - index - 1
        warnings.push(
          `${where}: ${error.message}; the rest of this layer${rest > 0 ? ` and the ${rest} layer${rest > 1 ? 's' : ''} after it are` : ' is'} not read`
        )
        for (const run of deferred) await run()
        break
      }
      warnings.push(`${where}: ${error.message}; the rest of this layer is not read`)
    }
    for (const run of deferred) await run()
    totalBytes += layerBytes
  }

  const os = inventory.os()
  const owned = inventory.ownedPaths()
  const packages = inventory.packages(os, owned, i => ({
    digest: layers[i]?.digest,
    createdBy: layers[i]?.createdBy
  }))
  const scan: ImageScan = {
    reference: image.reference,
    platform: image.platform,
    packages,
    layers,
    history,
    config: { env: [...(image.config.config?.Env ?? [])] },
    warnings: [...warnings, ...inventory.warnings],
    existsInFinal: path => fs.exists(path)
  }
  if (image.digest) scan.digest = image.digest
  if (os) scan.os = os
  if (image.config.config?.User) scan.config.user = image.config.config.User
  if (owned.size > 0)
    scan.isOsOwned = path =>
      owned.has(normalizeImagePath(path)) || owned.has(fs.resolve(path, false) ?? '')
  return scan
}

/** Why a decompression bound is what it is, for the message that names it. */
function boundWhy(compressed: number | undefined, floor: number, cap: number): string {
  if (compressed === undefined || decompressionBound(compressed, floor, cap) === cap)
    return `the most allowed: ${formatBytes(cap)}`
  return `the bound for ${formatBytes(compressed)} compressed: ${DECOMPRESSION_RATIO} times that, at least ${formatBytes(floor)}; a decompression bomb?`
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
