import { createHash } from 'node:crypto'
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { InputError } from '../model/errors.js'
import { MAX_METADATA_BYTES } from './blob.js'
import { resolveManifestDocument } from './oci.js'
import { runnerPlatform } from './platform.js'
import type { Blob, BlobStore, ManifestDocument, ReadImageOptions, ResolvedImage } from './types.js'

// Pull over the OCI distribution API: anonymous, Bearer token challenge, or basic auth, with
// credentials from the inputs, ~/.docker/config.json, or the workflow token for ghcr.io. Layers
// are streamed straight into the reader and their digests checked as they go by.

export interface ImageReference {
  registry: string
  repository: string
  tag?: string
  digest?: string
  text: string
}

const DOCKER_HUB = 'registry-1.docker.io'
const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json'
].join(', ')

export function parseReference(text: string): ImageReference {
  let rest = text.trim()
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at !== -1) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
  }
  let tag: string | undefined
  const lastSlash = rest.lastIndexOf('/')
  const colon = rest.lastIndexOf(':')
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
  }
  const slash = rest.indexOf('/')
  const first = slash === -1 ? '' : rest.slice(0, slash)
  let registry = DOCKER_HUB
  let repository = rest
  if (first && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first
    repository = rest.slice(slash + 1)
  }
  if (registry === DOCKER_HUB || registry === 'docker.io' || registry === 'index.docker.io') {
    registry = DOCKER_HUB
    if (!repository.includes('/')) repository = `library/${repository}`
  }
  if (
    !/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(
      repository
    )
  ) {
    throw new InputError(`image ${text}: not a valid image reference or an existing path`)
  }
  if (digest && !/^sha256:[0-9a-f]{64}$/.test(digest))
    throw new InputError(`image ${text}: bad digest ${digest}`)
  if (!tag && !digest) tag = 'latest'
  return { registry, repository, tag, digest, text }
}

export interface Credentials {
  username?: string
  password?: string
  /** A registry Bearer token, sent as is. */
  token?: string
  /** An OAuth2 refresh token (docker login's identity token), exchanged at the token service. */
  identityToken?: string
}

export async function credentialsFor(
  registry: string,
  options: ReadImageOptions
): Promise<Credentials | undefined> {
  const given = options.registryAuth
  if (given && (given.token || given.username || given.password)) return given
  if (registry === 'ghcr.io' && options.githubToken)
    return { username: 'x-access-token', password: options.githubToken }
  const path = options.dockerConfigPath ?? join(homedir(), '.docker', 'config.json')
  const text = await readFile(path, 'utf8').catch(() => undefined)
  if (!text) return undefined
  let config: {
    auths?: Record<
      string,
      { auth?: string; identitytoken?: string; username?: string; password?: string }
    >
    credHelpers?: Record<string, string>
    credsStore?: string
  }
  try {
    config = JSON.parse(text)
  } catch {
    throw new InputError(`${path}: not valid JSON`)
  }
  const keys =
    registry === DOCKER_HUB
      ? ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', DOCKER_HUB]
      : [registry, `https://${registry}`, `http://${registry}`]
  // As docker does: a per-registry helper first, then the credential store, then `auths`.
  const helper = keys.map(k => config.credHelpers?.[k]).find(Boolean) ?? config.credsStore
  if (typeof helper === 'string' && helper !== '') {
    const fromHelper = await credentialsFromHelper(helper, keys[0]!)
    if (fromHelper) return fromHelper
  }
  for (const key of keys) {
    const entry = config.auths?.[key]
    if (!entry) continue
    if (entry.identitytoken) return { identityToken: entry.identitytoken }
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
    }
    if (entry.username) return { username: entry.username, password: entry.password }
  }
  return undefined
}

/**
 * The docker credential-helper protocol: `docker-credential-<name> get` with the server on
 * stdin answers {"ServerURL","Username","Secret"} (Username "<token>": Secret is an identity
 * token). A helper that is missing, fails or has nothing for the server yields undefined, and
 * the pull goes on with `auths` or anonymously.
 * Its own execFile rather than util/exec.ts (@actions/exec): a helper that hangs
 * (waiting for a keychain prompt) must be killed after 15 s, and @actions/exec
 * has no timeout and no handle on the child.
 */
function credentialsFromHelper(name: string, server: string): Promise<Credentials | undefined> {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return Promise.resolve(undefined)
  return new Promise(resolve => {
    const child = execFile(
      `docker-credential-${name}`,
      ['get'],
      { timeout: 15_000, maxBuffer: 1024 * 1024, env: process.env },
      (error, stdout) => {
        if (error) return resolve(undefined)
        try {
          const answer = JSON.parse(stdout) as { Username?: string; Secret?: string }
          if (!answer.Secret) return resolve(undefined)
          resolve(
            answer.Username === '<token>'
              ? { identityToken: answer.Secret }
              : { username: answer.Username ?? '', password: answer.Secret }
          )
        } catch {
          resolve(undefined)
        }
      }
    )
    child.stdin?.on('error', () => undefined) // a helper that exits before reading
    child.stdin?.end(server)
  })
}

function basic(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.username ?? ''}:${c.password ?? ''}`).toString('base64')}`
}

function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const space = header.indexOf(' ')
  const scheme = (space === -1 ? header : header.slice(0, space)).toLowerCase()
  const params: Record<string, string> = {}
  for (const m of header.slice(space + 1).matchAll(/(\w+)="([^"]*)"/g)) params[m[1]] = m[2]
  return { scheme, params }
}

/** A manifest or config body, refused past MAX_METADATA_BYTES whatever Content-Length says. */
async function readSmallBody(response: Response, registry: string): Promise<Buffer> {
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength
    if (total > MAX_METADATA_BYTES) {
      await response.body?.cancel().catch(() => undefined)
      throw new InputError(
        `registry ${registry}: a manifest or config larger than ${MAX_METADATA_BYTES} bytes`
      )
    }
    chunks.push(Buffer.from(chunk))
  }
  return Buffer.concat(chunks)
}

/** Docker's rule: a registry on this machine is spoken to over plain HTTP. */
const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]']

/** Is `registry` (host or host:port) one that may be reached, and authenticated, over plain HTTP? */
export function isInsecureRegistry(registry: string, configured?: string[]): boolean {
  const host = registry.replace(/:\d+$/, '')
  if (configured === undefined) return LOCAL_HOSTS.includes(host)
  return configured.some(entry => entry === registry || entry === host)
}

/** How many redirects a token request follows, each checked like the realm itself. */
const MAX_TOKEN_REDIRECTS = 5

export class RegistryClient {
  private authorization: string | undefined
  readonly base: string
  private readonly insecure: boolean

  constructor(
    readonly ref: ImageReference,
    private readonly credentials: Credentials | undefined,
    insecureRegistries?: string[]
  ) {
    this.insecure = isInsecureRegistry(ref.registry, insecureRegistries)
    this.base = `${this.insecure ? 'http' : 'https'}://${ref.registry}/v2/${ref.repository}`
    if (credentials?.token && !credentials.username)
      this.authorization = `Bearer ${credentials.token}`
  }

  private where(path: string): string {
    return `${this.ref.registry}/${this.ref.repository}${path}`
  }

  async request(path: string, accept?: string): Promise<Response> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const headers: Record<string, string> = {}
      if (accept) headers.accept = accept
      if (this.authorization) headers.authorization = this.authorization
      let response: Response
      try {
        // fetch drops the authorization header when a redirect leaves the registry's origin
        // (a blob served from a CDN), so a redirect to plain HTTP carries no credentials.
        response = await fetch(`${this.base}${path}`, { headers, redirect: 'follow' })
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause
        throw new InputError(
          `registry ${this.ref.registry}: cannot connect (${cause?.code ?? cause?.message ?? (error as Error).message})`
        )
      }
      if (response.status !== 401 || attempt > 0) return response
      await response.body?.cancel()
      await this.authenticate(response.headers.get('www-authenticate') ?? '')
    }
    throw new Error('unreachable')
  }

  /**
   * The token service named by a Bearer challenge (or a redirect from it) must be HTTPS when the
   * registry is: credentials never go to a plain-HTTP realm that a network attacker could name.
   */
  private checkTokenUrl(url: URL, withCredentials: boolean): void {
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new InputError(
        `registry ${this.ref.registry}: token service ${JSON.stringify(url.protocol)} is not HTTP(S)`
      )
    if (url.protocol === 'http:' && !this.insecure && withCredentials)
      throw new InputError(
        `registry ${this.ref.registry}: its token service ${url.origin} is plain HTTP; registry credentials are not sent in clear text (configure the registry as insecure if that is meant)`
      )
  }

  /** fetch for the token service, following redirects by hand so each hop is checked. */
  private async tokenFetch(
    start: URL,
    init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
    withCredentials: boolean
  ): Promise<Response> {
    let url = start
    let { method, body } = init
    let headers = init.headers
    for (let hop = 0; ; hop++) {
      this.checkTokenUrl(url, withCredentials)
      const response = await fetch(url, { method, headers, body, redirect: 'manual' })
      const location = response.headers.get('location')
      if (response.status < 300 || response.status > 399 || !location) return response
      await response.body?.cancel()
      if (hop >= MAX_TOKEN_REDIRECTS)
        throw new InputError(`registry ${this.ref.registry}: token service redirects too often`)
      const next = new URL(location, url)
      if (next.origin !== url.origin) {
        // Credentials stay with the origin the registry named: the refresh token in a POST body
        // cannot be re-sent elsewhere, a basic authorization header is dropped.
        if (body !== undefined && response.status !== 303)
          throw new InputError(
            `registry ${this.ref.registry}: token service ${url.origin} redirected to ${next.origin}; the refresh token is not re-sent elsewhere`
          )
        headers = Object.fromEntries(
          Object.entries(headers).filter(([key]) => key.toLowerCase() !== 'authorization')
        )
        withCredentials = false
      }
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && method === 'POST')
      ) {
        method = 'GET'
        body = undefined
        headers = Object.fromEntries(
          Object.entries(headers).filter(([key]) => key.toLowerCase() !== 'content-type')
        )
      }
      url = next
    }
  }

  private async authenticate(challenge: string): Promise<void> {
    const { scheme, params } = parseChallenge(challenge)
    if (scheme === 'basic') {
      if (!this.credentials?.username && !this.credentials?.password) {
        throw new InputError(
          `registry ${this.ref.registry}: authentication required (give registry credentials or log in with docker login)`
        )
      }
      this.authorization = basic(this.credentials)
      return
    }
    if (scheme !== 'bearer' || !params.realm)
      throw new InputError(
        `registry ${this.ref.registry}: unsupported authentication challenge ${JSON.stringify(challenge.slice(0, 80))}`
      )
    let url: URL
    try {
      url = new URL(params.realm)
    } catch {
      throw new InputError(`registry ${this.ref.registry}: the token service is not a URL`)
    }
    const scope = params.scope ?? `repository:${this.ref.repository}:pull`
    let response: Response
    try {
      if (this.credentials?.identityToken) {
        // The distribution spec's OAuth2 flow: POST the refresh token for an access token.
        const form = new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: this.credentials.identityToken,
          client_id: 'container-gate',
          scope,
          ...(params.service ? { service: params.service } : {})
        })
        response = await this.tokenFetch(
          url,
          {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: form.toString()
          },
          true
        )
      } else {
        if (params.service) url.searchParams.set('service', params.service)
        url.searchParams.set('scope', scope)
        const headers: Record<string, string> = {}
        const withCredentials = Boolean(this.credentials?.username || this.credentials?.password)
        if (withCredentials) headers.authorization = basic(this.credentials as Credentials)
        response = await this.tokenFetch(url, { method: 'GET', headers }, withCredentials)
      }
    } catch (error) {
      if (error instanceof InputError) throw error
      throw new InputError(
        `registry ${this.ref.registry}: cannot reach token service ${url.origin} (${(error as Error).message})`
      )
    }
    if (!response.ok)
      throw new InputError(
        `registry ${this.ref.registry}: token service refused (HTTP ${response.status}); check the registry credentials`
      )
    const body = (await response.json().catch(() => ({}))) as {
      token?: string
      access_token?: string
    }
    const token = body.token ?? body.access_token
    if (!token)
      throw new InputError(`registry ${this.ref.registry}: token service returned no token`)
    this.authorization = `Bearer ${token}`
  }

  async manifest(
    reference: string
  ): Promise<{ doc: ManifestDocument; digest: string; mediaType?: string }> {
    const response = await this.request(`/manifests/${reference}`, ACCEPT)
    if (response.status === 401 || response.status === 403) {
      throw new InputError(
        `registry ${this.ref.registry}: access to ${this.ref.repository} denied (HTTP ${response.status})`
      )
    }
    if (response.status === 404)
      throw new InputError(`image ${this.ref.text}: not found in ${this.ref.registry}`)
    if (!response.ok)
      throw new InputError(
        `registry ${this.ref.registry}: HTTP ${response.status} for ${this.where(`/manifests/${reference}`)}`
      )
    const bytes = await readSmallBody(response, this.ref.registry)
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`
    if (reference.startsWith('sha256:') && digest !== reference)
      throw new InputError(
        `registry ${this.ref.registry}: manifest ${reference} does not match its digest`
      )
    let doc: ManifestDocument
    try {
      doc = JSON.parse(bytes.toString('utf8'))
    } catch {
      throw new InputError(`registry ${this.ref.registry}: manifest ${reference} is not JSON`)
    }
    return { doc, digest, mediaType: response.headers.get('content-type') ?? undefined }
  }

  async blobBytes(digest: string): Promise<Buffer> {
    const response = await this.request(`/blobs/${digest}`)
    if (!response.ok)
      throw new InputError(
        `registry ${this.ref.registry}: HTTP ${response.status} for blob ${digest}`
      )
    const bytes = await readSmallBody(response, this.ref.registry)
    if (`sha256:${createHash('sha256').update(bytes).digest('hex')}` !== digest) {
      throw new InputError(
        `registry ${this.ref.registry}: blob ${digest} does not match its digest`
      )
    }
    return bytes
  }

  /** A layer blob, streamed; its digest and size are checked as it is read (readVerified). */
  blob(digest: string, size?: number): Blob {
    const where = this.where(`/blobs/${digest}`)
    return {
      where,
      digest,
      ...(size !== undefined ? { size } : {}),
      open: () => this.streamBlob(where, digest)
    }
  }

  private async *streamBlob(where: string, digest: string): AsyncGenerator<Buffer> {
    const response = await this.request(`/blobs/${digest}`)
    if (!response.ok || !response.body)
      throw new InputError(`registry ${this.ref.registry}: HTTP ${response.status} for ${where}`)
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
  }
}

export async function pullFromRegistry(
  ref: ImageReference,
  options: ReadImageOptions
): Promise<ResolvedImage> {
  const client = new RegistryClient(
    ref,
    await credentialsFor(ref.registry, options),
    options.insecureRegistries
  )
  const top = await client.manifest(ref.digest ?? (ref.tag as string))
  const store: BlobStore = {
    where: `${ref.registry}/${ref.repository}`,
    json: async digest => {
      const bytes = await client.blobBytes(digest)
      try {
        return JSON.parse(bytes.toString('utf8'))
      } catch {
        throw new InputError(`registry ${ref.registry}: blob ${digest} is not JSON`)
      }
    },
    manifest: async digest => (await client.manifest(digest)).doc,
    blob: (digest, size) => client.blob(digest, size)
  }
  const image = await resolveManifestDocument(
    store,
    top.doc,
    { digest: top.digest, mediaType: top.doc.mediaType ?? top.mediaType },
    ref.text,
    options.platform ?? runnerPlatform(),
    options.platform !== undefined
  )
  return { ...image, reference: ref.text }
}
