import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ALNUM, Random } from '../helpers/secrets-corpus/formats.js'
import { createImageSecretScanner, scanSecretsInPaths } from '../../src/secrets/index.js'

const r = new Random(5)
const token = (): string => 'ghp_' + r.chars(ALNUM, 36)

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'secrets-test-'))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], {
    cwd,
    stdio: 'ignore'
  })

describe('scanSecretsInPaths', () => {
  const roots: string[] = []
  afterAll(() => roots.forEach(root => rmSync(root, { recursive: true, force: true })))

  it('walks a plain directory, skipping .git and vendored dirs, with paths relative to cwd', async () => {
    const root = tree({
      'src/app.ts': `const t = "${token()}"\n`,
      'src/.env': `DB_PASSWORD=Zq8#mP2vLw!x9\n`,
      '.git/config': `t = "${token()}"\n`,
      'node_modules/x/i.js': `t = "${token()}"\n`,
      'assets/logo.png': Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]),
        Buffer.from(token())
      ]),
      'big.txt': 'x'.repeat(2048) + `\nt = "${token()}"\n`
    })
    roots.push(root)
    const outside = tree({ 'leak.txt': `t = "${token()}"\n` })
    roots.push(outside)
    symlinkSync(join(outside, 'leak.txt'), join(root, 'src', 'link.txt'))
    const { result } = await scanSecretsInPaths(['src', '.'], { maxFileSize: 1024 }, { cwd: root })
    expect(result.findings.map(f => [f.location.path, f.ruleId])).toEqual([
      ['src/.env', 'generic-credential-assignment'],
      ['src/app.ts', 'github-pat']
    ])
    expect(result.stats).toMatchObject({
      files: 2,
      skippedBinary: 1,
      skippedLarge: 1,
      skippedPaths: 1
    })
    expect(result.warnings.join('\n')).toMatch(/1 file\(s\) over checks\.secrets\.max-file-size/)
    expect(result.rules.length).toBeGreaterThan(80)
  })

  it('scans only tracked files in a git work tree, and a named file even when untracked', async () => {
    const root = tree({
      'tracked.py': `t = "${token()}"\n`,
      'untracked.py': `t = "${token()}"\n`,
      'sub/tracked.yaml': `password: Zq8#mP2vLw!x9\n`
    })
    roots.push(root)
    git(root, 'init', '-q')
    git(root, 'add', 'tracked.py', 'sub/tracked.yaml')
    const { result } = await scanSecretsInPaths(['.'], {}, { cwd: root })
    expect(result.findings.map(f => f.location.path)).toEqual(['sub/tracked.yaml', 'tracked.py'])
    const named = await scanSecretsInPaths(['untracked.py', './sub'], {}, { cwd: root })
    expect(named.result.findings.map(f => f.location.path)).toEqual([
      'sub/tracked.yaml',
      'untracked.py'
    ])
  })
})

describe('createImageSecretScanner', () => {
  let scanner: ReturnType<typeof createImageSecretScanner>
  const leaked = token()
  beforeAll(() => {
    scanner = createImageSecretScanner({})
  })

  it('wants text files within the size limit, not binaries or OS data', () => {
    expect(scanner.wants('/app/.env', 100)).toBe(true)
    expect(scanner.wants('/app/lib.so.1', 100)).toBe(false)
    expect(scanner.wants('/usr/share/doc/x/copyright', 100)).toBe(false)
    expect(scanner.wants('/app/huge.json', 11 * 1024 * 1024)).toBe(false)
    expect(scanner.wants('/app/node_modules/x/index.js', 100)).toBe(false)
  })

  it('reports layer, instruction, files deleted later, the config Env and history build args', () => {
    const add = { layerDigest: 'sha256:aaa', createdBy: 'COPY .env /app/.env # buildkit' }
    scanner.file(
      { ...add, layerIndex: 1, path: '/app/.env' },
      Buffer.from(`GITHUB_TOKEN=${leaked}\n`)
    )
    scanner.file(
      { ...add, layerIndex: 1, path: '/app/config.yml' },
      Buffer.from(`password: Zq8#mP2vLw!x9\n`)
    )
    scanner.file(
      {
        layerIndex: 2,
        layerDigest: 'sha256:bbb',
        path: '/usr/lib/python3/test/key.pem',
        createdBy: 'RUN apt-get install -y python3'
      },
      Buffer.from(`aws_secret_access_key = ${r.chars(ALNUM, 40)}\n`)
    )
    const npmToken = 'npm_' + r.chars(ALNUM, 36)
    const out = scanner.finish({
      existsInFinal: path => path !== '/app/.env',
      isOsOwned: path => path.startsWith('/usr/lib/'),
      env: [
        'PATH=/usr/bin',
        `API_TOKEN=${r.bytes(30).toString('base64')}`,
        'DB_PASSWORD=$DB_PASSWORD'
      ],
      history: [
        { createdBy: 'ARG NPM_TOKEN', emptyLayer: true },
        {
          createdBy: `|1 NPM_TOKEN=${npmToken} /bin/sh -c npm ci`,
          emptyLayer: false,
          layerIndex: 3
        }
      ]
    })
    const byPath = Object.fromEntries(out.findings.map(f => [f.location.path, f]))
    expect(Object.keys(byPath).sort()).toEqual([
      '/app/.env',
      '/app/config.yml',
      'image config Env API_TOKEN',
      'image history 1'
    ])
    expect(byPath['/app/.env']!.message).toMatch(
      /still extractable from layer 1 \(created by `COPY \.env \/app\/\.env # buildkit`\)/
    )
    expect(byPath['/app/.env']!.properties).toMatchObject({
      layerIndex: 1,
      layerDigest: 'sha256:aaa',
      inFinalImage: false
    })
    expect(byPath['/app/config.yml']!.properties?.inFinalImage).toBe(true)
    expect(byPath['image history 1']).toMatchObject({
      ruleId: 'npm-access-token',
      properties: { layerIndex: 3 }
    })
    expect(String(byPath['image history 1']!.properties?.createdBy)).toBe(
      '|1 NPM_TOKEN=npm_…(40 chars) /bin/sh -c npm ci'
    )
    expect(out.suppressed.map(s => [s.reason, s.source])).toEqual([
      [expect.stringMatching(/OS package/), 'config']
    ])
    expect(out.stats).toMatchObject({ files: 3, skippedBinary: 0 })
    const everything = JSON.stringify(out)
    expect(everything).not.toContain(leaked.slice(4))
    expect(everything).not.toContain(npmToken.slice(4))
  })

  it('keeps one finding per secret and path across layers, from the earliest layer', () => {
    const s = createImageSecretScanner({})
    for (const layerIndex of [0, 2]) {
      s.file(
        { layerIndex, layerDigest: `sha256:${layerIndex}`, path: '/srv/.env' },
        Buffer.from(`T=${leaked}\n`)
      )
    }
    const out = s.finish({ existsInFinal: () => true, env: [], history: [] })
    expect(out.findings).toHaveLength(1)
    expect(out.findings[0]!.properties).toMatchObject({ layerIndex: 0, inFinalImage: true })
  })
})

describe('large files', () => {
  it('are scanned in line-aligned chunks with the same findings and line numbers as a whole read', async () => {
    const { scanLargeFile } = await import('../../src/secrets/paths.js')
    const { resolveSecretsSettings } = await import('../../src/secrets/settings.js')
    const { scanContent } = await import('../helpers/secrets-scan.js')
    const lines: string[] = []
    for (let i = 0; i < 30000; i++) {
      lines.push(
        i % 997 === 0
          ? `token_${i} = "${token()}"`
          : `const value${i} = compute(${i}) // filler line`
      )
    }
    // A private key across what will be a chunk boundary.
    const body = r
      .bytes(900)
      .toString('base64')
      .match(/.{1,64}/g)!
      .join('\n')
    let at = 0
    for (let length = 0; length < 99_500; at++) length += lines[at]!.length + 1
    lines.splice(
      at,
      0,
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      body,
      '-----END OPENSSH PRIVATE KEY-----'
    )
    const text = lines.join('\n') + '\n'
    const root = tree({ 'big.js': text })
    try {
      const chunked = scanLargeFile(
        'big.js',
        join(root, 'big.js'),
        resolveSecretsSettings({}),
        100_000
      )
      const whole = scanContent('big.js', text, {})
      expect(chunked.findings.length).toBeGreaterThan(30)
      expect(chunked.findings.find(f => f.ruleId === 'private-key')?.location.line).toBe(at + 1)
      expect(chunked.findings.map(f => [f.ruleId, f.location.line, f.fingerprint])).toEqual(
        whole.findings.map(f => [f.ruleId, f.location.line, f.fingerprint])
      )
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
