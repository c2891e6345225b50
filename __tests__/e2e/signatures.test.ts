// End to end: the bundled CLI verifies the signatures of a Dockerfile's base
// images against a registry on 127.0.0.1 (real cosign signature, real trusted
// root), and the gate decides by verify-signatures and the threshold.
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { CLI_ENTRY, nodeBinaries } from '../helpers/runner.js'
import { FakeRegistry } from '../signatures/fake-registry.js'
import { fixture, fixtureJson, FIXTURES, LEGACY_SUBJECT } from '../signatures/helpers.js'

const node = nodeBinaries()[0]!.path

/** The CLI in a child process that does not block this one (the registry answers from here). */
function runCli(
  args: string[],
  cwd: string
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    const child = spawn(node, [CLI_ENTRY, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd, DOCKER_CONFIG: join(cwd, 'no-docker-config') }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', d => (stdout += d))
    child.stderr.on('data', d => (stderr += d))
    child.on('close', status => resolve({ status: status ?? -1, stdout, stderr }))
  })
}

interface JsonFinding {
  check: string
  ruleId: string
  severity: string
  line: number
}

describe('verify-signatures through the CLI', () => {
  let registry: FakeRegistry
  let cwd: string

  beforeAll(async () => {
    registry = await new FakeRegistry().start()
    registry.putLegacySignature(
      'salrashid123/server_image',
      LEGACY_SUBJECT,
      fixtureJson('legacy/sig-manifest.json'),
      fixture('legacy/simplesigning-payload.json')
    )
    registry.putImage('library/alpine', '3.20')
    cwd = mkdtempSync(join(tmpdir(), 'cg-sig-e2e-'))
    cpSync(join(FIXTURES, 'github', 'trusted_root.jsonl'), join(cwd, 'trusted_root.jsonl'))
    writeFileSync(
      join(cwd, '.container-gate.yml'),
      'checks:\n  signatures:\n    trusted-root: [trusted_root.jsonl]\n'
    )
  })
  afterAll(async () => {
    await registry.stop()
  })

  const scan = (dockerfile: string, mode: string) => {
    writeFileSync(join(cwd, 'Dockerfile'), dockerfile)
    return runCli(['--no-secrets', '--verify-signatures', mode, '--format', 'json'], cwd)
  }

  it('a base image with a verifying cosign signature gives no signature finding', async () => {
    const r = await scan(
      `FROM ${registry.host}/salrashid123/server_image@${LEGACY_SUBJECT}\nUSER 10001\n`,
      'enforce'
    )
    expect(r.stderr).toBe('')
    const report = JSON.parse(r.stdout) as { findings: JsonFinding[]; checksRun: string[] }
    expect(report.checksRun).toContain('signatures')
    expect(report.findings.filter(f => f.check === 'signatures')).toEqual([])
    expect(r.status).toBe(0)
  })

  it('an unsigned base image: medium under warn (the gate passes at high), high under enforce (it fails)', async () => {
    const dockerfile = `FROM ${registry.host}/library/alpine:3.20\nUSER 10001\n`
    const warn = await scan(dockerfile, 'warn')
    const warned = (JSON.parse(warn.stdout) as { findings: JsonFinding[] }).findings.filter(
      f => f.check === 'signatures'
    )
    expect(warned).toEqual([
      expect.objectContaining({ ruleId: 'image-unsigned', severity: 'medium', line: 1 })
    ])
    // The only other finding is the tag pin (medium): the gate passes at the default high.
    expect(warn.status).toBe(0)

    const enforce = await scan(dockerfile, 'enforce')
    const enforced = (JSON.parse(enforce.stdout) as { findings: JsonFinding[] }).findings.filter(
      f => f.check === 'signatures'
    )
    expect(enforced).toEqual([
      expect.objectContaining({ ruleId: 'image-unsigned', severity: 'high' })
    ])
    expect(enforce.status).toBe(1)

    // A per-check threshold lets maintainers gate signatures apart from the rest.
    writeFileSync(join(cwd, 'Dockerfile'), dockerfile)
    const lenient = await runCli(
      ['--no-secrets', '--verify-signatures', 'enforce', '--signatures-fail-on', 'none'],
      cwd
    )
    expect(lenient.status).toBe(0)
  })

  it('off makes no request to the registry', async () => {
    const before = registry.requests.length
    const r = await scan(`FROM ${registry.host}/library/alpine:3.20\nUSER 10001\n`, 'off')
    expect((JSON.parse(r.stdout) as { checksRun: string[] }).checksRun).not.toContain('signatures')
    expect(registry.requests.length).toBe(before)
  })
})
