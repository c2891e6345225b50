// Shared loading of the real signed fixtures (origins in fixtures/signatures/README.md).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseTrustedRoots, type LoadedRoot } from '../../src/signatures/trust.js'

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'signatures')

export function fixture(path: string): Buffer {
  return readFileSync(join(FIXTURES, path))
}

export function fixtureJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(fixture(path).toString('utf8')) as T
}

/** `gh attestation trusted-root` output: line 1 the public-good root, line 2 GitHub's. */
export async function githubRoots(): Promise<{
  publicGood: LoadedRoot
  github: LoadedRoot
  both: LoadedRoot[]
}> {
  const both = await parseTrustedRoots(
    fixture('github/trusted_root.jsonl').toString('utf8'),
    'trusted_root.jsonl'
  )
  return { publicGood: both[0], github: both[1], both }
}

export async function cosignRoot(): Promise<LoadedRoot[]> {
  return parseTrustedRoots(
    fixture('cosign/trusted_root_pgi.json').toString('utf8'),
    'trusted_root_pgi.json'
  )
}

/** The image digest cosign's oci-attestation bundle is about. */
export const COSIGN_SUBJECT =
  'sha256:732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4'
/** The image salrashid123/server_image the legacy .sig signs. */
export const LEGACY_SUBJECT =
  'sha256:bbfdc97be6fbabb8be57c346c47816c8a95904b14448270cd0585a822c33961a'
/** Subjects of the actions/attest-build-provenance prober attestations. */
export const GH_PUBLIC_SUBJECT =
  'sha256:bb030cb9e028ff6d4051f2103b3b08f7e3928aa80a7d3626cef6e2553dc714b8'
export const GH_PRIVATE_SUBJECT =
  'sha256:b03d18ed0a16864ef2d2e559c660159a2170b9d086a1f42f570b1679326b90e6'

export function legacyEvidence(
  annotations?: (a: Record<string, string>) => Record<string, string>
) {
  const manifest = fixtureJson<{ layers: { annotations: Record<string, string> }[] }>(
    'legacy/sig-manifest.json'
  )
  const base = manifest.layers[0].annotations
  return {
    format: 'cosign-legacy' as const,
    payload: fixture('legacy/simplesigning-payload.json'),
    annotations: annotations ? annotations({ ...base }) : base,
    source: 'sha256-bbfdc97b….sig layer 1'
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bundles are edited field by field in tests
type Json = any

export function bundleEvidence(path: string, edit?: (b: Json) => void) {
  const json = fixtureJson<Json>(path)
  edit?.(json)
  return { format: 'bundle' as const, bytes: Buffer.from(JSON.stringify(json)), source: path }
}
