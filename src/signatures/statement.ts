// What Sigstore verification leaves to the caller: reading the signed content.
// An in-toto statement must name the image digest among its subjects and have
// the predicate type a policy asks for; cosign's legacy simple-signing payload
// must name the digest in critical.image. Pure functions over bytes that were
// (or are about to be) signature-checked.

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json'
const STATEMENT_TYPES = new Set([
  'https://in-toto.io/Statement/v0.1',
  'https://in-toto.io/Statement/v1'
])

/** cosign v3 image signatures (sigstore/cosign#4491). */
export const COSIGN_SIGNATURE_PREDICATE = 'https://sigstore.dev/cosign/sign/v1'
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1'
export const SLSA_PROVENANCE_V02 = 'https://slsa.dev/provenance/v0.2'
const SIMPLE_SIGNING_TYPE = 'cosign container image signature'

export type EvidenceKind = 'signature' | 'provenance' | 'other'

export function kindOfPredicate(predicateType: string | undefined): EvidenceKind {
  if (predicateType === COSIGN_SIGNATURE_PREDICATE) return 'signature'
  if (predicateType === SLSA_PROVENANCE_V1 || predicateType === SLSA_PROVENANCE_V02)
    return 'provenance'
  return 'other'
}

export interface StatementFacts {
  predicateType?: string
  /** sha256 hex digests of the subjects. */
  subjectDigests: string[]
  /** SLSA provenance builder id (v1 runDetails.builder.id, v0.2 builder.id). */
  builderId?: string
}

/** Reads an in-toto statement; undefined when the payload is not one. */
export function readStatement(payloadType: string, payload: Buffer): StatementFacts | undefined {
  if (payloadType !== IN_TOTO_PAYLOAD_TYPE) return undefined
  let doc: unknown
  try {
    doc = JSON.parse(payload.toString('utf8'))
  } catch {
    return undefined
  }
  if (!isObject(doc) || typeof doc._type !== 'string' || !STATEMENT_TYPES.has(doc._type))
    return undefined
  const subjects = Array.isArray(doc.subject) ? doc.subject : []
  const subjectDigests = subjects
    .map(s => (isObject(s) && isObject(s.digest) ? s.digest.sha256 : undefined))
    .filter((d): d is string => typeof d === 'string')
    .map(d => d.toLowerCase())
  const predicateType = typeof doc.predicateType === 'string' ? doc.predicateType : undefined
  return { predicateType, subjectDigests, builderId: builderOf(predicateType, doc.predicate) }
}

function builderOf(predicateType: string | undefined, predicate: unknown): string | undefined {
  if (!isObject(predicate)) return undefined
  if (predicateType === SLSA_PROVENANCE_V1) {
    const run = predicate.runDetails
    const id = isObject(run) && isObject(run.builder) ? run.builder.id : undefined
    return typeof id === 'string' ? id : undefined
  }
  if (predicateType === SLSA_PROVENANCE_V02) {
    const id = isObject(predicate.builder) ? predicate.builder.id : undefined
    return typeof id === 'string' ? id : undefined
  }
  return undefined
}

/** True when a statement names the image: one subject's sha256 is the digest. */
export function namesDigest(facts: StatementFacts, digest: string): boolean {
  const hex = digest.replace(/^sha256:/, '').toLowerCase()
  return facts.subjectDigests.includes(hex)
}

/** The digest a cosign simple-signing payload signs, when it is one. */
export function simpleSigningDigest(payload: Buffer): string | undefined {
  let doc: unknown
  try {
    doc = JSON.parse(payload.toString('utf8'))
  } catch {
    return undefined
  }
  if (!isObject(doc) || !isObject(doc.critical)) return undefined
  const { critical } = doc
  if (critical.type !== SIMPLE_SIGNING_TYPE || !isObject(critical.image)) return undefined
  const digest = critical.image['docker-manifest-digest']
  return typeof digest === 'string' ? digest.toLowerCase() : undefined
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
