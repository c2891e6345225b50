// Finding the signatures and attestations of an image digest in its registry:
// Sigstore bundles stored as OCI 1.1 referrers (cosign v3, GitHub artifact
// attestations pushed with push-to-registry), listed by the referrers API or,
// where the registry has none, by the referrers tag schema (`sha256-<hex>`);
// and cosign's legacy `sha256-<hex>.sig` signatures. Nothing found is trusted
// here: every referrer must name the digest as its subject, and verify.ts
// checks every signature. Every response is bounded in size and count.

import { errorMessage } from '../model/errors.js'
import type { Evidence } from './verify.js'
import { MAX_BUNDLE_BYTES } from './verify.js'
import { MANIFEST_ACCEPT, type RegistrySession } from './registry.js'

export const BUNDLE_MEDIA_TYPES = new Set([
  'application/vnd.dev.sigstore.bundle.v0.3+json',
  'application/vnd.dev.sigstore.bundle+json;version=0.2',
  'application/vnd.dev.sigstore.bundle+json;version=0.1'
])
const EMPTY_MEDIA_TYPE = 'application/vnd.oci.empty.v1+json'
const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json'
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'

export const DISCOVERY_LIMITS = {
  /** A referrers index or `.sig` manifest; real ones are a few KiB. */
  maxIndexBytes: 1024 * 1024,
  maxManifestBytes: 256 * 1024,
  /** Referrers fetched per image (each one manifest and one blob). */
  maxReferrers: 32,
  /** Layers of a `.sig` manifest read (one per signature). */
  maxLegacyLayers: 16,
  maxPayloadBytes: 64 * 1024
}

export interface Discovery {
  evidence: Evidence[]
  /** Where we looked, for the finding when nothing is found. */
  looked: string[]
  /** Things skipped on the way (a referrer for another subject, limits reached). */
  notes: string[]
}

interface Descriptor {
  mediaType?: unknown
  digest?: unknown
  size?: unknown
  artifactType?: unknown
  annotations?: unknown
  platform?: unknown
}

/** Everything that may sign `digest`, from the repository the image lives in. */
export async function discoverEvidence(
  session: RegistrySession,
  digest: string,
  limits = DISCOVERY_LIMITS
): Promise<Discovery> {
  const out: Discovery = { evidence: [], looked: [], notes: [] }
  // The listing first: its answer authenticates the session, so the requests after it
  // (in parallel) reuse the token instead of each fetching one.
  const api = await session.referrers(digest, limits.maxIndexBytes)
  const legacyNotes: string[] = []
  const [referrers, legacy] = await Promise.all([
    discoverReferrers(session, digest, api, limits, out),
    discoverLegacy(session, digest, limits, legacyNotes)
  ])
  out.looked.push(`the cosign signature tag ${digest.replace(':', '-')}.sig`)
  out.notes.push(...legacyNotes)
  out.evidence.push(...referrers, ...legacy)
  return out
}

async function discoverReferrers(
  session: RegistrySession,
  digest: string,
  api: Buffer | undefined,
  limits: typeof DISCOVERY_LIMITS,
  out: Discovery
): Promise<Evidence[]> {
  let index: unknown
  if (api) {
    out.looked.push('the referrers API')
    index = parseJson(api)
  } else {
    const tag = digest.replace(':', '-')
    out.looked.push(`the referrers tag ${tag}`)
    const fallback = await session.manifest(tag, OCI_INDEX, limits.maxIndexBytes)
    if (!fallback) return []
    index = parseJson(fallback.bytes)
  }
  const manifests = isObject(index) && Array.isArray(index.manifests) ? index.manifests : []
  // Registries differ in what the listing says: ghcr.io's tag index gives the config's media
  // type (empty) as artifactType, and a registry may answer the tag with the image's own
  // platform index. Keep what may be a bundle; the manifest itself decides.
  const candidates = (manifests as Descriptor[]).filter(
    d =>
      isObject(d) &&
      typeof d.digest === 'string' &&
      /^sha256:[0-9a-f]{64}$/.test(d.digest) &&
      d.platform === undefined &&
      (typeof d.artifactType !== 'string' ||
        BUNDLE_MEDIA_TYPES.has(d.artifactType) ||
        d.artifactType === EMPTY_MEDIA_TYPE)
  )
  if (candidates.length > limits.maxReferrers)
    out.notes.push(
      `${candidates.length} referrers listed; the first ${limits.maxReferrers} were read`
    )
  const found: Evidence[] = []
  for (const descriptor of candidates.slice(0, limits.maxReferrers)) {
    const ref = descriptor.digest as string
    const manifest = await session.manifest(ref, MANIFEST_ACCEPT, limits.maxManifestBytes)
    if (!manifest) continue
    const doc = parseJson(manifest.bytes)
    if (!isObject(doc)) continue
    const layers = Array.isArray(doc.layers) ? (doc.layers as Descriptor[]) : []
    const bundleLayer = layers.find(
      l => isObject(l) && typeof l.mediaType === 'string' && BUNDLE_MEDIA_TYPES.has(l.mediaType)
    )
    const isBundle =
      (typeof doc.artifactType === 'string' && BUNDLE_MEDIA_TYPES.has(doc.artifactType)) ||
      bundleLayer !== undefined
    if (!isBundle || !bundleLayer || typeof bundleLayer.digest !== 'string') continue
    const subject = isObject(doc.subject) ? doc.subject.digest : undefined
    if (subject !== digest) {
      // A listing cannot attach another image's signature to this one.
      out.notes.push(
        `referrer ${short(ref)} names subject ${typeof subject === 'string' ? short(subject) : '(none)'}, not this image: skipped`
      )
      continue
    }
    if (!/^sha256:[0-9a-f]{64}$/.test(bundleLayer.digest)) continue
    if (typeof bundleLayer.size === 'number' && bundleLayer.size > MAX_BUNDLE_BYTES) {
      out.notes.push(`referrer ${short(ref)}: bundle of ${bundleLayer.size} bytes skipped`)
      continue
    }
    try {
      const bytes = await session.blob(bundleLayer.digest, MAX_BUNDLE_BYTES)
      found.push({ format: 'bundle', bytes, source: `referrer ${short(ref)}` })
    } catch (error) {
      out.notes.push(`referrer ${short(ref)}: ${errorMessage(error)}`)
    }
  }
  return found
}

async function discoverLegacy(
  session: RegistrySession,
  digest: string,
  limits: typeof DISCOVERY_LIMITS,
  notes: string[]
): Promise<Evidence[]> {
  const tag = `${digest.replace(':', '-')}.sig`
  const manifest = await session.manifest(tag, MANIFEST_ACCEPT, limits.maxIndexBytes)
  if (!manifest) return []
  const doc = parseJson(manifest.bytes)
  const layers = (isObject(doc) && Array.isArray(doc.layers) ? doc.layers : []) as Descriptor[]
  const signing = layers.filter(
    l =>
      isObject(l) &&
      l.mediaType === SIMPLE_SIGNING_MEDIA_TYPE &&
      typeof l.digest === 'string' &&
      /^sha256:[0-9a-f]{64}$/.test(l.digest)
  )
  if (signing.length > limits.maxLegacyLayers)
    notes.push(
      `${tag}: ${signing.length} signatures; the first ${limits.maxLegacyLayers} were read`
    )
  const found: Evidence[] = []
  for (const [i, layer] of signing.slice(0, limits.maxLegacyLayers).entries()) {
    const annotations: Record<string, string> = {}
    if (isObject(layer.annotations))
      for (const [k, v] of Object.entries(layer.annotations))
        if (typeof v === 'string') annotations[k] = v
    try {
      const payload = await session.blob(layer.digest as string, limits.maxPayloadBytes)
      found.push({ format: 'cosign-legacy', payload, annotations, source: `${tag} layer ${i + 1}` })
    } catch (error) {
      notes.push(`${tag} layer ${i + 1}: ${errorMessage(error)}`)
    }
  }
  return found
}

export interface ResolvedDigest {
  digest: string
  /** True when the tag was resolved here (the Dockerfile did not pin it). */
  resolved: boolean
}

/** The digest a tag points to now, from the manifest bytes the registry serves for it. */
export async function resolveDigest(
  session: RegistrySession,
  tag: string
): Promise<string | undefined> {
  const manifest = await session.manifest(tag, MANIFEST_ACCEPT, DISCOVERY_LIMITS.maxIndexBytes)
  return manifest?.digest
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'))
  } catch {
    return undefined
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function short(digest: string): string {
  return digest.length > 19 ? `${digest.slice(0, 19)}…` : digest
}
