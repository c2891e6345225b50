// Inline suppressions exactly as hadolint and BuildKit define them.
import { describe, expect, it } from '@jest/globals'
import { lintDockerfile } from '../../src/dockerfile/index.js'
import { hadolintCodes, parseCheckDirective } from '../../src/dockerfile/pragmas.js'

const lint = (lines: string[], settings = {}) =>
  lintDockerfile('Dockerfile', lines.join('\n') + '\n', settings)
const at = (findings: { ruleId: string; location: { line?: number } }[], rule: string) =>
  findings.filter(f => f.ruleId === rule).map(f => f.location.line)

describe("hadolint's pragma grammar", () => {
  it.each([
    ['DL3002', ['DL3002']],
    ['DL3023, DL3021', ['DL3023', 'DL3021']],
    ['DL3002 ', ['DL3002']],
    ['DL3002 # we accept it', ['DL3002']],
    ['DL3003,SC1035 # reason', ['DL3003', 'SC1035']],
    ['crazy,DL3002', undefined],
    ['DL3002 because we must', undefined],
    ['dl3002', undefined]
  ])('ignore=%s', (list, codes) => {
    expect(hadolintCodes(list)).toEqual(codes)
  })

  it('a void pragma ignores nothing (an unknown word in the list)', () => {
    const result = lint(['FROM scratch', '# hadolint ignore=crazy,DL3002', 'USER root'])
    expect(at(result.findings, 'runs-as-root')).toEqual([3])
  })

  it('global ignore applies anywhere in the file, spaces around = and , allowed', () => {
    const result = lint([
      '# hadolint global ignore = DL3023 , DL3021',
      'FROM node:22 AS foo',
      'COPY --from=foo bar baz .',
      'USER 1'
    ])
    expect(at(result.findings, 'copy-from-self')).toEqual([])
    expect(at(result.findings, 'copy-multiple-sources-not-dir')).toEqual([])
  })

  it('stage ignore applies from the next line to the next FROM', () => {
    const first = lint([
      '# hadolint stage ignore=DL3011',
      'FROM ubuntu:24.04',
      'EXPOSE 80000',
      'FROM ubuntu:24.04',
      'EXPOSE 80000',
      'USER 1'
    ])
    expect(at(first.findings, 'expose-invalid-port')).toEqual([5])
    const second = lint([
      'FROM ubuntu:24.04',
      'EXPOSE 80000',
      '# hadolint stage ignore=DL3011',
      'FROM ubuntu:24.04',
      'EXPOSE 80000',
      'USER 1'
    ])
    expect(at(second.findings, 'expose-invalid-port')).toEqual([2])
    expect(second.suppressed[0].reason).toContain('inline (stage)')
  })

  it('# hadolint shell=powershell stops the POSIX shell rules for what follows', () => {
    const result = lint([
      'FROM mcr.microsoft.com/powershell:7.4-ubuntu-22.04',
      '# hadolint shell=powershell',
      'RUN Get-Item x | Select-Object Name',
      'USER 1'
    ])
    expect(at(result.findings, 'missing-pipefail')).toEqual([])
  })

  it('is not honoured with disable-ignore-pragma (hadolintPragmas: false), ours still are', () => {
    const lines = ['FROM scratch', '# hadolint ignore=DL3002', 'USER root']
    expect(at(lint(lines, { hadolintPragmas: false }).findings, 'runs-as-root')).toEqual([3])
    expect(
      at(
        lint(['FROM scratch', '# container-gate ignore=runs-as-root', 'USER root'], {
          hadolintPragmas: false
        }).findings,
        'runs-as-root'
      )
    ).toEqual([])
  })

  it('DL1001 reports each ignore pragma when turned on', () => {
    const lines = [
      'FROM debian:12',
      '# hadolint ignore=DL3003',
      'RUN cd /tmp',
      '# hadolint shell=powershell',
      'USER 1'
    ]
    expect(at(lint(lines).findings, 'inline-ignore-pragma')).toEqual([])
    expect(at(lint(lines, { enable: ['DL1001'] }).findings, 'inline-ignore-pragma')).toEqual([2])
  })
})

describe("BuildKit's # check= directive", () => {
  it('ends the value at the first blank: skip=X // reason skips X', () => {
    expect(
      parseCheckDirective('skip=SecretsUsedInArgOrEnv // allow secret in environment')
    ).toEqual({ skip: ['SecretsUsedInArgOrEnv'], experimental: [] })
    expect(parseCheckDirective('skip=A,B;error=true;experimental=all')).toEqual({
      skip: ['A', 'B'],
      experimental: ['all']
    })
  })

  it('applies to the next instruction when above it, to the file as a directive at the top', () => {
    const local = lint([
      'FROM alpine:3.20',
      '# check=skip=SecretsUsedInArgOrEnv // allow',
      'ENV password=bar',
      'ENV other_password=baz',
      'USER 1'
    ])
    expect(at(local.findings, 'secret-in-env')).toEqual([4])
    const file = lint([
      '# check=skip=SecretsUsedInArgOrEnv',
      'FROM alpine:3.20',
      'ENV password=bar',
      'ENV other_password=baz',
      'USER 1'
    ])
    expect(at(file.findings, 'secret-in-env')).toEqual([])
  })

  it('turns on experimental checks', () => {
    const lines = ['# bar this is the bar', 'ARG foo=bar', 'FROM scratch', 'USER 1']
    expect(at(lint(lines).findings, 'definition-description')).toEqual([])
    expect(
      at(
        lint(['# check=experimental=InvalidDefinitionDescription', ...lines]).findings,
        'definition-description'
      )
    ).toEqual([3])
  })
})
