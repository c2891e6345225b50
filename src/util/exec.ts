// Child processes (git, docker credential helpers) through @actions/exec: no
// shell, arguments as an array (callers put `--` / `--end-of-options` before
// positional ones), silent (nothing of the child reaches the log), the exit
// code returned rather than thrown.
//
// Output stays bounded. @actions/exec's getExecOutput keeps the whole of stdout
// in one string, and @actions/exec hands out no ChildProcess (no kill, no
// timeout, no maxBuffer). So stdout is collected here by exec's own stdout
// listener, which keeps at most `maxBytes` and drops the rest; the call then
// fails with an OutputLimitError naming the command and the cap. The child
// cannot be stopped early through @actions/exec: where that matters (a stream
// cut after N commits, a helper that may hang) the code keeps a child_process
// of its own with a listener that kills it (secrets/history.ts, image/registry.ts).
import { exec } from '@actions/exec'

export class OutputLimitError extends Error {
  override name = 'OutputLimitError'
  constructor(
    readonly command: string,
    readonly maxBytes: number
  ) {
    super(`${command} printed more than ${formatBytes(maxBytes)}; stopped reading its output`)
  }
}

export interface RunOptions {
  cwd?: string
  /** The child's whole environment (default: this process's). */
  env?: NodeJS.ProcessEnv
  /** Written to the child's stdin, which is then closed. */
  input?: string
  /** The most stdout kept; more is an OutputLimitError. */
  maxBytes: number
}

export interface RunResult {
  exitCode: number
  stdout: string
}

/**
 * Run `command` with `args` and collect its stdout. Rejects when the program
 * cannot be started (not on PATH, no such cwd) and with OutputLimitError past
 * `maxBytes`; a non-zero exit is a result, not an error.
 */
export async function run(command: string, args: string[], opts: RunOptions): Promise<RunResult> {
  const chunks: Buffer[] = []
  let size = 0
  let over = false
  const exitCode = await exec(command, args, {
    cwd: opts.cwd,
    env: definedOnly(opts.env ?? process.env),
    input: opts.input === undefined ? undefined : Buffer.from(opts.input, 'utf8'),
    silent: true,
    ignoreReturnCode: true,
    listeners: {
      stdout: (data: Buffer) => {
        if (over) return
        size += data.length
        if (size > opts.maxBytes) {
          over = true
          chunks.length = 0 // what was kept is useless now: free it at once
          return
        }
        chunks.push(data)
      }
    }
  })
  if (over) throw new OutputLimitError(`${command} ${args[0] ?? ''}`.trim(), opts.maxBytes)
  return { exitCode, stdout: Buffer.concat(chunks).toString('utf8') }
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value
  return out
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`
  return `${n} bytes`
}
