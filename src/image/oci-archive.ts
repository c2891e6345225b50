import { checkDigest, parseJson, sha256Hex } from './blob.js'
import { resolveOciIndex } from './oci.js'
import type { TarFile } from './tar-file.js'
import type { BlobStore, Descriptor, ResolvedImage } from './types.js'

// An OCI archive: an OCI image layout packed in a tar (index.json, blobs/sha256/<hex>), read by
// offsets from the tar.

function tarStore(tar: TarFile, prefix: string): BlobStore {
  const name = (digest: string): string => `${prefix}blobs/sha256/${sha256Hex(digest, tar.shownAs)}`
  return {
    where: tar.shownAs,
    json: async digest => {
      const where = `${tar.shownAs}:${name(digest)}`
      return parseJson(
        checkDigest(await tar.bytes(name(digest)), digest, where).toString('utf8'),
        where
      )
    },
    blob: (digest, size) => ({
      ...tar.blob(name(digest)),
      digest,
      ...(size !== undefined ? { size } : {})
    })
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
