import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runSignaturesCheck } from '../../src/signatures/check.js'
import { GITHUB_ACTIONS_ISSUER } from '../../src/signatures/policy.js'
import { DEFAULT_SIGNATURES_SETTINGS } from '../../src/signatures/settings.js'
import { BUNDLE_TYPE, sha256 } from './fake-registry.js'
import { fixture, fixtureJson, FIXTURES, GH_PUBLIC_SUBJECT, LEGACY_SUBJECT } from './helpers.js'

// The real CNCF distribution registry (Debian's docker-registry 2.8, which has no referrers
// API) on 127.0.0.1, filled over the push API: discovery must fall back to the referrers
// tag schema and read cosign .sig tags as a real registry serves them.

function has(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
const missing = !has('docker-registry')
if (missing && process.env.CI === 'true') {
  describe('signatures on docker-registry', () => {
    it('has docker-registry in CI', () => {
      expect('docker-registry missing (apt-get install docker-registry)').toBe('present')
    })
  })
}
const suite = missing ? describe.skip : describe

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'

suite('signature discovery on a real distribution registry (no referrers API)', () => {
  let dir: string
  let child: ChildProcess
  let host: string

  async function pushBlob(repo: string, bytes: Buffer): Promise<{ digest: string; size: number }> {
    const digest = sha256(bytes)
    const start = await fetch(`http://${host}/v2/${repo}/blobs/uploads/`, { method: 'POST' })
    const location = new URL(start.headers.get('location')!, `http://${host}`)
    location.searchParams.set('digest', digest)
    const put = await fetch(location, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': 'application/octet-stream' }
    })
    if (put.status !== 201) throw new Error(`blob push: HTTP ${put.status} ${await put.text()}`)
    return { digest, size: bytes.byteLength }
  }

  async function pushManifest(
    repo: string,
    reference: string,
    doc: object,
    mediaType: string
  ): Promise<{ digest: string; size: number }> {
    const bytes = Buffer.from(JSON.stringify(doc))
    const put = await fetch(`http://${host}/v2/${repo}/manifests/${reference}`, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': mediaType }
    })
    if (put.status !== 201) throw new Error(`manifest push: HTTP ${put.status} ${await put.text()}`)
    return { digest: sha256(bytes), size: bytes.byteLength }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cg-sig-registry-'))
    const probe = createServer()
    await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve))
    const { port } = probe.address() as AddressInfo
    await new Promise(resolve => probe.close(resolve))
    host = `127.0.0.1:${port}`
    const configFile = join(dir, 'config.yml')
    writeFileSync(
      configFile,
      [
        'version: 0.1',
        'log: { level: error }',
        'storage:',
        `  filesystem: { rootdirectory: ${join(dir, 'data')} }`,
        'http:',
        `  addr: ${host}`
      ].join('\n')
    )
    child = spawn('docker-registry', ['serve', configFile], { stdio: 'ignore' })
    for (let i = 0; i < 100; i++) {
      if (
        await fetch(`http://${host}/v2/`).then(
          () => true,
          () => false
        )
      )
        break
      await new Promise(r => setTimeout(r, 100))
    }

    // actions/attest-build-provenance's public attestation, stored as @sigstore/oci stores it
    // where the registry has no referrers API: artifact manifest + sha256-<hex> index.
    const repo = 'actions/attest-build-provenance'
    const empty = await pushBlob(repo, Buffer.from('{}'))
    const layer = await pushBlob(
      repo,
      fixture('github/attest-build-provenance-13532655.sigstore.json')
    )
    const referrer = await pushManifest(
      repo,
      sha256(Buffer.from('r1')).replace(':', '-'),
      {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        artifactType: BUNDLE_TYPE,
        config: { mediaType: 'application/vnd.oci.empty.v1+json', ...empty },
        layers: [{ mediaType: BUNDLE_TYPE, ...layer }],
        subject: { mediaType: OCI_MANIFEST, digest: GH_PUBLIC_SUBJECT, size: 1000 }
      },
      OCI_MANIFEST
    )
    await pushManifest(
      repo,
      GH_PUBLIC_SUBJECT.replace(':', '-'),
      {
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [{ mediaType: OCI_MANIFEST, ...referrer, artifactType: BUNDLE_TYPE }]
      },
      OCI_INDEX
    )

    // The real cosign .sig of salrashid123/server_image (config blob replaced by one we have:
    // the manifest itself is not what is signed, its layer and annotations are).
    const sigRepo = 'salrashid123/server_image'
    const payload = await pushBlob(sigRepo, fixture('legacy/simplesigning-payload.json'))
    const config = await pushBlob(sigRepo, Buffer.from('{"architecture":"","config":{},"os":""}'))
    const sig = fixtureJson<{ layers: object[] }>('legacy/sig-manifest.json')
    await pushManifest(
      sigRepo,
      `${LEGACY_SUBJECT.replace(':', '-')}.sig`,
      {
        ...sig,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers: [{ ...sig.layers[0], ...payload }]
      },
      OCI_MANIFEST
    )
  })

  afterAll(() => {
    child?.kill()
    rmSync(dir, { recursive: true, force: true })
  })

  it('finds and verifies both through the tag fallback and the .sig tag', async () => {
    const result = await runSignaturesCheck(
      {
        dockerfiles: [
          {
            path: 'Dockerfile',
            text: `FROM ${host}/actions/attest-build-provenance@${GH_PUBLIC_SUBJECT}\nFROM ${host}/salrashid123/server_image@${LEGACY_SUBJECT}\n`
          }
        ],
        cwd: FIXTURES,
        auth: { dockerConfigPath: '/nonexistent' }
      },
      {
        ...DEFAULT_SIGNATURES_SETTINGS,
        trustedRoots: [{ kind: 'file', path: 'github/trusted_root.jsonl' }],
        policies: [
          {
            name: 'attest',
            images: ['**/actions/attest-build-provenance'],
            issuer: GITHUB_ACTIONS_ISSUER,
            identity: '^https://github\\.com/actions/attest-build-provenance/',
            require: ['provenance'],
            builders: []
          }
        ]
      },
      'enforce'
    )
    expect(result.findings).toEqual([])
    expect(result.images.map(i => i.results.map(r => r.status))).toEqual([
      ['satisfied'],
      ['satisfied']
    ])
    expect(result.stats).toMatchObject({ images: 2, verified: 2, evidence: 2 })
  })
})
