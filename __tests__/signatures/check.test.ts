import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  runSignaturesCheck,
  signaturesCheck,
  type SignaturesInputs
} from '../../src/signatures/check.js'
import { GITHUB_ACTIONS_ISSUER } from '../../src/signatures/policy.js'
import {
  DEFAULT_SIGNATURES_SETTINGS,
  type SignaturesSettings
} from '../../src/signatures/settings.js'
import { FakeRegistry } from './fake-registry.js'
import {
  COSIGN_SUBJECT,
  fixture,
  fixtureJson,
  FIXTURES,
  GH_PRIVATE_SUBJECT,
  GH_PUBLIC_SUBJECT,
  LEGACY_SUBJECT
} from './helpers.js'

const PROVENANCE = 'https://slsa.dev/provenance/v1'
let registry: FakeRegistry

beforeEach(async () => {
  registry = await new FakeRegistry().start()
})
afterEach(async () => {
  await registry.stop()
})

function settings(extra: Partial<SignaturesSettings> = {}): SignaturesSettings {
  return {
    ...DEFAULT_SIGNATURES_SETTINGS,
    trustedRoots: [{ kind: 'file', path: 'github/trusted_root.jsonl' }],
    ...extra
  }
}

function inputs(dockerfile: string, extra: Partial<SignaturesInputs> = {}): SignaturesInputs {
  return {
    dockerfiles: [{ path: 'Dockerfile', text: dockerfile }],
    cwd: FIXTURES,
    auth: { dockerConfigPath: '/nonexistent/config.json' },
    ...extra
  }
}

const attestProvenancePolicy = {
  name: 'checks.signatures.policies[0]',
  images: [`**/actions/attest-build-provenance`],
  issuer: GITHUB_ACTIONS_ISSUER,
  identity: '^https://github\\.com/actions/attest-build-provenance/\\.github/workflows/',
  require: ['provenance' as const],
  builders: []
}

describe('runSignaturesCheck against a registry on 127.0.0.1', () => {
  it('off makes no request at all', async () => {
    registry.putImage('library/node', '20')
    const result = await runSignaturesCheck(
      inputs(`FROM ${registry.host}/library/node:20\n`),
      settings(),
      'off'
    )
    expect(result).toEqual({ findings: [], warnings: [], stats: {}, images: [] })
    expect(registry.requests).toEqual([])
  })

  it('unsigned base images: one finding per image on its line, medium in warn, high in enforce; the gate decides', async () => {
    const node = registry.putImage('library/node', '20')
    const alpine = registry.putImage('library/alpine', '3.20')
    const dockerfile = [
      `FROM ${registry.host}/library/node:20 AS build`,
      'RUN echo build',
      `FROM ${registry.host}/library/alpine@${alpine}`,
      `COPY --from=${registry.host}/library/node:20 /usr/local/bin/node /usr/bin/node`,
      `RUN --mount=from=${registry.host}/library/busybox:1,target=/b true`,
      'FROM build AS again',
      ''
    ].join('\n')
    const warn = await runSignaturesCheck(inputs(dockerfile), settings(), 'warn')
    expect(warn.findings.map(f => [f.ruleId, f.location.line, f.severity])).toEqual([
      ['image-unsigned', 1, 'medium'],
      ['image-unsigned', 3, 'medium'],
      ['digest-not-resolvable', 5, 'medium']
    ])
    const [nodeFinding, alpineFinding, busybox] = warn.findings
    expect(nodeFinding.message).toContain(`${node.slice(0, 19)}…, resolved from the tag`)
    expect(nodeFinding.message).toContain('looked in the referrers API, the cosign signature tag')
    expect(nodeFinding.properties).toMatchObject({
      digest: node,
      digestResolved: true,
      alsoOnLines: ['4']
    })
    expect(alpineFinding.properties).toMatchObject({ digest: alpine, digestResolved: false })
    expect(busybox.message).toContain('tag 1 not found')
    expect(nodeFinding.help).toContain('FROM image@sha256:<digest>')
    expect(warn.stats).toMatchObject({
      images: 3,
      unsigned: 2,
      failed: 1,
      verified: 0,
      'digest-resolved': 1
    })
    const enforce = await runSignaturesCheck(inputs(dockerfile), settings(), 'enforce')
    expect(enforce.findings.map(f => f.severity)).toEqual(['high', 'high', 'high'])
    expect(enforce.findings.map(f => f.fingerprint)).toEqual(warn.findings.map(f => f.fingerprint))
    // No evidence anywhere: the trusted root was never needed, so a missing file is never read.
    const noRoot = await runSignaturesCheck(
      inputs(dockerfile),
      settings({ trustedRoots: [{ kind: 'file', path: 'does-not-exist.json' }] }),
      'warn'
    )
    expect(noRoot.findings).toHaveLength(3)
  })

  it('a cosign legacy .sig signature verifies: no finding, the signer is reported', async () => {
    const repo = 'salrashid123/server_image'
    registry.putLegacySignature(
      repo,
      LEGACY_SUBJECT,
      fixtureJson('legacy/sig-manifest.json'),
      fixture('legacy/simplesigning-payload.json')
    )
    const result = await runSignaturesCheck(
      inputs(`FROM ${registry.host}/${repo}@${LEGACY_SUBJECT}\n`),
      settings(),
      'enforce'
    )
    expect(result.findings).toEqual([])
    expect(result.stats).toMatchObject({ images: 1, verified: 1, evidence: 1 })
    expect(result.images[0]).toMatchObject({
      digest: LEGACY_SUBJECT,
      results: [
        {
          requirement: 'signature',
          status: 'satisfied',
          signer: expect.stringContaining(
            'go-bazel-github-workflow/.github/workflows/release.yaml@refs/tags/v0.0.25 (https://token.actions.githubusercontent.com)'
          )
        }
      ]
    })
    // Token auth was used for every repository request.
    expect(registry.requests.filter(r => r.startsWith('GET /token'))).toHaveLength(1)
  })

  it('GitHub attestations as referrers: the API (GitHub instance) and the ghcr.io-style tag fallback (public good)', async () => {
    const repo = 'actions/attest-build-provenance'
    registry.putBundleReferrer(
      repo,
      GH_PRIVATE_SUBJECT,
      fixture('github/attest-build-provenance-13531551.sigstore.json'),
      PROVENANCE
    )
    const policies = settings({ policies: [attestProvenancePolicy] })
    const viaApi = await runSignaturesCheck(
      inputs(`FROM ${registry.host}/${repo}@${GH_PRIVATE_SUBJECT}\n`),
      policies,
      'enforce'
    )
    expect(viaApi.findings).toEqual([])
    expect(viaApi.images[0].results[0]).toMatchObject({
      status: 'satisfied',
      builder: expect.stringContaining('prober.yml')
    })

    registry.referrersApi = false
    const referrer = registry.putBundleReferrer(
      repo,
      GH_PUBLIC_SUBJECT,
      fixture('github/attest-build-provenance-13532655.sigstore.json'),
      PROVENANCE
    )
    registry.putReferrersTag(repo, GH_PUBLIC_SUBJECT, [referrer])
    const viaTag = await runSignaturesCheck(
      inputs(`FROM ${registry.host}/${repo}@${GH_PUBLIC_SUBJECT}\n`),
      policies,
      'enforce'
    )
    expect(viaTag.findings).toEqual([])
    expect(registry.requests).toContain(
      `GET /v2/${repo}/manifests/${GH_PUBLIC_SUBJECT.replace(':', '-')}`
    )
  })

  it('a wrong identity, a wrong subject digest, a lying listing, a tampered bundle: each its rule on the FROM line', async () => {
    const repo = 'actions/attest-build-provenance'
    const bundle = fixture('github/attest-build-provenance-13532655.sigstore.json')
    // Signed for GH_PUBLIC_SUBJECT, attached to another image.
    const other = registry.putImage(repo, 'other')
    registry.putBundleReferrer(repo, other, bundle, PROVENANCE)
    // A referrer whose manifest names a third image, listed under a fourth's tag.
    const third = registry.putImage(repo, 'third')
    const fourth = registry.putImage(repo, 'fourth')
    const lying = registry.putBundleReferrer(repo, third, bundle, PROVENANCE)
    registry.putReferrersTag(repo, fourth, [lying])
    // Tampered: the statement's builder rewritten.
    const tamperedImage = registry.putImage(repo, 'tampered')
    const json = JSON.parse(bundle.toString('utf8'))
    const statement = JSON.parse(Buffer.from(json.dsseEnvelope.payload, 'base64').toString('utf8'))
    statement.subject[0].digest.sha256 = tamperedImage.slice(7)
    json.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64')
    registry.putBundleReferrer(repo, tamperedImage, Buffer.from(JSON.stringify(json)), PROVENANCE)
    registry.putBundleReferrer(repo, GH_PUBLIC_SUBJECT, bundle, PROVENANCE)

    const dockerfile = [
      `FROM ${registry.host}/${repo}@${GH_PUBLIC_SUBJECT}`,
      `FROM ${registry.host}/${repo}@${other}`,
      `FROM ${registry.host}/${repo}:fourth`,
      `FROM ${registry.host}/${repo}@${tamperedImage}`,
      ''
    ].join('\n')
    const wrongIdentity = {
      ...attestProvenancePolicy,
      identity:
        '^https://github\\.com/actions/attest-build-provenance/\\.github/workflows/release\\.yml@'
    }
    const first = await runSignaturesCheck(
      inputs(dockerfile),
      settings({ policies: [wrongIdentity] }),
      'warn'
    )
    expect(first.findings.map(f => [f.location.line, f.ruleId])).toEqual([
      [1, 'signer-not-allowed'],
      [2, 'signature-invalid'],
      [3, 'provenance-missing'],
      [4, 'signature-invalid']
    ])
    expect(first.findings[0].message).toContain('prober.yml@refs/heads/main')
    expect(first.findings[1].message).toContain('names sha256:bb030cb9e028…, not this image')
    // Line 3: the referrers API lists the lying manifest under its own subject, not `fourth`.
    expect(first.findings[3].message).toContain('does not check out')

    registry.referrersApi = false
    const viaTag = await runSignaturesCheck(
      inputs(dockerfile),
      settings({ policies: [attestProvenancePolicy] }),
      'warn'
    )
    expect(viaTag.findings.map(f => [f.location.line, f.ruleId])).toEqual([
      [1, 'provenance-missing'],
      [2, 'provenance-missing'],
      [3, 'provenance-missing'],
      [4, 'provenance-missing']
    ])
    expect(
      viaTag.warnings.some(w =>
        w.includes(`names subject ${third.slice(0, 19)}…, not this image: skipped`)
      )
    ).toBe(true)
  })

  it("presets: Chainguard images must be signed by Chainguard's release workflow", async () => {
    // The legacy fixture's signer is a GitHub workflow but not Chainguard's.
    const repo = 'chainguard/static'
    registry.putLegacySignature(
      repo,
      LEGACY_SUBJECT,
      fixtureJson('legacy/sig-manifest.json'),
      fixture('legacy/simplesigning-payload.json')
    )
    const settingsWithHost = settings({
      policies: [
        {
          name: 'as chainguard',
          images: [`${registry.host}/chainguard/**`],
          issuer: GITHUB_ACTIONS_ISSUER,
          identity:
            '^https://github\\.com/chainguard-images/images/\\.github/workflows/release\\.yaml@refs/heads/main$',
          require: ['signature'],
          builders: []
        }
      ]
    })
    const result = await runSignaturesCheck(
      inputs(`FROM ${registry.host}/${repo}@${LEGACY_SUBJECT}\n`),
      settingsWithHost,
      'warn'
    )
    expect(result.findings.map(f => f.ruleId)).toEqual(['signer-not-allowed'])
    expect(result.findings[0].message).toContain(
      'identity /^https://github\\.com/chainguard-images/'
    )
  })

  it('the scanned image is verified too, at its reference; the cosign attestation is no signature', async () => {
    const repo = 'cosign/repo'
    registry.putBundleReferrer(
      repo,
      COSIGN_SUBJECT,
      fixture('cosign/oci-attestation.sigstore.json'),
      'https://cosign.sigstore.dev/attestation/v1'
    )
    const reference = `${registry.host}/${repo}@${COSIGN_SUBJECT}`
    const result = await runSignaturesCheck(
      { dockerfiles: [], image: { reference }, cwd: FIXTURES, auth: {} },
      settings({ trustedRoots: [{ kind: 'file', path: 'cosign/trusted_root_pgi.json' }] }),
      'warn'
    )
    expect(result.findings).toHaveLength(1)
    expect(result.findings[0]).toMatchObject({
      ruleId: 'image-unsigned',
      location: { path: reference }
    })
    expect(result.findings[0].message).toContain(
      'found only https://cosign.sigstore.dev/attestation/v1'
    )
  })

  it('a bad regex in a policy is an input error naming it; unlisted images can be ignored', async () => {
    const bad = {
      ...attestProvenancePolicy,
      identity: '(',
      where: { identity: '.container-gate.yml:7: checks.signatures.policies[0].identity' }
    }
    await expect(
      runSignaturesCheck(
        inputs(`FROM ${registry.host}/a/b:1\n`),
        settings({ policies: [bad] }),
        'warn'
      )
    ).rejects.toThrow(
      '.container-gate.yml:7: checks.signatures.policies[0].identity: not a valid RE2 regular expression "("'
    )
    const ignored = await runSignaturesCheck(
      inputs(`FROM ${registry.host}/a/b:1\n`),
      settings({ unlistedImages: 'ignore' }),
      'warn'
    )
    expect(ignored.findings).toEqual([])
    expect(registry.requests).toEqual([])
  })
})

describe('a hostile registry cannot make discovery unbounded', () => {
  it('an oversized referrers index: a warning in warn mode, a finding in enforce', async () => {
    const digest = registry.putImage('big/index', 'v1')
    registry.overrides.set(`/v2/big/index/referrers/${digest}`, {
      status: 200,
      body: Buffer.alloc(2 * 1024 * 1024, 0x20)
    })
    const dockerfile = `FROM ${registry.host}/big/index@${digest}\n`
    const warn = await runSignaturesCheck(inputs(dockerfile), settings(), 'warn')
    expect(warn.findings).toEqual([])
    expect(warn.stats).toMatchObject({ unchecked: 1, verified: 0 })
    expect(warn.warnings.join('\n')).toContain('is larger than 1048576 bytes')
    const enforce = await runSignaturesCheck(inputs(dockerfile), settings(), 'enforce')
    expect(enforce.findings.map(f => f.ruleId)).toEqual(['image-unsigned'])
    expect(enforce.findings[0].message).toContain('signatures could not be read')
  })

  it('reads at most 32 referrers and 16 legacy signatures, and skips a bundle too large to be one', async () => {
    const repo = 'many/refs'
    const digest = registry.putImage(repo, 'v1')
    for (let i = 0; i < 40; i++)
      registry.putBundleReferrer(repo, digest, Buffer.from(`{"n":${i}}`), PROVENANCE)
    const payload = Buffer.from('{}')
    const layer = registry.putBlob(repo, payload)
    registry.putManifest(
      repo,
      {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...layer },
        layers: Array.from({ length: 50 }, () => ({
          mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
          ...layer,
          annotations: { 'dev.cosignproject.cosign/signature': 'AA==' }
        }))
      },
      'application/vnd.oci.image.manifest.v1+json',
      `${digest.replace(':', '-')}.sig`
    )
    const result = await runSignaturesCheck(
      inputs(`FROM ${registry.host}/${repo}@${digest}\n`),
      settings(),
      'warn'
    )
    const manifestGets = registry.requests.filter(r =>
      r.startsWith(`GET /v2/${repo}/manifests/sha256:`)
    )
    expect(manifestGets).toHaveLength(32)
    expect(result.stats.evidence).toBe(32 + 16)
    expect(result.warnings.join('\n')).toContain('40 referrers listed; the first 32 were read')
    expect(result.warnings.join('\n')).toContain('50 signatures; the first 16 were read')
    // None of them is a valid signature: the verdict says so instead of passing.
    expect(result.findings.map(f => f.ruleId)).toEqual(['signature-invalid'])

    const huge = registry.putImage(repo, 'v2')
    const big = registry.putBundleReferrer(repo, huge, Buffer.alloc(600 * 1024, 0x20), PROVENANCE)
    void big
    const skipped = await runSignaturesCheck(
      inputs(`FROM ${registry.host}/${repo}@${huge}\n`),
      settings(),
      'warn'
    )
    expect(skipped.warnings.join('\n')).toMatch(/bundle of 614400 bytes skipped/)
    expect(skipped.findings.map(f => f.ruleId)).toEqual(['image-unsigned'])
  })
})

describe("signaturesCheck, the adapter for the engine's Check interface", () => {
  const context = { today: '2026-12-02', log: () => undefined, ignoreByValue: () => undefined }
  const base = {
    cwd: FIXTURES,
    dockerfiles: ['Dockerfile'],
    secretsPaths: [],
    vulnDb: { kind: 'path' as const, path: 'x' },
    ignoreUnfixed: false
  }

  it('is off unless verify-signatures says otherwise, and needs a Dockerfile or a registry image', () => {
    expect(signaturesCheck.enabled(base)).toBe(false)
    expect(signaturesCheck.enabled({ ...base, verifySignatures: 'warn' })).toBe(true)
    expect(signaturesCheck.enabled({ ...base, dockerfiles: [], verifySignatures: 'enforce' })).toBe(
      false
    )
    expect(
      signaturesCheck.enabled({
        ...base,
        dockerfiles: [],
        image: 'legacy/sig-manifest.json',
        verifySignatures: 'enforce'
      })
    ).toBe(false)
    expect(
      signaturesCheck.enabled({
        ...base,
        dockerfiles: [],
        image: 'ghcr.io/o/app:1',
        verifySignatures: 'enforce'
      })
    ).toBe(true)
  })

  it('runs the Dockerfiles and the scanned registry image through the check', async () => {
    registry.putImage('library/node', '20')
    const reference = `${registry.host}/cosign/repo@${COSIGN_SUBJECT}`
    const result = await signaturesCheck.run({
      settings: settings(),
      options: { ...base, image: reference, verifySignatures: 'enforce' },
      dockerfiles: [{ path: 'Dockerfile', text: `FROM ${registry.host}/library/node:20\n` }],
      context
    })
    expect(result.check).toBe('signatures')
    expect(result.findings.map(f => [f.location.path, f.ruleId, f.severity])).toEqual([
      [reference, 'image-unsigned', 'high'],
      ['Dockerfile', 'image-unsigned', 'high']
    ])
    expect(result.rules.map(r => r.id)).toContain('provenance-builder-not-allowed')
  })
})
