// Secrets in a pull request's commits: a generated repository of 500 commits, each
// rewriting one of 40 text files with 160 lines of words (every 50th with a planted
// credential), scanned with scanSecretsInHistory.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { scanSecretsInHistory } from '../src/secrets/history.js'

const COMMITS = 500
const dir = mkdtempSync(join(tmpdir(), 'history-bench-'))
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'b',
  GIT_AUTHOR_EMAIL: 'b@example.com',
  GIT_COMMITTER_NAME: 'b',
  GIT_COMMITTER_EMAIL: 'b@example.com'
}
const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' })
git('init', '-q', '-b', 'main')
git('commit', '-q', '--allow-empty', '-m', 'base')
const base = git('rev-parse', 'HEAD').trim()
let seed = 7
const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648)
const word = () =>
  Array.from({ length: 3 + (next() % 8) }, () => 'abcdefghijklmnopqrstuvwxyz'[next() % 26]).join('')
let planted = 0
for (let i = 0; i < COMMITS; i++) {
  const lines = Array.from({ length: 160 }, () => Array.from({ length: 10 }, word).join(' '))
  if (i % 50 === 0) {
    lines[80] = `db_password = "${Array.from({ length: 24 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'[next() % 57]).join('')}"`
    planted++
  }
  writeFileSync(join(dir, `notes-${i % 40}.txt`), lines.join('\n') + '\n')
  git('add', '-A')
  git('commit', '-q', '-m', `c${i}`)
}
const started = performance.now()
const scan = await scanSecretsInHistory({ base, head: 'HEAD' }, ['.'], {}, { cwd: dir })
const ms = performance.now() - started
const mib = (scan.stats.bytes ?? 0) / 1024 / 1024
console.log(
  `secrets history: ${scan.stats.commits} commits, ${mib.toFixed(1)} MiB of added lines in ${(ms / 1000).toFixed(2)} s ` +
    `(${((scan.stats.commits ?? 0) / (ms / 1000)).toFixed(0)} commits/s); ${scan.findings.length} of ${planted} planted credentials found`
)
rmSync(dir, { recursive: true, force: true })
