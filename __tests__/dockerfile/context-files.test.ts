// The files next to a Dockerfile: .hadolint.yaml (a hadolint user's config
// keeps working) and .dockerignore; every read bounded and inside the workspace.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  parseHadolintConfig,
  readDockerignore,
  readHadolintConfig,
  MAX_CONTEXT_FILE_BYTES
} from '../../src/dockerfile/context-files.js'
import { runDockerfileCheck } from '../../src/dockerfile/index.js'
import { InputError } from '../../src/model/errors.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cg-context-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const check = (text: string, settings = {}) =>
  runDockerfileCheck({
    cwd: dir,
    files: [{ path: 'Dockerfile', text }],
    settings: { shellcheck: 'off', ...settings }
  })

describe('.hadolint.yaml', () => {
  it("maps hadolint's keys onto the settings", () => {
    const config = parseHadolintConfig(
      [
        'ignored: [DL3008, SC2086]',
        'override:',
        '  error: [DL3015]',
        '  style: [DL3059]',
        'trustedRegistries: [docker.io, "*.gcr.io"]',
        'failure-threshold: warning',
        'label-schema:',
        '  maintainer: email',
        'strict-labels: true',
        'disable-ignore-pragma: true'
      ].join('\n'),
      '.hadolint.yaml'
    )
    expect(config).toEqual({
      file: '.hadolint.yaml',
      warnings: [],
      failOn: 'medium',
      settings: {
        disable: ['DL3008', 'SC2086'],
        severity: { DL3015: 'high', DL3059: 'info' },
        trustedRegistries: ['docker.io', '*.gcr.io'],
        labelSchema: { maintainer: 'email' },
        strictLabels: true,
        hadolintPragmas: false
      }
    })
  })

  it('names the file and line of bad YAML, and the key of a bad value; warns about codes no rule has', () => {
    expect(() => parseHadolintConfig('ignored: [DL3008\n', '.hadolint.yaml')).toThrow(
      /^\.hadolint\.yaml:\d+: invalid YAML/
    )
    expect(() => parseHadolintConfig('override:\n  fatal: [DL3008]\n', '.hadolint.yaml')).toThrow(
      'override.fatal'
    )
    expect(() => parseHadolintConfig('failure-threshold: loud\n', '.hadolint.yaml')).toThrow(
      InputError
    )
    expect(parseHadolintConfig('ignored: [DL9999]\n', '.hadolint.yaml').warnings).toEqual([
      '.hadolint.yaml: "ignored" names DL9999, which no Dockerfile rule has'
    ])
    expect(parseHadolintConfig('no-fail: true\n', 'x').failOn).toBe('none')
    // Found by the property test: an alias to nothing made the YAML library throw a ReferenceError.
    expect(() => parseHadolintConfig('*8`wug', '.hadolint.yaml')).toThrow(InputError)
  })

  it('changes what the Dockerfile check reports; .container-gate.yml settings win', async () => {
    writeFileSync(
      join(dir, '.hadolint.yaml'),
      'ignored: [DL3008]\noverride:\n  error: [DL3015]\ntrustedRegistries: [ghcr.io]\nfailure-threshold: error\n'
    )
    const text =
      'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nUSER 1\n'
    const outcome = await check(text)
    const byRule = Object.fromEntries(outcome.findings.map(f => [f.ruleId, f.severity]))
    expect(byRule['apt-unpinned-packages']).toBeUndefined()
    expect(byRule['apt-no-install-recommends']).toBe('high')
    expect(byRule['untrusted-registry']).toBe('high')
    expect(outcome.failOn).toBe('high')
    const ours = await check(text, {
      severity: { DL3015: 'low' },
      trustedRegistries: ['docker.io']
    })
    const again = Object.fromEntries(ours.findings.map(f => [f.ruleId, f.severity]))
    expect(again['apt-no-install-recommends']).toBe('low')
    expect(again['untrusted-registry']).toBeUndefined()
  })

  it('turns on the label rules with its label-schema', async () => {
    writeFileSync(
      join(dir, '.hadolint.yml'),
      'label-schema:\n  org.opencontainers.image.source: url\n'
    )
    const outcome = await check(
      'FROM alpine:3.20\nLABEL org.opencontainers.image.source="not a url"\nUSER 1\n'
    )
    expect(outcome.findings.map(f => f.ruleId)).toContain('label-not-url')
  })

  it('refuses a link out of the workspace, a non-file and a file over the bound', () => {
    symlinkSync('/etc/passwd', join(dir, '.hadolint.yaml'))
    expect(() => readHadolintConfig(dir)).toThrow(
      '.hadolint.yaml: is a link that leaves the workspace'
    )
    rmSync(join(dir, '.hadolint.yaml'))
    mkdirSync(join(dir, '.hadolint.yaml'))
    expect(() => readHadolintConfig(dir)).toThrow('not a regular file')
    rmSync(join(dir, '.hadolint.yaml'), { recursive: true })
    writeFileSync(join(dir, '.hadolint.yaml'), '#'.repeat(MAX_CONTEXT_FILE_BYTES + 1))
    expect(() => readHadolintConfig(dir)).toThrow('larger than 1 MiB')
    rmSync(join(dir, '.hadolint.yaml'))
    expect(readHadolintConfig(dir)).toBeUndefined()
  })

  it('follows a link that stays inside the workspace', () => {
    writeFileSync(join(dir, 'shared.yaml'), 'ignored: [DL3008]\n')
    symlinkSync('shared.yaml', join(dir, '.hadolint.yaml'))
    expect(readHadolintConfig(dir)?.settings.disable).toEqual(['DL3008'])
  })
})

describe('.dockerignore', () => {
  it('takes <Dockerfile>.dockerignore first, then the .dockerignore of its directory', () => {
    mkdirSync(join(dir, 'app'))
    writeFileSync(join(dir, 'app', '.dockerignore'), 'node_modules\n')
    expect(readDockerignore('app/Dockerfile', dir)).toBe('node_modules\n')
    writeFileSync(join(dir, 'app', 'Dockerfile.dockerignore'), 'secrets\n')
    expect(readDockerignore('app/Dockerfile', dir)).toBe('secrets\n')
    expect(readDockerignore('Dockerfile', dir)).toBeUndefined()
  })

  it('feeds CopyIgnoredFile; a link out of the workspace is a warning, not a read', async () => {
    writeFileSync(join(dir, '.dockerignore'), 'config\n')
    const outcome = await check('FROM alpine:3.20\nCOPY config/app.yml /etc/app.yml\nUSER 1\n')
    expect(outcome.findings.map(f => f.ruleId)).toContain('copy-ignored-file')
    rmSync(join(dir, '.dockerignore'))
    symlinkSync('/dev/zero', join(dir, '.dockerignore'))
    const linked = await check('FROM alpine:3.20\nCOPY config/app.yml /etc/app.yml\nUSER 1\n')
    expect(linked.warnings).toEqual([expect.stringContaining('link that leaves the workspace')])
    expect(linked.findings.map(f => f.ruleId)).not.toContain('copy-ignored-file')
  })
})
