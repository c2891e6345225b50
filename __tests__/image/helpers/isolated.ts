// readImage in a child process, for inputs that could hang or exhaust the process that reads
// them: a regression then fails the test (the child is killed after 60 s, or its error is
// reported) instead of hanging the test runner or taking its memory.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { ReadImageOptions } from '../../../src/image/types.js'

const CHILD = fileURLToPath(new URL('./read-image-child.ts', import.meta.url))
const LIMIT_MS = 60_000

export type IsolatedOutcome =
  | { ok: true; packages: string[]; warnings: string[]; layers: number; maxRssMb: number }
  | { ok: false; error: { name: string; message: string; stack?: string }; maxRssMb: number }

export function readImageIsolated(
  source: string,
  options: Omit<ReadImageOptions, 'fileHook'> = {},
  env: Record<string, string> = {}
): IsolatedOutcome {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', CHILD, JSON.stringify({ source, options })],
    {
      encoding: 'utf8',
      timeout: LIMIT_MS,
      killSignal: 'SIGKILL',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NODE_OPTIONS: '', ...env }
    }
  )
  if (r.signal)
    throw new Error(`reading ${source} did not finish within 60 s (killed by ${r.signal})`)
  const line = r.stdout.trim().split('\n').pop() ?? ''
  try {
    return JSON.parse(line) as IsolatedOutcome
  } catch {
    throw new Error(`reading ${source}: the child exited ${r.status}: ${r.stderr.slice(-2000)}`)
  }
}
