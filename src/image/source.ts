import { open, stat } from 'node:fs/promises'
import { InputError } from '../model/errors.js'
import { decompressedCopy, imageTempRoot } from './decompress.js'
import { resolveDockerArchive } from './docker-archive.js'
import { resolveLayout } from './layout.js'
import { resolveOciArchive } from './oci-archive.js'
import { runnerPlatform } from './platform.js'
import { TarFile } from './tar-file.js'
import { canStartTar } from './tar.js'
import { DEFAULT_LIMITS } from './limits.js'
import type { ReadImageOptions, ResolvedImage } from './types.js'

// Where an image on this machine comes from: a docker-archive tar (classic `docker save`, or
// Docker 25+'s OCI-in-docker-save with blobs/sha256/), an OCI archive tar, either of them
// compressed, or an OCI image layout directory.

/** Open an archive or layout at `source` (a path, optionally `path:tag` for a layout dir). */
export async function resolveLocalImage(
  source: string,
  options: ReadImageOptions
): Promise<ResolvedImage> {
  const { platform } = options
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
  if (info.isDirectory()) return resolveLayout(path, source, wanted, explicit, tag)
  const copy = await decompressedCopy(path, info.size, {
    tempDir: imageTempRoot(options.tempDir),
    maxBytes: options.limits?.maxTotalBytes ?? DEFAULT_LIMITS.maxTotalBytes
  })
  try {
    await refuseNonArchive(copy?.path ?? path, source, copy !== undefined)
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

const ARCHIVE_KINDS =
  'a docker-archive or OCI archive tar (plain, gzip or zstd) or an OCI layout directory'

/**
 * A file that cannot start a tar (a Dockerfile, a JSON file, an empty file) is named for what it
 * is, not reported as a corrupt archive ("tar file is truncated").
 */
async function refuseNonArchive(
  path: string,
  source: string,
  decompressed: boolean
): Promise<void> {
  const handle = await open(path, 'r')
  const block = Buffer.alloc(512)
  let bytesRead: number
  try {
    ;({ bytesRead } = await handle.read(block, 0, block.length, 0))
  } finally {
    await handle.close()
  }
  if (canStartTar(block.subarray(0, bytesRead))) return
  const head = block.subarray(0, bytesRead)
  const what =
    bytesRead === 0
      ? 'an empty file'
      : isText(head)
        ? 'a text file'
        : 'neither a tar nor a gzip or zstd stream'
  throw new InputError(
    `image ${source} is not an image archive: ${decompressed ? `its decompressed content is ${what}` : `it is ${what}`}; expected ${ARCHIVE_KINDS}`
  )
}

/** Printable UTF-8 (and tabs, newlines): what a Dockerfile or a config file is. */
function isText(bytes: Buffer): boolean {
  // A multi-byte character cut at the end of the sample is still text.
  const text = bytes.toString('utf8').replace(/\uFFFD{1,3}$/, '')
  return !/[\u0000-\u0008\u000E-\u001F\u007F\uFFFD]/.test(text)
}

async function resolveTar(tar: TarFile, wanted: string, explicit: boolean): Promise<ResolvedImage> {
  const path = tar.shownAs
  if (tar.has('manifest.json')) return resolveDockerArchive(tar, path, wanted, explicit)
  if (tar.has('index.json')) return resolveOciArchive(tar, wanted, explicit)
  throw new InputError(
    `${path}: unknown image format (neither manifest.json nor index.json in the tar)`
  )
}
