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
