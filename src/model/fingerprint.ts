import { createHash } from 'node:crypto'

/**
 * A stable fingerprint from the parts that identify a finding independent of
 * where it sits in the file (rule, path, the normalised content or a hash of
 * the secret, the package…). Never pass a line number: fingerprints must
 * survive line moves so that baselines and ignores keep working.
 */
export function makeFingerprint(...parts: readonly string[]): string {
  const hash = createHash('sha256')
  for (const part of parts) {
    hash.update(part)
    hash.update('\u0000')
  }
  return hash.digest('hex').slice(0, 32)
}

/** A hash of a secret that can be stored in fingerprints and baselines without revealing it. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

/**
 * A short hash of the secret's value alone (no rule, no path): the same secret
 * in a repository file and in the image's copy of it share it, so a report can
 * tell that one is a copy of the other. 64 bits: enough to tell secrets apart,
 * too few to confirm a guess offline.
 */
export function secretHash(secret: string): string {
  return hashSecret(secret).slice(0, 16)
}
