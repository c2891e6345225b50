// A small OCI distribution registry on 127.0.0.1 that speaks what signature discovery
// uses, as strictly as real ones: Bearer token challenge on every /v2 request (the token
// must carry a pull scope for the repository), manifests by tag or digest with their
// media type and Docker-Content-Digest, blobs by digest, and the OCI 1.1 referrers API
// computed from the stored manifests' `subject` (or 404 when switched off, as on ghcr.io).
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export const BUNDLE_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json'
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
const EMPTY = 'application/vnd.oci.empty.v1+json'

interface StoredManifest {
  bytes: Buffer
  mediaType: string
}

interface Repo {
  manifests: Map<string, StoredManifest>
  tags: Map<string, string>
  blobs: Map<string, Buffer>
}

export function sha256(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`
}

export class FakeRegistry {
  private server: Server | undefined
  private repos = new Map<string, Repo>()
  private tokens = new Set<string>()
  /** Every request, as `METHOD path`. */
  readonly requests: string[] = []
  referrersApi = true
  host = ''
  /** Raw answers for paths (after auth), to play a hostile registry. */
  readonly overrides = new Map<
    string,
    { status: number; body: Buffer; headers?: Record<string, string> }
  >()

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res))
    await new Promise<void>(resolve => this.server!.listen(0, '127.0.0.1', resolve))
    this.host = `127.0.0.1:${(this.server!.address() as AddressInfo).port}`
    return this
  }

  async stop(): Promise<void> {
    await new Promise(resolve => this.server?.close(resolve))
  }

  private repo(name: string): Repo {
    let repo = this.repos.get(name)
    if (!repo) {
      repo = { manifests: new Map(), tags: new Map(), blobs: new Map() }
      this.repos.set(name, repo)
    }
    return repo
  }

  putBlob(repo: string, bytes: Buffer): { digest: string; size: number } {
    const digest = sha256(bytes)
    this.repo(repo).blobs.set(digest, bytes)
    return { digest, size: bytes.byteLength }
  }

  putManifest(repo: string, doc: object | Buffer, mediaType: string, tag?: string): string {
    const bytes = Buffer.isBuffer(doc) ? doc : Buffer.from(JSON.stringify(doc))
    const digest = sha256(bytes)
    this.repo(repo).manifests.set(digest, { bytes, mediaType })
    if (tag) this.repo(repo).tags.set(tag, digest)
    return digest
  }

  /** An image (a manifest with one empty layer) under a tag; returns its digest. */
  putImage(repo: string, tag: string): string {
    const config = this.putBlob(
      repo,
      Buffer.from(
        JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Labels: { tag } } })
      )
    )
    return this.putManifest(
      repo,
      {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers: []
      },
      OCI_MANIFEST,
      tag
    )
  }

  /** A Sigstore bundle stored as cosign v3 and actions/attest store it: an artifact manifest with a subject. */
  putBundleReferrer(
    repo: string,
    subject: string,
    bundle: Buffer,
    predicateType: string
  ): { digest: string; size: number } {
    const layer = this.putBlob(repo, bundle)
    const config = this.putBlob(repo, Buffer.from('{}'))
    const doc = {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: BUNDLE_TYPE,
      config: { mediaType: EMPTY, ...config },
      layers: [{ mediaType: BUNDLE_TYPE, ...layer }],
      subject: { mediaType: OCI_MANIFEST, digest: subject, size: 1234 },
      annotations: {
        'dev.sigstore.bundle.content': 'dsse-envelope',
        'dev.sigstore.bundle.predicateType': predicateType
      }
    }
    const bytes = Buffer.from(JSON.stringify(doc))
    return { digest: this.putManifest(repo, bytes, OCI_MANIFEST), size: bytes.byteLength }
  }

  /** The referrers tag schema, as ghcr.io writes it: artifactType is the config's (empty) type. */
  putReferrersTag(
    repo: string,
    subject: string,
    referrers: { digest: string; size: number }[]
  ): void {
    this.putManifest(
      repo,
      {
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: referrers.map(r => ({ mediaType: OCI_MANIFEST, ...r, artifactType: EMPTY }))
      },
      OCI_INDEX,
      subject.replace(':', '-')
    )
  }

  /** A cosign legacy signature: the `.sig` manifest as published, and its payload blob. */
  putLegacySignature(repo: string, subject: string, manifest: object, payload: Buffer): void {
    this.putBlob(repo, payload)
    this.putManifest(repo, manifest, OCI_MANIFEST, `${subject.replace(':', '-')}.sig`)
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', `http://${this.host}`)
    this.requests.push(`${req.method} ${url.pathname}`)
    const send = (status: number, body: Buffer | string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers })
      res.end(req.method === 'HEAD' ? undefined : body)
    }
    if (url.pathname === '/token') {
      const scope = url.searchParams.get('scope') ?? ''
      if (
        url.searchParams.get('service') !== 'fake-registry' ||
        !/^repository:[a-z0-9/._-]+:pull$/.test(scope)
      )
        return send(400, '{"errors":[{"code":"DENIED"}]}')
      const token = `t-${this.tokens.size}-${scope}`
      this.tokens.add(token)
      return send(200, JSON.stringify({ token }), { 'content-type': 'application/json' })
    }
    const m = /^\/v2\/(.+)\/(manifests|blobs|referrers)\/([^/]+)$/.exec(url.pathname)
    if (!m) return send(404, '{"errors":[{"code":"NAME_UNKNOWN"}]}')
    const [, name, kind, reference] = m
    const auth = req.headers.authorization ?? ''
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : ''
    if (!this.tokens.has(token) || !token.endsWith(`repository:${name}:pull`)) {
      return send(401, '{"errors":[{"code":"UNAUTHORIZED"}]}', {
        'www-authenticate': `Bearer realm="http://${this.host}/token",service="fake-registry",scope="repository:${name}:pull"`
      })
    }
    const override = this.overrides.get(url.pathname)
    if (override) {
      // Chunked, so a size limit cannot rely on Content-Length.
      res.writeHead(override.status, override.headers ?? {})
      return void res.end(override.body)
    }
    const repo = this.repos.get(name)
    if (kind === 'referrers') {
      if (!this.referrersApi) return send(404, '404 page not found')
      const manifests = [...(repo?.manifests.entries() ?? [])].flatMap(([digest, stored]) => {
        const doc = JSON.parse(stored.bytes.toString('utf8'))
        if (doc.subject?.digest !== reference) return []
        return [
          {
            mediaType: stored.mediaType,
            digest,
            size: stored.bytes.byteLength,
            artifactType: doc.artifactType ?? doc.config?.mediaType,
            annotations: doc.annotations
          }
        ]
      })
      return send(200, JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }), {
        'content-type': OCI_INDEX
      })
    }
    if (kind === 'blobs') {
      const blob = repo?.blobs.get(reference)
      return blob
        ? send(200, blob, { 'docker-content-digest': reference })
        : send(404, '{"errors":[{"code":"BLOB_UNKNOWN"}]}')
    }
    const digest = reference.startsWith('sha256:') ? reference : repo?.tags.get(reference)
    const stored = digest ? repo?.manifests.get(digest) : undefined
    if (!stored) return send(404, '{"errors":[{"code":"MANIFEST_UNKNOWN"}]}')
    const accept = req.headers.accept ?? ''
    if (!accept.split(',').some(a => a.trim() === stored.mediaType))
      return send(404, '{"errors":[{"code":"MANIFEST_UNKNOWN","message":"not acceptable"}]}')
    return send(200, stored.bytes, {
      'content-type': stored.mediaType,
      'docker-content-digest': digest!
    })
  }
}
