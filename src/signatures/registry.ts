// The registry calls signature discovery makes, over src/image/registry.ts's
// client (its auth: anonymous, Bearer token challenge, basic, docker config,
// the workflow token for ghcr.io). Every body is read with a byte limit and
// every by-digest fetch is checked against its digest.

import { createHash } from 'node:crypto'
import { InputError } from '../model/errors.js'
import { credentialsFor, RegistryClient } from '../image/registry.js'

export interface FetchedManifest {
  bytes: Buffer
  /** sha256 of the bytes as served. */
  digest: string
  mediaType?: string
}

/** What discovery needs from one repository of one registry. */
export interface RegistrySession {
  /** A manifest by tag or digest; undefined when the registry says 404. */
  manifest(
    reference: string,
    accept: string,
    maxBytes: number
  ): Promise<FetchedManifest | undefined>
  /** The OCI 1.1 referrers index; undefined when the registry has no referrers API. */
  referrers(digest: string, maxBytes: number): Promise<Buffer | undefined>
  blob(digest: string, maxBytes: number): Promise<Buffer>
}

export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json'
].join(', ')

/** The credentials an image pull would use (a subset of image/index.ts's ReadImageOptions). */
export interface RegistryAuthOptions {
  registryAuth?: { username?: string; password?: string; token?: string }
  /** For ghcr.io only. */
  githubToken?: string
  /** Default ~/.docker/config.json. */
  dockerConfigPath?: string
}

/** A session for `registry/repository`, authenticated as an image pull would be. */
export async function openRegistrySession(
  registry: string,
  repository: string,
  auth: RegistryAuthOptions
): Promise<RegistrySession> {
  const where = `${registry}/${repository}`
  const client = new RegistryClient(
    { registry, repository, text: where },
    await credentialsFor(registry, auth)
  )
  return {
    async manifest(reference, accept, maxBytes) {
      const response = await client.request(`/manifests/${reference}`, accept)
      if (response.status === 404) {
        await response.body?.cancel().catch(() => undefined)
        return undefined
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined)
        throw new InputError(`registry ${where}: HTTP ${response.status} for manifest ${reference}`)
      }
      const bytes = await readBounded(response, maxBytes, `${where} manifest ${reference}`)
      const digest = sha256(bytes)
      if (reference.startsWith('sha256:') && digest !== reference)
        throw new InputError(`registry ${where}: manifest ${reference} does not match its digest`)
      return { bytes, digest, mediaType: response.headers.get('content-type') ?? undefined }
    },
    async referrers(digest, maxBytes) {
      const response = await client.request(
        `/referrers/${digest}`,
        'application/vnd.oci.image.index.v1+json'
      )
      // 404 (and some registries' 400/405) mean no referrers API: fall back to the tag schema.
      if (response.status === 404 || response.status === 400 || response.status === 405) {
        await response.body?.cancel().catch(() => undefined)
        return undefined
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined)
        throw new InputError(
          `registry ${where}: HTTP ${response.status} for referrers of ${digest}`
        )
      }
      return readBounded(response, maxBytes, `${where} referrers of ${digest}`)
    },
    async blob(digest, maxBytes) {
      const response = await client.request(`/blobs/${digest}`)
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined)
        throw new InputError(`registry ${where}: HTTP ${response.status} for blob ${digest}`)
      }
      const bytes = await readBounded(response, maxBytes, `${where} blob ${digest}`)
      if (sha256(bytes) !== digest)
        throw new InputError(`registry ${where}: blob ${digest} does not match its digest`)
      return bytes
    }
  }
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`
}

/** A body, refused past maxBytes whatever Content-Length says. */
async function readBounded(response: Response, maxBytes: number, what: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? NaN)
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined)
    throw new InputError(`registry: ${what} is larger than ${maxBytes} bytes`)
  }
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength
    if (total > maxBytes) {
      await response.body?.cancel().catch(() => undefined)
      throw new InputError(`registry: ${what} is larger than ${maxBytes} bytes`)
    }
    chunks.push(Buffer.from(chunk))
  }
  return Buffer.concat(chunks)
}
