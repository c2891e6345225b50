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
