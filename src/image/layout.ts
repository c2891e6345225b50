import { statSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { InputError } from '../model/errors.js'
import { checkDigest, fileRange, MAX_METADATA_BYTES, parseJson, sha256Hex } from './blob.js'
import { resolveOciIndex } from './oci.js'
import type { BlobStore, Descriptor, ResolvedImage } from './types.js'

// An OCI image layout directory: index.json, blobs/sha256/<hex>.

function dirStore(dir: string): BlobStore {
  const name = (digest: string): string => join(dir, 'blobs', 'sha256', sha256Hex(digest, dir))
  return {
    where: dir,
    async json(digest) {
      const path = name(digest)
      let data: Buffer
      const info = await stat(path).catch(() => undefined)
      if (!info) throw new InputError(`${dir}: blob ${digest} is missing`)
      if (info.size > MAX_METADATA_BYTES) {
        throw new InputError(`${path}: ${info.size} bytes, too large for image metadata`)
      }
      try {
        data = await readFile(path)
      } catch {
        throw new InputError(`${dir}: blob ${digest} is missing`)
      }
      return parseJson(checkDigest(data, digest, path).toString('utf8'), path)
    },
    blob(digest, size) {
      const path = name(digest)
      const onDisk = statSync(path, { throwIfNoEntry: false })
      return {
        where: path,
        size: size ?? onDisk?.size,
        digest,
        async *open() {
          const info = await stat(path).catch(() => undefined)
          if (!info) throw new InputError(`${dir}: layer blob ${digest} is missing`)
          yield* fileRange(path, 0, info.size)
        }
      }
    }
  }
}

/** The layout at `dir` (optionally one `tag` of it), narrowed to `platform`. */
export async function resolveLayout(
  dir: string,
  source: string,
  platform: string,
  explicit: boolean,
  tag: string | undefined
): Promise<ResolvedImage> {
  const indexPath = join(dir, 'index.json')
  const text = await readFile(indexPath, 'utf8').catch(() => undefined)
  if (text === undefined) throw new InputError(`${dir}: not an OCI image layout (no index.json)`)
  const index = parseJson(text, indexPath) as { manifests?: Descriptor[] }
  return resolveOciIndex(dirStore(dir), index, source, platform, explicit, tag)
}
