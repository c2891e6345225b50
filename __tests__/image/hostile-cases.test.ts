import { describe, expect, it, beforeAll, afterAll, jest } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { HOSTILE_CASES, LIBC6 } from './hostile-cases.js'

// Every hostile case of the hostile-input run (hostile-cases.ts) that is quick to build, read by
// one child process in turn: each ends as its case says (a warning naming the trouble with the
// healthy layer's package kept, a plain result, or one InputError), and the child never passes
// 1 GiB of RSS. The large cases (millions of entries) run only in `npm run bench -- hostile`.

jest.setTimeout(240_000)

const CHILD = fileURLToPath(new URL('./helpers/read-many-child.ts', import.meta.url))
const cases = HOSTILE_CASES.filter(c => !c.large)

type Outcome =
  | { name: string; ok: true; packages: string[]; warnings: string[] }
  | { name: string; ok: false; error: { name: string; message: string } }

let dir: string
const outcomes = new Map<string, Outcome>()
let maxRssMb = Infinity
let failure: string | undefined

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hostile-cases-'))
  const jobs: { name: string; source: string }[] = []
  for (const c of cases) {
    const caseDir = join(dir, c.name)
    mkdirSync(caseDir)
    jobs.push({ name: c.name, source: await c.build(caseDir) })
  }
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(jobs)], {
    encoding: 'utf8',
    timeout: 200_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: '', RUNNER_TEMP: dir }
  })
  if (r.signal) failure = `the child was killed (${r.signal}): a case did not finish`
  else if (r.status !== 0) failure = `the child exited ${r.status}: ${r.stderr.slice(-2000)}`
  for (const line of r.stdout.split('\n').filter(Boolean)) {
    const value = JSON.parse(line) as Outcome | { maxRssMb: number }
    if ('maxRssMb' in value) maxRssMb = value.maxRssMb
    else outcomes.set(value.name, value)
  }
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('hostile images end in a result or one clear input error', () => {
  for (const c of cases) {
    it(`${c.name} (${c.what}): ${c.expect}`, () => {
      const outcome = outcomes.get(c.name)
      if (!outcome) throw new Error(failure ?? `no outcome for ${c.name}`)
      if (c.expect === 'error') {
        expect(outcome).toMatchObject({ ok: false, error: { name: 'InputError' } })
        if (!outcome.ok) expect(outcome.error.message).not.toMatch(/\n/)
        return
      }
      if (!outcome.ok) throw new Error(`${outcome.error.name}: ${outcome.error.message}`)
      expect(outcome.packages).toContain(LIBC6)
      if (c.expect === 'warning') expect(outcome.warnings.length).toBeGreaterThan(0)
      else expect(outcome.warnings).toEqual([])
      for (const w of outcome.warnings) expect(w).not.toMatch(/\n/)
    })
  }

  it('the whole run stays under 1 GiB of RSS', () => {
    expect(maxRssMb).toBeLessThan(1024)
  })
})
