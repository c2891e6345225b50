import { describe, expect, it } from '@jest/globals'
import { lintDockerfile } from '../../src/dockerfile/index.js'
import { DIGEST } from './helpers.js'

const run = (lines: string[], settings = {}) =>
  lintDockerfile('Dockerfile', lines.join('\n'), settings)
const ids = (findings: { ruleId: string }[]) => findings.map(f => f.ruleId).sort()

describe('inline ignore comments', () => {
  it('# container-gate ignore= on the line before suppresses that instruction only, with the comment as reason', () => {
    const result = run([
      '# container-gate ignore=base-image-not-pinned,runs-as-root -- base sets user 65532',
      'FROM gcr.io/distroless/static:nonroot',
      'COPY --from=busybox:1.36 /bin/sh /sh'
    ])
    expect(ids(result.findings)).toEqual(['base-image-not-pinned'])
    expect(result.findings[0].location.line).toBe(3)
    expect(result.suppressed.map(s => [s.finding.ruleId, s.reason])).toEqual([
      [
        'base-image-not-pinned',
        'inline: # container-gate ignore=base-image-not-pinned,runs-as-root -- base sets user 65532 (line 1)'
      ],
      [
        'runs-as-root',
        'inline: # container-gate ignore=base-image-not-pinned,runs-as-root -- base sets user 65532 (line 1)'
      ]
    ])
  })

  it('honours # hadolint ignore=DLxxxx through the aliases', () => {
    const result = run([
      `FROM alpine@${DIGEST}`,
      '# hadolint ignore=DL3002',
      'USER root',
      '# hadolint ignore=DL3064',
      'ENV API_TOKEN=abc123'
    ])
    expect(result.findings).toEqual([])
    expect(ids(result.suppressed.map(s => s.finding))).toEqual(['runs-as-root', 'secret-in-env'])
  })

  it('applies ours to an instruction below a comment block, not across a blank line', () => {
    const attached = run([
      `FROM alpine@${DIGEST}`,
      '# container-gate ignore=sudo-in-run',
      '# why: legacy script',
      'RUN sudo make',
      'USER 1'
    ])
    expect(ids(attached.findings)).toEqual([])
    const detached = run([
      `FROM alpine@${DIGEST}`,
      '# container-gate ignore=sudo-in-run',
      '',
      'RUN sudo make',
      'USER 1'
    ])
    expect(ids(detached.findings)).toEqual(['sudo-in-run'])
  })

  it("applies hadolint's only to the instruction on the very next line, as hadolint does", () => {
    const next = run([
      `FROM alpine@${DIGEST}`,
      '# hadolint ignore=DL3004',
      'RUN sudo make',
      'USER 1'
    ])
    expect(ids(next.findings)).toEqual([])
    const belowAComment = run([
      `FROM alpine@${DIGEST}`,
      '# hadolint ignore=DL3004',
      '# why: legacy script',
      'RUN sudo make',
      'USER 1'
    ])
    expect(ids(belowAComment.findings)).toEqual(['sudo-in-run'])
  })

  it('covers every line of a multi-line instruction', () => {
    const result = run([
      `FROM alpine@${DIGEST}`,
      '# container-gate ignore=sudo-in-run',
      'RUN make \\',
      '  && sudo make install',
      'USER 1'
    ])
    expect(result.findings).toEqual([])
  })

  it('supports file-wide ignores', () => {
    const result = run(['# hadolint global ignore=DL3002', 'FROM alpine:3.20', 'USER root'])
    expect(ids(result.findings)).toEqual(['base-image-not-pinned'])
    expect(result.suppressed[0].reason).toContain('file-wide')
  })

  it('warns about an unknown id in our own comments but not in hadolint ones (SC…, rules we lack)', () => {
    const result = run([
      `FROM alpine@${DIGEST}`,
      '# container-gate ignore=no-such-rule',
      '# hadolint ignore=SC2086,DL3059',
      'USER 1'
    ])
    expect(result.warnings).toEqual([
      'Dockerfile:2: ignore comment names unknown rule "no-such-rule"'
    ])
  })

  it("honours BuildKit's # check=skip= directive file-wide, and above one instruction", () => {
    const fileWide = run([
      '# check=skip=JSONArgsRecommended,SecretsUsedInArgOrEnv;error=true',
      `FROM alpine@${DIGEST}`,
      'ARG NPM_TOKEN',
      'CMD node x.js',
      'USER 1'
    ])
    expect(fileWide.findings).toEqual([])
    expect(fileWide.suppressed.map(s => [s.finding.ruleId, s.reason])).toEqual([
      [
        'secret-in-arg',
        'inline (file-wide): # check=skip=JSONArgsRecommended,SecretsUsedInArgOrEnv;error=true (line 1)'
      ],
      [
        'shell-form-entrypoint',
        'inline (file-wide): # check=skip=JSONArgsRecommended,SecretsUsedInArgOrEnv;error=true (line 1)'
      ]
    ])
    const local = run([
      `FROM alpine@${DIGEST}`,
      '# check=skip=SecretsUsedInArgOrEnv',
      'ARG NPM_TOKEN',
      'ARG GH_TOKEN',
      'USER 1'
    ])
    expect(local.findings.map(f => f.location.line)).toEqual([4])
  })

  it('lets # check=skip=all switch off the BuildKit checks, not the rules BuildKit lacks', () => {
    const result = run([
      '# check=skip=all',
      `FROM alpine@${DIGEST} as base`,
      'ARG NPM_TOKEN',
      'RUN sudo make',
      'USER 1'
    ])
    expect(ids(result.findings)).toEqual(['sudo-in-run'])
    expect(ids(result.suppressed.map(s => s.finding))).toEqual(['from-as-casing', 'secret-in-arg'])
  })

  it('can be turned off in the settings', () => {
    const result = run([`FROM alpine@${DIGEST}`, '# hadolint ignore=DL3002', 'USER root'], {
      inlineIgnores: false
    })
    expect(ids(result.findings)).toEqual(['runs-as-root'])
  })
})

describe('settings', () => {
  it('disables rules by id or hadolint alias', () => {
    const result = run(['FROM alpine:3.20', 'RUN sudo make', 'USER root'], {
      disable: ['DL3004', 'runs-as-root']
    })
    expect(ids(result.findings)).toEqual(['base-image-not-pinned'])
  })

  it('overrides severities by id or alias', () => {
    const result = run(['FROM alpine:3.20', 'USER root'], {
      severity: { 'base-image-not-pinned': 'high', DL3002: 'critical' }
    })
    expect(result.findings.map(f => [f.ruleId, f.severity])).toEqual([
      ['base-image-not-pinned', 'high'],
      ['runs-as-root', 'critical']
    ])
  })

  it("reports hadolint's untagged (DL3006) and :latest (DL3007) beside the digest rule", () => {
    expect(ids(run(['FROM alpine', 'FROM debian:latest', 'USER 1']).findings)).toEqual([
      'base-image-not-pinned',
      'base-image-not-pinned',
      'image-latest-tag',
      'image-untagged'
    ])
    const off = run(['FROM alpine', 'FROM debian:12', 'USER 1'], {
      disable: ['base-image-not-pinned']
    })
    expect(off.findings.map(f => [f.ruleId, f.location.line])).toEqual([['image-untagged', 1]])
  })
})
