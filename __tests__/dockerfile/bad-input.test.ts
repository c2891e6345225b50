import { describe, expect, it } from '@jest/globals'
import { lintDockerfile } from '../../src/dockerfile/index.js'

const lint = (text: string) => lintDockerfile('docker/Dockerfile', text, {})

describe('bad input gives one dockerfile-parse-error, never a crash; what can be read is still linted', () => {
  it.each([
    ['empty', '', 1, 'empty'],
    ['whitespace only', ' \n\n\t\n', 1, 'empty'],
    ['a BOM only', '\ufeff', 1, 'empty'],
    ['only comments', '# just a comment\n', 1, 'no instructions'],
    [
      'binary',
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x00, 0x3e]).toString('utf8'),
      1,
      'binary'
    ],
    ['a JSON file', '{\n  "name": "app"\n}\n', 1, 'unknown instruction "{"'],
    ['a shell script', '#!/bin/sh\nset -e\necho hi\n', 2, 'unknown instruction "set"'],
    ['a template', 'FROM alpine:%%VERSION%%\n{{ if .X }}\nRUN x\n', 2, 'unknown instruction "{{"'],
    [
      'an instruction before FROM',
      'RUN apt-get update\nFROM debian\n',
      1,
      'RUN before the first FROM'
    ],
    ['FROM with extra words', 'FROM alpine AS a b\n', 1, 'FROM takes an image']
  ])('%s', (_name, text, line, message) => {
    const result = lint(text)
    const parseErrors = result.findings.filter(f =>
      /dockerfile-parse-error|instruction-before-from/.test(f.ruleId)
    )
    expect(parseErrors).toHaveLength(1)
    const [finding] = parseErrors
    expect(finding).toMatchObject({
      severity: 'high',
      location: { path: 'docker/Dockerfile', line }
    })
    expect(finding.message).toContain(message)
  })

  it('lints the next file normally after a bad one', () => {
    expect(lint('\u0000\u0001').findings[0].ruleId).toBe('dockerfile-parse-error')
    expect(lint('FROM alpine:3\nUSER 1\n').findings.map(f => f.ruleId)).toEqual([
      'base-image-not-pinned'
    ])
  })

  it('takes NUL bytes inside instructions as characters: the rest of the file is still linted', () => {
    const result = lint('FROM alp\u0000ine:3.20\nRUN echo a\u0000b && sudo make\nUSER 1\n')
    expect(result.findings.map(f => `${f.ruleId}@${f.location.line}`)).toEqual([
      'base-image-not-pinned@1',
      'sudo-in-run@2'
    ])
  })

  it('expands 50,000 nested ${A:-${B:-…}} without overflowing the stack, and says the value is unknown', () => {
    const depth = 50_000
    const nested = '${A:-'.repeat(depth) + 'alpine@sha256:' + 'a'.repeat(64) + '}'.repeat(depth)
    for (const text of [`FROM ${nested}\nUSER 1\n`, `ARG BASE=${nested}\nFROM $BASE\nUSER 1\n`]) {
      const result = lint(text)
      const byRule = Object.fromEntries(result.findings.map(f => [f.ruleId, f]))
      expect(byRule['dockerfile-parse-error'].message).toContain('nested more than 64 deep')
      // Not expanded, so not proven pinned: the digest inside is never reached.
      expect(byRule['base-image-not-pinned'].message).toContain('cannot be proven pinned')
      expect(JSON.stringify(result.findings).length).toBeLessThan(20_000)
    }
  })

  it('becomes a warning instead when the rule is disabled', () => {
    const result = lintDockerfile('x/Dockerfile', '', { disable: ['dockerfile-parse-error'] })
    expect(result.findings).toEqual([])
    expect(result.warnings).toEqual(['x/Dockerfile: not linted: the file is empty'])
  })

  it('survives truncations and byte noise of a real Dockerfile (deterministic fuzz)', () => {
    const base = [
      '# syntax=docker/dockerfile:1',
      'ARG BASE=alpine:3.20',
      'FROM ${BASE} AS build',
      'RUN --mount=type=cache,target=/root/.cache <<EOF',
      'set -e',
      'apk add curl | tee /log',
      'EOF',
      'COPY --from=build --chown=1:1 /a /b',
      'ENV A="x y" \\',
      '  B=${A:-z}',
      'ONBUILD RUN echo $((1<<2))',
      'USER ${UID:-1000}',
      'CMD ["a", "b"]'
    ].join('\n')
    let seed = 42
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const noise = '\\`"\'${}[]<<-#\n\r\t =:@/'
    for (let i = 0; i < 400; i++) {
      let text = base.slice(0, Math.floor(random() * base.length))
      for (let j = 0; j < 5; j++) {
        const at = Math.floor(random() * text.length)
        text = text.slice(0, at) + noise[Math.floor(random() * noise.length)] + text.slice(at)
      }
      const result = lint(text)
      for (const finding of result.findings) {
        expect(finding.location.line).toBeGreaterThanOrEqual(1)
      }
    }
  })
})

describe('messages never repeat a secret from the file', () => {
  const token = 'ghp_' + 'R4nd0mT0k3nF0rC0nt41n3rG4t3T3s2Z530m'
  it('a .env file given as a Dockerfile', () => {
    const [finding] = lint(`# app settings\nAPI_KEY=${token}\n`).findings
    expect(finding.message).toContain('unknown instruction "API_KEY…"')
    expect(finding.message).not.toContain('R4nd0m')
  })

  it('a bare token on the first line', () => {
    const [finding] = lint(`${token}\n`).findings
    expect(finding.message).toContain('ghp_…(40 chars)')
    expect(finding.message).not.toContain('R4nd0m')
  })

  it('a URL with a password in ADD, and arguments of a shell-form CMD', () => {
    const result = lintDockerfile(
      'Dockerfile',
      [
        'FROM scratch',
        'ADD https://deploy:Hunter2Hunter2@files.example.com/a.tgz /',
        `CMD /app --token ${token}`,
        'USER 1'
      ].join('\n'),
      {}
    )
    const text = JSON.stringify(result.findings.map(f => [f.title, f.message, f.properties]))
    expect(result.findings.map(f => f.ruleId)).toEqual(
      expect.arrayContaining(['add-url-without-checksum', 'shell-form-entrypoint'])
    )
    expect(text).toContain('https://deploy:Hun…(14 chars)@files.example.com/a.tgz')
    expect(text).not.toContain('Hunter2Hunter2')
    expect(text).not.toContain('R4nd0m')
  })
})

describe('size bound', () => {
  it('refuses a file over 2 MiB with one finding instead of parsing it', () => {
    const result = lintDockerfileBound('FROM alpine\n' + '#\n'.repeat(1_100_000))
    expect(result.findings.map(f => f.ruleId)).toEqual(['dockerfile-parse-error'])
    expect(result.findings[0].message).toContain('larger than 2 MiB')
  })
})

function lintDockerfileBound(text: string) {
  return lintDockerfile('Dockerfile', text, {})
}
