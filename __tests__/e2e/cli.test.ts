// End to end: the bundled CLI (dist/cli/index.js, the package's bin).
import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { newRepo } from '../helpers/git-repo.js'
import { CLI_ENTRY, nodeBinaries, ROOT, runCliBundle } from '../helpers/runner.js'
import { validateSarif } from '../helpers/sarif.js'

const PINNED = 'alpine:3.20@sha256:' + 'b'.repeat(64)

function demo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-cli-'))
  cpSync(join(ROOT, 'fixtures', 'demo'), join(dir, 'demo'), { recursive: true })
  return dir
}

it('the bin is executable and starts with a shebang', () => {
  expect(readFileSync(CLI_ENTRY, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true)
  expect(statSync(CLI_ENTRY).mode & 0o111).not.toBe(0)
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  expect(pkg.bin['container-gate']).toBe('dist/cli/index.js')
})

describe.each(nodeBinaries())('dist/cli/index.js on $label', ({ path: node }) => {
  it('--help lists every option and exits 0', () => {
    const r = runCliBundle(node, ['--help'], ROOT)
    expect(r.status).toBe(0)
    for (const flag of [
      '--dockerfile',
      '--image',
      '--secrets',
      '--vuln-db',
      '--fail-on',
      '--ignore-unfixed',
      '--config',
      '--format',
      '--output',
      '--sbom'
    ]) {
      expect(r.stdout).toContain(flag)
    }
  })

  it('json: exit 1 when the gate fails, the documented shape, paths as given', () => {
    const cwd = demo()
    const r = runCliBundle(
      node,
      [
        '--dockerfile',
        'demo/Dockerfile',
        '--secrets',
        'demo',
        '--config',
        'demo/.container-gate.yml',
        '--format',
        'json'
      ],
      cwd
    )
    expect(r.stderr).toBe('')
    expect(r.status).toBe(1)
    const report = JSON.parse(r.stdout)
    expect(report).toMatchObject({ version: 1, passed: false, failOn: 'high' })
    const first = report.findings.find((f: { ruleId: string }) => f.ruleId === 'runs-as-root')
    expect(first).toMatchObject({
      check: 'dockerfile',
      severity: 'high',
      path: 'demo/Dockerfile',
      line: 8
    })
    expect(first.fingerprint).toMatch(/^[0-9a-f]{16,}$/)
    const checks = new Set(report.findings.map((f: { check: string }) => f.check))
    expect([...checks].sort()).toEqual(['dockerfile', 'secrets'])
    expect(r.stdout).not.toContain('ghp_R8mWq2Lx7Tz4Kc9Vb3Nf6Hy1Pd5Sg0Ja2Ue8')
  })

  it('the same input gives the same output', () => {
    const cwd = demo()
    const args = ['--dockerfile', 'demo/Dockerfile', '--secrets', 'demo', '--format', 'json']
    expect(runCliBundle(node, args, cwd).stdout).toBe(runCliBundle(node, args, cwd).stdout)
  })

  it('exit 0 when the gate passes', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cg-cli-'))
    writeFileSync(join(cwd, 'Dockerfile'), `FROM ${PINNED}\nUSER 10001\nCMD ["/app"]\n`)
    const r = runCliBundle(node, [], cwd)
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/pass/i)
  })

  it('sarif format validates against the SARIF 2.1.0 schema', () => {
    const cwd = demo()
    const args = ['--dockerfile', 'demo/Dockerfile', '--no-secrets', '--format', 'sarif']
    const r = runCliBundle(node, [...args, '--output', 'out.sarif'], cwd)
    expect(r.status).toBe(1)
    expect(r.stdout).toBe('')
    const sarif = JSON.parse(readFileSync(join(cwd, 'out.sarif'), 'utf8'))
    expect(validateSarif(sarif)).toEqual([])
    expect(
      sarif.runs.map((run: { automationDetails: { id: string } }) => run.automationDetails.id)
    ).toEqual(['container-gate/dockerfile/'])
    const leg = runCliBundle(node, [...args, '--sarif-category', 'gate/arm64'], cwd)
    expect(JSON.parse(leg.stdout).runs[0].automationDetails.id).toBe('gate/arm64/dockerfile/')
  })

  it.each([
    [
      ['--fail-on', 'hgih'],
      /^container-gate: --fail-on has value "hgih"; allowed: critical, high, medium, low, none\n$/
    ],
    [
      ['--dockerfile', 'nope/Dockerfile'],
      /^container-gate: dockerfile: no such file "nope\/Dockerfile"\n$/
    ],
    [
      ['--frobnicate'],
      /^container-gate: unknown option --frobnicate \(see container-gate --help\)\n$/
    ],
    [
      ['--image', 'missing.tar', '--vuln-db', 'nowhere'],
      /^container-gate: --vuln-db has value "nowhere"/
    ]
  ])('exit 2 with one line on stderr for %j', (args, pattern) => {
    const r = runCliBundle(node, args as string[], mkdtempSync(join(tmpdir(), 'cg-cli-')))
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(pattern)
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1)
  })

  it('text output cannot inject workflow commands', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cg-cli-'))
    writeFileSync(
      join(cwd, 'Dockerfile'),
      'FROM ubuntu\nLABEL x="::set-output name=a::b"\nUSER root\nRUN echo "::add-mask::y %0A::error::z"\n'
    )
    const r = runCliBundle(node, ['--no-secrets'], cwd)
    expect(r.status).toBe(1)
    for (const line of r.stdout.split('\n')) {
      expect(line.trimStart().startsWith('::')).toBe(false)
      expect(line).not.toContain('##[')
    }
  })

  it('json output escapes "::" from scanned text', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cg-cli-'))
    writeFileSync(join(cwd, 'Dockerfile'), 'FROM ubuntu::set-output\nUSER root\n')
    const r = runCliBundle(node, ['--no-secrets', '--format', 'json'], cwd)
    expect(r.status).toBe(1)
    expect(r.stdout).not.toContain('::')
    // Still the same JSON once parsed.
    expect(JSON.stringify(JSON.parse(r.stdout))).toContain('ubuntu::set-output')
  })

  it('baseline, then --gate-on new: old findings pass, a new one fails', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cg-cli-'))
    writeFileSync(join(cwd, 'Dockerfile'), 'FROM ubuntu:24.04\nUSER root\n')
    // A generated value (a keyboard walk such as Zx9Qw8Er… is rated a person's choice: low, not gated).
    writeFileSync(join(cwd, 'app.py'), 'password = "k7Rm2vQx9LpT4wZs8NcB3h"\n')
    const written = runCliBundle(node, ['baseline'], cwd)
    expect(written.status).toBe(0)
    expect(written.stdout).toMatch(
      /^container-gate: wrote \d+ fingerprint\(s\) and 0 package\(s\) to \.container-gate-baseline\.json\n$/
    )
    const baselineText = readFileSync(join(cwd, '.container-gate-baseline.json'), 'utf8')
    expect(baselineText).not.toContain('k7Rm2vQx9LpT4wZs8NcB3h')

    const args = ['--gate-on', 'new', '--baseline', '.container-gate-baseline.json']
    expect(runCliBundle(node, [], cwd).status).toBe(1)
    expect(runCliBundle(node, args, cwd).status).toBe(0)

    writeFileSync(
      join(cwd, 'app.py'),
      'password = "k7Rm2vQx9LpT4wZs8NcB3h"\napi_token = "Qm3Rt7Yp1Lk5Jh9Gf2Ds6Az"\n'
    )
    const again = runCliBundle(node, [...args, '--format', 'json'], cwd)
    expect(again.status).toBe(1)
    expect(JSON.parse(again.stdout).passed).toBe(false)
  })

  it('--gate-on new --base REF: what the base commit already had passes, what is new fails', () => {
    const { dir: cwd, git: g } = newRepo('cg-cli-base-')
    writeFileSync(join(cwd, 'Dockerfile'), 'FROM ubuntu:24.04\nUSER root\n')
    g('add', '-A')
    g('commit', '-q', '-m', 'base')
    g('branch', 'base-branch')
    const args = ['--gate-on', 'new', '--base', 'base-branch', '--format', 'json']
    expect(runCliBundle(node, ['--format', 'json'], cwd).status).toBe(1)
    expect(runCliBundle(node, args, cwd).status).toBe(0)
    writeFileSync(join(cwd, 'app.py'), 'api_token = "Qm3Rt7Yp1Lk5Jh9Gf2Ds6Az"\n')
    g('add', '-A')
    g('commit', '-q', '-m', 'adds a secret')
    const again = runCliBundle(node, args, cwd)
    expect(again.status).toBe(1)
    const report = JSON.parse(again.stdout) as { findings: { ruleId: string }[] }
    expect(report.findings.map(f => f.ruleId)).toContain('generic-credential-assignment')
    // No worktree is left behind.
    expect(g('worktree', 'list').split('\n')).toHaveLength(1)
    // A ref git could read as an option, or one that does not exist, is an input error.
    expect(runCliBundle(node, ['--gate-on', 'new', '--base', '--output=x'], cwd).status).toBe(2)
    const missing = runCliBundle(node, ['--gate-on', 'new', '--base', 'nope'], cwd)
    expect(missing.status).toBe(2)
    expect(missing.stderr).toBe('container-gate: --base nope: no such commit in this repository\n')
    expect(runCliBundle(node, ['--base', 'base-branch'], cwd).stderr).toMatch(
      /--base needs --gate-on new/
    )
  })

  it('a corrupt baseline is an input error naming the file', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cg-cli-'))
    writeFileSync(join(cwd, 'b.json'), '{"version": 1, "fingerprints": [')
    const r = runCliBundle(node, ['--gate-on', 'new', '--baseline', 'b.json'], cwd)
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/^container-gate: baseline .*b\.json/)
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1)
  })

  it('--secrets-history BASE..HEAD finds a secret deleted in a later commit', () => {
    const { dir: cwd, git: g } = newRepo('cg-cli-history-')
    writeFileSync(join(cwd, 'README.md'), '# app\n')
    g('add', '-A')
    g('commit', '-q', '-m', 'base')
    const base = g('rev-parse', 'HEAD')
    // A generated value (a keyboard walk such as Zx9Qw8Er… is rated a person's choice: low, not gated).
    writeFileSync(join(cwd, 'app.py'), 'password = "k7Rm2vQx9LpT4wZs8NcB3h"\n')
    g('add', '-A')
    g('commit', '-q', '-m', 'add')
    writeFileSync(join(cwd, 'app.py'), 'password = os.environ["PASSWORD"]\n')
    g('add', '-A')
    g('commit', '-q', '-m', 'fix')
    expect(runCliBundle(node, [], cwd).status).toBe(0)
    const r = runCliBundle(node, ['--secrets-history', `${base}..HEAD`, '--format', 'json'], cwd)
    expect(r.status).toBe(1)
    const report = JSON.parse(r.stdout)
    expect(report.findings).toHaveLength(1)
    expect(report.findings[0]).toMatchObject({ path: 'app.py', line: 1, check: 'secrets' })
    expect(r.stdout).not.toContain('k7Rm2vQx9LpT4wZs8NcB3h')
    const bad = runCliBundle(node, ['--secrets-history=--upload-pack=x..HEAD'], cwd)
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(
      /^container-gate: --secrets-history has value .*allowed: auto, none, or a commit range BASE\.\.HEAD\n$/
    )
  })
})
