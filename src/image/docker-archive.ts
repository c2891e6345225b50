import { InputError } from '../model/errors.js'
import { checkDigest, parseJson } from './blob.js'
import { MAX_IMAGES_IN_ARCHIVE, MAX_LAYERS } from './limits.js'
import { platformMatches, platformOf } from './platform.js'
import { asImageConfig } from './shapes.js'
import type { TarFile } from './tar-file.js'
import { normalizeImagePath } from './tar.js'
import type { ImageConfigJson, ResolvedImage } from './types.js'

// `docker save`: manifest.json lists each image's config and layer files (classic
// `<id>/layer.tar`, or Docker 25+'s `blobs/sha256/<hex>`).

export async function resolveDockerArchive(
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
  if (manifest.length > MAX_IMAGES_IN_ARCHIVE)
    throw new InputError(
      `${source}: manifest.json lists ${manifest.length} images (more than ${MAX_IMAGES_IN_ARCHIVE})`
    )
  // docker save of several images: pick by platform from their configs, each read once.
  const configs = new Map<string, ImageConfigJson>()
  const images: { m: (typeof manifest)[number]; config: ImageConfigJson; configName: string }[] = []
  for (const m of manifest) {
    if (!m || typeof m.Config !== 'string' || !Array.isArray(m.Layers))
      throw new InputError(`${source}: manifest.json entry without Config or Layers`)
    if (m.Layers.length > MAX_LAYERS)
      throw new InputError(
        `${source}: an image with ${m.Layers.length} layers (more than ${MAX_LAYERS})`
      )
    const configName = normalizeImagePath(m.Config).slice(1)
    let config = configs.get(configName)
    if (!config) {
      const where = `${source}:${configName}`
      const bytes = await tar.bytes(configName)
      // The config is named by its digest: `<hex>.json` (classic) or blobs/sha256/<hex>.
      const hex = /(?:^|\/)([0-9a-f]{64})(?:\.json)?$/.exec(configName)?.[1]
      if (hex) checkDigest(bytes, `sha256:${hex}`, where)
      config = asImageConfig(parseJson(bytes.toString('utf8'), where), where)
      configs.set(configName, config)
    }
    images.push({ m, config, configName })
  }
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
    reference:
      Array.isArray(chosen.m.RepoTags) && typeof chosen.m.RepoTags[0] === 'string'
        ? chosen.m.RepoTags[0]
        : source,
    digest: configHex ? `sha256:${configHex}` : undefined,
    platform: platformOf(chosen.config),
    config: chosen.config,
    layers: (chosen.m.Layers ?? []).map((layer, i) => {
      const name = normalizeImagePath(String(layer)).slice(1)
      const blobDigest = /blobs\/sha256\/([0-9a-f]{64})$/.exec(name)
      const blob = tar.blob(resolveLink(tar, name))
      // Docker 25+ names each layer by its digest; a classic `<id>/layer.tar` is the
      // uncompressed tar whose SHA-256 the config lists as its diff_id.
      if (blobDigest)
        return {
          digest: diffIds[i] ?? `sha256:${blobDigest[1]}`,
          blob: { ...blob, digest: `sha256:${blobDigest[1]}` }
        }
      const diffId = diffIds[i]
      return diffId && /^sha256:[0-9a-f]{64}$/.test(diffId)
        ? { digest: diffId, blob, contentDigest: diffId }
        : { digest: diffId ?? name, blob }
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
