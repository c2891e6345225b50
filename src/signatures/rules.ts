// The signatures check's rules. A rule's severity is not fixed: it follows
// `verify-signatures` (warn: medium, enforce: high), so `defaultSeverity` is
// the warn-mode one.

import type { RuleMeta } from '../model/finding.js'

/** The check's id; `CheckId` gains it when the engine registers the check. */
export const SIGNATURES_CHECK = 'signatures'

export type SignatureRuleId =
  | 'image-unsigned'
  | 'signature-invalid'
  | 'signer-not-allowed'
  | 'provenance-missing'
  | 'provenance-builder-not-allowed'
  | 'digest-not-resolvable'

export type SignatureRuleMeta = Omit<RuleMeta, 'check' | 'id'> & {
  id: SignatureRuleId
  check: typeof SIGNATURES_CHECK
}

const PIN =
  'Pin the image by a digest whose signature verifies: `FROM image@sha256:<digest>` ' +
  '(`docker buildx imagetools inspect image:tag` prints it; `cosign verify` or ' +
  '`gh attestation verify oci://image@sha256:<digest>` checks it first).'

function rule(id: SignatureRuleId, title: string, help: string): SignatureRuleMeta {
  return { id, check: SIGNATURES_CHECK, title, defaultSeverity: 'medium', help }
}

export const SIGNATURE_RULES: readonly SignatureRuleMeta[] = [
  rule(
    'image-unsigned',
    'Image has no Sigstore signature',
    'No Sigstore signature was found for the image digest: no bundle among its OCI referrers ' +
      '(or the `sha256-<hex>` referrers tag) and no cosign `sha256-<hex>.sig` signature. ' +
      'A pinned digest proves the image did not change, not who built it. Use an image its ' +
      `publisher signs (Chainguard, distroless, your own signed builds), or sign your own. ${PIN}`
  ),
  rule(
    'signature-invalid',
    'Image signature does not verify',
    'A signature or attestation was found for the image but does not verify: the certificate ' +
      'does not chain to a trusted Fulcio root, the transparency-log entry or timestamp is ' +
      'missing or wrong, the signature does not match, or the signed statement names another ' +
      'digest. A tampered or misattached signature is worse than none: do not use this digest ' +
      `until it verifies. ${PIN}`
  ),
  rule(
    'signer-not-allowed',
    'Image is signed by an identity the policy does not allow',
    'The signature verifies, but the certificate identity (issuer and subject) does not match ' +
      'the `checks.signatures.policies` entry for this image. Either the image does not come ' +
      'from the publisher you expect, or the policy names the wrong workflow: compare the ' +
      `signer in the message with the publisher's documented identity. ${PIN}`
  ),
  rule(
    'provenance-missing',
    'Image has no verified SLSA provenance',
    'The policy for this image requires a signed SLSA provenance attestation ' +
      '(`https://slsa.dev/provenance/v1`) from an allowed signer, and none verified. Images ' +
      'built with `actions/attest-build-provenance` (push-to-registry) or ' +
      '`cosign attest --type slsaprovenance1` carry one.'
  ),
  rule(
    'provenance-builder-not-allowed',
    'Image provenance names a builder the policy does not allow',
    "A signed provenance attestation verifies, but its builder id is not in the policy's " +
      '`builders` list: the image was built somewhere other than the build platform you trust.'
  ),
  rule(
    'digest-not-resolvable',
    'Image digest could not be resolved',
    'The image is referenced by tag and the registry did not say which digest the tag points ' +
      'to (not found, access denied, or unreachable), so no signature could be checked. ' +
      `${PIN}`
  )
]
