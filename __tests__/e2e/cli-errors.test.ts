// End to end: the bundled CLI's errors name the thing the user gave and what was tried
// (issue 15 item 8): an image reference that no engine and no registry has, a text file
// given as an image, a misspelt flag, choices in another case, the flags named as the inputs.
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from '@jest/globals'
import { nodeBinaries, ROOT, runCliBundle } from '../helpers/runner.js'

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-cli-errors-'))
  copyFileSync(join(ROOT, 'fixtures', 'demo', 'Dockerfile'), join(dir, 'Dockerfile'))
  return dir
}

/** A port on 127.0.0.1 that nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as { port: number }
  await new Promise(done => server.close(done))
  return port
}

/** Every quote opened is closed: the message reads as one sentence. */
function balancedQuotes(line: string): boolean {
  return (line.match(/"/g) ?? []).length % 2 === 0 && !/(^|\s)'|'(\s|$)/.test(line)
}

describe.each(nodeBinaries())('the CLI on $label names what it could not use', ({ path: node }) => {
  it('an image reference no local engine and no registry has: the image and both places', async () => {
    const cwd = workdir()
    const port = await closedPort()
    const image = `127.0.0.1:${port}/app:ci`
    // A Docker socket that does not exist: the engine is asked and is not there.
    const env = { DOCKER_HOST: `unix://${join(cwd, 'no-docker.sock')}` }
    const r = runCliBundle(node, ['--image', image, '--no-secrets'], cwd, env)
    expect(r.status).toBe(2)
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      new RegExp(
        `^container-gate: image 127\\.0\\.0\\.1:${port}/app:ci: not found in a local Docker engine ` +
          `\\((no Docker engine is running|no docker CLI on PATH)\\) nor pulled from its registry: ` +
          `registry 127\\.0\\.0\\.1:${port}: cannot connect \\(ECONNREFUSED\\)$`
      )
    )
    // And with no docker CLI at all (a runner without Docker).
    const bare = runCliBundle(node, ['--image', image, '--no-secrets'], cwd, {
      PATH: join(cwd, 'empty-path')
    })
    expect(bare.stderr).toContain(
      `image ${image}: not found in a local Docker engine (no docker CLI on PATH) nor pulled from its registry`
    )
  })

  it('a text file given as --image is not an image archive (not "tar file is truncated")', () => {
    const cwd = workdir()
    const r = runCliBundle(node, ['--image', 'Dockerfile', '--no-secrets'], cwd)
    expect(r.status).toBe(2)
    expect(r.stderr).toBe(
      `container-gate: image ${join(cwd, 'Dockerfile')} is not an image archive: it is a text file; ` +
        'expected a docker-archive or OCI archive tar (plain, gzip or zstd) or an OCI layout directory\n'
    )
    writeFileSync(join(cwd, 'Dockerfile.gz'), gzipSync('FROM alpine:3.20\n'))
    writeFileSync(join(cwd, 'empty.tar'), '')
    const gz = runCliBundle(node, ['--image', 'Dockerfile.gz', '--no-secrets'], cwd)
    expect(gz.stderr).toContain('not an image archive: its decompressed content is a text file')
    const empty = runCliBundle(node, ['--image', 'empty.tar', '--no-secrets'], cwd)
    expect(empty.stderr).toContain('not an image archive: it is an empty file')
    for (const out of [r, gz, empty]) expect(out.stderr).not.toMatch(/truncated/)
    // A file named like a credential (passwd, token) must not turn the message into `passwd: …(3chars)`.
    writeFileSync(join(cwd, 'passwd'), 'root:x:0:0:root:/root:/bin/sh\n')
    const named = runCliBundle(node, ['--image', 'passwd', '--no-secrets'], cwd)
    expect(named.stderr).toBe(
      `container-gate: image ${join(cwd, 'passwd')} is not an image archive: it is a text file; ` +
        'expected a docker-archive or OCI archive tar (plain, gzip or zstd) or an OCI layout directory\n'
    )
  })

  it('a flag typo suggests the closest flag, in one line with balanced quotes', () => {
    const cwd = workdir()
    const cases: [string[], string][] = [
      [['--dockerfle', 'Dockerfile'], '--dockerfile'],
      [['--sarif-fle', 'x.sarif'], '--sarif-file'],
      [['--secret-path', '.'], '--secrets-path'],
      [['--osv-cache-di', 'c'], '--osv-cache-dir'],
      [['--fail-onn', 'high'], '--fail-on']
    ]
    for (const [args, near] of cases) {
      const r = runCliBundle(node, args, cwd)
      expect([args[0], r.status]).toEqual([args[0], 2])
      expect(r.stderr).toBe(
        `container-gate: unknown option ${args[0]}; did you mean ${near}? (see container-gate --help)\n`
      )
      expect(balancedQuotes(r.stderr)).toBe(true)
    }
    const missing = runCliBundle(node, ['--dockerfile'], cwd)
    expect(missing.stderr).toBe(
      'container-gate: --dockerfile needs a value (see container-gate --help)\n'
    )
  })

  it('choices are case-insensitive: --format JSON, --fail-on HIGH, --gate-on All, --secrets-history NONE', () => {
    const cwd = workdir()
    const r = runCliBundle(
      node,
      [
        '--dockerfile',
        'Dockerfile',
        '--no-secrets',
        '--format',
        'JSON',
        '--fail-on',
        'HIGH',
        '--gate-on',
        'All',
        '--secrets-history',
        'NONE',
        '--fail-on-kev',
        'False'
      ],
      cwd
    )
    expect(r.stderr).toBe('')
    expect(r.status).toBe(1)
    expect(JSON.parse(r.stdout)).toMatchObject({ version: 1, failOn: 'high', passed: false })
    const bad = runCliBundle(node, ['--format', 'yaml'], cwd)
    expect(bad.stderr).toBe(
      'container-gate: --format has value "yaml"; allowed: text, json, sarif\n'
    )
  })

  it('--secrets-path, --sarif-file and --osv-cache-dir are the flags; --secrets, --sarif, --osv-cache still work', () => {
    const cwd = workdir()
    writeFileSync(join(cwd, '.env'), `GITHUB_TOKEN=ghp_${'R8mWq2Lx7Tz4Kc9Vb3Nf6Hy1Pd5Sg0Ja2Ue8'}\n`)
    const base = ['--dockerfile', 'Dockerfile', '--vuln-db', 'osv-api', '--format', 'json']
    const canonical = runCliBundle(
      node,
      [...base, '--secrets-path', '.', '--sarif-file', 'a.sarif', '--osv-cache-dir', 'cache'],
      cwd
    )
    const old = runCliBundle(
      node,
      [...base, '--secrets', '.', '--sarif', 'b.sarif', '--osv-cache', 'cache'],
      cwd
    )
    for (const r of [canonical, old]) {
      expect(r.stderr).toBe('')
      const report = JSON.parse(r.stdout)
      expect(report.findings.some((f: { check: string }) => f.check === 'secrets')).toBe(true)
    }
    expect(JSON.parse(canonical.stdout).findings).toEqual(JSON.parse(old.stdout).findings)
    const help = runCliBundle(node, ['--help'], cwd).stdout
    for (const flag of ['--secrets-path PATH', '--sarif-file FILE', '--osv-cache-dir DIR'])
      expect(help).toContain(flag)
  })
})
