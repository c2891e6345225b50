import { describe, expect, it, beforeAll, afterAll } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as tls from 'node:tls'
import { readImage } from '../../src/image/index.js'
import { makeTar, writeOciLayout } from './tar-writer.js'

// Registry credentials never travel in clear text: an HTTPS registry whose Bearer challenge names
// a plain-HTTP token service (or whose token service redirects there) gets no password, no
// refresh token, no basic header. The registry and token services are servers on 127.0.0.1; the
// HTTPS ones use a certificate made here by openssl and trusted for this process only
// (tls.setDefaultCACertificates), and `insecureRegistries: []` makes 127.0.0.1 a registry that is
// spoken to over HTTPS, as any remote one is.

const USER = 'robot'
const PASS = 'pw-' + Math.random().toString(36).slice(2)
const REFRESH = 'refresh-' + Math.random().toString(36).slice(2)
const ISSUED = 'tok-' + Math.random().toString(36).slice(2)
const BASIC = `Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`

interface Seen {
  method: string
  url: string
  authorization?: string
  body: string
}

function record(req: IncomingMessage, seen: Seen[]): Promise<Seen> {
  return new Promise(resolve => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString('utf8')))
    req.on('end', () => {
      const entry = {
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        body
      }
      seen.push(entry)
      resolve(entry)
    })
  })
}

/** A token service as the distribution spec has it: GET with basic auth, or POST a refresh token. */
async function answerToken(
  req: IncomingMessage,
  res: import('node:http').ServerResponse,
  seen: Seen[]
): Promise<void> {
  const entry = await record(req, seen)
  const form = new URLSearchParams(entry.body)
  const ok =
    entry.method === 'POST'
      ? form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === REFRESH
      : entry.authorization === BASIC || entry.authorization === undefined
  res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
  res.end(ok ? JSON.stringify({ token: ISSUED, access_token: ISSUED }) : '{}')
}

function listen(server: Server): Promise<number> {
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
  )
}

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()
if (!hasOpenssl && process.env.CI === 'true') {
  describe('registry credentials over TLS', () => {
    it('has openssl in CI', () => {
      expect('openssl missing (apt-get install openssl)').toBe('openssl present')
    })
  })
}
const suite = hasOpenssl ? describe : describe.skip

suite('registry credentials are never sent in clear text (HTTPS registry on 127.0.0.1)', () => {
  let dir: string
  let originalCas: string[]
  const servers: Server[] = []
  let registryPort: number
  let plainTokenPort: number
  let tlsTokenPort: number
  let cdnPort: number
  /** The realm the registry names in its next challenge. */
  let realm = ''
  /** Blob requests are redirected to the plain-HTTP CDN when set. */
  let blobsToCdn = false
  const plainTokenSeen: Seen[] = []
  const tlsTokenSeen: Seen[] = []
  const cdnSeen: Seen[] = []
  /** Where the TLS token service sends a client: undefined answers, else a 307 there. */
  let tlsTokenRedirect: string | undefined
  const content = new Map<string, { type: string; body: Buffer }>()

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registry-tls-'))
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-days',
        '2'
      ],
      { stdio: 'ignore' }
    )
    const cert = readFileSync(join(dir, 'cert.pem'), 'utf8')
    const key = readFileSync(join(dir, 'key.pem'), 'utf8')
    originalCas = tls.getCACertificates('default')
    tls.setDefaultCACertificates([...originalCas, cert])

    // A small image, served by digest (and its manifest by tag) as the distribution API does.
    const layout = join(dir, 'layout')
    writeOciLayout(layout, [
      {
        layers: [
          makeTar([
            { name: 'etc/os-release', content: 'ID=alpine\nVERSION_ID=3.19.1\n' },
            { name: 'lib/apk/db/installed', content: 'P:musl\nV:1.2.4-r2\nA:x86_64\no:musl\n' }
          ])
        ]
      }
    ])
    const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8')) as {
      manifests: { digest: string }[]
    }
    const blob = (digest: string): Buffer =>
      readFileSync(join(layout, 'blobs', 'sha256', digest.slice(7)))
    const manifestDigest = index.manifests[0].digest
    const manifest = blob(manifestDigest)
    const type = 'application/vnd.oci.image.manifest.v1+json'
    content.set('/v2/gate/small/manifests/1', { type, body: manifest })
    content.set(`/v2/gate/small/manifests/${manifestDigest}`, { type, body: manifest })
    const doc = JSON.parse(manifest.toString('utf8')) as {
      config: { digest: string }
      layers: { digest: string }[]
    }
    for (const d of [doc.config.digest, ...doc.layers.map(l => l.digest)])
      content.set(`/v2/gate/small/blobs/${d}`, { type: 'application/octet-stream', body: blob(d) })

    const registry = createHttpsServer({ cert, key }, (req, res) => {
      if (req.headers.authorization !== `Bearer ${ISSUED}`) {
        res.writeHead(401, {
          'www-authenticate': `Bearer realm="${realm}",service="test-registry",scope="repository:gate/small:pull"`
        })
        res.end()
        return
      }
      const path = req.url ?? ''
      const found = content.get(path)
      if (!found) {
        res.writeHead(404)
        res.end()
        return
      }
      if (blobsToCdn && path.includes('/blobs/')) {
        res.writeHead(307, { location: `http://127.0.0.1:${cdnPort}${path}` })
        res.end()
        return
      }
      res.writeHead(200, { 'content-type': found.type, 'content-length': found.body.length })
      res.end(found.body)
    })
    const plainToken = createHttpServer((req, res) => void answerToken(req, res, plainTokenSeen))
    const tlsToken = createHttpsServer({ cert, key }, (req, res) => {
      if (tlsTokenRedirect) {
        void record(req, tlsTokenSeen).then(() => {
          res.writeHead(307, { location: tlsTokenRedirect })
          res.end()
        })
        return
      }
      void answerToken(req, res, tlsTokenSeen)
    })
    const cdn = createHttpServer((req, res) => {
      void record(req, cdnSeen).then(entry => {
        const found = content.get(entry.url)
        res.writeHead(found ? 200 : 404)
        res.end(found?.body)
      })
    })
    servers.push(registry, plainToken, tlsToken, cdn)
    ;[registryPort, plainTokenPort, tlsTokenPort, cdnPort] = await Promise.all(servers.map(listen))
  })

  afterAll(async () => {
    if (originalCas) tls.setDefaultCACertificates(originalCas)
    await Promise.all(servers.map(s => new Promise(resolve => s.close(resolve))))
    rmSync(dir, { recursive: true, force: true })
  })

  const ref = (): string => `127.0.0.1:${registryPort}/gate/small:1`
  const secure = { platform: 'linux/amd64', insecureRegistries: [] as string[] }
  const reset = (): void => {
    plainTokenSeen.length = 0
    tlsTokenSeen.length = 0
    cdnSeen.length = 0
    tlsTokenRedirect = undefined
    blobsToCdn = false
  }
  const leaked = (seen: Seen[]): boolean =>
    seen.some(
      s =>
        s.authorization !== undefined ||
        s.body.includes(REFRESH) ||
        s.body.includes(PASS) ||
        s.url.includes(PASS)
    )

  it('pulls with basic credentials through an HTTPS token service', async () => {
    reset()
    realm = `https://127.0.0.1:${tlsTokenPort}/token`
    const scan = await readImage(ref(), {
      ...secure,
      registryAuth: { username: USER, password: PASS }
    })
    expect(scan.packages.map(p => p.name)).toEqual(['musl'])
    expect(tlsTokenSeen.map(s => s.authorization)).toEqual([BASIC])
  })

  it('refuses to send a password to a plain-HTTP realm named by an HTTPS registry', async () => {
    reset()
    realm = `http://127.0.0.1:${plainTokenPort}/token`
    await expect(
      readImage(ref(), { ...secure, registryAuth: { username: USER, password: PASS } })
    ).rejects.toThrow(
      new RegExp(
        // After what the local engine said: the image came from neither.
        `nor pulled from its registry: registry 127\\.0\\.0\\.1:${registryPort}: its token service http://127\\.0\\.0\\.1:${plainTokenPort} is plain HTTP; registry credentials are not sent in clear text`
      )
    )
    expect(plainTokenSeen).toEqual([])
  })

  it('refuses to send a refresh token (docker login identity token) there either', async () => {
    reset()
    realm = `http://127.0.0.1:${plainTokenPort}/token`
    const config = join(dir, 'identity.json')
    writeFileSync(
      config,
      JSON.stringify({ auths: { [`127.0.0.1:${registryPort}`]: { identitytoken: REFRESH } } })
    )
    await expect(readImage(ref(), { ...secure, dockerConfigPath: config })).rejects.toThrow(
      /is plain HTTP; registry credentials are not sent in clear text/
    )
    expect(plainTokenSeen).toEqual([])
  })

  it('lets an anonymous pull use a plain-HTTP realm (nothing secret is sent)', async () => {
    reset()
    realm = `http://127.0.0.1:${plainTokenPort}/token`
    const scan = await readImage(ref(), {
      ...secure,
      dockerConfigPath: join(dir, 'none.json')
    })
    expect(scan.packages.map(p => p.name)).toEqual(['musl'])
    expect(plainTokenSeen).toHaveLength(1)
    expect(leaked(plainTokenSeen)).toBe(false)
  })

  it('does not carry credentials through a token-service redirect to plain HTTP', async () => {
    reset()
    realm = `https://127.0.0.1:${tlsTokenPort}/token`
    tlsTokenRedirect = `http://127.0.0.1:${plainTokenPort}/token`
    // GET with basic auth: the hop to another origin goes without the authorization header, and
    // the plain-HTTP service then gives an anonymous token.
    const scan = await readImage(ref(), {
      ...secure,
      registryAuth: { username: USER, password: PASS }
    })
    expect(scan.packages.map(p => p.name)).toEqual(['musl'])
    expect(tlsTokenSeen.map(s => s.authorization)).toEqual([BASIC])
    expect(plainTokenSeen).toHaveLength(1)
    expect(leaked(plainTokenSeen)).toBe(false)
    // POST of a refresh token: never re-sent to another origin.
    reset()
    tlsTokenRedirect = `http://127.0.0.1:${plainTokenPort}/token`
    const config = join(dir, 'identity-redirect.json')
    writeFileSync(
      config,
      JSON.stringify({ auths: { [`127.0.0.1:${registryPort}`]: { identitytoken: REFRESH } } })
    )
    await expect(readImage(ref(), { ...secure, dockerConfigPath: config })).rejects.toThrow(
      /redirected to http:\/\/127\.0\.0\.1:\d+; the refresh token is not re-sent elsewhere/
    )
    expect(plainTokenSeen).toEqual([])
  })

  it('sends no registry token along a blob redirect to plain HTTP (a CDN)', async () => {
    reset()
    realm = `https://127.0.0.1:${tlsTokenPort}/token`
    blobsToCdn = true
    const scan = await readImage(ref(), {
      ...secure,
      registryAuth: { username: USER, password: PASS }
    })
    expect(scan.packages.map(p => p.name)).toEqual(['musl'])
    expect(cdnSeen.length).toBeGreaterThan(0)
    expect(cdnSeen.every(s => s.authorization === undefined)).toBe(true)
  })

  it('allows a plain-HTTP realm for a registry configured as insecure', async () => {
    reset()
    // A plain-HTTP registry named in insecureRegistries: its plain-HTTP realm gets the password.
    const plainRegistry = createHttpServer((req, res) => {
      if (req.headers.authorization !== `Bearer ${ISSUED}`) {
        res.writeHead(401, {
          'www-authenticate': `Bearer realm="http://127.0.0.1:${plainTokenPort}/token",service="s"`
        })
        res.end()
        return
      }
      const found = content.get(req.url ?? '')
      res.writeHead(found ? 200 : 404, found ? { 'content-type': found.type } : {})
      res.end(found?.body)
    })
    const port = await listen(plainRegistry)
    try {
      const scan = await readImage(`127.0.0.1:${port}/gate/small:1`, {
        platform: 'linux/amd64',
        insecureRegistries: [`127.0.0.1:${port}`],
        registryAuth: { username: USER, password: PASS }
      })
      expect(scan.packages.map(p => p.name)).toEqual(['musl'])
      expect(plainTokenSeen.map(s => s.authorization)).toEqual([BASIC])
    } finally {
      await new Promise(resolve => plainRegistry.close(resolve))
    }
  })
})
