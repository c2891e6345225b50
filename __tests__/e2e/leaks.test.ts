// End to end: secrets planted in every kind of text a scan copies out of an
// image (history created_by, config Env, labels, a file name, file contents)
// and out of OSV records must not reach any output channel of the action
// (stdout with its workflow commands, outputs, the job summary, SARIF, the
// SBOM, and the comment and check-run request bodies sent to GitHub) or of
// the CLI (text, JSON, SARIF, SBOM). The sources run directly (tsx), so the
// test checks the code of this commit, not the last dist/ bundle.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  startFakeGitHubProcess,
  type FakeGitHubProcess,
  type RecordedRequest
} from '../helpers/fake-github-server.js'
import { gitIn } from '../helpers/git-repo.js'
import {
  nodeBinaries,
  ROOT,
  runAction,
  runCliBundle,
  SOURCE_ACTION_ENTRY,
  SOURCE_CLI_ENTRY,
  type ActionRun
} from '../helpers/runner.js'
import { makeTar, sha256 } from '../image/tar-writer.js'

// ---------------------------------------------------------------- secrets

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'

/** A deterministic stream of random-looking characters (no test depends on Math.random). */
function chars(seed: number): (n: number, alphabet?: string) => string {
  let state = seed
  return (n, alphabet = ALNUM) => {
    let out = ''
    for (let i = 0; i < n; i++) {
      state = (state * 1103515245 + 12345) % 2147483648
      out += alphabet[(state >>> 8) % alphabet.length]
    }
    return out
  }
}

function crc32(text: string): number {
  let crc = -1
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1
  }
  return (crc ^ -1) >>> 0
}

function base62(n: number, width: number): string {
  let out = ''
  for (; n > 0; n = Math.floor(n / 62)) out = BASE62[n % 62] + out
  return out.padStart(width, '0')
}

interface Planted {
  npm: string
  stripe: string
  /** The password of a `https://user:password@host` URL. */
  urlPassword: string
  url: string
  password: string
}

/** Four secrets of four kinds, distinct for each place they are planted. */
function plant(seed: number): Planted {
  const next = chars(seed)
  const body = next(30, BASE62)
  const urlPassword = next(14)
  return {
    // npm's 2021 format: 30 random base62 characters and their base62 CRC32.
    npm: `npm_${body}${base62(crc32(body), 6)}`,
    stripe: `sk_live_${next(32)}`,
    urlPassword,
    url: `https://deploy:${urlPassword}@pypi.internal.corp/simple`,
    password: next(20)
  }
}

const WHERE = ['history', 'env', 'labels', 'fileName', 'fileContent', 'osv'] as const
type Where = (typeof WHERE)[number]
const SECRETS: Record<Where, Planted> = Object.fromEntries(
  WHERE.map((where, i) => [where, plant(1000 + i * 7919)])
) as Record<Where, Planted>

/** What must never appear: each secret past its first 4 characters (the most a redaction shows). */
function forbidden(): { label: string; text: string }[] {
  const out: { label: string; text: string }[] = []
  for (const where of WHERE) {
    const s = SECRETS[where]
    for (const kind of ['npm', 'stripe', 'urlPassword', 'password'] as const)
      out.push({ label: `${where} ${kind}`, text: s[kind].slice(4) })
  }
  return out
}

function leaksIn(text: string): string[] {
  return forbidden()
    .filter(f => text.includes(f.text))
    .map(f => f.label)
}

// ---------------------------------------------------------------- the image

const PINNED = 'node:20-bookworm-slim@sha256:' + 'a'.repeat(64)
const DOCKERFILE = [
  `FROM ${PINNED}`,
  'WORKDIR /app',
  'COPY package.json .',
  'RUN npm ci',
  'USER node',
  'CMD ["node", "server.js"]',
  ''
].join('\n')

function writeImage(dir: string): void {
  const h = SECRETS.history
  const e = SECRETS.env
  const l = SECRETS.labels
  const n = SECRETS.fileName
  const c = SECRETS.fileContent
  const layer = makeTar([
    {
      name: 'app/node_modules/lodash/package.json',
      content: '{"name":"lodash","version":"4.17.15"}'
    },
    // A file name: the directory a vulnerable package lives in.
    {
      name: `app/vendor/${n.npm}/node_modules/minimist/package.json`,
      content: '{"name":"minimist","version":"1.2.5"}'
    },
    // A file name and its content: a key file the secrets scan reports.
    { name: `app/keys/${n.stripe}.env`, content: `DB_PASSWORD=${c.password}\n` },
    // File contents: a package whose metadata carries a secret (copied into the SBOM).
    {
      name: 'app/node_modules/internal-sdk/package.json',
      content: JSON.stringify({ name: 'internal-sdk', version: `1.0.0-${c.stripe}` })
    },
    {
      name: 'app/.env',
      content: `NPM_TOKEN=${c.npm}\nPIP_INDEX_URL=${c.url}\nSTRIPE_KEY=${c.stripe}\n`
    }
  ])
  const blob = gzipSync(layer)
  const config = Buffer.from(
    JSON.stringify({
      os: 'linux',
      architecture: 'amd64',
      config: {
        User: 'node',
        Env: [
          'PATH=/usr/local/bin:/usr/bin',
          `NPM_TOKEN=${e.npm}`,
          `STRIPE_API_KEY=${e.stripe}`,
          `PIP_INDEX_URL=${e.url}`,
          `DB_PASSWORD=${e.password}`
        ],
        Labels: {
          'org.opencontainers.image.source': l.url,
          'com.example.npm-token': l.npm,
          'com.example.stripe': l.stripe,
          'com.example.db-password': l.password
        }
      },
      rootfs: { type: 'layers', diff_ids: [sha256(layer)] },
      history: [
        {
          created_by:
            `RUN |4 NPM_TOKEN=${h.npm} STRIPE_KEY=${h.stripe} DB_PASSWORD=${h.password} ` +
            `PIP_INDEX_URL=${h.url} /bin/sh -c npm ci # buildkit`
        }
      ]
    })
  )
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: sha256(config),
        size: config.length
      },
      layers: [
        {
          mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
          digest: sha256(blob),
          size: blob.length
        }
      ]
    })
  )
  const blobs = join(dir, 'blobs', 'sha256')
  mkdirSync(blobs, { recursive: true })
  for (const data of [config, blob, manifest])
    writeFileSync(join(blobs, sha256(data).slice(7)), data)
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: sha256(manifest),
          size: manifest.length,
          annotations: { 'org.opencontainers.image.ref.name': 'latest' }
        }
      ]
    })
  )
}

/** OSV records for the two packages, their text carrying secrets. */
function writeOsv(dir: string): void {
  const o = SECRETS.osv
  mkdirSync(dir, { recursive: true })
  const record = (id: string, name: string, fixed: string, summary: string, details: string) => ({
    schema_version: '1.6.0',
    id,
    modified: '2024-01-01T00:00:00Z',
    aliases: [],
    summary,
    details,
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [
      {
        package: { ecosystem: 'npm', name },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }]
      }
    ],
    references: [{ type: 'WEB', url: o.url }]
  })
  writeFileSync(
    join(dir, 'lodash.json'),
    JSON.stringify(
      record(
        'GHSA-leak-0001-aaaa',
        'lodash',
        '4.17.21',
        `Prototype pollution; reproduce with NPM_TOKEN=${o.npm} against ${o.url}`,
        `The exploit server uses password=${o.password}.`
      )
    )
  )
  writeFileSync(
    join(dir, 'minimist.json'),
    JSON.stringify(
      record(
        'GHSA-leak-0002-bbbb',
        'minimist',
        '1.2.6',
        `Prototype pollution (reported with key ${o.stripe})`,
        `password: ${o.password}`
      )
    )
  )
}

function makeWorkspace(): { dir: string; baseSha: string; headSha: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cg-leaks-'))
  const git = gitIn(dir)
  git('init', '-q', '-b', 'main')
  writeFileSync(join(dir, 'README.md'), '# app\n')
  git('add', '-A')
  git('commit', '-q', '-m', 'base')
  const baseSha = git('rev-parse', 'HEAD')
  writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE)
  mkdirSync(join(dir, 'app'))
  writeFileSync(join(dir, 'app', 'server.js'), 'console.log(process.env.GREETING)\n')
  git('add', '-A')
  git('commit', '-q', '-m', 'head')
  const headSha = git('rev-parse', 'HEAD')
  // The built image and the advisory data are inputs, not part of the change.
  writeImage(join(dir, 'image'))
  writeOsv(join(dir, 'osv'))
  return { dir, baseSha, headSha }
}

function eventFor(baseSha: string, headSha: string): unknown {
  const event = JSON.parse(
    readFileSync(join(ROOT, 'fixtures', 'events', 'pull_request.json'), 'utf8')
  )
  event.pull_request.base.sha = baseSha
  event.pull_request.head.sha = headSha
  return event
}

const node = nodeBinaries()[0]!.path

describe('no planted secret reaches any output', () => {
  let fake: FakeGitHubProcess
  let ws: { dir: string; baseSha: string; headSha: string }
  let run: ActionRun
  let requests: RecordedRequest[]
  const cli: Record<string, { stdout: string; stderr: string; status: number | null }> = {}

  beforeAll(async () => {
    ws = makeWorkspace()
    fake = await startFakeGitHubProcess()
    run = runAction({
      node,
      entry: SOURCE_ACTION_ENTRY,
      workspace: ws.dir,
      eventName: 'pull_request',
      event: eventFor(ws.baseSha, ws.headSha),
      inputs: {
        image: 'image',
        'vuln-db': 'osv',
        'secrets-path': 'app',
        'sbom-file': 'out/action.cdx.json',
        'sarif-file': 'out/action.sarif',
        'pr-comment': 'true',
        annotations: 'check-run'
      },
      env: { GITHUB_API_URL: fake.url, GITHUB_SHA: ws.headSha }
    })
    requests = await fake.requests()
    const args = ['--image', 'image', '--vuln-db', 'osv', '--secrets', 'app']
    for (const format of ['text', 'json', 'sarif']) {
      const extra =
        format === 'json' ? ['--sbom', 'out/cli.cdx.json', '--sarif', 'out/cli.sarif'] : []
      cli[format] = runCliBundle(
        node,
        [...args, '--format', format, ...extra],
        ws.dir,
        {},
        SOURCE_CLI_ENTRY
      )
    }
    cli.baseline = runCliBundle(
      node,
      ['baseline', ...args, '--output', 'out/baseline.json'],
      ws.dir,
      {},
      SOURCE_CLI_ENTRY
    )
  }, 240000)

  afterAll(async () => {
    await fake.close()
  })

  it('scanned what was planted: the run found the vulnerabilities and the secrets', () => {
    expect(run.status).toBe(1)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(run.summary).toContain('GHSA-leak-0001-aaaa')
    expect(run.summary).toContain('GHSA-leak-0002-bbbb')
    // The config's Env and history secrets sit on the Dockerfile's lines, named by what they are in the image.
    expect(run.summary).toMatch(/\(in the image: <code>config\/Env\//)
    expect(run.summary).toMatch(/\(in the image: <code>history\/\d+<\/code>\)/)
    const sbom = readFileSync(join(ws.dir, 'out', 'action.cdx.json'), 'utf8')
    expect(sbom).toContain('internal-sdk')
    expect(sbom).toContain('minimist')
    expect(cli.json!.status).toBe(1)
    const json = JSON.parse(cli.json!.stdout) as { findings: { ruleId: string }[] }
    expect(json.findings.length).toBeGreaterThan(5)
  })

  it('still ties each vulnerability to the RUN line, from the redacted history text', () => {
    const sarif = JSON.parse(readFileSync(join(ws.dir, 'out', 'action.sarif'), 'utf8')) as {
      runs: {
        results: {
          ruleId: string
          properties: { createdBy?: string }
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } }
          }[]
        }[]
      }[]
    }
    const results = sarif.runs.flatMap(r => r.results).filter(r => r.ruleId.startsWith('GHSA-leak'))
    expect(results).toHaveLength(2)
    for (const result of results) {
      const where = result.locations[0]!.physicalLocation
      expect(`${where.artifactLocation.uri}:${where.region?.startLine}`).toBe('Dockerfile:4')
      expect(result.properties.createdBy).toMatch(/^RUN \|4 NPM_TOKEN=npm_…\(40chars\) /)
    }
  })

  it('sent the PR comment and the check run', () => {
    const written = requests.filter(r => r.method !== 'GET')
    expect(written.some(r => /\/issues\/42\/comments$/.test(r.path))).toBe(true)
    expect(written.some(r => /\/check-runs$/.test(r.path))).toBe(true)
  })

  it.each([
    ['action stdout (log and workflow commands)', () => run.stdout],
    ['action stderr', () => run.stderr],
    ['action outputs', () => JSON.stringify(run.outputs)],
    ['job summary', () => run.summary],
    ['action SARIF', () => readFileSync(join(ws.dir, 'out', 'action.sarif'), 'utf8')],
    ['action SBOM', () => readFileSync(join(ws.dir, 'out', 'action.cdx.json'), 'utf8')],
    [
      'PR comment request bodies',
      () =>
        requests
          .filter(r => r.method !== 'GET' && /\/comments/.test(r.path))
          .map(r => r.body)
          .join('\n')
    ],
    [
      'check-run request bodies',
      () =>
        requests
          .filter(r => r.method !== 'GET' && /\/check-runs/.test(r.path))
          .map(r => r.body)
          .join('\n')
    ],
    ['CLI text report', () => cli.text!.stdout + cli.text!.stderr],
    ['CLI JSON report', () => cli.json!.stdout + cli.json!.stderr],
    ['CLI SARIF report', () => cli.sarif!.stdout + cli.sarif!.stderr],
    ['CLI SARIF file', () => readFileSync(join(ws.dir, 'out', 'cli.sarif'), 'utf8')],
    ['CLI SBOM', () => readFileSync(join(ws.dir, 'out', 'cli.cdx.json'), 'utf8')],
    [
      'CLI baseline file and output',
      () =>
        readFileSync(join(ws.dir, 'out', 'baseline.json'), 'utf8') +
        cli.baseline!.stdout +
        cli.baseline!.stderr
    ]
  ])('%s holds no planted secret', (_channel, read) => {
    expect(leaksIn(read())).toEqual([])
  })
})

describe('an error that quotes the image is redacted too', () => {
  // An OCI index whose manifest digest is a secret: reading stops with an input error naming it.
  function badImage(): string {
    const dir = mkdtempSync(join(tmpdir(), 'cg-leaks-'))
    mkdirSync(join(dir, 'image'))
    writeFileSync(join(dir, 'image', 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
    writeFileSync(
      join(dir, 'image', 'index.json'),
      JSON.stringify({
        schemaVersion: 2,
        manifests: [
          {
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            digest: `sha256:${SECRETS.history.npm}`,
            size: 10
          }
        ]
      })
    )
    return dir
  }

  it('in the CLI', () => {
    const dir = badImage()
    const out = runCliBundle(node, ['--image', 'image', '--no-secrets'], dir, {}, SOURCE_CLI_ENTRY)
    expect(out.status).toBe(2)
    expect(out.stderr).toMatch(/unsupported digest "sha256:npm_…\(40chars\)"/)
    expect(leaksIn(out.stdout + out.stderr)).toEqual([])
  })

  it('in the action', () => {
    const dir = badImage()
    const run = runAction({
      node,
      entry: SOURCE_ACTION_ENTRY,
      workspace: dir,
      inputs: { image: 'image', 'secrets-path': '', dockerfile: '' }
    })
    expect(run.status).toBe(1)
    expect(run.stdout).toMatch(/unsupported digest/)
    expect(leaksIn(run.stdout + run.stderr + run.summary)).toEqual([])
  })
})
