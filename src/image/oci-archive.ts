import { parseJson, sha256Hex } from './blob.js'
import { resolveOciIndex } from './oci.js'
import type { TarFile } from './tar-file.js'
import type { BlobStore, Descriptor, ResolvedImage } from './types.js'

// An OCI archive: an OCI image layout packed in a tar (index.json, blobs/sha256/<hex>), read by
// offsets from the tar.

function tarStore(tar: TarFile, prefix: string): BlobStore {
  const name = (digest: string): string => `${prefix}blobs/sha256/${sha256Hex(digest, tar.shownAs)}`
  return {
    where: tar.shownAs,
    json: async digest => parseJson(await tar.text(name(digest)), `${tar.shownAs}:${name(digest)}`),
    blob: digest => tar.blob(name(digest))
  }
}

export async function resolveOciArchive(
  tar: TarFile,
  wanted: string,
  explicit: boolean
): Promise<ResolvedImage> {
  const path = tar.shownAs
  const index = parseJson(await tar.text('index.json'), `${path}:index.json`) as {
    manifests?: Descriptor[]
  }
  return resolveOciIndex(tarStore(tar, ''), index, path, wanted, explicit)
}
