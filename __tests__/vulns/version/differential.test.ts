// Differential check against the real tools, where the machine has them:
// dpkg's Dpkg::Version (perl), rpm's rpm.vercmp (rpm 4.18+ lua) and pypa's
// packaging (python3). Seeded random versions built from the characters each
// format gives meaning to; pairs a tool rejects are left out. Each part skips
// with a message when its tool is missing.
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  compareDebianVersions,
  comparePep440Versions,
  compareRpmVersions
} from '../../../src/vulns/version/index.js'

let seed = 20261123
const rand = (n: number): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff
  return seed % n
}
const pick = <T>(xs: T[]): T => xs[rand(xs.length)] as T
const run = (alphabet: string[], max: number): string =>
  Array.from({ length: 1 + rand(max) }, () => pick(alphabet)).join('')

const GENERATORS = {
  dpkg: (): string =>
    (rand(5) === 0 ? pick(['0', '1', '2', '01']) + ':' : '') +
    pick(['0', '1', '2', '10', '9']) +
    run(
      ['0', '1', '2', '10', '01', 'a', 'b', 'Z', '~', '+', '.', '~rc', 'dfsg', '~deb12u', '-', ''],
      5
    ),
  rpm: (): string =>
    (rand(5) === 0 ? pick(['0', '1', '2']) + ':' : '') +
    run(
      ['0', '1', '2', '10', '01', 'a', 'b', 'Z', '~', '^', '.', '_', '+', 'rc', 'git', 'el9'],
      5
    ) +
    (rand(2) === 0 ? '-' + run(['0', '1', '2', '10', 'a', '~', '^', '.', 'el9', '_'], 3) : ''),
  pep440: (): string => {
    let s = rand(10) === 0 ? pick(['0', '1', '2']) + '!' : ''
    s += Array.from({ length: 1 + rand(3) }, () => pick(['0', '1', '2', '10', '00'])).join('.')
    if (rand(5) < 2)
      s +=
        pick(['a', 'b', 'rc', 'c', 'alpha', '-beta', '.pre', 'preview', 'RC']) +
        pick(['', '0', '1', '.3'])
    if (rand(10) < 3)
      s += pick(['.post', '-post', 'post', '-', 'r', '.rev']) + pick(['', '0', '1', '2'])
    if (rand(10) < 3) s += pick(['.dev', 'dev', '-dev']) + pick(['', '0', '1', '2'])
    if (rand(10) < 3)
      s +=
        '+' +
        Array.from({ length: 1 + rand(3) }, () =>
          pick(['1', '2', 'a', 'B', 'abc', '01', 'x1'])
        ).join(pick(['.', '-', '_']))
    return s.endsWith('-') ? s + '1' : s
  }
}

function pairsFor(generate: () => string, count: number): [string, string][] {
  const pool = Array.from({ length: 300 }, generate)
  return Array.from({ length: count }, () => [pick(pool), pick(pool)])
}

/** Runs an oracle; undefined when the tool is not installed. */
function oracle(command: string, args: string[], input: string): string | undefined {
  const r = spawnSync(command, args, { input, encoding: 'utf8', maxBuffer: 1 << 26 })
  return r.status === 0 ? r.stdout : undefined
}

/** Our answers that differ from the tool's ('X' = the tool rejected the pair). */
function disagreements(
  pairs: [string, string][],
  answers: string[],
  compare: (a: string, b: string) => number
): string[] {
  expect(answers.length).toBe(pairs.length)
  const wrong: string[] = []
  pairs.forEach(([a, b], i) => {
    const want = answers[i]
    if (want === 'X') return
    const got = compare(a, b)
    if (String(got) !== want)
      wrong.push(`${JSON.stringify(a)} vs ${JSON.stringify(b)}: tool ${want}, ours ${got}`)
  })
  return wrong
}

const PAIRS = 1500

describe('differential against the real tools', () => {
  it('dpkg (perl Dpkg::Version)', () => {
    const pairs = pairsFor(GENERATORS.dpkg, PAIRS)
    const script =
      'use Dpkg::Version; while (my $l = <STDIN>) { chomp $l; my ($a, $b) = split /\\t/, $l, 2; ' +
      'my $r = eval { version_compare($a, $b) }; print defined $r ? ($r <=> 0) : "X", "\\n" }'
    const out = oracle('perl', ['-e', script], pairs.map(p => p.join('\t')).join('\n') + '\n')
    if (out === undefined)
      return console.log('dpkg differential skipped: perl Dpkg::Version not available')
    const answers = out.trim().split('\n')
    expect(answers.filter(a => a !== 'X').length).toBeGreaterThan(PAIRS / 2)
    expect(disagreements(pairs, answers, compareDebianVersions)).toEqual([])
  })

  it('rpm (rpm.vercmp)', () => {
    const pairs = pairsFor(GENERATORS.rpm, PAIRS)
    const dir = mkdtempSync(join(tmpdir(), 'cg-rpm-'))
    try {
      const lua = join(dir, 'pairs.lua')
      writeFileSync(
        lua,
        pairs
          .map(
            ([a, b]) =>
              `do local ok, r = pcall(rpm.vercmp, ${JSON.stringify(a)}, ${JSON.stringify(b)}); print(tostring(ok and r or "X") .. ";") end`
          )
          .join('\n')
      )
      const out = oracle('rpm', ['--eval', `%{lua: dofile(${JSON.stringify(lua)})}`], '')
      if (out === undefined || !out.includes(';')) {
        return console.log('rpm differential skipped: rpm with lua rpm.vercmp not available')
      }
      const answers = out
        .split(';')
        .map(s => s.trim())
        .slice(0, pairs.length)
      expect(answers.filter(a => a !== 'X').length).toBeGreaterThan(PAIRS / 2)
      expect(disagreements(pairs, answers, compareRpmVersions)).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('PEP 440 (python3 packaging.version.Version)', () => {
    const pairs = pairsFor(GENERATORS.pep440, PAIRS)
    const script = [
      'import json, sys',
      'from packaging.version import Version, InvalidVersion',
      'for a, b in json.load(sys.stdin):',
      '    try:',
      '        x, y = Version(a), Version(b)',
      '        print((x > y) - (x < y))',
      '    except InvalidVersion:',
      '        print("X")'
    ].join('\n')
    const out = oracle('python3', ['-c', script], JSON.stringify(pairs))
    if (out === undefined)
      return console.log('PEP 440 differential skipped: python3 with packaging not available')
    const answers = out.trim().split('\n')
    expect(answers.filter(a => a !== 'X').length).toBeGreaterThan(PAIRS / 2)
    expect(disagreements(pairs, answers, comparePep440Versions)).toEqual([])
  })
})
