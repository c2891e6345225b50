// Who may sign which image: policies from the config, then the built-in
// presets, matched in that order by a glob over the image's name. Pure data
// and matching; the regexes are compiled with re2js (linear time: a SAN or a
// builder id comes from a certificate anyone can mint) when a run needs them.

import picomatch from 'picomatch'
import { InputError } from '../model/errors.js'

export type Requirement = 'signature' | 'provenance'
export const REQUIREMENTS: readonly Requirement[] = ['signature', 'provenance']

/** GitHub Actions' OIDC issuer, as Fulcio writes it into certificates. */
export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com'

export interface SignaturePolicy {
  /** Where the policy came from, for messages: `checks.signatures.policies[0]`, `preset chainguard`. */
  name: string
  /** Globs over the image name (`registry/repository`, Docker Hub as `docker.io/library/node`). */
  images: string[]
  /** The certificate's OIDC issuer, compared exactly; absent: any issuer. */
  issuer?: string
  /** RE2 regex searched in the certificate's subject (SAN), as cosign's --certificate-identity-regexp. */
  identity?: string
  require: Requirement[]
  /** RE2 regexes, one of which must match the provenance's builder id; empty: any builder. */
  builders: string[]
  /** `file:line: key` of the regexes, for an error in them. */
  where?: { identity?: string; builders?: string[] }
}

export type PresetName = 'chainguard' | 'github-repository'
export const PRESET_NAMES: readonly PresetName[] = ['chainguard', 'github-repository']

/**
 * Built-in policies, only where the publisher documents the signing identity.
 *
 * - chainguard: Chainguard's free images are keyless-signed by their release workflow
 *   (edu.chainguard.dev, "Verifying Chainguard Containers and metadata signatures with
 *   Cosign": `cosign verify --certificate-oidc-issuer=https://token.actions.githubusercontent.com
 *   --certificate-identity=https://github.com/chainguard-images/images/.github/workflows/release.yaml@refs/heads/main`).
 * - github-repository: images this repository pushes to ghcr.io, attested by its own workflows
 *   with actions/attest-build-provenance (GitHub docs, "Using artifact attestations": the
 *   certificate subject is the workflow file of the repository, issuer GitHub Actions).
 *
 * Docker Official Images have no preset: Docker retired Content Trust for them (2025) and
 * documents no Sigstore identity; their BuildKit attestations are unsigned.
 */
export function presetPolicies(
  names: readonly PresetName[],
  repository: string | undefined
): SignaturePolicy[] {
  const out: SignaturePolicy[] = []
  for (const name of names) {
    if (name === 'chainguard') {
      out.push({
        name: 'preset chainguard',
        images: ['cgr.dev/chainguard/**'],
        issuer: GITHUB_ACTIONS_ISSUER,
        identity:
          '^https://github\\.com/chainguard-images/images/\\.github/workflows/release\\.yaml@refs/heads/main$',
        require: ['signature'],
        builders: []
      })
    } else if (
      name === 'github-repository' &&
      repository &&
      /^[\w.-]+\/[\w.-]+$/.test(repository)
    ) {
      const lower = repository.toLowerCase()
      out.push({
        name: `preset github-repository (${repository})`,
        images: [`ghcr.io/${lower}`, `ghcr.io/${lower}/**`],
        issuer: GITHUB_ACTIONS_ISSUER,
        identity: `(?i)^https://github\\.com/${quoteRegex(repository)}/\\.github/workflows/`,
        require: ['provenance'],
        builders: []
      })
    }
  }
  return out
}

function quoteRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')
}

const DOCKER_HUB_NAMES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io'])

/** `registry/repository` as policies match it: Docker Hub as docker.io, official images under library/. */
export function imageName(registry: string, repository: string): string {
  const host = DOCKER_HUB_NAMES.has(registry) ? 'docker.io' : registry
  const repo =
    host === 'docker.io' && !repository.includes('/') ? `library/${repository}` : repository
  return `${host}/${repo}`
}

/** A pattern as a user writes it (`node`, `bitnami/*`, `cgr.dev/chainguard/*`), in imageName's form. */
export function normalisePattern(pattern: string): string {
  // `**`, `*/app`: a glob in the first segment may match any registry; leave it be.
  if (/^[^/]*[*?[{]/.test(pattern)) return pattern
  const slash = pattern.indexOf('/')
  const first = slash === -1 ? '' : pattern.slice(0, slash)
  const hasRegistry =
    first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost')
  if (!hasRegistry) return imageName('docker.io', pattern)
  return imageName(first, pattern.slice(slash + 1))
}

export interface CompiledPolicy {
  policy: SignaturePolicy
  matchesImage(name: string): boolean
  /** True when the signer may sign for this policy. */
  allowsSigner(issuer: string | undefined, subject: string | undefined): boolean
  /** True when the builder id is allowed (always, without `builders`). */
  allowsBuilder(builderId: string | undefined): boolean
}

interface Regex {
  test(input: string): boolean
}

/** Compiles the regexes once per run; a bad one is an input error at its config line. */
export async function compilePolicies(
  policies: readonly SignaturePolicy[]
): Promise<CompiledPolicy[]> {
  const needsRe2 = policies.some(p => p.identity !== undefined || p.builders.length > 0)
  const re2 = needsRe2 ? (await import('re2js')).RE2JS : undefined
  const compile = (source: string, where: string | undefined): Regex => {
    try {
      return re2!.compile(source)
    } catch (error) {
      throw new InputError(
        `${where ?? 'checks.signatures'}: not a valid RE2 regular expression "${source}" (${(error as Error).message})`
      )
    }
  }
  return policies.map(policy => {
    const globs = picomatch(policy.images.map(normalisePattern), { dot: true })
    const identity =
      policy.identity !== undefined ? compile(policy.identity, policy.where?.identity) : undefined
    const builders = policy.builders.map((b, i) => compile(b, policy.where?.builders?.[i]))
    return {
      policy,
      matchesImage: name => globs(name),
      allowsSigner: (issuer, subject) =>
        (policy.issuer === undefined || issuer === policy.issuer) &&
        (identity === undefined || (subject !== undefined && identity.test(subject))),
      allowsBuilder: builderId =>
        builders.length === 0 || (builderId !== undefined && builders.some(b => b.test(builderId)))
    }
  })
}

/** The policy for an image: the first that matches, or the catch-all (any signer). */
export function policyFor(
  compiled: readonly CompiledPolicy[],
  name: string,
  unlisted: 'any-signer' | 'ignore'
): CompiledPolicy | undefined {
  const found = compiled.find(c => c.matchesImage(name))
  if (found || unlisted === 'ignore') return found
  return ANY_SIGNER
}

const ANY_SIGNER: CompiledPolicy = {
  policy: {
    name: 'no policy for this image (any valid signature)',
    images: ['**'],
    require: ['signature'],
    builders: []
  },
  matchesImage: () => true,
  allowsSigner: () => true,
  allowsBuilder: () => true
}
