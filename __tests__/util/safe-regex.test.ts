import { describe, expect, it } from '@jest/globals'
import { LineCounter, parseDocument } from 'yaml'
import { ConfigNode } from '../../src/model/config-node.js'
import { InputError } from '../../src/model/errors.js'
import { parseConfigFile } from '../../src/config/file.js'
import { valueIgnorer } from '../../src/gate/ignores.js'
import type { Finding } from '../../src/model/finding.js'
import { parseSecretsSettings } from '../../src/secrets/index.js'
import { scanContent } from '../helpers/secrets-scan.js'
import { compileSafeRegex } from '../../src/util/safe-regex.js'

// `^(\w+\s?)+$` backtracks exponentially on word characters followed by one
// that cannot match: with a backtracking engine, 36 characters take minutes.
const CATASTROPHIC = '^(\\w+\\s?)+$'
const ADVERSARIAL = 'Xk9mQ2vL7pR4wZ8nXk9mQ2vL7pR4wZ8nXk9!'

describe('compileSafeRegex', () => {
  it('runs a catastrophic pattern on adversarial text and gives the right answer', () => {
    expect(ADVERSARIAL).toHaveLength(36)
    const re = compileSafeRegex(CATASTROPHIC)
    expect(re.test(ADVERSARIAL)).toBe(false)
    expect(re.test('Xk9mQ2vL7pR4wZ8n Xk9mQ2vL7pR4wZ8n')).toBe(true)
  })

  it('matches anywhere, like RegExp.prototype.test, and honours case-insensitivity', () => {
    expect(compileSafeRegex('AKIA[0-9A-Z]{4}').test('key=AKIAABCD…')).toBe(true)
    expect(compileSafeRegex('^akia').test('AKIA')).toBe(false)
    expect(compileSafeRegex('^akia', { caseInsensitive: true }).test('AKIA')).toBe(true)
    expect(compileSafeRegex('(?i)^akia').test('AKIA')).toBe(true)
  })

  it.each([
    ['(?=x)abc', /cannot run in linear time .*lookahead/],
    ['(?<!a)b', /cannot run in linear time/],
    ['(a)\\1', /cannot run in linear time .*backreferences/],
    ['([', /^not a valid regular expression \(missing closing \]/],
    ['a{2000}', /invalid repeat count/]
  ])('rejects %j with a clear InputError', (pattern, message) => {
    expect(() => compileSafeRegex(pattern)).toThrow(InputError)
    expect(() => compileSafeRegex(pattern)).toThrow(message)
  })
})

function settingsFrom(yaml: string) {
  const lines = new LineCounter()
  const doc = parseDocument(yaml, { lineCounter: lines })
  return parseSecretsSettings(
    new ConfigNode(doc.contents, 'checks.secrets', '.container-gate.yml', lines)
  )
}

describe('checks.secrets.allow[].regex runs in linear time', () => {
  it('a catastrophic allow pattern on an adversarial secret: the scan returns, the finding stays', () => {
    const settings = settingsFrom(`allow:\n  - regex: '${CATASTROPHIC}'\n    reason: words only\n`)
    const out = scanContent('app/settings.py', `api_key = "${ADVERSARIAL}"\n`, settings)
    expect(out.findings).toHaveLength(1)
    expect(out.suppressed).toEqual([])
    // And the pattern still allows what it describes.
    const allowed = scanContent('app/settings.py', 'api_key = "Qm7Rt2Lp9Xw4Kz8Bv3Nc"\n', settings)
    expect(allowed.findings).toEqual([])
    expect(allowed.suppressed[0]?.reason).toBe('checks.secrets.allow[0]: words only')
  })

  it('a pattern RE2 cannot run is a config error naming the file, line and key', () => {
    expect(() => settingsFrom(`allow:\n  - regex: 'sk_(?!test)'\n`)).toThrow(
      /\.container-gate\.yml:2: checks\.secrets\.allow\[0\]\.regex: a regular expression container-gate cannot run in linear time/
    )
  })
})

describe('ignore: value-regex (the one ignore model) runs in linear time', () => {
  const secret: Finding = {
    check: 'secrets',
    ruleId: 'generic-credential-assignment',
    severity: 'high',
    title: 'Hardcoded credential',
    message: 'm',
    location: { path: 'app/settings.py', line: 1 },
    fingerprint: 'f'.repeat(32)
  }

  it('a catastrophic value-regex on an adversarial value returns, and matches what it describes', () => {
    const config = parseConfigFile(
      `ignore:\n  - value-regex: '${CATASTROPHIC}'\n    reason: words only\n`,
      'c.yml'
    )
    const ignorer = valueIgnorer(config.ignores, [], '2026-01-01')
    expect(ignorer(secret, ADVERSARIAL)).toBeUndefined()
    expect(ignorer(secret, 'Qm7Rt2Lp9Xw4Kz8Bv3Nc')?.reason).toBe('words only (c.yml:2)')
  })

  it('a value-regex RE2 cannot run is a config error naming the file, line and key', () => {
    expect(() =>
      parseConfigFile("ignore:\n  - value-regex: '(a)\\1'\n    reason: r\n", 'c.yml')
    ).toThrow(/^c\.yml:2: ignore\[0\]\.value-regex: a regular expression container-gate cannot run/)
  })
})
