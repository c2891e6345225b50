// Every bound the image reader puts on untrusted input, in one place.

export interface LayerLimits {
  maxLayerBytes: number
  maxEntries: number
  maxTotalBytes: number
}

export const DEFAULT_LIMITS: LayerLimits = {
  maxLayerBytes: 8 * 1024 ** 3,
  maxEntries: 2_000_000,
  maxTotalBytes: 32 * 1024 ** 3
}

/**
 * A zstd frame names the window its decoder must hold (up to 2 GiB with --long=31). 2^27 =
 * 128 MiB is libzstd's own default and what `zstd --long` and `--ultra -22` write; BuildKit and
 * containers/storage write 8 MiB windows. A frame asking for more is refused before allocation.
 */
export const ZSTD_WINDOW_LOG_MAX = 27

/**
 * A layer, or a compressed outer archive, may decompress to at most RATIO times its compressed
 * size (at least the floor, at most the absolute cap): tar data compresses 2-10x, a file of
 * zeros about 1000x with gzip and without bound with zstd, so a small blob that inflates past
 * this is a decompression bomb, not an image.
 */
export const DECOMPRESSION_RATIO = 100
export const LAYER_FLOOR_BYTES = 1024 ** 3
export const IMAGE_FLOOR_BYTES = 2 * 1024 ** 3

/** The most `compressed` bytes may inflate to. Unknown size: the cap alone. */
export function decompressionBound(
  compressed: number | undefined,
  floor: number,
  cap: number
): number {
  if (compressed === undefined) return cap
  return Math.min(cap, Math.max(floor, DECOMPRESSION_RATIO * compressed))
}

/** 1536 → "1.5 KiB", for messages about bounds. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${bytes} bytes` : `${Number(value.toFixed(1))} ${units[unit]}`
}

/** Indexes inside indexes: real images nest one (a manifest list of manifests), rarely two. */
export const MAX_INDEX_DEPTH = 8
/** Layers of one image: Docker's overlay stops at 127; far above any real image. */
export const MAX_LAYERS = 1024
/** Images in one `docker save` archive's manifest.json. */
export const MAX_IMAGES_IN_ARCHIVE = 256
/** Members of an outer archive (docker-archive, OCI archive): its blobs and a few files. */
export const MAX_ARCHIVE_MEMBERS = 100_000

/**
 * Package databases read whole (or record by record) are refused past these sizes, with a
 * warning naming the file: the largest real ones (a desktop's dpkg status, a full RHEL rpmdb)
 * are a few tens of MiB. Catalogers not named here bound themselves (npm and pypi 4 MiB,
 * os-release 64 KiB, Java archives 256 MiB, Go binaries are streamed).
 */
export const DATABASE_MAX_BYTES: Record<string, number> = {
  dpkg: 64 * 1024 ** 2,
  apk: 64 * 1024 ** 2,
  rpm: 128 * 1024 ** 2
}
/** One dpkg paragraph, apk record or file-list line. */
export const MAX_RECORD_BYTES = 16 * 1024 ** 2
/** What the catalogers may hold for one image: far above real images (tens of thousands). */
export const MAX_IMAGE_PACKAGES = 100_000
export const MAX_IMAGE_OWNED_PATHS = 2_000_000
/** The file hook (secrets) gets files up to this size whole, whatever it asks for. */
export const MAX_HOOK_FILE_BYTES = 64 * 1024 ** 2
/** PATH_MAX: a longer entry name (or link target) is not from a real filesystem. */
export const MAX_PATH_LENGTH = 4096
/** All entry names (and link targets) of an image together: about 2 million typical paths. */
export const MAX_PATH_CHARS = 256 * 1024 ** 2
