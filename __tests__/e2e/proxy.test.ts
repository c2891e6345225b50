// Behind a corporate proxy: with HTTPS_PROXY / HTTP_PROXY set, every HTTP
// client (registry pull, OSV API, GitHub API for the PR comment) goes through
// the proxy's CONNECT tunnel, and NO_PROXY hosts go direct.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startFakeGitHubProcess, type FakeGitHubProcess } from '../helpers/fake-github-server.js'
import { startForwardProxyProcess, type ForwardProxy } from '../helpers/forward-proxy.js'
import { newRepo } from '../helpers/git-repo.js'
import { CLI_ENTRY, nodeBinaries, ROOT, runAction } from '../helpers/runner.js'
import { makeTar } from '../image/tar-writer.js'
import { FakeRegistry } from '../signatures/fake-registry.js'

const node = nodeBinaries()[0]!.path
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'

/** A minimal OSV v1 API: querybatch answers with no advisories, and records who asked. */
function startOsv(): Promise<{ server: Server; host: string; requests: string[] }> {
  const requests: string[] = []
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`)
    let body = ''
    req.on('data', c => (body += c))
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/querybatch')
        return void res.writeHead(404).end('{}')
      const { queries } = JSON.parse(body) as { queries: unknown[] }
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ results: queries.map(() => ({})) }))
    })
  })
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, host: `127.0.0.1:${(server.address() as AddressInfo).port}`, requests })
    )
  )
}

function runCli(
  args: string[],
  cwd: string,
  env: Record<string, string>
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    const child = spawn(node, [CLI_ENTRY, '--verify-signatures', 'off', ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', d => (stdout += d))
    child.stderr.on('data', d => (stderr += d))
    child.on('close', status => resolve({ status: status ?? -1, stdout, stderr }))
  })
}

describe('HTTPS_PROXY / HTTP_PROXY / NO_PROXY', () => {
  let proxy: ForwardProxy
  let registry: FakeRegistry
  let osv: Awaited<ReturnType<typeof startOsv>>
  let image: string

  beforeAll(async () => {
    proxy = await startForwardProxyProcess()
    registry = await new FakeRegistry().start()
    osv = await startOsv()
    // An image with one npm package, so the OSV API is asked about it.
    const layer = registry.putBlob(
      'app/web',
      makeTar([
        {
          name: 'app/node_modules/lodash/package.json',
          content: '{"name":"lodash","version":"4.17.15"}'
        }
      ])
    )
    const config = registry.putBlob(
      'app/web',
      Buffer.from(
        JSON.stringify({
          architecture: 'amd64',
          os: 'linux',
          config: {},
          rootfs: { type: 'layers', diff_ids: [layer.digest] },
          history: [{ created_by: 'COPY . /app' }]
        })
      )
    )
    registry.putManifest(
      'app/web',
      {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...layer }]
      },
      OCI_MANIFEST,
      '1.0'
    )
    image = `${registry.host}/app/web:1.0`
  })

  afterAll(async () => {
    await proxy.close()
    await registry.stop()
    await new Promise(resolve => osv.server.close(resolve))
  })

  it('the registry pull and the OSV query go through the proxy; a NO_PROXY host goes direct', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cg-proxy-'))
    const args = [
      '--no-secrets',
      '--image',
      image,
      '--osv-api-url',
      `http://${osv.host}`,
      '--format',
      'json'
    ]
    const through = await runCli(args, cwd, { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url })
    expect(through.stderr).toBe('')
    expect(through.status).toBe(0)
    const report = JSON.parse(through.stdout) as { checksRun: string[] }
    expect(report.checksRun).toContain('vulnerabilities')
    expect(osv.requests).toContain('POST /v1/querybatch')
    const connects = await proxy.connects()
    expect(connects).toContain(registry.host)
    expect(connects).toContain(osv.host)

    const before = connects.length
    const direct = await runCli(args, cwd, {
      http_proxy: proxy.url,
      NO_PROXY: osv.host
    })
    expect(direct.status).toBe(0)
    const after = (await proxy.connects()).slice(before)
    expect(after).toContain(registry.host)
    expect(after).not.toContain(osv.host)
    expect(osv.requests.filter(r => r === 'POST /v1/querybatch')).toHaveLength(2)
  }, 60000)

  it('a proxy URL that is not a URL is one clear error', async () => {
    const r = await runCli(['--no-secrets'], mkdtempSync(join(tmpdir(), 'cg-proxy-')), {
      HTTPS_PROXY: 'not a url'
    })
    expect(r.status).toBe(2)
    expect(r.stderr).toBe(
      'container-gate: HTTPS_PROXY/HTTP_PROXY is not a URL (expected http://host:port)\n'
    )
  })
})

describe('the PR comment goes through the proxy too', () => {
  let proxy: ForwardProxy
  let fake: FakeGitHubProcess

  beforeAll(async () => {
    proxy = await startForwardProxyProcess()
    fake = await startFakeGitHubProcess()
  })
  afterAll(async () => {
    await proxy.close()
    await fake.close()
  })

  it('creates the sticky comment through the CONNECT tunnel; with the API host in NO_PROXY it goes direct', async () => {
    const { dir, git } = newRepo('cg-proxy-pr-')
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nUSER 10001\n')
    git('add', '-A')
    git('commit', '-q', '-m', 'base')
    const sha = git('rev-parse', 'HEAD')
    const event = JSON.parse(
      readFileSync(join(ROOT, 'fixtures', 'events', 'pull_request.json'), 'utf8')
    )
    event.pull_request.base.sha = sha
    event.pull_request.head.sha = sha
    const apiHost = new URL(fake.url).host
    const act = (env: Record<string, string>) =>
      runAction({
        node,
        workspace: dir,
        eventName: 'pull_request',
        event,
        inputs: { 'pr-comment': 'true', 'secrets-history': 'none' },
        env: { GITHUB_API_URL: fake.url, GITHUB_SHA: sha, ...env }
      })
    const commentWrites = async () =>
      (await fake.requests()).filter(
        r => (r.method === 'POST' || r.method === 'PATCH') && r.path.includes('/comments')
      )

    // Through our dispatcher: @actions/github's default fetch (@actions/http-client)
    // never proxies loopback addresses, so the tunnel below shows Octokit uses ours.
    const run = act({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url })
    expect(run.stdout).toContain(`HTTP requests go through the proxy ${proxy.url}`)
    expect((await commentWrites()).map(r => r.method)).toEqual(['POST'])
    const connects = await proxy.connects()
    expect(connects).toContain(apiHost)

    // Same run with the API host exempted: the comment is written (PATCHed in place), no new tunnel.
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.21\nUSER 10001\n')
    const direct = act({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: apiHost })
    expect(direct.stdout).toContain(`(except NO_PROXY: ${apiHost})`)
    expect((await commentWrites()).map(r => r.method)).toEqual(['POST', 'PATCH'])
    expect(await proxy.connects()).toEqual(connects)
  }, 60000)
})
