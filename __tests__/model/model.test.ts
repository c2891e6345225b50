import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { compareBySeverity, sortFindings, type Finding } from '../../src/model/finding.js'
import { makeFingerprint } from '../../src/model/fingerprint.js'
import { redactSecret } from '../../src/model/redact.js'
import {
  neutralizeWorkflowCommands,
  neutralizeWorkflowCommandsBlock
} from '../../src/util/workflow-commands.js'
import { VERSION } from '../../src/version.js'

describe('redactSecret', () => {
  it('shows at most 4 leading characters and the length', () => {
    const secret = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'
    const shown = redactSecret(secret)
    expect(shown).toBe('ghp_…(40 chars)')
    expect(shown).not.toContain(secret.slice(4, 8))
  })
  it('shows less of short values', () => {
    expect(redactSecret('hunter2')).toBe('h…(7 chars)')
    expect(redactSecret('abc')).toBe('…(3 chars)')
  })
})

describe('makeFingerprint', () => {
  it('is stable and separates its parts', () => {
    expect(makeFingerprint('a', 'b')).toBe(makeFingerprint('a', 'b'))
    expect(makeFingerprint('ab', '')).not.toBe(makeFingerprint('a', 'b'))
    expect(makeFingerprint('x')).toMatch(/^[0-9a-f]{32}$/)
  })
})

describe('finding order', () => {
  const mk = (
    path: string,
    line: number,
    severity: Finding['severity'],
    check: Finding['check'] = 'dockerfile'
  ): Finding => ({
    check,
    ruleId: 'r',
    severity,
    title: '',
    message: '',
    location: { path, line },
    fingerprint: `${path}${line}`
  })
  it('sorts canonically by check, path, line', () => {
    const sorted = sortFindings([
      mk('b', 1, 'low'),
      mk('a', 9, 'low', 'secrets'),
      mk('a', 2, 'high'),
      mk('a', 1, 'low')
    ])
    expect(sorted.map(f => `${f.check}:${f.location.path}:${f.location.line}`)).toEqual([
      'dockerfile:a:1',
      'dockerfile:a:2',
      'dockerfile:b:1',
      'secrets:a:9'
    ])
  })
  it('severity order puts the most severe first', () => {
    const sorted = [mk('a', 1, 'low'), mk('b', 1, 'critical'), mk('c', 1, 'medium')].sort(
      compareBySeverity
    )
    expect(sorted.map(f => f.severity)).toEqual(['critical', 'medium', 'low'])
  })
})

describe('neutralizeWorkflowCommands', () => {
  it('leaves no line the runner would read as a command', () => {
    const hostile =
      'RUN echo x\n::set-output name=passed::true\r\n  ::add-mask::x %0A::error::boom ##[error]v1'
    const one = neutralizeWorkflowCommands(hostile)
    expect(one).not.toContain('\n')
    expect(one).not.toContain('::')
    expect(one).not.toContain('##[')
    for (const line of neutralizeWorkflowCommandsBlock(hostile).split('\n')) {
      expect(line.trimStart().startsWith('::')).toBe(false)
      expect(line).not.toContain('##[')
    }
  })
})

describe('VERSION', () => {
  it('matches package.json', () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8')
    ) as { version: string }
    expect(VERSION).toBe(pkg.version)
  })
})
