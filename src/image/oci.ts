import { InputError } from '../model/errors.js'
import { MAX_INDEX_DEPTH, MAX_LAYERS } from './limits.js'
import { platformMatches, platformOf } from './platform.js'
import { asImageConfig, asManifestDocument } from './shapes.js'
import type { BlobStore, Descriptor, ManifestDocument, ResolvedImage } from './types.js'

// OCI image indexes and manifests, wherever they come from (a layout's index.json, an OCI
// archive, a registry): narrow an index to one platform (or one tag), read a manifest's config.

const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json'
])

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
  tag?: string,
  trail: string[] = []
): Promise<ResolvedImage> {
  let manifests = asManifestDocument(index, store.where).manifests ?? []
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
    return resolveManifestDescriptor(
      store,
      manifests[0],
      reference,
      platform,
      explicitPlatform,
      trail
    )
  }
  const candidates = manifests.filter(
    m => m.platform && platformMatches(platform, platformOf(m.platform))
  )
  if (candidates.length === 0) {
    if (manifests.length === 1)
      return resolveManifestDescriptor(
        store,
        manifests[0],
        reference,
        platform,
        explicitPlatform,
        trail
      )
    const existing = [...new Set(manifests.map(m => platformOf(m.platform)))].filter(
      p => p !== 'unknown/unknown'
    )
    throw new InputError(
      `${store.where}: no image for platform ${platform} (platforms: ${existing.join(', ') || 'none'})`
    )
  }
  return resolveManifestDescriptor(store, candidates[0], reference, platform, true, trail)
}

async function resolveManifestDescriptor(
  store: BlobStore,
  descriptor: Descriptor,
  reference: string,
  platform: string,
  explicitPlatform: boolean,
  trail: string[]
): Promise<ResolvedImage> {
  // Content addressing makes a cycle impossible when every digest is checked; it is refused
  // here too, before the read, as is nesting deeper than any real image.
  if (trail.includes(descriptor.digest))
    throw new InputError(
      `${store.where}: image index cycle (${[...trail, descriptor.digest].map(shortDigest).join(' -> ')})`
    )
  if (trail.length >= MAX_INDEX_DEPTH)
    throw new InputError(`${store.where}: image indexes nested more than ${MAX_INDEX_DEPTH} deep`)
  const doc = await (store.manifest ?? store.json)(descriptor.digest)
  return resolveManifestDocument(
    store,
    doc as ManifestDocument,
    descriptor,
    reference,
    platform,
    explicitPlatform,
    trail
  )
}

function shortDigest(digest: string): string {
  return digest.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]+$/, '$1')
}

/** A fetched manifest or index: narrow an index to the platform, read a manifest's config. */
export async function resolveManifestDocument(
  store: BlobStore,
  raw: unknown,
  descriptor: Descriptor,
  reference: string,
  platform: string,
  explicitPlatform: boolean,
  trail: string[] = []
): Promise<ResolvedImage> {
  const where = `${store.where}: manifest ${descriptor.digest}`
  const doc = asManifestDocument(raw, where)
  if (
    INDEX_TYPES.has(descriptor.mediaType ?? '') ||
    INDEX_TYPES.has(doc.mediaType ?? '') ||
    doc.manifests
  ) {
    return resolveOciIndex(store, doc, reference, platform, explicitPlatform, undefined, [
      ...trail,
      descriptor.digest
    ])
  }
  if (!doc.config || !doc.layers)
    throw new InputError(`${store.where}: manifest ${descriptor.digest} has no config or layers`)
  if (doc.layers.length > MAX_LAYERS)
    throw new InputError(`${where} lists ${doc.layers.length} layers (more than ${MAX_LAYERS})`)
  const config = asImageConfig(
    await store.json(doc.config.digest),
    `${store.where}: config ${doc.config.digest}`
  )
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
      digest: diffIds[i] || layer.digest,
      blob: store.blob(layer.digest, layer.size)
    }))
  }
}
