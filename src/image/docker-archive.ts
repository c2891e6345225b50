import { InputError } from '../model/errors.js'
import { parseJson } from './blob.js'
import { platformMatches, platformOf } from './platform.js'
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
