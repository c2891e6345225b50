// parseConfigFile on hostile `.container-gate.yml` text (a pull request can
// commit any): it returns a config or throws InputError, never anything
// else, always terminates, and what it returns is bounded by its input.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { parseConfigFile } from '../../src/config/file.js'
import { InputError } from '../../src/model/errors.js'
import { assertProperty } from './budget.js'

const KEYS = [
  'ignore',
  'severity',
  'checks',
  'rule',
  'path',
  'fingerprint',
  'vulnerability',
  'package',
  'reason',
  'expires',
  'dockerfile',
  'secrets',
  'vulnerabilities',
  'allow',
  'regex',
  'disable',
  'trusted-registries',
  'max-file-size',
  'skip-paths',
  'generic',
  'entropy',
  'example-secrets',
  'ignore-unfixed',
  '<<',
  '? complex',
  '"quoted key"',
  'DL3007',
  'runs-as-root',
  'x'
]
const SCALARS = [
  'high',
  'critical',
  'none',
  'true',
  'no',
  '~',
  'null',
  '2026-01-31',
  '2026-13-45',
  '0x1F',
  '1e400',
  '-.inf',
  '.nan',
  '"a\\u0000b"',
  "'it''s'",
  '|\n  block',
  '>-\n  folded',
  '!!binary aGk=',
  '!!js/function f',
  '!custom x',
  '&a [1, 2]',
  '*a',
  '*undefined',
  '[',
  ']',
  '{',
  '}',
  '{a: [b, {c: d}]}',
  '"(["',
  '^(\\w+\\s?)+$',
  '**',
  '"**/x"',
  '10MB',
  '-1',
  '99999999999999999999',
  '@npm',
  '`x`',
  '"\\x41"',
  '%TAG ! tag:x',
  '---',
  '...',
  '#comment',
  '\t',
  '"unterminated'
]

/** YAML-shaped text: keys, values, indentation, lists, anchors, flow collections, directives. */
const yamlish = fc
  .array(
    fc.tuple(
      fc.integer({ min: 0, max: 6 }),
      fc.constantFrom('', '- ', '? ', '  '),
      fc.constantFrom(...KEYS),
      fc.constantFrom(': ', ':', ' : ', ''),
      fc.oneof(fc.constantFrom(...SCALARS), fc.string({ maxLength: 12 }))
    ),
    { maxLength: 30 }
  )
  .map(lines =>
    lines
      .map(([indent, lead, key, sep, value]) => `${' '.repeat(indent)}${lead}${key}${sep}${value}`)
      .join('\n')
  )

const VALID = `ignore:
  - rule: runs-as-root
    path: "docker/**"
    reason: base image sets the user
    expires: 2030-01-01
  - vulnerability: CVE-2024-1
    package: openssl
    reason: not reachable
severity:
  DL3007: high
checks:
  secrets:
    allow:
      - regex: "^AKIA.{12}TEST$"
        reason: test keys
  dockerfile:
    trusted-registries: [ghcr.io/acme]
`

/** A valid config with characters deleted, inserted or swapped. */
const mutated = fc
  .array(
    fc.tuple(
      fc.nat(VALID.length),
      fc.constantFrom('del', 'ins', 'dup'),
      fc.constantFrom(...':-[]{}&*!|>"\'#\n \t?%@`')
    ),
    { minLength: 1, maxLength: 8 }
  )
  .map(edits => {
    let text = VALID
    for (const [at, op, char] of edits) {
      const i = at % (text.length + 1)
      if (op === 'del') text = text.slice(0, i) + text.slice(i + 1)
      else if (op === 'ins') text = text.slice(0, i) + char + text.slice(i)
      else text = text.slice(0, i) + text.slice(i, i + 8) + text.slice(i)
    }
    return text
  })

/** The property: a config or an InputError, and a result no bigger than its input. */
function expectConfigOrInputError(text: string): void {
  let config: ReturnType<typeof parseConfigFile> | undefined
  try {
    config = parseConfigFile(text, '.container-gate.yml')
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    // One clear line naming the file; never a stack trace.
    expect(error.message).toMatch(/^\.container-gate\.yml/)
    expect(error.message).not.toMatch(/\n\s+at /)
    return
  }
  expect(config.ignores.length).toBeLessThanOrEqual(text.length)
  expect(config.severity.size).toBeLessThanOrEqual(text.length)
}

describe('parseConfigFile on hostile text', () => {
  it('YAML-shaped text', () => {
    assertProperty(fc.property(yamlish, expectConfigOrInputError), 300)
  })

  it('a valid config, mutated', () => {
    assertProperty(fc.property(mutated, expectConfigOrInputError), 300)
  })

  it('any text at all', () => {
    assertProperty(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), expectConfigOrInputError),
      200
    )
  })

  it.each([
    ['deep flow nesting', '['.repeat(20000) + ']'.repeat(20000)],
    [
      'deep block nesting',
      Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}- a:`).join('\n')
    ],
    [
      'an alias bomb',
      'a: &a ["x","x","x","x","x","x","x","x","x"]\n' +
        Array.from(
          { length: 9 },
          (_, i) =>
            `${'bcdefghij'[i]}: &${'bcdefghij'[i]} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`
        ).join('\n') +
        '\nignore: *j\n'
    ],
    ['many documents', '---\nignore: []\n'.repeat(2000)],
    ['a huge scalar', `ignore:\n  - rule: ${'x'.repeat(1 << 20)}\n    reason: r\n`],
    ['NUL and control bytes', 'ignore:\n  - rule: "\u0000\u001b[31m"\n    reason: "\u202e"\n']
  ])('%s', (_name, text) => expectConfigOrInputError(text))
})
