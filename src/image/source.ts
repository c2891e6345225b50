import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { open, readFile, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InputError } from '../model/errors.js'
import { DEFAULT_LIMITS, LayerFormatError, pumpLayer } from './layers.js'
import { indexTarFile, normalizeImagePath, TarFormatError, type TarIndexEntry } from './tar.js'

// Where an image's manifest, config and layer blobs come from: a docker-archive tar (classic
// `docker save`, or Docker 25+'s OCI-in-docker-save with blobs/sha256/), an OCI archive tar, or an
// OCI image layout directory. A multi-platform index is narrowed to one platform here.

/** Manifests, indexes and configs are small; a huge one is a broken or hostile image. */
export const MAX_METADATA_BYTES = 32 * 1024 * 1024

export interface Blob {
  /** Where the blob lives, for messages. */
  where: string
  size?: number
  open(): AsyncIterable<Buffer>
}

export interface ImageConfigJson {
  architecture?: string
  os?: string
  variant?: string
  config?: { User?: string; Env?: string[] }
  rootfs?: { diff_ids?: string[] }
  history?: { created_by?: string; empty_layer?: boolean; comment?: string }[]
}

export interface ResolvedImage {
  reference: string
  digest?: string
  platform: string
  config: ImageConfigJson
  layers: { digest: string; blob: Blob }[]
  /** Release what reading needed (a temporary `docker save` file). */
  dispose?: () => Promise<void>
}

export interface Descriptor {
  mediaType?: string
  digest: string
  size?: number
  platform?: { os?: string; architecture?: string; variant?: string }
  annotations?: Record<string, string>
}

export interface BlobStore {
  where: string
  /** Read a small JSON blob by digest. */
  json(digest: string): Promise<unknown>
  /** Read a manifest or index by digest (a registry serves these apart from blobs). */
  manifest?(digest: string): Promise<unknown>
  blob(digest: string): Blob
}

const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json'
])

export function runnerPlatform(): string {
  const arch: Record<string, string> = {
    x64: 'amd64',
    arm64: 'arm64',
    arm: 'arm',
    ia32: '386',
    ppc64: 'ppc64le',
    s390x: 's390x'
  }
  return `linux/${arch[process.arch] ?? process.arch}`
}

function platformOf(
  p: { os?: string; architecture?: string; variant?: string } | undefined
): string {
  if (!p?.os || !p.architecture) return 'unknown'
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/')
}

/** linux/arm64 matches linux/arm64/v8; linux/arm/v7 needs the variant when one is asked for. */
function platformMatches(want: string, have: string): boolean {
  const [wo, wa, wv] = want.split('/')
  const [ho, ha, hv] = have.split('/')
  if (wo !== ho || wa !== ha) return false
  if (!wv) return true
  return wv === (hv ?? (ha === 'arm64' ? 'v8' : undefined))
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new InputError(`${where}: not valid JSON`)
  }
}

function sha256Hex(digest: string, where: string): string {
  const m = /^sha256:([0-9a-f]{64})$/.exec(digest)
  if (!m) throw new InputError(`${where}: unsupported digest ${JSON.stringify(digest)}`)
  return m[1]
}

async function* fileRange(path: string, start: number, size: number): AsyncIterable<Buffer> {
  if (size === 0) return
  const stream = createReadStream(path, {
    start,
    end: start + size - 1,
    highWaterMark: 1024 * 1024
  })
  for await (const chunk of stream) yield chunk as Buffer
}

/** A tar file seen as a set of named members that can be read or streamed from their offsets. */
class TarFile {
  private constructor(
    readonly path: string,
    readonly members: Map<string, TarIndexEntry>,
    /** The name in messages: the user's path, also when `path` is its decompressed copy. */
    readonly shownAs: string
  ) {}

  static async open(path: string, shownAs = path): Promise<TarFile> {
    const info = await stat(path)
    const handle = await open(path, 'r')
    try {
      const entries = await indexTarFile(async (position, length) => {
        const buffer = Buffer.alloc(length)
        const { bytesRead } = await handle.read(buffer, 0, length, position)
        return buffer.subarray(0, bytesRead)
      }, info.size)
      const members = new Map<string, TarIndexEntry>()
      for (const entry of entries) {
        const name = normalizeImagePath(entry.name).slice(1)
        if (entry.type === 'file') members.set(name, entry)
        else if (entry.type === 'symlink' || entry.type === 'hardlink') members.set(name, entry)
      }
      return new TarFile(path, members, shownAs)
    } catch (error) {
      if (error instanceof TarFormatError) throw new InputError(`${shownAs}: ${error.message}`)
      throw error
    } finally {
      await handle.close()
    }
  }

  has(name: string): boolean {
    return this.members.has(name)
  }

  async text(name: string): Promise<string> {
    const entry = this.members.get(name)
    if (!entry) throw new InputError(`${this.shownAs}: no ${name} in the archive`)
    if (entry.size > MAX_METADATA_BYTES) {
      throw new InputError(
        `${this.shownAs}: ${name} is ${entry.size} bytes, too large for image metadata`
      )
    }
    const handle = await open(this.path, 'r')
    try {
      const buffer = Buffer.alloc(entry.size)
      await handle.read(buffer, 0, entry.size, entry.offset)
      return buffer.toString('utf8')
    } finally {
      await handle.close()
    }
  }

  blob(name: string): Blob {
    const entry = this.members.get(name)
    if (!entry || entry.type !== 'file')
      throw new InputError(`${this.shownAs}: layer ${name} is missing from the archive`)
    return {
      where: `${this.shownAs}:${name}`,
      size: entry.size,
      open: () => fileRange(this.path, entry.offset, entry.size)
    }
  }
}

function tarStore(tar: TarFile, prefix: string): BlobStore {
  const name = (digest: string): string => `${prefix}blobs/sha256/${sha256Hex(digest, tar.shownAs)}`
  return {
    where: tar.shownAs,
    json: async digest => parseJson(await tar.text(name(digest)), `${tar.shownAs}:${name(digest)}`),
    blob: digest => tar.blob(name(digest))
  }
}

function dirStore(dir: string): BlobStore {
  const name = (digest: string): string => join(dir, 'blobs', 'sha256', sha256Hex(digest, dir))
  return {
    where: dir,
    async json(digest) {
      const path = name(digest)
      let text: string
      const info = await stat(path).catch(() => undefined)
      if (!info) throw new InputError(`${dir}: blob ${digest} is missing`)
      if (info.size > MAX_METADATA_BYTES) {
        throw new InputError(`${path}: ${info.size} bytes, too large for image metadata`)
      }
      try {
        text = await readFile(path, 'utf8')
      } catch {
        throw new InputError(`${dir}: blob ${digest} is missing`)
      }
      return parseJson(text, path)
    },
    blob(digest) {
      const path = name(digest)
      return {
        where: path,
        async *open() {
          const info = await stat(path).catch(() => undefined)
          if (!info) throw new InputError(`${dir}: layer blob ${digest} is missing`)
          yield* fileRange(path, 0, info.size)
        }
      }
    }
  }
}

/**
 * From an OCI index (index.json or a registry's manifest list): choose the manifest for `platform`,
 * following nested indexes. With one candidate and no explicit platform, take it.
 */
export async function resolveOciIndex(
  store: BlobStore,
  index: { manifests?: Descriptor[] },
  reference: string,
  platform: string,
  explicitPlatform: boolean,
  tag?: string
): Promise<ResolvedImage> {
  let manifests = index.manifests ?? []
  if (tag) {
    const tagged = manifests.filter(
      m => m.annotations?.['org.opencontainers.image.ref.name'] === tag
    )
    if (tagged.length === 0) {
      const tags = manifests
        .map(m => m.annotations?.['org.opencontainers.image.ref.name'])
        .filter(Boolean)
      throw new InputError(
        `${store.where}: no image tagged ${tag} (tags: ${tags.join(', ') || 'none'})`
      )
    }
    manifests = tagged
  } else {
    // A layout holding several tagged images: which one is meant must be said.
    const tags = [
      ...new Set(manifests.map(m => m.annotations?.['org.opencontainers.image.ref.name']))
    ].filter(Boolean)
    if (tags.length > 1) {
      throw new InputError(
        `${store.where}: holds several images (tags: ${tags.join(', ')}); name one as ${store.where}:<tag>`
      )
    }
  }
  if (manifests.length === 0)
    throw new InputError(`${store.where}: the image index lists no manifests`)
  if (manifests.length === 1 && !manifests[0].platform) {
    return resolveManifestDescriptor(store, manifests[0], reference, platform, explicitPlatform)
  }
  const candidates = manifests.filter(
    m => m.platform && platformMatches(platform, platformOf(m.platform))
  )
  if (candidates.length === 0) {
    if (manifests.length === 1)
      return resolveManifestDescriptor(store, manifests[0], reference, platform, explicitPlatform)
    const existing = [...new Set(manifests.map(m => platformOf(m.platform)))].filter(
      p => p !== 'unknown/unknown'
    )
    throw new InputError(
      `${store.where}: no image for platform ${platform} (platforms: ${existing.join(', ') || 'none'})`
    )
  }
  return resolveManifestDescriptor(store, candidates[0], reference, platform, true)
}

async function resolveManifestDescriptor(
  store: BlobStore,
  descriptor: Descriptor,
  reference: string,
  platform: string,
  explicitPlatform: boolean
): Promise<ResolvedImage> {
  const doc = (await (store.manifest ?? store.json)(descriptor.digest)) as ManifestDocument
  return resolveManifestDocument(store, doc, descriptor, reference, platform, explicitPlatform)
}

export interface ManifestDocument {
  mediaType?: string
  manifests?: Descriptor[]
  config?: Descriptor
  layers?: Descriptor[]
}

/** A fetched manifest or index: narrow an index to the platform, read a manifest's config. */
export async function resolveManifestDocument(
  store: BlobStore,
  doc: ManifestDocument,
  descriptor: Descriptor,
  reference: string,
  platform: string,
  explicitPlatform: boolean
): Promise<ResolvedImage> {
  if (
    INDEX_TYPES.has(descriptor.mediaType ?? '') ||
    INDEX_TYPES.has(doc.mediaType ?? '') ||
    doc.manifests
  ) {
    return resolveOciIndex(store, doc, reference, platform, explicitPlatform)
  }
  if (!doc.config || !doc.layers)
    throw new InputError(`${store.where}: manifest ${descriptor.digest} has no config or layers`)
  const config = (await store.json(doc.config.digest)) as ImageConfigJson
  const diffIds = config.rootfs?.diff_ids ?? []
  const imagePlatform = platformOf(config)
  if (
    explicitPlatform &&
    imagePlatform !== 'unknown' &&
    !platformMatches(platform, imagePlatform)
  ) {
    throw new InputError(
      `${store.where}: no image for platform ${platform} (platforms: ${imagePlatform})`
    )
  }
  return {
    reference,
    digest: descriptor.digest,
    platform: imagePlatform,
    config,
    layers: doc.layers.map((layer, i) => ({
      digest: diffIds[i] ?? layer.digest,
      blob: store.blob(layer.digest)
    }))
  }
}

async function resolveDockerArchive(
  tar: TarFile,
  source: string,
  platform: string,
  explicit: boolean
): Promise<ResolvedImage> {
  const manifest = parseJson(await tar.text('manifest.json'), `${source}:manifest.json`) as {
    Config?: string
    RepoTags?: string[] | null
    Layers?: string[]
  }[]
  if (!Array.isArray(manifest) || manifest.length === 0)
    throw new InputError(`${source}: manifest.json lists no image`)
  // docker save of several images: pick by platform from their configs.
  const images = await Promise.all(
    manifest.map(async m => {
      if (!m.Config || !Array.isArray(m.Layers))
        throw new InputError(`${source}: manifest.json entry without Config or Layers`)
      const configName = normalizeImagePath(m.Config).slice(1)
      const config = parseJson(
        await tar.text(configName),
        `${source}:${configName}`
      ) as ImageConfigJson
      return { m, config, configName }
    })
  )
  let chosen = images[0]
  if (images.length > 1 || explicit) {
    const match = images.find(i => platformMatches(platform, platformOf(i.config)))
    if (!match) {
      const existing = images.map(i => platformOf(i.config))
      if (images.length > 1 || !existing.includes('unknown')) {
        throw new InputError(
          `${source}: no image for platform ${platform} (platforms: ${[...new Set(existing)].join(', ')})`
        )
      }
    } else chosen = match
  }
  const diffIds = chosen.config.rootfs?.diff_ids ?? []
  const configHex = /([0-9a-f]{64})(?:\.json)?$/.exec(chosen.configName)?.[1]
  return {
    reference: chosen.m.RepoTags?.[0] ?? source,
    digest: configHex ? `sha256:${configHex}` : undefined,
    platform: platformOf(chosen.config),
    config: chosen.config,
    layers: (chosen.m.Layers ?? []).map((layer, i) => {
      const name = normalizeImagePath(layer).slice(1)
      const blobDigest = /blobs\/sha256\/([0-9a-f]{64})$/.exec(name)
      return {
        digest: diffIds[i] ?? (blobDigest ? `sha256:${blobDigest[1]}` : name),
        blob: tar.blob(resolveLink(tar, name))
      }
    })
  }
}

/** Docker's classic save format stores repeated layers as symlinks to the first copy. */
function resolveLink(tar: TarFile, name: string): string {
  let current = name
  for (let hops = 0; hops < 8; hops++) {
    const entry = tar.members.get(current)
    if (!entry || entry.type === 'file') return current
    if (!entry.linkName) return current
    current =
      entry.type === 'symlink'
        ? normalizeImagePath(
            `${current.slice(0, current.lastIndexOf('/') + 1)}${entry.linkName}`
          ).slice(1)
        : normalizeImagePath(entry.linkName).slice(1)
  }
  return current
}

/**
 * `docker save app | gzip > app.tar.gz` (or zstd): the archive is read by offsets, which a
 * compressed stream does not allow, so it is decompressed once, streamed and bounded like a
 * layer, to a private temporary file; the image's dispose() removes it. Undefined when the
 * file is not compressed.
 */
async function decompressedCopy(
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
    await pumpLayer(
      { where: path, size, open: () => fileRange(path, 0, size) },
      DEFAULT_LIMITS.maxTotalBytes,
      chunk => {
        for (let done = 0; done < chunk.length;)
          done += writeSync(fd, chunk, done, chunk.length - done)
      }
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

/** Open an archive or layout at `source` (a path, optionally `path:tag` for a layout dir). */
export async function resolveLocalImage(
  source: string,
  platform: string | undefined
): Promise<ResolvedImage> {
  const explicit = platform !== undefined
  const wanted = platform ?? runnerPlatform()
  let path = source
  let tag: string | undefined
  let info = await stat(path).catch(() => undefined)
  if (!info) {
    const colon = source.lastIndexOf(':')
    if (colon > 0) {
      info = await stat(source.slice(0, colon)).catch(() => undefined)
      if (info?.isDirectory()) {
        path = source.slice(0, colon)
        tag = source.slice(colon + 1)
      } else info = undefined
    }
  }
  if (!info) throw new InputError(`image ${source}: no such file or directory`)
  if (info.isDirectory()) {
    const indexPath = join(path, 'index.json')
    const text = await readFile(indexPath, 'utf8').catch(() => undefined)
    if (text === undefined) throw new InputError(`${path}: not an OCI image layout (no index.json)`)
    const index = parseJson(text, indexPath) as { manifests?: Descriptor[] }
    return resolveOciIndex(dirStore(path), index, source, wanted, explicit, tag)
  }
  const copy = await decompressedCopy(path, info.size)
  try {
    const resolved = await resolveTar(
      await TarFile.open(copy?.path ?? path, path),
      wanted,
      explicit
    )
    if (copy) {
      const inner = resolved.dispose
      resolved.dispose = async () => {
        await inner?.()
        copy.remove()
      }
    }
    return resolved
  } catch (error) {
    copy?.remove()
    throw error
  }
}

async function resolveTar(tar: TarFile, wanted: string, explicit: boolean): Promise<ResolvedImage> {
  const path = tar.shownAs
  if (tar.has('manifest.json')) return resolveDockerArchive(tar, path, wanted, explicit)
  if (tar.has('index.json')) {
    const index = parseJson(await tar.text('index.json'), `${path}:index.json`) as {
      manifests?: Descriptor[]
    }
    return resolveOciIndex(tarStore(tar, ''), index, path, wanted, explicit)
  }
  throw new InputError(
    `${path}: unknown image format (neither manifest.json nor index.json in the tar)`
  )
}
