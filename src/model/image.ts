// What reading an image gives the checks: its packages, OS, layers, config and
// history, and a hook into the one streamed pass over its layers.
import type { OsInfo, Package } from './package.js'

/** Where a file of the image was seen: which layer, what made it, the in-image path. */
export interface ImageFileVisit {
  layerIndex: number
  layerDigest: string
  createdBy?: string
  path: string
}

export interface ImageFileHook {
  /** Asked for every regular file of every layer, in layer order. */
  wants(path: string, size: number): boolean
  file(visit: ImageFileVisit, content: Buffer): void
}

export interface ImageScan {
  reference: string
  digest?: string
  platform: string
  os?: OsInfo
  /** Deterministic order: by type, name, version, purl. */
  packages: Package[]
  layers: { index: number; digest: string; createdBy?: string; emptyLayer: boolean }[]
  history: { createdBy: string; emptyLayer: boolean; layerIndex?: number }[]
  config: { user?: string; env: string[] }
  /** One line each (a corrupt database named by its path, …). */
  warnings: string[]
  existsInFinal(path: string): boolean
  isOsOwned?(path: string): boolean
}
