import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { LineCounter, parseDocument } from 'yaml'
import { ConfigNode } from '../../src/model/config-node.js'
import { InputError } from '../../src/model/errors.js'
import {
  compilePolicies,
  imageName,
  normalisePattern,
  policyFor,
  presetPolicies
} from '../../src/signatures/policy.js'
import {
  DEFAULT_SIGNATURES_SETTINGS,
  parseSignaturesSettings
} from '../../src/signatures/settings.js'
import { loadTrustedRoots, parseTrustedRoots } from '../../src/signatures/trust.js'
import { imagesToVerify } from '../../src/signatures/targets.js'
import { fixture } from './helpers.js'

function node(yamlText: string): ConfigNode {
  const lines = new LineCounter()
  const doc = parseDocument(yamlText, { lineCounter: lines })
  return new ConfigNode(doc.contents, 'checks.signatures', '.container-gate.yml', lines)
}

describe('checks.signatures settings', () => {
  it('defaults: presets on, any signer for unlisted images, the public-good root', () => {
    expect(parseSignaturesSettings(ConfigNode.empty('checks.signatures'))).toEqual(
      DEFAULT_SIGNATURES_SETTINGS
    )
    expect(DEFAULT_SIGNATURES_SETTINGS).toMatchObject({
      presets: ['chainguard', 'github-repository'],
      unlistedImages: 'any-signer',
      trustedRoots: [{ kind: 'public-good' }]
    })
  })

  it('reads policies as the issue writes them, with the lines of their regexes', () => {
    const settings = parseSignaturesSettings(
      node(
        [
          'policies:',
          '  - images: "cgr.dev/chainguard/*"',
          '    issuer: https://token.actions.githubusercontent.com',
          '    identity: "^https://github.com/chainguard-images/images/"',
          '    require: [signature, provenance]',
          '    builders: ["^https://github\\\\.com/actions/runner/"]',
          'presets: []',
          'unlisted-images: ignore',
          'trusted-root: [public-good, .github/trusted_root.jsonl]',
          ''
        ].join('\n')
      )
    )
    expect(settings).toEqual({
      policies: [
        {
          name: 'checks.signatures.policies[0]',
          images: ['cgr.dev/chainguard/*'],
          issuer: 'https://token.actions.githubusercontent.com',
          identity: '^https://github.com/chainguard-images/images/',
          require: ['signature', 'provenance'],
          builders: ['^https://github\\.com/actions/runner/'],
          where: {
            identity: '.container-gate.yml:4: checks.signatures.policies[0].identity',
            builders: ['.container-gate.yml:6: checks.signatures.policies[0].builders']
          }
        }
      ],
      presets: [],
      unlistedImages: 'ignore',
      trustedRoots: [{ kind: 'public-good' }, { kind: 'file', path: '.github/trusted_root.jsonl' }]
    })
  })

  it.each([
    ['policies: [{ issuer: x }]', 'policies[0]: a policy needs images'],
    [
      'policies: [{ images: a, identity: "^x" }]',
      'policies[0].identity: an identity needs an issuer too'
    ],
    [
      'policies: [{ images: a, require: [signed] }]',
      '"signed" is not allowed; expected one of signature, provenance'
    ],
    ['policies: [{ images: a, builders: [x] }]', 'builders only apply with require: [provenance]'],
    ['policies: [{ images: a, identities: x }]', 'policies[0].identities: unknown key'],
    [
      'presets: [docker-official]',
      '"docker-official" is not allowed; expected one of chainguard, github-repository'
    ],
    ['trusted-root: []', 'give at least one trusted root'],
    ['verify: true', 'checks.signatures.verify: unknown key']
  ])('%s is refused at its line: %s', (yamlText, message) => {
    expect(() => parseSignaturesSettings(node(yamlText))).toThrow(InputError)
    expect(() => parseSignaturesSettings(node(yamlText))).toThrow(message)
  })
})

describe('policy matching', () => {
  it('names images as registry/repository with Docker Hub spelled docker.io/library', () => {
    expect(imageName('registry-1.docker.io', 'library/node')).toBe('docker.io/library/node')
    expect(normalisePattern('node')).toBe('docker.io/library/node')
    expect(normalisePattern('bitnami/*')).toBe('docker.io/bitnami/*')
    expect(normalisePattern('cgr.dev/chainguard/*')).toBe('cgr.dev/chainguard/*')
    expect(normalisePattern('**/app')).toBe('**/app')
  })

  it('first matching policy wins, user policies before presets; unlisted images get any signer or nothing', async () => {
    const compiled = await compilePolicies([
      { name: 'mine', images: ['cgr.dev/chainguard/static'], require: ['signature'], builders: [] },
      ...presetPolicies(['chainguard', 'github-repository'], 'Octo-Org/App')
    ])
    expect(policyFor(compiled, 'cgr.dev/chainguard/static', 'ignore')?.policy.name).toBe('mine')
    expect(policyFor(compiled, 'cgr.dev/chainguard/node', 'ignore')?.policy.name).toBe(
      'preset chainguard'
    )
    expect(policyFor(compiled, 'ghcr.io/octo-org/app', 'ignore')?.policy.name).toBe(
      'preset github-repository (Octo-Org/App)'
    )
    expect(policyFor(compiled, 'ghcr.io/octo-org/app/worker', 'ignore')?.policy.require).toEqual([
      'provenance'
    ])
    expect(policyFor(compiled, 'ghcr.io/octo-org/other', 'ignore')).toBeUndefined()
    expect(
      policyFor(compiled, 'ghcr.io/octo-org/other', 'any-signer')?.allowsSigner(
        undefined,
        undefined
      )
    ).toBe(true)
    const repoPreset = policyFor(compiled, 'ghcr.io/octo-org/app', 'ignore')!
    expect(
      repoPreset.allowsSigner(
        'https://token.actions.githubusercontent.com',
        'https://github.com/octo-org/app/.github/workflows/release.yml@refs/tags/v1'
      )
    ).toBe(true)
    expect(
      repoPreset.allowsSigner(
        'https://token.actions.githubusercontent.com',
        'https://github.com/octo-org/app-fork/.github/workflows/release.yml@refs/tags/v1'
      )
    ).toBe(false)
    expect(
      repoPreset.allowsSigner(
        'https://token.actions.githubusercontent.com/evil',
        'https://github.com/octo-org/app/.github/workflows/x.yml@refs/heads/main'
      )
    ).toBe(false)
    const chainguard = policyFor(compiled, 'cgr.dev/chainguard/node', 'ignore')!
    expect(
      chainguard.allowsSigner(
        'https://token.actions.githubusercontent.com',
        'https://github.com/chainguard-images/images/.github/workflows/release.yaml@refs/heads/main'
      )
    ).toBe(true)
    expect(
      chainguard.allowsSigner(
        'https://token.actions.githubusercontent.com',
        'https://github.com/chainguard-images/images/.github/workflows/release.yaml@refs/heads/evil'
      )
    ).toBe(false)
    expect(presetPolicies(['github-repository'], undefined)).toEqual([])
  })

  it('identity regexes run in linear time on hostile subjects', async () => {
    const [compiled] = await compilePolicies([
      {
        name: 'p',
        images: ['**'],
        issuer: 'i',
        identity: '^(a+)+$',
        require: ['signature'],
        builders: []
      }
    ])
    const start = process.hrtime.bigint()
    expect(compiled.allowsSigner('i', `${'a'.repeat(40_000)}!`)).toBe(false)
    // A backtracking engine takes longer than the age of the universe here.
    expect(Number(process.hrtime.bigint() - start) / 1e9).toBeLessThan(10)
  })
})

describe('trusted roots', () => {
  it('reads gh attestation trusted-root JSON Lines and refuses what is not a root', async () => {
    const roots = await parseTrustedRoots(
      fixture('github/trusted_root.jsonl').toString('utf8'),
      'roots.jsonl'
    )
    expect(
      roots.map(r => [r.label, r.root.tlogs.length > 0, r.root.timestampAuthorities.length > 0])
    ).toEqual([
      ['roots.jsonl line 1', true, true],
      ['roots.jsonl line 2', false, true]
    ])
    await expect(
      parseTrustedRoots('{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}', 'x.json')
    ).rejects.toThrow('x.json: not a Sigstore trusted root')
    await expect(parseTrustedRoots('{"a":1}\nnope\n', 'y.jsonl')).rejects.toThrow(
      'y.jsonl: line 2 is not JSON'
    )
    await expect(
      loadTrustedRoots([{ kind: 'file', path: 'missing.json' }], { cwd: tmpdir(), mode: 'warn' })
    ).rejects.toThrow('no such file "missing.json"')
  })

  it('public-good via TUF: warn falls back to the root shipped with @sigstore/tuf, enforce refuses', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'cg-tuf-'))
    // A mirror on a closed local port: nothing leaves the machine.
    const options = { cwd: tmpdir(), cacheDir, tufMirror: 'http://127.0.0.1:9' }
    const warned = await loadTrustedRoots([{ kind: 'public-good' }], { ...options, mode: 'warn' })
    expect(warned.roots[0].label).toBe('Sigstore public-good root (shipped with @sigstore/tuf)')
    expect(warned.roots[0].root.certificateAuthorities.length).toBeGreaterThan(0)
    expect(warned.warnings[0]).toContain('could not be updated through TUF')
    await expect(
      loadTrustedRoots([{ kind: 'public-good' }], { ...options, mode: 'enforce' })
    ).rejects.toThrow(InputError)
  })
})

describe('images to verify', () => {
  it('every FROM, COPY --from and RUN --mount=from image, not stages or scratch; unset ARGs are skipped with a warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-df-'))
    writeFileSync(join(dir, 'x'), '')
    const { targets, warnings } = imagesToVerify(
      [
        {
          path: 'Dockerfile',
          text: [
            'ARG BASE=node:20',
            'ARG OTHER',
            'FROM ${BASE} AS build',
            'FROM scratch',
            'COPY --from=build /a /a',
            'COPY --from=cgr.dev/chainguard/static@sha256:' + 'a'.repeat(64) + ' /b /b',
            'RUN --mount=from=alpine:3.20,target=/m true',
            'FROM ${OTHER}',
            ''
          ].join('\n')
        }
      ],
      { reference: 'ghcr.io/o/app:pr-1', digest: `sha256:${'b'.repeat(64)}` }
    )
    expect(targets.map(t => [t.name, t.tag ?? t.digest, t.line, t.via])).toEqual([
      ['docker.io/library/node', '20', 3, 'from'],
      ['cgr.dev/chainguard/static', `sha256:${'a'.repeat(64)}`, 6, 'copy-from'],
      ['docker.io/library/alpine', '3.20', 7, 'mount-from'],
      ['ghcr.io/o/app', `sha256:${'b'.repeat(64)}`, undefined, 'image']
    ])
    expect(warnings).toEqual([
      'Dockerfile:8: signatures: image "${OTHER}" depends on OTHER with no default; not verified'
    ])
  })
})
