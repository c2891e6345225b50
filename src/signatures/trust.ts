// Trusted roots: the Fulcio CAs, Rekor logs, CT logs and timestamp authorities
// a signature may chain to. From a `trusted_root.json` file (or the JSON Lines
// that `gh attestation trusted-root` prints, one root a line: the Sigstore
// public-good root and GitHub's, whose private-repository attestations carry
// signed timestamps and no transparency log), or the public-good root through
// Sigstore's TUF repository. Loaded only when verification is on.

import { readFile, stat } from 'node:fs/promises'
import type { TrustedRoot } from '@sigstore/protobuf-specs'
import { errorMessage, InputError } from '../model/errors.js'

export type TrustRootSource = { kind: 'public-good' } | { kind: 'file'; path: string }

export interface LoadedRoot {
  /** `public-good (TUF)`, `trusted_root.jsonl line 2`: says which root a signer chained to. */
  label: string
  root: TrustedRoot
}

/** A trusted root file is a few tens of KiB; anything far larger is not one. */
export const MAX_TRUSTED_ROOT_BYTES = 4 * 1024 * 1024
const TRUSTED_ROOT_MEDIA_TYPE = /^application\/vnd\.dev\.sigstore\.trustedroot(\.v0\.\d+)?\+json/

/** Parses a trusted root file: one JSON document, or JSON Lines of several. */
export async function parseTrustedRoots(text: string, label: string): Promise<LoadedRoot[]> {
  const { TrustedRoot } = await import('@sigstore/protobuf-specs')
  const docs: { json: unknown; label: string }[] = []
  try {
    docs.push({ json: JSON.parse(text), label })
  } catch {
    const lines = text.split(/\r?\n/)
    lines.forEach((line, i) => {
      if (line.trim() === '') return
      try {
        docs.push({ json: JSON.parse(line), label: `${label} line ${i + 1}` })
      } catch {
        throw new InputError(
          `${label}: line ${i + 1} is not JSON (expected a trusted_root.json or JSON Lines of them)`
        )
      }
    })
  }
  if (docs.length === 0) throw new InputError(`${label}: no trusted root in the file`)
  return docs.map(({ json, label: where }) => {
    const mediaType = (json as { mediaType?: unknown } | null)?.mediaType
    if (typeof mediaType !== 'string' || !TRUSTED_ROOT_MEDIA_TYPE.test(mediaType)) {
      throw new InputError(
        `${where}: not a Sigstore trusted root (mediaType ${JSON.stringify(mediaType ?? null).slice(0, 80)})`
      )
    }
    let root: TrustedRoot
    try {
      root = TrustedRoot.fromJSON(json)
    } catch (error) {
      throw new InputError(`${where}: not a valid trusted root (${errorMessage(error)})`)
    }
    // An authority without a start of validity would be trusted back to 1970 by the
    // verifier; sigstore-conformance (trust-root-tlog-missing-validity-start_fail) says
    // such an entry must not be trusted at all.
    root.tlogs = root.tlogs.filter(t => t.publicKey?.validFor?.start !== undefined)
    root.ctlogs = root.ctlogs.filter(t => t.publicKey?.validFor?.start !== undefined)
    root.certificateAuthorities = root.certificateAuthorities.filter(
      c => c.validFor?.start !== undefined
    )
    root.timestampAuthorities = root.timestampAuthorities.filter(
      c => c.validFor?.start !== undefined
    )
    if (root.certificateAuthorities.length === 0)
      throw new InputError(`${where}: the trusted root lists no certificate authority`)
    if (root.tlogs.length === 0 && root.timestampAuthorities.length === 0)
      throw new InputError(
        `${where}: the trusted root lists no transparency log and no timestamp authority, so no signing time could be trusted`
      )
    return { label: where, root }
  })
}

export interface TrustOptions {
  /** Where the TUF client keeps the public-good metadata between runs (actions/cache-able). */
  cacheDir?: string
  /** enforce: an unreachable TUF repository fails the run instead of falling back. */
  mode: 'warn' | 'enforce'
  /** Relative paths are resolved against it. */
  cwd: string
  tufMirror?: string
}

export async function loadTrustedRoots(
  sources: readonly TrustRootSource[],
  options: TrustOptions
): Promise<{ roots: LoadedRoot[]; warnings: string[] }> {
  const roots: LoadedRoot[] = []
  const warnings: string[] = []
  for (const source of sources) {
    if (source.kind === 'file') {
      roots.push(...(await readRootFile(source.path, options.cwd)))
      continue
    }
    try {
      const { getTrustedRoot } = await import('@sigstore/tuf')
      const root = await getTrustedRoot({
        cachePath: options.cacheDir,
        mirrorURL: options.tufMirror,
        timeout: 10_000,
        retry: { retries: 1 }
      })
      roots.push({ label: 'Sigstore public-good root (TUF)', root })
    } catch (error) {
      const why = errorMessage(error)
      if (options.mode === 'enforce') {
        throw new InputError(
          `signatures: the Sigstore public-good trusted root could not be updated through TUF (${why}); ` +
            'give checks.signatures.trusted-root a trusted_root.json file, or cache the TUF directory'
        )
      }
      roots.push(await embeddedPublicGoodRoot())
      warnings.push(
        `signatures: the Sigstore public-good trusted root could not be updated through TUF (${why}); ` +
          'verified against the copy shipped with @sigstore/tuf instead (enforce mode refuses this)'
      )
    }
  }
  return { roots, warnings }
}

async function readRootFile(path: string, cwd: string): Promise<LoadedRoot[]> {
  const { resolve } = await import('node:path')
  const full = resolve(cwd, path)
  const info = await stat(full).catch(() => undefined)
  if (!info?.isFile())
    throw new InputError(`checks.signatures.trusted-root: no such file "${path}"`)
  if (info.size > MAX_TRUSTED_ROOT_BYTES)
    throw new InputError(
      `checks.signatures.trusted-root: "${path}" is larger than ${MAX_TRUSTED_ROOT_BYTES} bytes`
    )
  return parseTrustedRoots(await readFile(full, 'utf8'), path)
}

/** The public-good trusted_root.json that @sigstore/tuf seeds its cache with. */
async function embeddedPublicGoodRoot(): Promise<LoadedRoot> {
  const seeds = (await import('@sigstore/tuf/seeds.json', { with: { type: 'json' } }))
    .default as Record<string, { targets?: Record<string, string> }>
  const encoded = seeds['https://tuf-repo-cdn.sigstore.dev']?.targets?.['trusted_root.json']
  if (!encoded) throw new InputError('signatures: @sigstore/tuf ships no public-good trusted root')
  const [root] = await parseTrustedRoots(
    Buffer.from(encoded, 'base64').toString('utf8'),
    'Sigstore public-good root (shipped with @sigstore/tuf)'
  )
  return root
}
