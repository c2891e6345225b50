// Secret fingerprints are keyed: what a report publishes (fingerprint, preview,
// length) cannot confirm a guess of the secret without the key.
import { createHash } from 'node:crypto'
import { inspect } from 'node:util'
import { describe, expect, it } from '@jest/globals'
import type { Finding } from '../../src/model/finding.js'
import { FingerprintKey, makeFingerprint, UNKEYED } from '../../src/model/fingerprint.js'
import { lintDockerfile } from '../../src/dockerfile/index.js'
import { scanContent } from '../helpers/secrets-scan.js'

const PASSWORD = 'Winter2024!'
const KEY = FingerprintKey.from('4b1d0c3e9a7f2e6d8c5b3a1f0e9d8c7b', 'input')

/** A human-chosen password: seasons, years, the usual suffixes (a few hundred guesses). */
function dictionary(): string[] {
  const words = ['Winter', 'Spring', 'Summer', 'Autumn', 'Fall', 'Password', 'Welcome', 'Company']
  const suffixes = ['', '!', '1', '!!', '#', '@', '?', '$', '123', '1!']
  const out: string[] = []
  for (const word of words)
    for (let year = 2000; year <= 2030; year++)
      for (const suffix of suffixes) out.push(`${word}${year}${suffix}`)
  return out
}

/** What a report shows of a secret finding: rule, path, fingerprint, and the preview `Wi…(11 chars)`. */
function published(finding: Finding): { prefix: string; length: number } {
  const m = /^(.*)…\((\d+) chars\)$/.exec(String(finding.properties?.redacted))
  if (!m) throw new Error(`no preview in ${JSON.stringify(finding.properties)}`)
  return { prefix: m[1]!, length: Number(m[2]) }
}

/** An offline attack: every guess that fits the preview, fingerprinted as `digest` would. */
function crack(finding: Finding, digest: (guess: string) => string): string[] {
  const { prefix, length } = published(finding)
  return dictionary()
    .filter(guess => guess.length === length && guess.startsWith(prefix))
    .filter(
      guess =>
        makeFingerprint(finding.ruleId, finding.location.path, digest(guess)) ===
        finding.fingerprint
    )
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

describe('keyed secret fingerprints', () => {
  const file = (key: FingerprintKey | undefined, text = `DB_PASSWORD=${PASSWORD}\n`) =>
    scanContent('deploy/app.env', text, { fingerprintKey: key }).findings[0]!

  it('the dictionary finds the password when the fingerprint is not keyed (the attack is real)', () => {
    expect(dictionary()).toContain(PASSWORD)
    const unkeyed = file(UNKEYED)
    expect(crack(unkeyed, guess => UNKEYED.digest(guess))).toEqual([PASSWORD])
  })

  it('without the key no guess matches; with it the password does', () => {
    const finding = file(KEY)
    expect(finding.fingerprint).toMatch(/^[0-9a-f]{32}$/)
    // Without the key: the former plain hash, the unkeyed constant, keys from guessable material.
    expect(crack(finding, sha256)).toEqual([])
    expect(crack(finding, guess => UNKEYED.digest(guess))).toEqual([])
    for (const material of ['', 'deploy/app.env', '123456789', 'container-gate'])
      expect(crack(finding, guess => FingerprintKey.from(material, 'input').digest(guess))).toEqual(
        []
      )
    // With the key: exactly the password.
    expect(crack(finding, guess => KEY.digest(guess))).toEqual([PASSWORD])
  })

  it('is stable across runs and line moves, and differs between repositories', () => {
    const again = FingerprintKey.from('4b1d0c3e9a7f2e6d8c5b3a1f0e9d8c7b', 'input')
    expect(file(again).fingerprint).toBe(file(KEY).fingerprint)
    const moved = file(KEY, `# moved down\n\nDB_PASSWORD=${PASSWORD}\n`)
    expect(moved.location.line).toBe(3)
    expect(moved.fingerprint).toBe(file(KEY).fingerprint)
    const otherRepository = FingerprintKey.from('another repository, another key', 'input')
    expect(file(otherRepository).fingerprint).not.toBe(file(KEY).fingerprint)
    // The kind of material is part of the key: the same text as a repository id is another key.
    expect(FingerprintKey.from('123', 'repository-id').id).not.toBe(
      FingerprintKey.from('123', 'input').id
    )
  })

  it('keys the value of a Dockerfile ENV secret the same way', () => {
    const text = 'FROM alpine:3.20\nENV DB_PASSWORD=Winter2024!\nUSER 1\n'
    const lint = (key: FingerprintKey) =>
      lintDockerfile('Dockerfile', text, {}, { fingerprintKey: key }).findings.find(
        f => f.ruleId === 'secret-in-env'
      )!
    const finding = lint(KEY)
    expect(finding.properties?.redacted).toBe('Wi…(11 chars)')
    expect(lint(FingerprintKey.from('4b1d0c3e9a7f2e6d8c5b3a1f0e9d8c7b', 'input')).fingerprint).toBe(
      finding.fingerprint
    )
    expect(lint(UNKEYED).fingerprint).not.toBe(finding.fingerprint)
    // The former fingerprint hashed the instruction text, value included: a guess confirmed it.
    const former = (guess: string) =>
      makeFingerprint('dockerfile', 'secret-in-env', 'Dockerfile', `ENV DB_PASSWORD ${guess}`, '0')
    expect(dictionary().filter(guess => former(guess) === finding.fingerprint)).toEqual([])
    const keyed = (guess: string) =>
      makeFingerprint(
        'dockerfile',
        'secret-in-env',
        'Dockerfile',
        `ENV DB_PASSWORD ${KEY.digest(guess)}`,
        '0'
      )
    expect(dictionary().filter(guess => keyed(guess) === finding.fingerprint)).toEqual([PASSWORD])
  })

  it('keys a credential inside any instruction text that a Dockerfile fingerprint is made of', () => {
    const run = (password: string) =>
      `FROM alpine:3.20\nRUN curl -fsSL https://deploy:${password}@get.example.com/install.sh | sh\nUSER 1\n`
    const lint = (text: string, key: FingerprintKey) =>
      lintDockerfile('Dockerfile', text, {}, { fingerprintKey: key }).findings.find(
        f => f.ruleId === 'curl-pipe-shell'
      )!
    const finding = lint(run(PASSWORD), KEY)
    expect(lint(run(PASSWORD), KEY).fingerprint).toBe(finding.fingerprint)
    expect(lint(run('Spring2021!'), KEY).fingerprint).not.toBe(finding.fingerprint)
    expect(lint(run(PASSWORD), UNKEYED).fingerprint).not.toBe(finding.fingerprint)
    // Someone who knows the instruction but the password cannot check guesses against it.
    const plain = (guess: string) =>
      makeFingerprint(
        'dockerfile',
        'curl-pipe-shell',
        'Dockerfile',
        `RUN curl -fsSL https://deploy:${guess}@get.example.com/install.sh | sh`,
        '0'
      )
    const keyed = lint(run('placeholder-pw'), KEY).fingerprint
    expect(keyed).not.toBe(plain('placeholder-pw'))
    expect(dictionary().filter(guess => plain(guess) === finding.fingerprint)).toEqual([])
    // An instruction without a credential keeps its plain fingerprint (no key involved).
    const clean =
      'FROM alpine:3.20\nRUN curl -fsSL https://get.example.com/install.sh | sh\nUSER 1\n'
    expect(lint(clean, KEY).fingerprint).toBe(lint(clean, UNKEYED).fingerprint)
    // …which is the formula the attack above uses (so the attack is the real one).
    expect(lint(clean, KEY).fingerprint).toBe(
      makeFingerprint(
        'dockerfile',
        'curl-pipe-shell',
        'Dockerfile',
        'RUN curl -fsSL https://get.example.com/install.sh | sh',
        '0'
      )
    )
  })

  it('never shows the key bytes: JSON and inspect give the source and the public id', () => {
    const key = FingerprintKey.from('the repository secret value', 'input')
    expect(JSON.stringify({ key })).toBe(`{"key":{"source":"input","id":"${key.id}"}}`)
    expect(inspect(key)).toBe(`FingerprintKey(input, id ${key.id})`)
    expect(inspect({ key }, { showHidden: true, depth: 5 })).not.toMatch(/the repository secret/)
    expect(key.id).toMatch(/^[0-9a-f]{16}$/)
  })

  it('tells whether it keyed a secret (the unkeyed warning only matters then)', () => {
    const key = FingerprintKey.unkeyed()
    expect(key.used).toBe(false)
    scanContent('a.env', 'NOTHING=here\n', { fingerprintKey: key })
    expect(key.used).toBe(false)
    file(key)
    expect(key.used).toBe(true)
  })
})
