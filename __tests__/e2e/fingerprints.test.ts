// End to end: human-chosen passwords planted in a repository file, a
// Dockerfile ENV, an image layer and the image history. No output of the
// action (log, workflow commands, outputs, summary, SARIF, SBOM, comment and
// check-run request bodies) or of the CLI (text, JSON, SARIF, baseline) holds
// an unkeyed hash of any of them: not SHA-256(secret), not the former
// fingerprint built on it, not the fingerprint of the unkeyed constant. The
// published fingerprints are the keyed ones, and a dictionary run against the
// published data finds nothing without the key and the passwords with it.
// The sources run directly (tsx): this commit's code, not the last dist/.
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { FingerprintKey, makeFingerprint, UNKEYED } from '../../src/model/fingerprint.js'
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
import { makeTar, writeOciLayout } from '../image/tar-writer.js'

const KEY_TEXT = '9c4f1a7e2b8d3c6f0a5e9b1d4c7f2a8e'
const KEY = FingerprintKey.from(KEY_TEXT, 'input')

const PASSWORDS = {
  file: 'Winter2024!',
  dockerfile: 'Summer2023!',
  layer: 'Autumn2022#',
  history: 'Welcome2020!'
}
const ALL = Object.values(PASSWORDS)

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

function makeWorkspace(): { dir: string; baseSha: string; headSha: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cg-fingerprints-'))
  const git = gitIn(dir)
  git('init', '-q', '-b', 'main')
  writeFileSync(join(dir, 'README.md'), '# app\n')
  git('add', '-A')
  git('commit', '-q', '-m', 'base')
  const baseSha = git('rev-parse', 'HEAD')
  mkdirSync(join(dir, 'app'))
  writeFileSync(join(dir, 'app', 'app.env'), `DB_PASSWORD=${PASSWORDS.file}\n`)
  writeFileSync(
    join(dir, 'Dockerfile'),
    `FROM alpine:3.20@sha256:${'a'.repeat(64)}\nENV DB_PASSWORD=${PASSWORDS.dockerfile}\nUSER 1000\n`
  )
  git('add', '-A')
  git('commit', '-q', '-m', 'head')
  const headSha = git('rev-parse', 'HEAD')
  writeOsv(dir)
  writeOciLayout(join(dir, 'image'), [
    {
      layers: [makeTar([{ name: 'srv/config.env', content: `API_PASSWORD=${PASSWORDS.layer}\n` }])],
      history: [{ created_by: `RUN |1 ADMIN_PASSWORD=${PASSWORDS.history} /bin/sh -c true` }],
      user: '1000'
    }
  ])
  return { dir, baseSha, headSha }
}

/** One OSV record (for a package the image does not have): offline vulnerability data. */
function writeOsv(dir: string): void {
  mkdirSync(join(dir, 'osv'), { recursive: true })
  writeFileSync(
    join(dir, 'osv', 'GHSA-test-0000-0000.json'),
    JSON.stringify({
      schema_version: '1.6.0',
      id: 'GHSA-test-0000-0000',
      modified: '2024-01-01T00:00:00Z',
      summary: 'Not in this image',
      affected: [
        {
          package: { ecosystem: 'npm', name: 'not-installed-here' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0.0' }] }]
        }
      ]
    })
  )
}

interface PublishedSecret {
  check: string
  ruleId: string
  path: string
  fingerprint: string
  redacted: string
}

/** The secret findings as the JSON report publishes them. */
function secretFindings(json: string): PublishedSecret[] {
  const report = JSON.parse(json) as {
    findings: {
      check: string
      ruleId: string
      path: string
      fingerprint: string
      properties?: { redacted?: string; imagePath?: string }
    }[]
  }
  return report.findings
    .filter(f => f.check === 'secrets' || /^secret-in-/.test(f.ruleId))
    .map(f => ({
      check: f.check,
      ruleId: f.ruleId,
      // A finding inside the image is shown on the Dockerfile line that made it; its
      // fingerprint keeps the in-image path (properties.imagePath).
      // (a history step's fingerprint path is `image history <n>`, its imagePath `history/<n>`).
      path: (f.properties?.imagePath ?? f.path).replace(/^history\/(\d+)$/, 'image history $1'),
      fingerprint: f.fingerprint,
      redacted: f.properties?.redacted ?? ''
    }))
}

/** The fingerprint a secret finding gets when its secret part is `digest`. */
function fingerprintWith(f: PublishedSecret, digest: string): string {
  return f.check === 'secrets'
    ? makeFingerprint(f.ruleId, f.path, digest)
    : makeFingerprint('dockerfile', f.ruleId, f.path, `ENV DB_PASSWORD ${digest}`, '0')
}

/** Every unkeyed value derived from a planted password that must not be published. */
function unkeyedForms(findings: PublishedSecret[]): { label: string; text: string }[] {
  const out: { label: string; text: string }[] = []
  for (const secret of ALL) {
    const hex = sha256(secret)
    out.push({ label: `sha256(${secret})`, text: hex.slice(0, 16) })
    out.push({ label: `unkeyed HMAC(${secret})`, text: UNKEYED.digest(secret).slice(0, 16) })
    for (const f of findings) {
      out.push({
        label: `former ${f.ruleId} fingerprint`,
        // The Dockerfile's former fingerprint hashed the value itself.
        text:
          f.check === 'secrets'
            ? fingerprintWith(f, hex)
            : makeFingerprint('dockerfile', f.ruleId, f.path, `ENV DB_PASSWORD ${secret}`, '0')
      })
      out.push({
        label: `unkeyed ${f.ruleId} fingerprint`,
        text: fingerprintWith(f, UNKEYED.digest(secret))
      })
    }
  }
  return out
}

/** Seasons, years, suffixes: the guesses an attacker tries first. */
function dictionary(): string[] {
  const out: string[] = []
  for (const word of ['Winter', 'Spring', 'Summer', 'Autumn', 'Fall', 'Welcome', 'Password'])
    for (let year = 2000; year <= 2030; year++)
      for (const suffix of ['', '!', '#', '1', '@', '!!', '123'])
        out.push(`${word}${year}${suffix}`)
  return out
}

/** Guesses that fit a finding's preview and length and reproduce its fingerprint under `key`. */
function crack(f: PublishedSecret, key: (guess: string) => string): string[] {
  const m = /^(.*)…\((\d+) chars\)$/.exec(f.redacted)
  if (!m) return []
  return dictionary()
    .filter(g => g.length === Number(m[2]) && g.startsWith(m[1]!))
    .filter(g => fingerprintWith(f, key(g)) === f.fingerprint)
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
const SCAN = [
  '--image',
  'image',
  '--vuln-db',
  'osv',
  '--secrets',
  'app',
  '--dockerfile',
  'Dockerfile'
]

describe('published fingerprints are keyed, in every channel', () => {
  let fake: FakeGitHubProcess
  let ws: { dir: string; baseSha: string; headSha: string }
  let run: ActionRun
  let requests: RecordedRequest[]
  const cli: Record<string, { stdout: string; stderr: string; status: number | null }> = {}
  const keyEnv = { CONTAINER_GATE_FINGERPRINT_KEY: KEY_TEXT }

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
        'sarif-file': 'out/action.sarif',
        'sbom-file': 'out/action.cdx.json',
        'pr-comment': 'true',
        annotations: 'check-run',
        'gate-on': 'new',
        'fingerprint-key': KEY_TEXT
      },
      env: { GITHUB_API_URL: fake.url, GITHUB_SHA: ws.headSha, GITHUB_REPOSITORY_ID: '4242' }
    })
    requests = await fake.requests()
    for (const format of ['text', 'json', 'sarif'])
      cli[format] = runCliBundle(
        node,
        [...SCAN, '--format', format],
        ws.dir,
        keyEnv,
        SOURCE_CLI_ENTRY
      )
    cli.baseline = runCliBundle(
      node,
      ['baseline', ...SCAN, '--output', 'out/baseline.json'],
      ws.dir,
      keyEnv,
      SOURCE_CLI_ENTRY
    )
    cli.flag = runCliBundle(
      node,
      [...SCAN, '--format', 'json', '--fingerprint-key', KEY_TEXT],
      ws.dir,
      {},
      SOURCE_CLI_ENTRY
    )
  }, 240000)

  afterAll(async () => {
    await fake.close()
  })

  it('found each planted password, and publishes the fingerprint keyed with the given key', () => {
    expect([cli.json!.status, cli.json!.stderr]).toEqual([1, ''])
    expect(run.stderr).not.toMatch(/\n\s+at /)
    const findings = secretFindings(cli.json!.stdout)
    const keyed = (f: PublishedSecret) =>
      ALL.filter(secret => fingerprintWith(f, KEY.digest(secret)) === f.fingerprint)
    // Every published secret fingerprint is the keyed one of exactly one planted password.
    expect(findings.map(f => [f.path, keyed(f).length])).toEqual(findings.map(f => [f.path, 1]))
    expect(new Set(findings.flatMap(keyed))).toEqual(new Set(ALL))
    // The flag gives the same key as the environment variable.
    expect(secretFindings(cli.flag!.stdout)).toEqual(findings)
    for (const f of findings) {
      expect(run.summary).toContain(f.fingerprint)
      expect(readFileSync(join(ws.dir, 'out', 'action.sarif'), 'utf8')).toContain(f.fingerprint)
    }
  })

  it('a dictionary run against the published data finds nothing without the key, the passwords with it', () => {
    const findings = secretFindings(cli.json!.stdout)
    for (const f of findings) {
      expect(crack(f, sha256)).toEqual([])
      expect(crack(f, g => UNKEYED.digest(g))).toEqual([])
      expect(crack(f, g => FingerprintKey.from('4242', 'repository-id').digest(g))).toEqual([])
    }
    expect(new Set(findings.flatMap(f => crack(f, g => KEY.digest(g))))).toEqual(new Set(ALL))
  })

  it('the baseline records the key id, never the key', () => {
    const text = readFileSync(join(ws.dir, 'out', 'baseline.json'), 'utf8')
    expect(JSON.parse(text)).toMatchObject({
      version: 2,
      fingerprintKey: { id: KEY.id, source: 'input' }
    })
    expect(text).not.toContain(KEY_TEXT)
  })

  it.each([
    // ::add-mask:: hands the key to the runner to mask; the runner consumes it, never shows it.
    [
      'action stdout (log and workflow commands)',
      () =>
        run.stdout
          .split('\n')
          .filter(line => !line.startsWith(`::add-mask::${KEY_TEXT}`))
          .join('\n')
    ],
    ['action stderr', () => run.stderr],
    ['action outputs', () => JSON.stringify(run.outputs)],
    ['job summary', () => run.summary],
    ['action SARIF', () => readFileSync(join(ws.dir, 'out', 'action.sarif'), 'utf8')],
    ['action SBOM', () => readFileSync(join(ws.dir, 'out', 'action.cdx.json'), 'utf8')],
    [
      'PR comment and check-run request bodies',
      () =>
        requests
          .filter(r => r.method !== 'GET')
          .map(r => r.body)
          .join('\n')
    ],
    ['CLI text report', () => cli.text!.stdout + cli.text!.stderr],
    ['CLI JSON report', () => cli.json!.stdout + cli.json!.stderr],
    ['CLI SARIF report', () => cli.sarif!.stdout + cli.sarif!.stderr],
    [
      'CLI baseline file and output',
      () =>
        readFileSync(join(ws.dir, 'out', 'baseline.json'), 'utf8') +
        cli.baseline!.stdout +
        cli.baseline!.stderr
    ]
  ])('%s holds no unkeyed hash of a planted password, nor the key', (_channel, read) => {
    const text = read()
    const forms = unkeyedForms(secretFindings(cli.json!.stdout))
    expect(forms.filter(f => text.includes(f.text)).map(f => f.label)).toEqual([])
    expect(text).not.toContain(KEY_TEXT)
    for (const secret of ALL) expect(text).not.toContain(secret)
  })

  it('asked the runner to mask the key, and logged only where the key came from', () => {
    expect(run.stdout).toContain(`::add-mask::${KEY_TEXT}\n`)
    expect(run.stdout).toContain(`fingerprint key: the configured key (id ${KEY.id})`)
  })

  it('sent the PR comment and the check run (the channels above were really written)', () => {
    const written = requests.filter(r => r.method !== 'GET')
    expect(written.some(r => /\/issues\/42\/comments$/.test(r.path))).toBe(true)
    expect(written.some(r => /\/check-runs$/.test(r.path))).toBe(true)
  })
})

describe('without a configured key', () => {
  it('derives it from the root commit: the same fingerprints in a clone, none guessable', () => {
    const ws = makeWorkspace()
    const clone = mkdtempSync(join(tmpdir(), 'cg-fingerprints-clone-'))
    gitIn(clone)('clone', '-q', ws.dir, 'c')
    const cloned = join(clone, 'c')
    writeOciLayout(join(cloned, 'image'), [
      {
        layers: [
          makeTar([{ name: 'srv/config.env', content: `API_PASSWORD=${PASSWORDS.layer}\n` }])
        ],
        history: [{ created_by: `RUN |1 ADMIN_PASSWORD=${PASSWORDS.history} /bin/sh -c true` }],
        user: '1000'
      }
    ])
    writeOsv(cloned)
    const here = runCliBundle(node, [...SCAN, '--format', 'json'], ws.dir, {}, SOURCE_CLI_ENTRY)
    const there = runCliBundle(node, [...SCAN, '--format', 'json'], cloned, {}, SOURCE_CLI_ENTRY)
    const findings = secretFindings(here.stdout)
    expect(findings.length).toBe(4)
    expect(secretFindings(there.stdout)).toEqual(findings)
    const root = gitIn(ws.dir)('rev-list', '--max-parents=0', 'HEAD')
    const derived = FingerprintKey.from(root, 'root-commits')
    for (const f of findings) {
      expect(crack(f, sha256)).toEqual([])
      expect(crack(f, g => UNKEYED.digest(g))).toHaveLength(0)
      expect(crack(f, g => derived.digest(g))).toHaveLength(1)
    }
    expect(JSON.parse(here.stdout).warnings).toEqual([])
  })

  it('outside git and Actions: the unkeyed constant, with a warning in the report that says so', () => {
    const plain = mkdtempSync(join(tmpdir(), 'cg-fingerprints-nogit-'))
    writeFileSync(join(plain, 'app.env'), `DB_PASSWORD=${PASSWORDS.file}\n`)
    const out = runCliBundle(
      node,
      ['--secrets', 'app.env', '--format', 'json'],
      plain,
      {},
      SOURCE_CLI_ENTRY
    )
    const report = JSON.parse(out.stdout) as { warnings: string[] }
    expect(report.warnings).toEqual([
      expect.stringMatching(/^secret fingerprints are not keyed .*set fingerprint-key/)
    ])
    const baseline = runCliBundle(
      node,
      ['baseline', '--secrets', 'app.env'],
      plain,
      {},
      SOURCE_CLI_ENTRY
    )
    expect(baseline.stderr).toMatch(/^container-gate: warning: secret fingerprints are not keyed/)
  })

  it('an old (version 1) baseline gives one warning saying to regenerate it', () => {
    const ws = makeWorkspace()
    writeFileSync(
      join(ws.dir, 'old-baseline.json'),
      JSON.stringify({ version: 1, fingerprints: [sha256('x').slice(0, 32)], vulnerabilities: {} })
    )
    const out = runCliBundle(
      node,
      [...SCAN, '--format', 'json', '--gate-on', 'new', '--baseline', 'old-baseline.json'],
      ws.dir,
      {},
      SOURCE_CLI_ENTRY
    )
    expect(JSON.parse(out.stdout).warnings).toEqual([
      expect.stringMatching(
        /^baseline old-baseline\.json is version 1: .*regenerate it with `container-gate baseline`$/
      )
    ])
  })
})
