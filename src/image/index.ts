import { resolveImageReference } from './reference.js'
import { scanResolved } from './scan.js'
import { resolveLocalImage } from './source.js'
import type { ImageScan, ReadImageOptions } from './types.js'

export { buildCycloneDx } from './sbom.js'
export type { ImageFileHook, ImageFileVisit, ImageScan } from '../model/image.js'
export type { ReadImageOptions } from './types.js'

/**
 * Read an image's package inventory in one streamed pass over each layer. `source` is a
 * docker-archive tar, an OCI archive tar, an OCI layout dir (optionally `dir:tag`), or an image
 * reference (local Docker engine if it has it, else the registry).
 */
export async function readImage(
  source: string,
  options: ReadImageOptions = {}
): Promise<ImageScan> {
  const image = await resolveImageReference(source, options, resolveLocalImage)
  try {
    return await scanResolved(image, options)
  } finally {
    await image.dispose?.()
  }
}
