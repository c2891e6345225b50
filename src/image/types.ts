// The image reader's shared shapes: what readImage takes and returns, and what the sources
// (docker-archive, OCI archive, OCI layout, registry) hand the layer scan. Kept apart from the
// modules that produce them so that none of them imports another back. What the checks get
// (ImageScan, the file hook) is the model's (src/model/image.ts).

import type { ImageFileHook, ImageScan } from '../model/image.js'

export type { ImageFileHook, ImageScan }

export interface ReadImageOptions {
  /** e.g. linux/amd64 (default: the runner's). */
  platform?: string
  /** The secrets scan rides the same single pass over each layer. */
  fileHook?: ImageFileHook
  registryAuth?: { username?: string; password?: string; token?: string }
  /** For ghcr.io. */
  githubToken?: string
  /** Default ~/.docker/config.json. */
  dockerConfigPath?: string
  /**
   * Registries (host, or host:port) reached over plain HTTP, whose token service may be plain
   * HTTP too. Default: this machine's (localhost, 127.0.0.1, [::1]), as Docker does; a list
   * given here replaces it.
   */
  insecureRegistries?: string[]
  limits?: { maxLayerBytes?: number; maxEntries?: number; maxTotalBytes?: number }
  /**
   * Where a compressed archive is decompressed and `docker save` writes (default RUNNER_TEMP,
   * else the OS's temporary directory).
   */
  tempDir?: string
}

/** A layer (or other) blob: where it lives, for messages, and its bytes as they are read. */
export interface Blob {
  where: string
  /** The size its descriptor (or the archive) gives; reading checks it. */
  size?: number
  /** The SHA-256 of its bytes as they are stored (compressed), checked as it is read. */
  digest?: string
  open(): AsyncIterable<Buffer>
}

export interface ImageConfigJson {
  architecture?: string
  os?: string
  variant?: string
  config?: { User?: string; Env?: string[] }
  rootfs?: { diff_ids?: string[] }
  history?: { created_by?: string; empty_layer?: boolean; comment?: string }[]
}

/** An image narrowed to one platform: its config and its layer blobs, not yet read. */
export interface ResolvedImage {
  reference: string
  digest?: string
  platform: string
  config: ImageConfigJson
  layers: {
    digest: string
    blob: Blob
    /** SHA-256 of the decompressed tar (a classic docker save names layers by nothing else). */
    contentDigest?: string
  }[]
  /** Release what reading needed (a temporary `docker save` file). */
  dispose?: () => Promise<void>
}

export interface Descriptor {
  mediaType?: string
  digest: string
  size?: number
  platform?: { os?: string; architecture?: string; variant?: string }
  annotations?: Record<string, string>
}

export interface ManifestDocument {
  mediaType?: string
  manifests?: Descriptor[]
  config?: Descriptor
  layers?: Descriptor[]
}

/** Content-addressed blobs of one image source (an OCI layout, an OCI archive, a registry). */
export interface BlobStore {
  where: string
  /** Read a small JSON blob by digest (checked against it). */
  json(digest: string): Promise<unknown>
  /** Read a manifest or index by digest (a registry serves these apart from blobs). */
  manifest?(digest: string): Promise<unknown>
  /** A blob by digest, checked against it and against `size` as it is read. */
  blob(digest: string, size?: number): Blob
}
