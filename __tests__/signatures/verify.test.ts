import { createHash } from 'node:crypto'
import { readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { compilePolicies, GITHUB_ACTIONS_ISSUER, policyFor } from '../../src/signatures/policy.js'
import {
  createSigstoreVerifier,
  evaluatePolicy,
  legacyToBundle
} from '../../src/signatures/verify.js'
import { parseTrustedRoots } from '../../src/signatures/trust.js'
import {
  bundleEvidence,
  COSIGN_SUBJECT,
  cosignRoot,
  fixture,
  FIXTURES,
  GH_PRIVATE_SUBJECT,
  GH_PUBLIC_SUBJECT,
  githubRoots,
  LEGACY_SUBJECT,
  legacyEvidence
} from './helpers.js'

async function policy(fields: {
  issuer?: string
  identity?: string
  require?: ('signature' | 'provenance')[]
  builders?: string[]
}) {
  const [compiled] = await compilePolicies([
    { name: 'test policy', images: ['**'], require: ['signature'], builders: [], ...fields }
  ])
  return compiled
}

describe('cosign oci-attestation bundle (production-signed DSSE, subject an image digest)', () => {
  it('verifies against its trusted root and reports the signer', async () => {
    const verifier = await createSigstoreVerifier(await cosignRoot())
    const check = verifier.check(
      bundleEvidence('cosign/oci-attestation.sigstore.json'),
      COSIGN_SUBJECT
    )
    expect(check).toMatchObject({
      outcome: 'verified',
      kind: 'other',
      predicateType: 'https://cosign.sigstore.dev/attestation/v1',
      signer: { subject: 'cody@soyland.com', issuer: 'https://github.com/login/oauth' }
    })
  })

  it('does not count as a signature: the predicate type is not cosign/sign/v1', async () => {
    const verifier = await createSigstoreVerifier(await cosignRoot())
    const check = verifier.check(
      bundleEvidence('cosign/oci-attestation.sigstore.json'),
      COSIGN_SUBJECT
    )
    const [signature] = evaluatePolicy([check], await policy({}))
    expect(signature.status).toBe('image-unsigned')
    expect(signature.detail).toContain('found only https://cosign.sigstore.dev/attestation/v1')
  })

  it('a wrong subject digest is signature-invalid, even though the signature verifies', async () => {
    const verifier = await createSigstoreVerifier(await cosignRoot())
    const other = `sha256:${'1'.repeat(64)}`
    const check = verifier.check(bundleEvidence('cosign/oci-attestation.sigstore.json'), other)
    expect(check.outcome).toBe('subject-mismatch')
    expect(check.reason).toContain('sha256:732112270d7e')
    // Judged as a provenance requirement would judge any claim about the image.
    const judged = evaluatePolicy([{ ...check, kind: 'signature' }], await policy({}))
    expect(judged[0].status).toBe('signature-invalid')
  })

  it('a tampered statement (subject rewritten) no longer verifies', async () => {
    const verifier = await createSigstoreVerifier(await cosignRoot())
    const other = 'a'.repeat(64)
    const evidence = bundleEvidence('cosign/oci-attestation.sigstore.json', b => {
      const statement = JSON.parse(Buffer.from(b.dsseEnvelope.payload, 'base64').toString('utf8'))
      statement.subject[0].digest.sha256 = other
      b.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64')
    })
    const check = verifier.check(evidence, `sha256:${other}`)
    expect(check.outcome).toBe('invalid')
    expect(check.reason).toMatch(
      /transparency log entry does not check out|signature does not match/
    )
  })

  it('a tampered signature no longer verifies', async () => {
    const verifier = await createSigstoreVerifier(await cosignRoot())
    const evidence = bundleEvidence('cosign/oci-attestation.sigstore.json', b => {
      const sig = Buffer.from(b.dsseEnvelope.signatures[0].sig, 'base64')
      sig[sig.length - 1] ^= 1
      b.dsseEnvelope.signatures[0].sig = sig.toString('base64')
    })
    expect(verifier.check(evidence, COSIGN_SUBJECT).outcome).toBe('invalid')
  })

  it('an expired certificate without a log entry or timestamp is refused, saying why', async () => {
    const verifier = await createSigstoreVerifier(await cosignRoot())
    const evidence = bundleEvidence('cosign/oci-attestation.sigstore.json', b => {
      b.verificationMaterial.tlogEntries = []
    })
    const check = verifier.check(evidence, COSIGN_SUBJECT)
    expect(check.outcome).toBe('invalid')
    expect(check.reason).toContain('no trusted signing time')
    expect(check.reason).toContain(
      'certificate valid Feb 28 19:18:11 2025 GMT to Feb 28 19:28:11 2025 GMT'
    )
  })

  it('a bundle that is not JSON or not a bundle is invalid, not an exception', async () => {
    const verifier = await createSigstoreVerifier(await cosignRoot())
    const notJson = verifier.check(
      { format: 'bundle', bytes: Buffer.from('{"x'), source: 's' },
      COSIGN_SUBJECT
    )
    expect(notJson).toMatchObject({ outcome: 'invalid', reason: 'the bundle is not JSON' })
    const notBundle = verifier.check(
      { format: 'bundle', bytes: Buffer.from('{"mediaType":"x"}'), source: 's' },
      COSIGN_SUBJECT
    )
    expect(notBundle.outcome).toBe('invalid')
    expect(notBundle.kind).toBe('unknown')
  })
})

describe('GitHub artifact attestations (actions/attest-build-provenance)', () => {
  it('a public-repository attestation verifies against the public-good root: provenance with its builder', async () => {
    const { both } = await githubRoots()
    const verifier = await createSigstoreVerifier(both)
    const check = verifier.check(
      bundleEvidence('github/attest-build-provenance-13532655.sigstore.json'),
      GH_PUBLIC_SUBJECT
    )
    expect(check).toMatchObject({
      outcome: 'verified',
      kind: 'provenance',
      predicateType: 'https://slsa.dev/provenance/v1',
      builderId:
        'https://github.com/actions/attest-build-provenance/.github/workflows/prober.yml@refs/heads/main',
      root: 'trusted_root.jsonl line 1',
      signer: {
        issuer: GITHUB_ACTIONS_ISSUER,
        subject:
          'https://github.com/actions/attest-build-provenance/.github/workflows/prober.yml@refs/heads/main',
        sourceRepository: 'https://github.com/actions/attest-build-provenance'
      }
    })
  })

  it("a private-repository attestation (signed timestamp, no log) verifies only against GitHub's root", async () => {
    const { both, publicGood } = await githubRoots()
    const evidence = bundleEvidence('github/attest-build-provenance-13531551.sigstore.json')
    const withGithub = (await createSigstoreVerifier(both)).check(evidence, GH_PRIVATE_SUBJECT)
    expect(withGithub).toMatchObject({ outcome: 'verified', root: 'trusted_root.jsonl line 2' })
    const publicOnly = (await createSigstoreVerifier([publicGood])).check(
      evidence,
      GH_PRIVATE_SUBJECT
    )
    expect(publicOnly.outcome).toBe('invalid')
    expect(publicOnly.reason).toContain('signing time not trusted')
  })

  it('policies: the right workflow passes; another identity, another issuer or builder fail with their rule', async () => {
    const { both } = await githubRoots()
    const check = (await createSigstoreVerifier(both)).check(
      bundleEvidence('github/attest-build-provenance-13532655.sigstore.json'),
      GH_PUBLIC_SUBJECT
    )
    const judge = async (fields: Parameters<typeof policy>[0]) =>
      evaluatePolicy([check], await policy({ require: ['provenance'], ...fields }))[0]
    expect(
      (
        await judge({
          issuer: GITHUB_ACTIONS_ISSUER,
          identity: '^https://github\\.com/actions/attest-build-provenance/'
        })
      ).status
    ).toBe('satisfied')
    expect(
      (
        await judge({
          issuer: GITHUB_ACTIONS_ISSUER,
          identity: '^https://github\\.com/someone-else/'
        })
      ).status
    ).toBe('signer-not-allowed')
    expect(
      (await judge({ issuer: 'https://token.actions.githubusercontent.com/other', identity: '.' }))
        .status
    ).toBe('signer-not-allowed')
    const builder = await judge({
      issuer: GITHUB_ACTIONS_ISSUER,
      builders: ['^https://github\\.com/actions/runner/github-hosted$']
    })
    expect(builder.status).toBe('provenance-builder-not-allowed')
    expect(builder.detail).toContain('prober.yml@refs/heads/main')
    // A provenance is not a signature.
    expect(evaluatePolicy([check], await policy({ require: ['signature'] }))[0].status).toBe(
      'image-unsigned'
    )
  })

  it("cli/cli: a reusable-workflow attestation names the reusable workflow, a custom issuer is not GitHub's", async () => {
    const [publicGood] = await parseTrustedRoots(
      fixture('github/trusted_root.jsonl').toString('utf8').split('\n')[0],
      'pg'
    )
    const verifier = await createSigstoreVerifier([publicGood])
    const reusable = verifier.check(
      bundleEvidence('cli/reusable-workflow-attestation.sigstore.json'),
      `sha256:49a3aa6075e0f49f82843e74b5baa614ad2a588e6675612bf108a0a008c5ac25`
    )
    expect(reusable.signer?.subject).toBe(
      'https://github.com/github/artifact-attestations-workflows/.github/workflows/attest.yml@09b495c3f12c7881b3cc17209a327792065c1a1d'
    )
    const custom = verifier.check(
      bundleEvidence('cli/custom-issuer.sigstore.json'),
      'sha256:afa27b44d43b02a9fea41d13cedc2e4016cfcf87c5dbf990e593669aa8ce286d'
    )
    expect(custom).toMatchObject({
      outcome: 'verified',
      signer: { issuer: 'https://token.actions.githubusercontent.com/hammer-time' }
    })
    const judged = evaluatePolicy(
      [custom],
      await policy({
        require: ['provenance'],
        issuer: GITHUB_ACTIONS_ISSUER,
        identity: '^https://github\\.com/too-legit/'
      })
    )
    expect(judged[0].status).toBe('signer-not-allowed')
    const invalid = verifier.check(
      bundleEvidence('cli/sigstoreBundle-invalid-signature.json'),
      `sha256:${'0'.repeat(64)}`
    )
    expect(invalid.outcome).toBe('invalid')
  })
})

describe('cosign legacy .sig signatures (keyless, Rekor SET)', () => {
  it('verifies as cosign itself does and binds the payload digest', async () => {
    const { publicGood } = await githubRoots()
    const verifier = await createSigstoreVerifier([publicGood])
    const check = verifier.check(legacyEvidence(), LEGACY_SUBJECT)
    expect(check).toMatchObject({
      outcome: 'verified',
      kind: 'signature',
      signer: {
        issuer: GITHUB_ACTIONS_ISSUER,
        subject:
          'https://github.com/salrashid123/go-bazel-github-workflow/.github/workflows/release.yaml@refs/tags/v0.0.25'
      }
    })
    const judged = evaluatePolicy(
      [check],
      await policy({
        issuer: GITHUB_ACTIONS_ISSUER,
        identity:
          '^https://github\\.com/salrashid123/go-bazel-github-workflow/\\.github/workflows/release\\.yaml@refs/tags/v'
      })
    )
    expect(judged[0]).toMatchObject({ status: 'satisfied' })
  })

  it('the signature over another digest, a tampered payload, a key-only signature each fail', async () => {
    const { publicGood } = await githubRoots()
    const verifier = await createSigstoreVerifier([publicGood])
    expect(verifier.check(legacyEvidence(), `sha256:${'2'.repeat(64)}`).outcome).toBe(
      'subject-mismatch'
    )
    const tampered = {
      ...legacyEvidence(),
      payload: Buffer.from(
        fixture('legacy/simplesigning-payload.json')
          .toString()
          .replace('server_image', 'server_imagf')
      )
    }
    expect(verifier.check(tampered, LEGACY_SUBJECT).outcome).toBe('invalid')
    const keyOnly = verifier.check(
      legacyEvidence(a => {
        delete a['dev.sigstore.cosign/certificate']
        return a
      }),
      LEGACY_SUBJECT
    )
    expect(keyOnly).toMatchObject({
      outcome: 'invalid',
      reason: expect.stringContaining('signed with a key')
    })
    expect(
      legacyToBundle(Buffer.from('{}'), {
        'dev.cosignproject.cosign/signature': 'x',
        'dev.sigstore.cosign/certificate': 'nope',
        'dev.sigstore.cosign/bundle': '{}'
      })
    ).toBe('the .sig layer certificate is not a PEM certificate')
  })
})

describe('sigstore-conformance bundle-verify cases', () => {
  const dir = join(FIXTURES, 'conformance')
  const cases = readdirSync(dir).filter(name => existsSync(join(dir, name, 'bundle.sigstore.json')))
  it.each(cases)('%s', async name => {
    const caseDir = join(dir, name)
    const roots = existsSync(join(caseDir, 'trusted_root.json'))
      ? await parseTrustedRoots(
          fixture(`conformance/${name}/trusted_root.json`).toString('utf8'),
          name
        )
      : [(await githubRoots()).publicGood]
    const artifact = fixture(
      existsSync(join(caseDir, 'artifact')) ? `conformance/${name}/artifact` : 'conformance/a.txt'
    )
    const digest = `sha256:${createHash('sha256').update(artifact).digest('hex')}`
    const check = (await createSigstoreVerifier(roots)).check(
      {
        format: 'bundle',
        bytes: fixture(`conformance/${name}/bundle.sigstore.json`),
        source: name,
        artifact
      },
      digest
    )
    const compiled = await compilePolicies([
      {
        name: 'beacon',
        images: ['**'],
        issuer: GITHUB_ACTIONS_ISSUER,
        identity:
          '^https://github\\.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/\\.github/workflows/extremely-dangerous-oidc-beacon\\.yml@refs/heads/main$',
        require: ['signature'],
        builders: []
      }
    ])
    const allowed = policyFor(compiled, 'docker.io/library/x', 'ignore')!.allowsSigner(
      check.signer?.issuer,
      check.signer?.subject
    )
    const passes = check.outcome === 'verified' && allowed
    expect(passes).toBe(!name.endsWith('_fail'))
  })
})
