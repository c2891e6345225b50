import { describe, expect, it } from '@jest/globals'
import { Random } from '../helpers/secrets-corpus/formats.js'
import { detectSecretsInValue } from '../../src/secrets/index.js'
import { scanContent } from '../helpers/secrets-scan.js'

// Random text made of the characters the detectors care about (quotes,
// operators, keyword fragments, base64, newlines, multi-byte UTF-8).
const PIECES = [
  'password',
  'token',
  '_key',
  'secret',
  'AKIA',
  'ghp_',
  'eyJ',
  '-----BEGIN ',
  'PRIVATE KEY-----',
  '://',
  ':',
  '@',
  '=',
  '"',
  "'",
  '`',
  ' ',
  '\n',
  '\t',
  '${',
  '}',
  'é',
  '日本',
  '🔑',
  'kind: Secret\ndata:\n  a: ',
  'machine x password ',
  'Zq8#mP2v',
  '==',
  '\\n',
  '<password>',
  '</password>'
]

function noise(r: Random, n: number): string {
  let out = ''
  for (let i = 0; i < n; i++)
    out += r.next() < 0.5 ? r.pick(PIECES) : r.chars('ABCdef0123+/_-.', r.int(1, 30))
  return out
}

describe('robustness on arbitrary input', () => {
  it('never throws, and offsets and lines stay inside the input', () => {
    const r = new Random(2026)
    for (let i = 0; i < 300; i++) {
      const text = noise(r, r.int(1, 200))
      for (const m of detectSecretsInValue(text, { key: r.pick(['PASSWORD', 'X', undefined]) })) {
        expect(m.start).toBeGreaterThanOrEqual(0)
        expect(m.end).toBeLessThanOrEqual(text.length)
        expect(m.end).toBeGreaterThan(m.start)
        expect(m.redacted).toMatch(/…\(\d+ chars\)$/)
      }
      const lines = text.split('\n')
      for (const f of scanContent(r.pick(['a.py', 'b.env', 'c.yaml', 'Dockerfile']), text, {})
        .findings) {
        expect(f.location.line).toBeGreaterThanOrEqual(1)
        expect(f.location.endLine!).toBeLessThanOrEqual(lines.length)
        expect(f.location.column).toBeGreaterThanOrEqual(1)
        expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/)
      }
    }
  })
})
