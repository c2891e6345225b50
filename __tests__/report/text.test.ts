import { describe, expect, it } from '@jest/globals'
import { renderText } from '../../src/report/index.js'
import {
  dockerfileFinding,
  makeInput,
  RAW_AWS_SECRET,
  RAW_TOKEN,
  sampleFindings,
  sampleSuppressed
} from './sample.js'

describe('renderText', () => {
  it('gives the verdict, a check × severity table, findings per check and the gate line', () => {
    const text = renderText(
      makeInput({
        checksRun: ['dockerfile', 'secrets'],
        findings: sampleFindings().filter(f => f.check !== 'vulnerabilities'),
        suppressed: sampleSuppressed().filter(s => s.finding.check !== 'vulnerabilities')
      })
    )
    const lines = text.split('\n')
    expect(lines[0]).toBe('container-gate 0.1.0: FAILED: 4 findings at or above the threshold')
    expect(lines.slice(2, 6)).toEqual([
      'Check            Threshold  critical  high  medium  low  info  Result',
      'dockerfile       high              1     1       1    1     0  FAILED',
      'secrets          high              2     0       0    0     0  FAILED',
      'vulnerabilities  high              -     -       -    -     -  not run'
    ])
    // Most severe first within a check.
    const docker = lines.slice(lines.indexOf('Dockerfile: 4 findings'))
    expect(docker[1]).toBe('  CRITICAL  Dockerfile:8  secret-in-env: Secret in ENV')
    expect(docker[4]).toBe('  HIGH      Dockerfile:12  runs-as-root: Final stage runs as root')
    expect(text).toContain(
      'Dockerfile:20  base-image-not-pinned (medium): ignore comment: hadolint ignore=DL3007 comment on line 19'
    )
    expect(text).toContain('  - src/assets/logo.png: skipped (binary file)')
    expect(text.trimEnd().split('\n').pop()).toBe(
      'Gate failed: 2 dockerfile findings at or above high, 2 secrets findings at or above high.'
    )
  })

  it('shows a check with findings even if the caller did not list it as run', () => {
    const text = renderText(makeInput({ checksRun: ['dockerfile'] }))
    expect(text).toContain('vulnerabilities  high              1     1       1    0     0  FAILED')
  })

  it('shows finding-specific fix text but not the generic rule help', () => {
    const text = renderText(makeInput())
    expect(text).toContain('Fix: Upgrade openssl to 3.0.11-1~deb12u2 or later.')
    // Vulnerabilities also say where in the image the package was found.
    expect(text).toContain(
      '  CRITICAL  ghcr.io/acme/shop:1.4.2 (/var/lib/dpkg/status)  vulnerable-package: DSA-5532-1 in openssl 3.0.11-1~deb12u1'
    )
    expect(text).not.toContain('Add `USER 10001`')
  })

  it('can list only the most severe findings per check and count the rest', () => {
    const text = renderText(makeInput(), { maxFindingsPerCheck: 1 })
    expect(text).toContain('  CRITICAL  Dockerfile:8  secret-in-env: Secret in ENV')
    expect(text).not.toContain('runs-as-root: Final stage runs as root')
    expect(text).toContain(
      '  … and 3 more dockerfile findings (all are in the job summary, SARIF and --format json)'
    )
    expect(text).toContain('  … and 1 more secrets finding (')
  })

  it('says when the gate passed', () => {
    const text = renderText(makeInput({ failOn: 'none' }))
    expect(
      text.startsWith(
        'container-gate 0.1.0: PASSED: no finding at or above the threshold (fail-on none)'
      )
    ).toBe(true)
    expect(text.trimEnd().endsWith('Gate passed (fail-on none).')).toBe(true)
  })

  it('colours only when asked', () => {
    const input = makeInput()
    expect(renderText(input)).not.toContain('\u001b[')
    const coloured = renderText(input, { color: true })
    expect(coloured).toContain('\u001b[1;35mCRITICAL')
    expect(coloured).toContain('\u001b[1;31mFAILED')
  })

  it('keeps every finding on its own lines whatever the scanned text contains', () => {
    const finding = dockerfileFinding('runs-as-root', 'high', 2, 'line one\nline two\r\nthree', {
      title: 'multi\nline title'
    })
    const text = renderText(makeInput({ findings: [finding], suppressed: [], warnings: [] }))
    expect(text).toContain('runs-as-root: multi ⏎ line title')
    expect(text).toContain('            line one ⏎ line two ⏎ three')
  })

  it('never shows a raw secret value, and shows the redacted form when the message lacks it', () => {
    const input = makeInput()
    const leaky = input.findings.map(f =>
      f.check === 'secrets'
        ? {
            ...f,
            message: 'AWS key found',
            properties: { ...f.properties, value: RAW_AWS_SECRET, token: RAW_TOKEN }
          }
        : f
    )
    const text = renderText({ ...input, findings: leaky })
    expect(text).not.toContain(RAW_TOKEN)
    expect(text).not.toContain(RAW_AWS_SECRET)
    expect(text).toContain('            Secret: wJal…(40 chars)')
  })
})
