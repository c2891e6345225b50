// What a run scans and how, as the edge (action inputs or CLI flags) parsed it:
// the part of the typed config that the engine and the checks read.
import type { FingerprintKey } from './fingerprint.js'

/** Where vulnerability records come from. */
export type VulnDbSource = { kind: 'osv-api'; url: string } | { kind: 'path'; path: string }

/** How the signatures check treats the images a build uses: off (no request), warn (medium), enforce (high). */
export type VerifyMode = 'off' | 'warn' | 'enforce'

/** A range of commits, `base..head`, as git reads it. */
export interface CommitRange {
  base: string
  head: string
}

export interface ScanOptions {
  /** Where relative paths are resolved (GITHUB_WORKSPACE for the action, cwd for the CLI). */
  cwd: string
  /** Paths or globs; empty means the Dockerfile check is off. */
  dockerfiles: string[]
  image?: string
  platform?: string
  /** Empty means the secrets check is off. */
  secretsPaths: string[]
  vulnDb: VulnDbSource
  ignoreUnfixed: boolean
  /** Basic auth for pulling `image` from a registry (else ~/.docker/config.json, anonymous). */
  registryAuth?: { username: string; password: string }
  /** Where OSV API records are kept between runs (restore and save it with actions/cache). */
  osvCacheDir?: string
  /** Also scan the lines each commit of this range added (a secret deleted later is still in history). */
  secretsHistory?: CommitRange & {
    /** Chosen automatically (a pull request's commits): missing commits are a log line, not a warning. */
    automatic?: boolean
  }
  /** Verify the Sigstore signatures and provenance of the images the build uses (default off here; the edges default to warn). */
  verifySignatures?: VerifyMode
  /** `owner/name` of the repository (github.repository), for the github-repository trust preset. */
  repository?: string
  /** The workflow token: sent to ghcr.io only (image pulls, signature lookups). */
  githubToken?: string
  /** Kept between runs: the public-good trusted root's TUF metadata. */
  signaturesCacheDir?: string
  /**
   * The vulnerabilities check's exploitation and VEX inputs (kev-file, epss-file, fail-on-kev,
   * fail-on-epss, vex); each overrides its `checks.vulnerabilities` key. Paths resolved.
   */
  vulnerabilityInputs?: {
    kevFile?: string
    epssFile?: string
    failOnKev?: boolean
    failOnEpss?: number
    vex?: string[]
  }
  /**
   * A linter config file read from somewhere other than the working tree (the
   * base commit under `policy-from: base`): `.hadolint.yaml`'s text, or null when
   * that commit has none. Undefined: read `.hadolint.yaml` from `cwd`.
   */
  hadolintConfig?: { file: string; text: string } | null
  /**
   * Keys the secret part of fingerprints (resolved once at the edge:
   * config/fingerprint-key.ts). Undefined: the unkeyed constant.
   */
  fingerprintKey?: FingerprintKey
}

/** A Dockerfile as read once for the whole run (every check that needs it shares it). */
export interface DockerfileSource {
  /** As the user gave it (relative to cwd). */
  path: string
  text: string
}
