import { describe, expect, it, beforeAll, afterAll } from '@jest/globals'
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, request as httpRequest, type Server } from 'node:http'
import { type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readImage } from '../../src/image/index.js'
import { parseReference } from '../../src/image/registry.js'
import { InputError } from '../../src/model/errors.js'
import { makeTar, writeOciLayout } from './tar-writer.js'

// Pulls from Debian's real `docker-registry` on 127.0.0.1, filled by `skopeo copy`: anonymous and
// with htpasswd basic auth. The Bearer-token challenge is tested through a small token front on
// 127.0.0.1 that proxies to the same registry once a token it issued is presented.

function has(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

const tools = ['docker-registry', 'skopeo', 'htpasswd'].filter(t => !has(t))
const HOW = `missing ${tools.join(', ')}: apt-get install docker-registry skopeo apache2-utils (scripts/build-test-images.sh does)`
if (tools.length > 0 && process.env.CI === 'true') {
  describe('registry pull', () => {
    it('has its tools in CI', () => {
      expect(HOW).toBe('all tools present')
    })
  })
}
if (tools.length > 0 && process.env.CI !== 'true')
  console.warn(`skipping the registry pull tests: ${HOW}`)
const suite = tools.length === 0 ? describe : describe.skip

describe('parseReference', () => {
  it('fills in Docker Hub, library/ and latest, and keeps registries with ports', () => {
    expect(parseReference('alpine')).toMatchObject({
      registry: 'registry-1.docker.io',
      repository: 'library/alpine',
      tag: 'latest'
    })
    expect(parseReference('ghcr.io/o/r:v1')).toMatchObject({
      registry: 'ghcr.io',
      repository: 'o/r',
      tag: 'v1'
    })
    expect(parseReference(`127.0.0.1:5000/a/b@sha256:${'a'.repeat(64)}`)).toMatchObject({
      registry: '127.0.0.1:5000',
      repository: 'a/b',
      digest: `sha256:${'a'.repeat(64)}`,
      tag: undefined
    })
    expect(() => parseReference('UPPER/case')).toThrow(InputError)
  })
})

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise(resolve => server.close(resolve))
  return port
}

async function startRegistry(
  dir: string,
  name: string,
  htpasswd?: string
): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort()
  const config = join(dir, `${name}.yml`)
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log: { level: error }',
      'storage:',
      `  filesystem: { rootdirectory: ${join(dir, name)} }`,
      'http:',
      `  addr: 127.0.0.1:${port}`,
      ...(htpasswd
        ? ['auth:', '  htpasswd:', '    realm: test-realm', `    path: ${htpasswd}`]
        : [])
    ].join('\n')
  )
  const child = spawn('docker-registry', ['serve', config], { stdio: 'ignore' })
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/v2/`).then(
      () => true,
      () => false
    )
    if (up) return { port, child }
    await new Promise(r => setTimeout(r, 100))
  }
  child.kill()
  throw new Error('docker-registry did not start')
}

suite('registry pull (docker-registry + skopeo on 127.0.0.1)', () => {
  let dir: string
  let open: { port: number; child: ChildProcess }
  let locked: { port: number; child: ChildProcess }
  let front: Server
  let frontPort: number
  const issued = 'tok-' + Math.random().toString(36).slice(2)
  const REFRESH_TOKEN = 'refresh-' + Math.random().toString(36).slice(2)

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'registry-test-'))
    const layout = join(dir, 'layout')
    const layer = (arch: string): Buffer =>
      makeTar([
        { name: 'etc/os-release', content: 'ID=alpine\nVERSION_ID=3.19.1\n' },
        {
          name: 'lib/apk/db/installed',
          content: `P:musl\nV:1.2.4-r2\nA:${arch}\no:musl\n\nP:busybox\nV:1.36.1-r15\nA:${arch}\no:busybox\n`
        }
      ])
    writeOciLayout(layout, [
      { layers: [layer('x86_64')], platform: { os: 'linux', architecture: 'amd64' } },
      { layers: [layer('aarch64')], platform: { os: 'linux', architecture: 'arm64' } }
    ])
    const htpasswd = join(dir, 'htpasswd')
    execFileSync('htpasswd', ['-Bbc', htpasswd, 'gate', 's3cret-pass'], { stdio: 'ignore' })
    open = await startRegistry(dir, 'open')
    locked = await startRegistry(dir, 'locked', htpasswd)
    const copy = (port: number, creds?: string): void => {
      execFileSync(
        'skopeo',
        [
          'copy',
          '--all',
          '-q',
          '--dest-tls-verify=false',
          ...(creds ? ['--dest-creds', creds] : []),
          `oci:${layout}:latest`,
          `docker://127.0.0.1:${port}/gate/small:1`
        ],
        { stdio: 'ignore' }
      )
    }
    copy(open.port)
    copy(locked.port, 'gate:s3cret-pass')

    // The Bearer front: 401 with a token challenge, a token endpoint that wants basic auth, and a
    // proxy to the open registry for requests carrying the issued token.
    front = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      if (url.pathname === '/token' && req.method === 'POST') {
        // OAuth2 refresh-token grant (docker's identity token), form-encoded.
        let body = ''
        req.on('data', (c: Buffer) => (body += c.toString('utf8')))
        req.on('end', () => {
          const form = new URLSearchParams(body)
          const ok =
            form.get('grant_type') === 'refresh_token' &&
            form.get('refresh_token') === REFRESH_TOKEN &&
            form.get('scope') === 'repository:gate/small:pull' &&
            form.get('service') === 'test-registry'
          res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
          res.end(ok ? JSON.stringify({ access_token: issued }) : '{}')
        })
        return
      }
      if (url.pathname === '/token') {
        const ok =
          req.headers.authorization === `Basic ${Buffer.from('robot:tokenpass').toString('base64')}`
        const scopeOk =
          url.searchParams.get('scope') === 'repository:gate/small:pull' &&
          url.searchParams.get('service') === 'test-registry'
        res.writeHead(ok && scopeOk ? 200 : 401, { 'content-type': 'application/json' })
        res.end(ok && scopeOk ? JSON.stringify({ token: issued }) : '{}')
        return
      }
      if (req.headers.authorization !== `Bearer ${issued}`) {
        res.writeHead(401, {
          'www-authenticate': `Bearer realm="http://127.0.0.1:${frontPort}/token",service="test-registry",scope="repository:gate/small:pull"`
        })
        res.end()
        return
      }
      const upstream = httpRequest(
        {
          host: '127.0.0.1',
          port: open.port,
          path: req.url,
          headers: { accept: req.headers.accept ?? '*/*' }
        },
        up => {
          res.writeHead(up.statusCode ?? 502, up.headers)
          up.pipe(res)
        }
      )
      upstream.end()
    })
    await new Promise<void>(resolve => front.listen(0, '127.0.0.1', resolve))
    frontPort = (front.address() as AddressInfo).port
  })

  afterAll(async () => {
    open?.child.kill()
    locked?.child.kill()
    await new Promise(resolve => (front ? front.close(resolve) : resolve(undefined)))
    rmSync(dir, { recursive: true, force: true })
  })

  const names = (scan: { packages: { name: string; arch?: string }[] }): string[] =>
    scan.packages.map(p => `${p.name}/${p.arch}`)

  it('pulls anonymously and picks the platform from the index', async () => {
    const ref = `127.0.0.1:${open.port}/gate/small:1`
    const amd = await readImage(ref, { platform: 'linux/amd64' })
    expect(names(amd)).toEqual(['busybox/x86_64', 'musl/x86_64'])
    expect(amd.reference).toBe(ref)
    expect(amd.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(names(await readImage(ref, { platform: 'linux/arm64' }))).toEqual([
      'busybox/aarch64',
      'musl/aarch64'
    ])
    await expect(readImage(ref, { platform: 'linux/riscv64' })).rejects.toThrow(
      /no image for platform linux\/riscv64 \(platforms: linux\/amd64, linux\/arm64\)/
    )
    await expect(readImage(`127.0.0.1:${open.port}/gate/absent:1`)).rejects.toThrow(
      /not found in 127\.0\.0\.1/
    )
  })

  it('uses basic auth from the inputs or from ~/.docker/config.json, and says when it is missing', async () => {
    const ref = `127.0.0.1:${locked.port}/gate/small:1`
    await expect(
      readImage(ref, { platform: 'linux/amd64', dockerConfigPath: join(dir, 'none.json') })
    ).rejects.toThrow(/authentication required/)
    const viaInput = await readImage(ref, {
      platform: 'linux/amd64',
      registryAuth: { username: 'gate', password: 's3cret-pass' }
    })
    expect(names(viaInput)).toEqual(['busybox/x86_64', 'musl/x86_64'])
    const config = join(dir, 'config.json')
    writeFileSync(
      config,
      JSON.stringify({
        auths: {
          [`127.0.0.1:${locked.port}`]: { auth: Buffer.from('gate:s3cret-pass').toString('base64') }
        }
      })
    )
    expect(
      names(await readImage(ref, { platform: 'linux/amd64', dockerConfigPath: config }))
    ).toEqual(['busybox/x86_64', 'musl/x86_64'])
    const wrong = readImage(ref, {
      platform: 'linux/amd64',
      registryAuth: { username: 'gate', password: 'nope' }
    })
    await expect(wrong).rejects.toThrow(/access to gate\/small denied \(HTTP 401\)/)
  })

  it('answers a Bearer challenge through the token service', async () => {
    const ref = `127.0.0.1:${frontPort}/gate/small:1`
    const scan = await readImage(ref, {
      platform: 'linux/amd64',
      registryAuth: { username: 'robot', password: 'tokenpass' }
    })
    expect(names(scan)).toEqual(['busybox/x86_64', 'musl/x86_64'])
    await expect(
      readImage(ref, {
        platform: 'linux/amd64',
        registryAuth: { username: 'robot', password: 'bad' }
      })
    ).rejects.toThrow(/token service refused \(HTTP 401\)/)
  })

  it('asks docker credential helpers (credHelpers, credsStore) and exchanges identity tokens', async () => {
    // A real helper program on PATH speaking the credential-helper protocol: server on stdin.
    const bin = join(dir, 'bin')
    mkdirSync(bin, { recursive: true })
    const helper = join(bin, 'docker-credential-cgtest')
    writeFileSync(
      helper,
      [
        '#!/bin/sh',
        '[ "$1" = get ] || exit 1',
        'read server',
        'case "$server" in',
        `  127.0.0.1:${locked.port}) echo '{"ServerURL":"x","Username":"gate","Secret":"s3cret-pass"}' ;;`,
        `  127.0.0.1:${frontPort}) echo '{"ServerURL":"x","Username":"<token>","Secret":"${REFRESH_TOKEN}"}' ;;`,
        '  *) echo "credentials not found in native keychain"; exit 1 ;;',
        'esac',
        ''
      ].join('\n')
    )
    chmodSync(helper, 0o755)
    const path = process.env.PATH
    process.env.PATH = `${bin}:${path}`
    try {
      const store = join(dir, 'store.json')
      writeFileSync(store, JSON.stringify({ credsStore: 'cgtest' }))
      const viaStore = await readImage(`127.0.0.1:${locked.port}/gate/small:1`, {
        platform: 'linux/amd64',
        dockerConfigPath: store
      })
      expect(names(viaStore)).toEqual(['busybox/x86_64', 'musl/x86_64'])

      const perRegistry = join(dir, 'helpers.json')
      writeFileSync(
        perRegistry,
        JSON.stringify({ credHelpers: { [`127.0.0.1:${frontPort}`]: 'cgtest' } })
      )
      const viaIdentityToken = await readImage(`127.0.0.1:${frontPort}/gate/small:1`, {
        platform: 'linux/amd64',
        dockerConfigPath: perRegistry
      })
      expect(names(viaIdentityToken)).toEqual(['busybox/x86_64', 'musl/x86_64'])

      // An identity token stored in auths takes the same OAuth2 exchange.
      const auths = join(dir, 'identity.json')
      writeFileSync(
        auths,
        JSON.stringify({ auths: { [`127.0.0.1:${frontPort}`]: { identitytoken: REFRESH_TOKEN } } })
      )
      expect(
        names(
          await readImage(`127.0.0.1:${frontPort}/gate/small:1`, {
            platform: 'linux/amd64',
            dockerConfigPath: auths
          })
        )
      ).toEqual(['busybox/x86_64', 'musl/x86_64'])

      // A helper that is not installed, or has nothing for the server, leaves the pull anonymous.
      const missing = join(dir, 'missing.json')
      writeFileSync(missing, JSON.stringify({ credsStore: 'not-installed-anywhere' }))
      await expect(
        readImage(`127.0.0.1:${locked.port}/gate/small:1`, {
          platform: 'linux/amd64',
          dockerConfigPath: missing
        })
      ).rejects.toThrow(/authentication required/)
    } finally {
      process.env.PATH = path
    }
  })
})
