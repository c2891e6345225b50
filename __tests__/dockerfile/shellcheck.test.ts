// ShellCheck on RUN scripts: with the real shellcheck binary when it is
// installed (CI installs it), and with a stand-in for the cases a real
// binary cannot show (missing, crashing).
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { lintDockerfileAsync, lintDockerfiles } from '../../src/dockerfile/index.js'
import { InputError } from '../../src/model/errors.js'
import type { Exec } from '../../src/dockerfile/shellcheck.js'

const installed = spawnSync('shellcheck', ['--version']).status === 0
if (!installed)
  console.log(
    'shellcheck tests with the real binary skipped: no shellcheck on PATH (apt-get install shellcheck)'
  )

const codes = async (lines: string[], settings = {}) =>
  (await lintDockerfileAsync('Dockerfile', lines.join('\n') + '\n', settings)).findings
    .filter(f => /^SC\d+$/.test(f.ruleId))
    .map(f => `${f.ruleId}@${f.location.line}`)

;(installed ? describe : describe.skip)('ShellCheck on RUN scripts (real shellcheck)', () => {
  it('reports SC codes as rule ids on the RUN line, with the script line in the message', async () => {
    const result = await lintDockerfileAsync(
      'Dockerfile',
      'FROM alpine:3.20\nRUN <<EOF\nset -e\necho $X\nEOF\nUSER 1\n',
      {}
    )
    const sc = result.findings.filter(f => f.ruleId === 'SC2086')
    expect(sc.map(f => [f.location.line, f.severity])).toEqual([[2, 'info']])
    expect(sc[0].message).toContain('(line 2 of the script)')
    expect(result.rules.map(r => r.id)).toContain('SC2086')
  })

  it('knows the ARG and ENV names of the stage (no SC2154), and not the ARGs in an ONBUILD RUN', async () => {
    const stage = ['FROM alpine:3.20', 'ARG foo=bar', 'ENV baz=1']
    expect(await codes([...stage, 'RUN echo "$foo" "$baz"'])).toEqual([])
    expect(await codes([...stage, 'ONBUILD RUN echo "$foo"'])).toEqual(['SC2154@4'])
    expect(await codes([...stage, 'FROM debian:12', 'RUN echo "$foo"'])).toEqual(['SC2154@5'])
  })

  it("checks with the stage's SHELL (inherited through FROM <stage>), and not PowerShell or exec form", async () => {
    expect(await codes(['FROM alpine:3.20', 'RUN echo $RANDOM'])).toEqual(['SC3028@2'])
    expect(
      await codes([
        'FROM alpine:3.20 AS base',
        'SHELL ["/bin/bash", "-c"]',
        'FROM base',
        'RUN echo "$RANDOM"'
      ])
    ).toEqual([])
    expect(
      await codes(['FROM mcr.microsoft.com/powershell', 'SHELL ["pwsh", "-c"]', 'RUN echo $x'])
    ).toEqual([])
    expect(await codes(['FROM alpine:3.20', 'RUN ["echo", "$x"]'])).toEqual([])
  })

  it('honours # hadolint ignore=SC…, disable and severity overrides', async () => {
    expect(await codes(['FROM alpine:3.20', '# hadolint ignore=SC2086', 'RUN echo $X'])).toEqual([])
    expect(await codes(['FROM alpine:3.20', 'RUN echo $X'], { disable: ['SC2086'] })).toEqual([])
    const [finding] = (
      await lintDockerfileAsync('Dockerfile', 'FROM alpine:3.20\nRUN echo $X\n', {
        severity: { SC2086: 'high' }
      })
    ).findings.filter(f => f.ruleId === 'SC2086')
    expect(finding.severity).toBe('high')
  })

  it('sends many files to few processes (batches), and maps each comment back to its file', async () => {
    let calls = 0
    const counting: Exec = async (command, args, options) => {
      if (args[0] !== '--version') calls++
      const { getExecOutput } = await import('@actions/exec')
      return getExecOutput(command, args, options)
    }
    const files = Array.from({ length: 5 }, (_, i) => ({
      path: `d${i}/Dockerfile`,
      text: `FROM alpine:3.20\nRUN echo $X${i}\nUSER 1\n`
    }))
    const linted = await lintDockerfiles(files, {}, { exec: counting })
    expect(calls).toBe(1)
    expect(linted.shellcheck.scripts).toBe(5)
    expect(
      linted.results.map(r =>
        r.findings.filter(f => f.ruleId === 'SC2086').map(f => f.location.path)
      )
    ).toEqual(files.map(f => [f.path]))
  })
})

describe('ShellCheck absent or broken (stand-in)', () => {
  const missing: Exec = async () => {
    throw new Error('Unable to locate executable file: shellcheck')
  }
  const text = 'FROM alpine:3.20\nRUN echo $X\nUSER 1\n'

  it('auto: one warning, the lint goes on', async () => {
    const result = await lintDockerfileAsync('Dockerfile', text, {}, {}, { exec: missing })
    expect(result.warnings).toEqual([expect.stringContaining('shellcheck is not installed')])
    expect(result.findings.some(f => f.ruleId === 'base-image-not-pinned')).toBe(true)
  })

  it('required: an input error', async () => {
    await expect(
      lintDockerfileAsync('Dockerfile', text, { shellcheck: 'required' }, {}, { exec: missing })
    ).rejects.toThrow(InputError)
  })

  it('off: shellcheck is never started', async () => {
    let started = false
    const spy: Exec = async () => {
      started = true
      return { exitCode: 0, stdout: '', stderr: '' }
    }
    const result = await lintDockerfileAsync(
      'Dockerfile',
      text,
      { shellcheck: 'off' },
      {},
      { exec: spy }
    )
    expect(started).toBe(false)
    expect(result.warnings).toEqual([])
  })

  it('a shellcheck that fails (exit 3) is an input error, not findings', async () => {
    const broken: Exec = async (_c, args) =>
      args[0] === '--version'
        ? { exitCode: 0, stdout: 'version: 0.9.0', stderr: '' }
        : { exitCode: 3, stdout: '', stderr: 'out of memory' }
    await expect(lintDockerfileAsync('Dockerfile', text, {}, {}, { exec: broken })).rejects.toThrow(
      'shellcheck failed (exit 3)'
    )
  })
})
