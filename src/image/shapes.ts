import { InputError } from '../model/errors.js'
import type { Descriptor, ImageConfigJson, ManifestDocument } from './types.js'

// Image metadata (index.json, manifests, configs, docker's manifest.json) is untrusted JSON: each
// value is checked for the shape the reader relies on before it is used. A field of the wrong
// type in a config is dropped (it only describes the image); a broken descriptor is an error.

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

export function asDescriptor(value: unknown, where: string): Descriptor {
  if (!isObject(value) || typeof value.digest !== 'string')
    throw new InputError(`${where}: a descriptor without a digest`)
  const out: Descriptor = { digest: value.digest }
  if (typeof value.mediaType === 'string') out.mediaType = value.mediaType
  if (value.size !== undefined) {
    if (!Number.isSafeInteger(value.size) || (value.size as number) < 0)
      throw new InputError(
        `${where}: descriptor ${value.digest} has a size that is not a byte count`
      )
    out.size = value.size as number
  }
  if (isObject(value.platform)) {
    const p = value.platform
    out.platform = { os: str(p.os), architecture: str(p.architecture), variant: str(p.variant) }
  }
  if (isObject(value.annotations)) {
    out.annotations = Object.fromEntries(
      Object.entries(value.annotations).filter(([, v]) => typeof v === 'string')
    ) as Record<string, string>
  }
  return out
}

function asDescriptors(value: unknown, where: string, what: string): Descriptor[] {
  if (!Array.isArray(value)) throw new InputError(`${where}: ${what} is not a list`)
  return value.map(d => asDescriptor(d, where))
}

/** An index (index.json, a manifest list) or a manifest. */
export function asManifestDocument(value: unknown, where: string): ManifestDocument {
  if (!isObject(value)) throw new InputError(`${where}: not an image index or manifest`)
  const out: ManifestDocument = {}
  if (typeof value.mediaType === 'string') out.mediaType = value.mediaType
  if (value.manifests !== undefined)
    out.manifests = asDescriptors(value.manifests, where, 'manifests')
  if (value.config !== undefined) out.config = asDescriptor(value.config, where)
  if (value.layers !== undefined) out.layers = asDescriptors(value.layers, where, 'layers')
  return out
}

export function asImageConfig(value: unknown, where: string): ImageConfigJson {
  if (!isObject(value)) throw new InputError(`${where}: the image config is not a JSON object`)
  const out: ImageConfigJson = {}
  for (const key of ['architecture', 'os', 'variant'] as const) {
    const v = str(value[key])
    if (v !== undefined) out[key] = v
  }
  if (isObject(value.config)) {
    const c = value.config
    out.config = {}
    if (typeof c.User === 'string') out.config.User = c.User
    if (Array.isArray(c.Env)) out.config.Env = c.Env.filter(e => typeof e === 'string')
  }
  if (isObject(value.rootfs) && Array.isArray(value.rootfs.diff_ids))
    out.rootfs = { diff_ids: value.rootfs.diff_ids.map(d => (typeof d === 'string' ? d : '')) }
  if (Array.isArray(value.history)) {
    // Non-objects stay as empty entries: each entry that is not empty_layer is one layer.
    out.history = value.history.map(h =>
      isObject(h)
        ? {
            created_by: str(h.created_by),
            comment: str(h.comment),
            empty_layer: h.empty_layer === true
          }
        : {}
    )
  }
  return out
}
