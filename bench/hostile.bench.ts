// The hostile-input run: every case of __tests__/image/hostile-cases.ts (decompression bombs of
// every format, database and zip bombs, index cycles and nesting, lying and truncated headers,
// symlink tricks, sheer size) scanned by the CLI in a child process of its own, beside a
// Dockerfile and a secrets directory whose findings must survive whatever the image does. Each
// child is measured by GNU time (wall clock, peak RSS) and killed after 60 s.
//
//   npm run bench -- hostile                          (all cases)
//   HOSTILE_CASES=gzip,jar npm run bench -- hostile   (cases whose name contains one of the words;
//   npx tsx bench/hostile.bench.ts gzip jar           also as arguments when run directly)
//   HOSTILE_REPO=/path/to/other/checkout npm run bench -- hostile   (measure another checkout's CLI)
//
// Fails (exit 1) when a case takes 60 s or more, 1 GiB of RSS or more, gives an outcome other than
// the expected one, or loses the Dockerfile or secrets findings without an input error. A watchdog
// kills a child past 2 GiB of RSS or 4 GiB of temporary files (TMPDIR and RUNNER_TEMP point into
// the run's own directory), so that measuring an unbounded reader does not hurt the machine.
import { spawn } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { HOSTILE_CASES } from '../__tests__/image/hostile-cases.js'

const ROOT = resolve(import.meta.dirname, '..')
const REPO = process.env.HOSTILE_REPO ? resolve(process.env.HOSTILE_REPO) : ROOT
const LIMIT_S = 60
const LIMIT_MB = 1024
const KILL_RSS_MB = 2048
const KILL_TEMP_BYTES = 4 * 1024 ** 3

/** Bytes of the files under `dir`. */
function treeBytes(dir: string): number {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    try {
      total += entry.isDirectory() ? treeBytes(path) : statSync(path).size
    } catch {
      // removed meanwhile
    }
  }
  return total
}

/** VmRSS of the process `pid` and its descendants, in MiB (Linux /proc). */
function treeRssMb(pid: number): number {
  let kb = 0
  try {
    kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
    for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' '))
      if (child.trim()) kb += treeRssMb(Number(child)) * 1024
  } catch {
    // gone
  }
  return kb / 1024
}

interface Run {
  status: number | null
  signal: string | null
  stdout: string
  stderr: string
  killedFor?: string
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, temp: string): Promise<Run> {
  return new Promise(resolvePromise => {
    const child = spawn(command, args, { cwd: REPO, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
    let killedFor: string | undefined
    const kill = (why: string): void => {
      killedFor ??= why
      child.kill('SIGKILL')
      // GNU time's own child: kill it too
      try {
        for (const pid of readFileSync(
          `/proc/${child.pid}/task/${child.pid}/children`,
          'utf8'
        ).split(' '))
          if (pid.trim()) process.kill(Number(pid), 'SIGKILL')
      } catch {
        // gone
      }
    }
    const timer = setTimeout(() => kill(`still running after ${LIMIT_S} s`), LIMIT_S * 1000)
    const watch = setInterval(() => {
      const rss = treeRssMb(child.pid ?? 0)
      if (rss > KILL_RSS_MB) kill(`RSS over ${KILL_RSS_MB} MiB`)
      else if (treeBytes(temp) > KILL_TEMP_BYTES)
        kill(`over ${KILL_TEMP_BYTES / 1024 ** 3} GiB of temporary files`)
    }, 200)
    child.on('close', (status, signal) => {
      clearTimeout(timer)
      clearInterval(watch)
      resolvePromise({ status, signal, stdout, stderr, killedFor })
    })
  })
}
const words = [...process.argv.slice(2), ...(process.env.HOSTILE_CASES ?? '').split(',')].filter(
  w => w !== '' && w !== 'hostile'
)
const cases = HOSTILE_CASES.filter(c => words.length === 0 || words.some(w => c.name.includes(w)))

const work = mkdtempSync(join(tmpdir(), 'hostile-run-'))
const runnerTemp = join(work, 'runner-temp')
mkdirSync(runnerTemp)
const dockerfile = join(work, 'Dockerfile')
writeFileSync(dockerfile, 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n')
const secrets = join(work, 'src')
mkdirSync(secrets)
writeFileSync(
  join(secrets, 'settings.ini'),
  'aws_access_key_id = AKIAQ3EGRL7XNWPYZ2K4\naws_secret_access_key = "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"\n'
)

interface Row {
  name: string
  what: string
  expect: string
  got: string
  exit: number | string
  wallS: number
  rssMb: number
  kept: boolean
  detail: string
  failed: string[]
}

const rows: Row[] = []
for (const c of cases) {
  const dir = join(work, c.name)
  mkdirSync(dir)
  const builtAt = performance.now()
  const image = await c.build(dir)
  const buildS = (performance.now() - builtAt) / 1000
  const startedAt = performance.now()
  const temp = join(work, 'temp')
  mkdirSync(temp, { recursive: true })
  const r = await run(
    '/usr/bin/time',
    [
      '-v',
      process.execPath,
      '--import',
      'tsx',
      join(REPO, 'src/cli/index.ts'),
      '--dockerfile',
      dockerfile,
      '--secrets',
      secrets,
      '--image',
      image,
      '--vuln-db',
      join(ROOT, 'fixtures/vulns/osv'),
      '--format',
      'json',
      '--fail-on',
      'none'
    ],
    { ...process.env, RUNNER_TEMP: runnerTemp, TMPDIR: temp, NODE_OPTIONS: '' },
    work
  )
  rmSync(temp, { recursive: true, force: true })
  const stderr = r.stderr ?? ''
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? NaN)
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(
    stderr
  )
  const wallS = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN
  const exit: number | string = r.killedFor
    ? 'killed'
    : r.signal
      ? `killed (${r.signal})`
      : (r.status ?? 'none')
  let got = 'crash'
  let kept = false
  let detail = ''
  if (r.killedFor || r.signal) {
    got = r.killedFor?.startsWith('still running') ? 'hang' : 'killed'
    detail = `killed: ${r.killedFor ?? r.signal}`
  } else if (r.status === 0 || r.status === 1) {
    try {
      const report = JSON.parse(r.stdout) as {
        findings: { check: string }[]
        warnings: string[]
      }
      const checks = new Set(report.findings.map(f => f.check))
      kept = checks.has('dockerfile') && checks.has('secrets')
      const imageWarnings = report.warnings.filter(w => /^layer \d|image/.test(w))
      got = imageWarnings.length > 0 ? 'warning' : 'ok'
      detail = imageWarnings[0] ?? ''
    } catch {
      detail = r.stdout.slice(0, 200)
    }
  } else if (r.status === 2) {
    // One clear line from the CLI (`container-gate: …`), no stack trace.
    const lines = stderr.split('\n').filter(l => l.startsWith('container-gate'))
    detail = lines[0] ?? stderr.split('\n')[0] ?? ''
    got =
      lines.length === 1 && !/^\s+at /m.test(stderr) && !/internal error/.test(detail)
        ? 'error'
        : 'crash'
  } else {
    detail = stderr.split('\n').find(l => /Error|heap|memory/i.test(l)) ?? `exit ${r.status}`
  }
  const failed: string[] = []
  if (got !== c.expect) failed.push(`expected ${c.expect}`)
  if (!(wallS < LIMIT_S) && !r.killedFor) failed.push(`>= ${LIMIT_S} s`)
  if (!(rssKb / 1024 < LIMIT_MB) && !r.killedFor) failed.push(`>= ${LIMIT_MB} MiB`)
  if ((got === 'ok' || got === 'warning') && !kept) failed.push('lost other findings')
  // Scrub the temp paths out of the message for the table.
  detail = detail.replaceAll(work, '…').slice(0, 160)
  rows.push({
    name: c.name,
    what: c.what,
    expect: c.expect,
    got,
    exit,
    // A killed child has no GNU time report: its wall time is the watchdog's.
    wallS: Number.isNaN(wallS) ? (performance.now() - startedAt) / 1000 : wallS,
    rssMb: rssKb / 1024,
    kept,
    detail,
    failed
  })
  console.log(
    `${c.name}: ${got} (exit ${exit}) in ${wallS.toFixed(2)} s, ${(rssKb / 1024).toFixed(0)} MiB RSS` +
      ` (built in ${buildS.toFixed(1)} s)${failed.length ? `  FAILED: ${failed.join(', ')}` : ''}`
  )
  rmSync(dir, { recursive: true, force: true })
}
rmSync(work, { recursive: true, force: true })

console.log(`\nCLI: ${REPO === ROOT ? 'this checkout' : REPO}, Node ${process.version}\n`)
console.log('| case | input | outcome | exit | wall | peak RSS | Dockerfile + secrets findings |')
console.log('| --- | --- | --- | ---: | ---: | ---: | --- |')
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.what} | ${r.got}${r.failed.length ? ` **(${r.failed.join(', ')})**` : ''} | ${r.exit} | ${r.wallS.toFixed(2)} s | ${Number.isNaN(r.rssMb) ? (r.detail.includes('RSS') ? `> ${KILL_RSS_MB} MiB` : 'n/a') : `${r.rssMb.toFixed(0)} MiB`} | ${r.got === 'error' ? 'n/a (input error, exit 2)' : r.kept ? 'kept' : 'LOST'} |`
  )
}
console.log('\nMessages:\n')
for (const r of rows) if (r.detail) console.log(`- ${r.name}: ${r.detail}`)
const worst = [...rows].filter(r => !Number.isNaN(r.rssMb)).sort((a, b) => b.rssMb - a.rssMb)[0]
const slowest = [...rows].sort((a, b) => b.wallS - a.wallS)[0]
if (worst)
  console.log(
    `\nPeak RSS: ${worst.rssMb.toFixed(0)} MiB (${worst.name}); slowest: ${slowest.wallS.toFixed(2)} s (${slowest.name})`
  )
process.exit(rows.some(r => r.failed.length > 0) ? 1 : 0)
