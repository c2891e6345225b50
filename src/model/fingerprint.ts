import { createHash, createHmac } from 'node:crypto'
import { inspect } from 'node:util'

/**
 * A stable fingerprint from the parts that identify a finding independent of
 * where it sits in the file (rule, path, the normalised content or the keyed
 * digest of a secret, the package…). Never pass a line number: fingerprints
 * must survive line moves so that baselines and ignores keep working. Never
 * pass a secret either: `FingerprintKey.digest(secret)` is the part for it.
 */
export function makeFingerprint(...parts: readonly string[]): string {
  const hash = createHash('sha256')
  for (const part of parts) {
    hash.update(part)
    hash.update('\u0000')
  }
  return hash.digest('hex').slice(0, 32)
}

/**
 * Where the run's fingerprint key came from: `input` (fingerprint-key,
 * --fingerprint-key or CONTAINER_GATE_FINGERPRINT_KEY), `root-commits` (the
 * repository's parentless commits), `repository-id` (GITHUB_REPOSITORY_ID), or
 * `none` (nothing: an unkeyed constant, so secret fingerprints can be guessed).
 */
export type FingerprintKeySource = 'input' | 'root-commits' | 'repository-id' | 'none'

/** Labels keep each kind of key material and each use of the key apart (domain separation). */
const KEY_LABEL = 'container-gate/fingerprint-key/v1/'
const ID_LABEL = 'container-gate/fingerprint-key-id/v1'
const SECRET_LABEL = 'container-gate/secret/v1\u0000'

/**
 * The key of a run's secret fingerprints. A published fingerprint sits beside
 * the secret's first characters and its length; with a plain hash anyone could
 * hash guesses (`Winter2024!`) until one matches. Keyed with HMAC-SHA-256, a
 * guess can only be checked by whoever holds the key, which no output contains.
 * The key bytes are private: JSON and inspect show the source and the id only.
 */
export class FingerprintKey {
  readonly #bytes: Buffer
  /** A public check value of the key (not of any secret): tells whether two runs used the same key. */
  readonly id: string
  /** True once a secret was keyed with it (the unkeyed warning only matters then). */
  #used = false

  private constructor(
    material: string,
    readonly source: FingerprintKeySource
  ) {
    this.#bytes = createHmac('sha256', KEY_LABEL + source)
      .update(material)
      .digest()
    this.id = createHmac('sha256', this.#bytes).update(ID_LABEL).digest('hex').slice(0, 16)
  }

  /** Key material (a configured key, the root commits, a repository id) → a key. */
  static from(material: string, source: Exclude<FingerprintKeySource, 'none'>): FingerprintKey {
    return new FingerprintKey(material, source)
  }

  /** The constant used when no key is given or derivable: stable, but offers no protection. */
  static unkeyed(): FingerprintKey {
    return new FingerprintKey('', 'none')
  }

  /** The part of a fingerprint that stands for a secret: HMAC-SHA-256 under the key, hex. */
  digest(secret: string): string {
    this.#used = true
    return createHmac('sha256', this.#bytes).update(SECRET_LABEL).update(secret).digest('hex')
  }

  get used(): boolean {
    return this.#used
  }

  toJSON(): { source: FingerprintKeySource; id: string } {
    return { source: this.source, id: this.id }
  }

  [inspect.custom](): string {
    return `FingerprintKey(${this.source}, id ${this.id})`
  }
}

/** For library callers and tests that give no key (the edges always resolve one). */
export const UNKEYED = FingerprintKey.unkeyed()

/**
 * A short keyed hash of the secret's value alone (no rule, no path): the same
 * secret in a repository file and in the image's copy of it share it, so a
 * report can tell that one is a copy of the other. Keyed like the fingerprint,
 * so a published value cannot confirm a guess offline.
 */
export function secretHash(key: FingerprintKey, secret: string): string {
  return key.digest(secret).slice(0, 16)
}
