import { describe, expect, it, beforeAll, afterAll, jest } from '@jest/globals'
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HOSTILE_CASES } from './hostile-cases.js'

// The CLI, in a child process, on a Dockerfile, a secrets directory and a hostile image: a bomb
// layer costs a warning in the report, and the Dockerfile and secrets findings are all there; an
// image that cannot be trusted (a blob that is not what its digest says) is one line on stderr
// and exit 2, never a stack trace.

jest.setTimeout(120_000)

let dir: string
let dockerfile: string
let secrets: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hostile-cli-'))
  dockerfile = join(dir, 'Dockerfile')
  writeFileSync(dockerfile, 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n')
  secrets = join(dir, 'src')
  mkdirSync(secrets)
  writeFileSync(
    join(secrets, 'settings.ini'),
    'aws_access_key_id = AKIAQ3EGRL7XNWPYZ2K4\naws_secret_access_key = "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"\n'
  )
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function cli(caseName: string): Promise<SpawnSyncReturns<string>> {
  const hostile = HOSTILE_CASES.find(c => c.name === caseName)!
  const caseDir = join(dir, caseName)
  mkdirSync(caseDir)
  const image = await hostile.build(caseDir)
  return spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(process.cwd(), 'src/cli/index.ts'),
      '--dockerfile',
      dockerfile,
      '--secrets',
      secrets,
      '--image',
      image,
      '--vuln-db',
      join(process.cwd(), 'fixtures/vulns/osv'),
      '--format',
      'json',
      '--fail-on',
      'none'
    ],
    {
      encoding: 'utf8',
      timeout: 100_000,
      killSignal: 'SIGKILL',
      env: { ...process.env, NODE_OPTIONS: '', RUNNER_TEMP: dir }
    }
  )
}

describe('the CLI on hostile images', () => {
  for (const name of ['gzip-bomb-layer', 'jar-overlapping-entries', 'pax-size-nan-layer']) {
    it(`${name}: the image warning is reported and the Dockerfile and secrets findings are kept`, async () => {
      const r = await cli(name)
      expect(r.signal).toBeNull()
      expect(r.status).toBe(0)
      const report = JSON.parse(r.stdout) as { findings: { check: string }[]; warnings: string[] }
      const checks = new Set(report.findings.map(f => f.check))
      expect(checks.has('dockerfile')).toBe(true)
      expect(checks.has('secrets')).toBe(true)
      expect(report.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^layer 0/)]))
    })
  }

  it('a blob that is not what its digest says: exit 2 with one line, no stack trace', async () => {
    const r = await cli('blob-digest-mismatch')
    expect(r.status).toBe(2)
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/does not match its digest sha256:[0-9a-f]{64}$/)
  })
})
