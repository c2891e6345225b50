export const id = 592;
export const ids = [592];
export const modules = {

/***/ 87592:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Me: () => (/* binding */ MAX_BUNDLE_BYTES),
  createSigstoreVerifier: () => (/* binding */ createSigstoreVerifier),
  evaluatePolicy: () => (/* binding */ evaluatePolicy)
});

// UNUSED EXPORTS: describeSigner, legacyToBundle

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/model/errors.ts
var errors = __webpack_require__(87206);
;// CONCATENATED MODULE: ./src/signatures/statement.ts
// What Sigstore verification leaves to the caller: reading the signed content.
// An in-toto statement must name the image digest among its subjects and have
// the predicate type a policy asks for; cosign's legacy simple-signing payload
// must name the digest in critical.image. Pure functions over bytes that were
// (or are about to be) signature-checked.
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const STATEMENT_TYPES = new Set([
    'https://in-toto.io/Statement/v0.1',
    'https://in-toto.io/Statement/v1'
]);
/** cosign v3 image signatures (sigstore/cosign#4491). */
const COSIGN_SIGNATURE_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';
const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
const SLSA_PROVENANCE_V02 = 'https://slsa.dev/provenance/v0.2';
const SIMPLE_SIGNING_TYPE = 'cosign container image signature';
function kindOfPredicate(predicateType) {
    if (predicateType === COSIGN_SIGNATURE_PREDICATE)
        return 'signature';
    if (predicateType === SLSA_PROVENANCE_V1 || predicateType === SLSA_PROVENANCE_V02)
        return 'provenance';
    return 'other';
}
/** Reads an in-toto statement; undefined when the payload is not one. */
function readStatement(payloadType, payload) {
    if (payloadType !== IN_TOTO_PAYLOAD_TYPE)
        return undefined;
    let doc;
    try {
        doc = JSON.parse(payload.toString('utf8'));
    }
    catch {
        return undefined;
    }
    if (!isObject(doc) || typeof doc._type !== 'string' || !STATEMENT_TYPES.has(doc._type))
        return undefined;
    const subjects = Array.isArray(doc.subject) ? doc.subject : [];
    const subjectDigests = subjects
        .map(s => (isObject(s) && isObject(s.digest) ? s.digest.sha256 : undefined))
        .filter((d) => typeof d === 'string')
        .map(d => d.toLowerCase());
    const predicateType = typeof doc.predicateType === 'string' ? doc.predicateType : undefined;
    return { predicateType, subjectDigests, builderId: builderOf(predicateType, doc.predicate) };
}
function builderOf(predicateType, predicate) {
    if (!isObject(predicate))
        return undefined;
    if (predicateType === SLSA_PROVENANCE_V1) {
        const run = predicate.runDetails;
        const id = isObject(run) && isObject(run.builder) ? run.builder.id : undefined;
        return typeof id === 'string' ? id : undefined;
    }
    if (predicateType === SLSA_PROVENANCE_V02) {
        const id = isObject(predicate.builder) ? predicate.builder.id : undefined;
        return typeof id === 'string' ? id : undefined;
    }
    return undefined;
}
/** True when a statement names the image: one subject's sha256 is the digest. */
function namesDigest(facts, digest) {
    const hex = digest.replace(/^sha256:/, '').toLowerCase();
    return facts.subjectDigests.includes(hex);
}
/** The digest a cosign simple-signing payload signs, when it is one. */
function simpleSigningDigest(payload) {
    let doc;
    try {
        doc = JSON.parse(payload.toString('utf8'));
    }
    catch {
        return undefined;
    }
    if (!isObject(doc) || !isObject(doc.critical))
        return undefined;
    const { critical } = doc;
    if (critical.type !== SIMPLE_SIGNING_TYPE || !isObject(critical.image))
        return undefined;
    const digest = critical.image['docker-manifest-digest'];
    return typeof digest === 'string' ? digest.toLowerCase() : undefined;
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/signatures/verify.ts
// Verification of one piece of evidence (a Sigstore bundle, or a cosign legacy
// `.sig` layer turned into one) for one image digest, then the policy verdict
// over all of an image's evidence. @sigstore/verify checks the certificate
// chain to Fulcio, the SCTs, the transparency-log inclusion (SET or Merkle
// proof against a signed checkpoint) or signed timestamps, the signature, and
// the certificate's validity at the trusted signing time; this file adds what
// the library leaves to the caller: the statement names this digest, its
// predicate type is the one required, the signer and builder are allowed.
// The Sigstore libraries are imported only by createSigstoreVerifier.



/** Every bundle we read is a few KiB; a referrer layer far larger is not a bundle. */
const MAX_BUNDLE_BYTES = 512 * 1024;
const OID_SOURCE_REPOSITORY_URI = '1.3.6.1.4.1.57264.1.12';
// How far verification got before it failed: with several roots, the failure
// from the root that got furthest is the one worth reporting.
const STAGE = {
    TIMESTAMP_ERROR: 1,
    CERTIFICATE_ERROR: 2,
    PUBLIC_KEY_ERROR: 2,
    TLOG_INCLUSION_PROOF_ERROR: 3,
    TLOG_INCLUSION_PROMISE_ERROR: 3,
    TLOG_MISSING_INCLUSION_ERROR: 3,
    TLOG_BODY_ERROR: 3,
    TLOG_ERROR: 3,
    SIGNATURE_ERROR: 4
};
async function createSigstoreVerifier(roots) {
    const [{ bundleFromJSON }, { Verifier, toSignedEntity, toTrustMaterial }] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(654), __webpack_require__.e(40)]).then(__webpack_require__.bind(__webpack_require__, 61040)),
        Promise.all(/* import() */[__webpack_require__.e(654), __webpack_require__.e(187)]).then(__webpack_require__.bind(__webpack_require__, 54187))
    ]);
    const verifiers = roots.map(({ label, root }) => ({
        label,
        verifier: new Verifier(toTrustMaterial(root), thresholds(root))
    }));
    return {
        check(evidence, digest) {
            const base = { source: evidence.source };
            let json;
            let artifact;
            let facts;
            let kind = 'unknown';
            if (evidence.format === 'bundle') {
                if (evidence.bytes.byteLength > MAX_BUNDLE_BYTES)
                    return {
                        ...base,
                        kind,
                        outcome: 'invalid',
                        reason: `bundle larger than ${MAX_BUNDLE_BYTES} bytes`
                    };
                try {
                    json = JSON.parse(evidence.bytes.toString('utf8'));
                }
                catch {
                    return { ...base, kind, outcome: 'invalid', reason: 'the bundle is not JSON' };
                }
                artifact = evidence.artifact;
            }
            else {
                const converted = legacyToBundle(evidence.payload, evidence.annotations);
                if (typeof converted === 'string')
                    return { ...base, kind: 'signature', outcome: 'invalid', reason: converted };
                json = converted;
                artifact = evidence.payload;
                kind = 'signature';
            }
            let bundle;
            try {
                bundle = bundleFromJSON(json);
            }
            catch (error) {
                return {
                    ...base,
                    kind,
                    outcome: 'invalid',
                    reason: `not a valid Sigstore bundle (${(0,errors/* errorMessage */.g)(error)})`
                };
            }
            // The content is read before it is trusted only to say what it claims to be.
            let subjectOk;
            let predicateType;
            if (bundle.content.$case === 'dsseEnvelope') {
                const env = bundle.content.dsseEnvelope;
                facts = readStatement(env.payloadType, env.payload);
                if (!facts)
                    return {
                        ...base,
                        kind,
                        outcome: 'invalid',
                        reason: 'the signed envelope holds no in-toto statement'
                    };
                predicateType = facts.predicateType;
                kind = kindOfPredicate(predicateType);
                subjectOk = namesDigest(facts, digest);
            }
            else if (artifact && evidence.format === 'cosign-legacy') {
                subjectOk = simpleSigningDigest(artifact) === digest.toLowerCase();
            }
            else if (artifact) {
                kind = 'signature';
                subjectOk =
                    `sha256:${(0,external_node_crypto_.createHash)('sha256').update(artifact).digest('hex')}` === digest.toLowerCase();
            }
            else {
                return {
                    ...base,
                    kind,
                    outcome: 'invalid',
                    reason: 'a message-signature bundle whose signed bytes are not named (only DSSE statements bind an image digest)'
                };
            }
            let best;
            for (const { label, verifier } of verifiers) {
                try {
                    const signer = verifier.verify(toSignedEntity(bundle, artifact));
                    const checked = {
                        ...base,
                        kind,
                        predicateType,
                        signer: signerInfo(signer.identity),
                        builderId: facts?.builderId,
                        root: label,
                        outcome: subjectOk ? 'verified' : 'subject-mismatch'
                    };
                    if (!subjectOk)
                        checked.reason =
                            evidence.format === 'bundle'
                                ? `the signed statement names ${facts.subjectDigests.map(d => `sha256:${d.slice(0, 12)}…`).join(', ') || 'no digest'}, not this image`
                                : `the signed payload names ${simpleSigningDigest(artifact)?.slice(0, 19) ?? 'another digest'}…, not this image`;
                    return checked;
                }
                catch (error) {
                    const code = error.code ?? '';
                    const stage = STAGE[code] ?? 0;
                    const reason = explain(code, (0,errors/* errorMessage */.g)(error), bundle);
                    if (!best || stage > best.stage)
                        best = {
                            stage,
                            reason: verifiers.length > 1 ? `${reason} (best match: ${label})` : reason
                        };
                }
            }
            return {
                ...base,
                kind,
                predicateType,
                outcome: 'invalid',
                reason: best?.reason ?? 'no trusted root'
            };
        }
    };
}
function thresholds(root) {
    return {
        // A root without transparency logs (GitHub's, for private repositories) vouches for
        // signing time with signed timestamps alone; a root with logs requires a log entry.
        tlogThreshold: root.tlogs.length > 0 ? 1 : 0,
        ctlogThreshold: root.ctlogs.length > 0 ? 1 : 0,
        timestampThreshold: 1
    };
}
function explain(code, message, bundle) {
    if (code === 'TIMESTAMP_ERROR' && /expected \d+ timestamps, got 0/.test(message)) {
        const leaf = leafCertificate(bundle);
        const validity = leaf ? ` (certificate valid ${leaf.validFrom} to ${leaf.validTo})` : '';
        return `no trusted signing time: neither a transparency-log entry nor a signed timestamp shows the signature was made while the short-lived certificate was valid${validity}`;
    }
    if (code === 'CERTIFICATE_ERROR')
        return `certificate not trusted: ${message}`;
    if (code === 'SIGNATURE_ERROR')
        return 'the signature does not match the signed content';
    if (code.startsWith('TLOG'))
        return `transparency log entry does not check out: ${message}`;
    if (code === 'TIMESTAMP_ERROR')
        return `signing time not trusted: ${message}`;
    return message;
}
function leafCertificate(bundle) {
    const material = bundle.verificationMaterial.content;
    try {
        if (material?.$case === 'certificate') {
            const cert = material.certificate;
            return new external_node_crypto_.X509Certificate(cert.rawBytes);
        }
        if (material?.$case === 'x509CertificateChain') {
            const chain = material.x509CertificateChain;
            return chain.certificates[0] ? new external_node_crypto_.X509Certificate(chain.certificates[0].rawBytes) : undefined;
        }
    }
    catch {
        return undefined;
    }
    return undefined;
}
function signerInfo(identity) {
    const info = {};
    if (identity?.extensions?.issuer)
        info.issuer = identity.extensions.issuer;
    if (identity?.subjectAlternativeName)
        info.subject = identity.subjectAlternativeName;
    const repo = identity?.oids?.find(o => o.oid?.id.join('.') === OID_SOURCE_REPOSITORY_URI);
    const text = repo ? derUtf8String(repo.value) : undefined;
    if (text)
        info.sourceRepository = text;
    return info;
}
/** Fulcio's v2 extensions hold a DER UTF8String. */
function derUtf8String(value) {
    if (value.length < 2 || value[0] !== 0x0c)
        return undefined;
    let length = value[1];
    let offset = 2;
    if (length & 0x80) {
        const bytes = length & 0x7f;
        if (bytes > 2 || value.length < 2 + bytes)
            return undefined;
        length = value.readUIntBE(2, bytes);
        offset = 2 + bytes;
    }
    if (offset + length > value.length)
        return undefined;
    return value.subarray(offset, offset + length).toString('utf8');
}
/**
 * A cosign legacy signature layer as the v0.1 bundle cosign itself verifies it as: the
 * payload's message signature, the Fulcio leaf, and the Rekor entry with its signed entry
 * timestamp (the layout has no inclusion proof). A string is why it cannot be checked.
 */
function legacyToBundle(payload, annotations) {
    const signature = annotations['dev.cosignproject.cosign/signature'];
    const certificate = annotations['dev.sigstore.cosign/certificate'];
    const rekor = annotations['dev.sigstore.cosign/bundle'];
    if (!signature)
        return 'the .sig layer carries no signature';
    if (!certificate)
        return 'signed with a key, not keyless: no certificate to check an identity against';
    if (!rekor)
        return 'the .sig layer carries no transparency-log entry (dev.sigstore.cosign/bundle)';
    let leaf;
    try {
        leaf = new external_node_crypto_.X509Certificate(certificate).raw;
    }
    catch {
        return 'the .sig layer certificate is not a PEM certificate';
    }
    let entry;
    let body;
    try {
        entry = JSON.parse(rekor);
        body = JSON.parse(Buffer.from(String(entry.Payload?.body ?? ''), 'base64').toString('utf8'));
    }
    catch {
        return 'the .sig layer transparency-log entry is not JSON';
    }
    const p = entry.Payload;
    if (typeof entry.SignedEntryTimestamp !== 'string' ||
        typeof p?.body !== 'string' ||
        typeof p.logID !== 'string' ||
        !/^[0-9a-f]{64}$/.test(p.logID) ||
        !Number.isSafeInteger(p.integratedTime) ||
        !Number.isSafeInteger(p.logIndex) ||
        typeof body.kind !== 'string' ||
        typeof body.apiVersion !== 'string') {
        return 'the .sig layer transparency-log entry is incomplete';
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
                digest: (0,external_node_crypto_.createHash)('sha256').update(payload).digest('base64')
            },
            signature
        }
    };
}
const MISSING = {
    signature: 'image-unsigned',
    provenance: 'provenance-missing'
};
/**
 * The verdict for each requirement of the policy, from every piece of evidence found:
 * satisfied by one fully valid piece; else the closest failure (builder not allowed,
 * signer not allowed, invalid), else missing.
 */
function evaluatePolicy(checks, policy) {
    return policy.policy.require.map(requirement => {
        const candidates = checks.filter(c => c.kind === requirement || c.kind === 'unknown');
        const verified = candidates.filter(c => c.outcome === 'verified' && c.kind === requirement);
        const allowed = verified.filter(c => policy.allowsSigner(c.signer?.issuer, c.signer?.subject));
        if (requirement === 'provenance') {
            const built = allowed.find(c => policy.allowsBuilder(c.builderId));
            if (built)
                return { requirement, status: 'satisfied', detail: describeSigner(built), evidence: built };
            if (allowed[0])
                return {
                    requirement,
                    status: 'provenance-builder-not-allowed',
                    detail: `the provenance signed by ${describeSigner(allowed[0])} names builder ${quote(allowed[0].builderId ?? '(none)')}, which ${policy.policy.name} does not allow`,
                    evidence: allowed[0]
                };
        }
        else if (allowed[0]) {
            return {
                requirement,
                status: 'satisfied',
                detail: describeSigner(allowed[0]),
                evidence: allowed[0]
            };
        }
        if (verified[0])
            return {
                requirement,
                status: 'signer-not-allowed',
                detail: `${requirement === 'signature' ? 'signed' : 'provenance signed'} by ${describeSigner(verified[0])}, which ${policy.policy.name} does not allow (it wants ${wanted(policy)})`,
                evidence: verified[0]
            };
        const broken = candidates.find(c => c.outcome !== 'verified');
        if (broken)
            return {
                requirement,
                status: 'signature-invalid',
                detail: `${broken.source}: ${broken.reason ?? 'does not verify'}`,
                evidence: broken
            };
        const others = checks.filter(c => c.kind !== requirement && c.kind !== 'unknown');
        const seen = others.length > 0
            ? `; found only ${others.map(c => c.predicateType ?? c.kind).join(', ')}`
            : '';
        return {
            requirement,
            status: MISSING[requirement],
            detail: requirement === 'signature'
                ? `no Sigstore signature for this digest${seen}`
                : `no SLSA provenance attestation for this digest${seen}`
        };
    });
}
function describeSigner(check) {
    const subject = check.signer?.subject ?? '(no identity)';
    const issuer = check.signer?.issuer ? ` (issuer ${check.signer.issuer})` : '';
    return `${quote(subject)}${issuer}`;
}
function wanted(policy) {
    const parts = [];
    if (policy.policy.issuer)
        parts.push(`issuer ${policy.policy.issuer}`);
    if (policy.policy.identity)
        parts.push(`identity /${policy.policy.identity}/`);
    return parts.join(', ') || 'any signer';
}
/** Certificate text is signer-chosen: one line, bounded. */
function quote(text) {
    const line = text.replace(/[\u0000-\u001f\u007f]/g, '?');
    return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}


/***/ })

};
