import { describe, expect, it, beforeAll, jest } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { TARGETS } from './fuzz/targets.js'

// Property-based tests of the image reader's parsers of untrusted bytes (tar headers, OCI indexes,
// manifests and configs, dpkg status and file lists, apk installed, rpm headers, BerkeleyDB and ndb,
// package.json, Python METADATA, os-release, Go build info, jars, gzip/zstd streams): each never
// throws anything but its input-error type, returns what its input bounds, and agrees with itself
// when fed in pieces. All run in one child process with a seeded budget: a loop or a memory
// blow-up fails here (killed, or over 512 MiB) instead of hanging jest.
//   npm test: FUZZ_RUNS (default 150 per target), FUZZ_SEED (default fixed);
//   npm run fuzz: 20,000 per target and a fresh seed (the same for every fuzz test of the
//   project), printed with a failure, which replays with FUZZ_SEED=<seed> npm run fuzz.

const CHILD = fileURLToPath(new URL('./fuzz/fuzz-child.ts', import.meta.url))
const RUNS = Number(process.env.FUZZ_RUNS ?? 150)
const SEED =
  process.env.FUZZ_SEED === 'random'
    ? Date.now() % 2 ** 31
    : Number(process.env.FUZZ_SEED ?? 20261202)
const LIMIT_S = Number(process.env.FUZZ_TIMEOUT_S ?? 120)

jest.setTimeout((LIMIT_S + 30) * 1000)

interface Result {
  name: string
  failed: boolean
  numRuns: number
  seed: number
  path?: string
  counterexample?: string
  error?: string
  maxRssMb: number
}

let results = new Map<string, Result>()
let killed: string | undefined

beforeAll(() => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, String(RUNS), String(SEED)], {
    encoding: 'utf8',
    timeout: LIMIT_S * 1000,
    killSignal: 'SIGKILL',
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=512' }
  })
  if (r.signal)
    killed = `the fuzz child was killed (${r.signal}) after ${LIMIT_S} s: a parser loops or is too slow`
  else if (r.status !== 0) killed = `the fuzz child exited ${r.status}: ${r.stderr.slice(-3000)}`
  results = new Map(
    r.stdout
      .split('\n')
      .filter(Boolean)
      .map(line => JSON.parse(line) as Result)
      .map(result => [result.name, result])
  )
})

describe(`image parsers under fast-check (${RUNS} runs each, seed ${SEED})`, () => {
  for (const name of Object.keys(TARGETS)) {
    it(`${name}: only its own input errors, bounded output`, () => {
      const result = results.get(name)
      if (!result) throw new Error(killed ?? `no result for ${name}`)
      if (result.failed)
        throw new Error(
          `${name} failed (seed ${result.seed}, path ${result.path}):\n${result.counterexample}\n${result.error}`
        )
      expect(result.numRuns).toBe(RUNS)
      expect(result.maxRssMb).toBeLessThan(512 + 256)
    })
  }
})
