// Verification of one piece of evidence (a Sigstore bundle, or a cosign legacy
// `.sig` layer turned into one) for one image digest, then the policy verdict
// over all of an image's evidence. @sigstore/verify checks the certificate
// chain to Fulcio, the SCTs, the transparency-log inclusion (SET or Merkle
// proof against a signed checkpoint) or signed timestamps, the signature, and
// the certificate's validity at the trusted signing time; this file adds what
// the library leaves to the caller: the statement names this digest, its
// predicate type is the one required, the signer and builder are allowed.
// The Sigstore libraries are imported only by createSigstoreVerifier.

import { createHash, X509Certificate } from 'node:crypto'
import type { TrustedRoot } from '@sigstore/protobuf-specs'
import { errorMessage } from '../model/errors.js'
import type { CompiledPolicy, Requirement } from './policy.js'
import type { SignatureRuleId } from './rules.js'
import {
  kindOfPredicate,
  namesDigest,
  readStatement,
  simpleSigningDigest,
  type EvidenceKind
} from './statement.js'
import type { LoadedRoot } from './trust.js'

/** Something found for an image that may prove who signed it. */
export type Evidence =
  | {
      format: 'bundle'
      /** The bundle JSON as stored (a referrer's layer blob). */
      bytes: Buffer
      /** Where it was found, for messages: `referrer sha256:…`. */
      source: string
      /** The signed bytes of a message-signature bundle, when known (the digest must be theirs). */
      artifact?: Buffer
    }
  | {
      /** A cosign `sha256-<hex>.sig` simple-signing layer and its annotations. */
      format: 'cosign-legacy'
      payload: Buffer
      annotations: Record<string, string>
      source: string
    }

export interface SignerInfo {
  /** The OIDC issuer the certificate names. */
  issuer?: string
  /** The certificate's subject alternative name (workflow URI, e-mail). */
  subject?: string
  /** GitHub's Source Repository URI extension, when present. */
  sourceRepository?: string
}

export interface EvidenceCheck {
  source: string
  /** signature | provenance | other, from the content; `unknown` when it cannot be read. */
  kind: EvidenceKind | 'unknown'
  predicateType?: string
  /** verified: signature, chain, timestamps and log check out and the content names this digest. */
  outcome: 'verified' | 'invalid' | 'subject-mismatch'
  /** Why it is not verified, one line. */
  reason?: string
  signer?: SignerInfo
  builderId?: string
  /** The trusted root the certificate chained to. */
  root?: string
}

export interface SigstoreVerifier {
  check(evidence: Evidence, digest: string): EvidenceCheck
}

/** Every bundle we read is a few KiB; a referrer layer far larger is not a bundle. */
export const MAX_BUNDLE_BYTES = 512 * 1024

const OID_SOURCE_REPOSITORY_URI = '1.3.6.1.4.1.57264.1.12'

// How far verification got before it failed: with several roots, the failure
// from the root that got furthest is the one worth reporting.
const STAGE: Record<string, number> = {
  TIMESTAMP_ERROR: 1,
  CERTIFICATE_ERROR: 2,
  PUBLIC_KEY_ERROR: 2,
  TLOG_INCLUSION_PROOF_ERROR: 3,
  TLOG_INCLUSION_PROMISE_ERROR: 3,
  TLOG_MISSING_INCLUSION_ERROR: 3,
  TLOG_BODY_ERROR: 3,
  TLOG_ERROR: 3,
  SIGNATURE_ERROR: 4
}

export async function createSigstoreVerifier(
  roots: readonly LoadedRoot[]
): Promise<SigstoreVerifier> {
  const [{ bundleFromJSON }, { Verifier, toSignedEntity, toTrustMaterial }] = await Promise.all([
    import('@sigstore/bundle'),
    import('@sigstore/verify')
  ])
  const verifiers = roots.map(({ label, root }) => ({
    label,
    verifier: new Verifier(toTrustMaterial(root), thresholds(root))
  }))

  return {
    check(evidence, digest) {
      const base = { source: evidence.source }
      let json: unknown
      let artifact: Buffer | undefined
      let facts: ReturnType<typeof readStatement>
      let kind: EvidenceCheck['kind'] = 'unknown'
      if (evidence.format === 'bundle') {
        if (evidence.bytes.byteLength > MAX_BUNDLE_BYTES)
          return {
            ...base,
            kind,
            outcome: 'invalid',
            reason: `bundle larger than ${MAX_BUNDLE_BYTES} bytes`
          }
        try {
          json = JSON.parse(evidence.bytes.toString('utf8'))
        } catch {
          return { ...base, kind, outcome: 'invalid', reason: 'the bundle is not JSON' }
        }
        artifact = evidence.artifact
      } else {
        const converted = legacyToBundle(evidence.payload, evidence.annotations)
        if (typeof converted === 'string')
          return { ...base, kind: 'signature', outcome: 'invalid', reason: converted }
        json = converted
        artifact = evidence.payload
        kind = 'signature'
      }

      let bundle: ReturnType<typeof bundleFromJSON>
      try {
        bundle = bundleFromJSON(json)
      } catch (error) {
        return {
          ...base,
          kind,
          outcome: 'invalid',
          reason: `not a valid Sigstore bundle (${errorMessage(error)})`
        }
      }

      // The content is read before it is trusted only to say what it claims to be.
      let subjectOk: boolean
      let predicateType: string | undefined
      if (bundle.content.$case === 'dsseEnvelope') {
        const env = bundle.content.dsseEnvelope
        facts = readStatement(env.payloadType, env.payload)
        if (!facts)
          return {
            ...base,
            kind,
            outcome: 'invalid',
            reason: 'the signed envelope holds no in-toto statement'
          }
        predicateType = facts.predicateType
        kind = kindOfPredicate(predicateType)
        subjectOk = namesDigest(facts, digest)
      } else if (artifact && evidence.format === 'cosign-legacy') {
        subjectOk = simpleSigningDigest(artifact) === digest.toLowerCase()
      } else if (artifact) {
        kind = 'signature'
        subjectOk =
          `sha256:${createHash('sha256').update(artifact).digest('hex')}` === digest.toLowerCase()
      } else {
        return {
          ...base,
          kind,
          outcome: 'invalid',
          reason:
            'a message-signature bundle whose signed bytes are not named (only DSSE statements bind an image digest)'
        }
      }

      let best: { stage: number; reason: string } | undefined
      for (const { label, verifier } of verifiers) {
        try {
          const signer = verifier.verify(toSignedEntity(bundle, artifact))
          const checked: EvidenceCheck = {
            ...base,
            kind,
            predicateType,
            signer: signerInfo(signer.identity),
            builderId: facts?.builderId,
            root: label,
            outcome: subjectOk ? 'verified' : 'subject-mismatch'
          }
          if (!subjectOk)
            checked.reason =
              evidence.format === 'bundle'
                ? `the signed statement names ${facts!.subjectDigests.map(d => `sha256:${d.slice(0, 12)}…`).join(', ') || 'no digest'}, not this image`
                : `the signed payload names ${simpleSigningDigest(artifact!)?.slice(0, 19) ?? 'another digest'}…, not this image`
          return checked
        } catch (error) {
          const code = (error as { code?: string }).code ?? ''
          const stage = STAGE[code] ?? 0
          const reason = explain(code, errorMessage(error), bundle)
          if (!best || stage > best.stage)
            best = {
              stage,
              reason: verifiers.length > 1 ? `${reason} (best match: ${label})` : reason
            }
        }
      }
      return {
        ...base,
        kind,
        predicateType,
        outcome: 'invalid',
        reason: best?.reason ?? 'no trusted root'
      }
    }
  }
}

function thresholds(root: TrustedRoot) {
  return {
    // A root without transparency logs (GitHub's, for private repositories) vouches for
    // signing time with signed timestamps alone; a root with logs requires a log entry.
    tlogThreshold: root.tlogs.length > 0 ? 1 : 0,
    ctlogThreshold: root.ctlogs.length > 0 ? 1 : 0,
    timestampThreshold: 1
  }
}

function explain(code: string, message: string, bundle: { verificationMaterial: unknown }): string {
  if (code === 'TIMESTAMP_ERROR' && /expected \d+ timestamps, got 0/.test(message)) {
    const leaf = leafCertificate(bundle)
    const validity = leaf ? ` (certificate valid ${leaf.validFrom} to ${leaf.validTo})` : ''
    return `no trusted signing time: neither a transparency-log entry nor a signed timestamp shows the signature was made while the short-lived certificate was valid${validity}`
  }
  if (code === 'CERTIFICATE_ERROR') return `certificate not trusted: ${message}`
  if (code === 'SIGNATURE_ERROR') return 'the signature does not match the signed content'
  if (code.startsWith('TLOG')) return `transparency log entry does not check out: ${message}`
  if (code === 'TIMESTAMP_ERROR') return `signing time not trusted: ${message}`
  return message
}

function leafCertificate(bundle: { verificationMaterial: unknown }): X509Certificate | undefined {
  const material = (bundle.verificationMaterial as { content?: Record<string, unknown> }).content
  try {
    if (material?.$case === 'certificate') {
      const cert = material.certificate as { rawBytes: Buffer }
      return new X509Certificate(cert.rawBytes)
    }
    if (material?.$case === 'x509CertificateChain') {
      const chain = material.x509CertificateChain as { certificates: { rawBytes: Buffer }[] }
      return chain.certificates[0] ? new X509Certificate(chain.certificates[0].rawBytes) : undefined
    }
  } catch {
    return undefined
  }
  return undefined
}

function signerInfo(
  identity:
    | {
        subjectAlternativeName?: string
        extensions?: { issuer?: string }
        oids?: { oid?: { id: number[] }; value: Buffer }[]
      }
    | undefined
): SignerInfo {
  const info: SignerInfo = {}
  if (identity?.extensions?.issuer) info.issuer = identity.extensions.issuer
  if (identity?.subjectAlternativeName) info.subject = identity.subjectAlternativeName
  const repo = identity?.oids?.find(o => o.oid?.id.join('.') === OID_SOURCE_REPOSITORY_URI)
  const text = repo ? derUtf8String(repo.value) : undefined
  if (text) info.sourceRepository = text
  return info
}

/** Fulcio's v2 extensions hold a DER UTF8String. */
function derUtf8String(value: Buffer): string | undefined {
  if (value.length < 2 || value[0] !== 0x0c) return undefined
  let length = value[1]
  let offset = 2
  if (length & 0x80) {
    const bytes = length & 0x7f
    if (bytes > 2 || value.length < 2 + bytes) return undefined
    length = value.readUIntBE(2, bytes)
    offset = 2 + bytes
  }
  if (offset + length > value.length) return undefined
  return value.subarray(offset, offset + length).toString('utf8')
}

/**
 * A cosign legacy signature layer as the v0.1 bundle cosign itself verifies it as: the
 * payload's message signature, the Fulcio leaf, and the Rekor entry with its signed entry
 * timestamp (the layout has no inclusion proof). A string is why it cannot be checked.
 */
export function legacyToBundle(
  payload: Buffer,
  annotations: Record<string, string>
): object | string {
  const signature = annotations['dev.cosignproject.cosign/signature']
  const certificate = annotations['dev.sigstore.cosign/certificate']
  const rekor = annotations['dev.sigstore.cosign/bundle']
  if (!signature) return 'the .sig layer carries no signature'
  if (!certificate)
    return 'signed with a key, not keyless: no certificate to check an identity against'
  if (!rekor) return 'the .sig layer carries no transparency-log entry (dev.sigstore.cosign/bundle)'
  let leaf: Buffer
  try {
    leaf = new X509Certificate(certificate).raw
  } catch {
    return 'the .sig layer certificate is not a PEM certificate'
  }
  let entry: {
    SignedEntryTimestamp?: unknown
    Payload?: { body?: unknown; integratedTime?: unknown; logIndex?: unknown; logID?: unknown }
  }
  let body: { kind?: unknown; apiVersion?: unknown }
  try {
    entry = JSON.parse(rekor)
    body = JSON.parse(Buffer.from(String(entry.Payload?.body ?? ''), 'base64').toString('utf8'))
  } catch {
    return 'the .sig layer transparency-log entry is not JSON'
  }
  const p = entry.Payload
  if (
    typeof entry.SignedEntryTimestamp !== 'string' ||
    typeof p?.body !== 'string' ||
    typeof p.logID !== 'string' ||
    !/^[0-9a-f]{64}$/.test(p.logID) ||
    !Number.isSafeInteger(p.integratedTime) ||
    !Number.isSafeInteger(p.logIndex) ||
    typeof body.kind !== 'string' ||
    typeof body.apiVersion !== 'string'
  ) {
    return 'the .sig layer transparency-log entry is incomplete'
  }
  return {
    mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1',
    verificationMaterial: {
      x509CertificateChain: { certificates: [{ rawBytes: leaf.toString('base64') }] },
      tlogEntries: [
        {
          logIndex: String(p.logIndex),
          logId: { keyId: Buffer.from(p.logID, 'hex').toString('base64') },
          kindVersion: { kind: body.kind, version: body.apiVersion },
          integratedTime: String(p.integratedTime),
          inclusionPromise: { signedEntryTimestamp: entry.SignedEntryTimestamp },
          canonicalizedBody: p.body
        }
      ]
    },
    messageSignature: {
      messageDigest: {
        algorithm: 'SHA2_256',
        digest: createHash('sha256').update(payload).digest('base64')
      },
      signature
    }
  }
}

export interface RequirementResult {
  requirement: Requirement
  /** `satisfied`, or the rule that fails. */
  status: 'satisfied' | SignatureRuleId
  /** One sentence: who signed, or what was wrong. */
  detail: string
  /** The evidence that satisfied it (or came closest). */
  evidence?: EvidenceCheck
}

const MISSING: Record<Requirement, SignatureRuleId> = {
  signature: 'image-unsigned',
  provenance: 'provenance-missing'
}

/**
 * The verdict for each requirement of the policy, from every piece of evidence found:
 * satisfied by one fully valid piece; else the closest failure (builder not allowed,
 * signer not allowed, invalid), else missing.
 */
export function evaluatePolicy(
  checks: readonly EvidenceCheck[],
  policy: CompiledPolicy
): RequirementResult[] {
  return policy.policy.require.map(requirement => {
    const candidates = checks.filter(c => c.kind === requirement || c.kind === 'unknown')
    const verified = candidates.filter(c => c.outcome === 'verified' && c.kind === requirement)
    const allowed = verified.filter(c => policy.allowsSigner(c.signer?.issuer, c.signer?.subject))
    if (requirement === 'provenance') {
      const built = allowed.find(c => policy.allowsBuilder(c.builderId))
      if (built)
        return { requirement, status: 'satisfied', detail: describeSigner(built), evidence: built }
      if (allowed[0])
        return {
          requirement,
          status: 'provenance-builder-not-allowed',
          detail: `the provenance signed by ${describeSigner(allowed[0])} names builder ${quote(allowed[0].builderId ?? '(none)')}, which ${policy.policy.name} does not allow`,
          evidence: allowed[0]
        }
    } else if (allowed[0]) {
      return {
        requirement,
        status: 'satisfied',
        detail: describeSigner(allowed[0]),
        evidence: allowed[0]
      }
    }
    if (verified[0])
      return {
        requirement,
        status: 'signer-not-allowed',
        detail: `${requirement === 'signature' ? 'signed' : 'provenance signed'} by ${describeSigner(verified[0])}, which ${policy.policy.name} does not allow (it wants ${wanted(policy)})`,
        evidence: verified[0]
      }
    const broken = candidates.find(c => c.outcome !== 'verified')
    if (broken)
      return {
        requirement,
        status: 'signature-invalid',
        detail: `${broken.source}: ${broken.reason ?? 'does not verify'}`,
        evidence: broken
      }
    const others = checks.filter(c => c.kind !== requirement && c.kind !== 'unknown')
    const seen =
      others.length > 0
        ? `; found only ${others.map(c => c.predicateType ?? c.kind).join(', ')}`
        : ''
    return {
      requirement,
      status: MISSING[requirement],
      detail:
        requirement === 'signature'
          ? `no Sigstore signature for this digest${seen}`
          : `no SLSA provenance attestation for this digest${seen}`
    }
  })
}

export function describeSigner(check: EvidenceCheck): string {
  const subject = check.signer?.subject ?? '(no identity)'
  const issuer = check.signer?.issuer ? ` (issuer ${check.signer.issuer})` : ''
  return `${quote(subject)}${issuer}`
}

function wanted(policy: CompiledPolicy): string {
  const parts: string[] = []
  if (policy.policy.issuer) parts.push(`issuer ${policy.policy.issuer}`)
  if (policy.policy.identity) parts.push(`identity /${policy.policy.identity}/`)
  return parts.join(', ') || 'any signer'
}

/** Certificate text is signer-chosen: one line, bounded. */
function quote(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f]/g, '?')
  return line.length > 200 ? `${line.slice(0, 200)}…` : line
}
