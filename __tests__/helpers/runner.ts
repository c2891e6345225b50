// Runs the bundled action (dist/index.js) the way GitHub's runner does:
// INPUT_* variables (upper-cased, hyphens kept) with action.yml's defaults
// filled in, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, an event payload,
// GITHUB_WORKSPACE and RUNNER_TEMP; stdout is captured, never inherited.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'

export const ROOT = resolve(
  import.meta.dirname ?? new URL('.', import.meta.url).pathname,
  '..',
  '..'
)
export const ACTION_ENTRY = join(ROOT, 'dist', 'index.js')
export const CLI_ENTRY = join(ROOT, 'dist', 'cli', 'index.js')

/**
 * The TypeScript sources run directly (tsx's ESM loader), for tests of code
 * that dist/ does not have yet: dist/ is rebuilt only when a branch is merged.
 * Pass as `entry` to runAction / runCliBundle.
 */
export const SOURCE_ACTION_ENTRY = [
  '--import',
  join(ROOT, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs'),
  join(ROOT, 'src', 'index.ts')
]
export const SOURCE_CLI_ENTRY = [
  '--import',
  join(ROOT, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs'),
  join(ROOT, 'src', 'cli', 'index.ts')
]

/**
 * The Node binaries to run the bundles with: Node 24 from node_modules, Node 22 from the npm
 * node@22 package .ci/run installs into .cache/node22, and the one running the tests. Never the
 * machine's own node (20 here, end-of-life and outside `engines`).
 */
export function nodeBinaries(): { label: string; path: string }[] {
  const candidates = [
    join(ROOT, 'node_modules', 'node', 'bin', 'node'),
    join(ROOT, '.cache', 'node22', 'node_modules', 'node', 'bin', 'node'),
    process.execPath
  ]
  const seen = new Map<string, string>()
  for (const path of candidates) {
    if (!existsSync(path)) continue
    const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim()
    if (version && !seen.has(version)) seen.set(version, path)
  }
  return [...seen].map(([version, path]) => ({ label: `node ${version}`, path }))
}

export interface ActionRun {
  status: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  commands: WorkflowCommand[]
}

export interface WorkflowCommand {
  command: string
  properties: Record<string, string>
  message: string
}

function actionDefaults(): Record<string, string> {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>
  }
  const defaults: Record<string, string> = {}
  for (const [name, spec] of Object.entries(action.inputs)) {
    const value = spec.default ?? ''
    // The runner evaluates expressions; the only one we use is the token.
    defaults[name] = value.includes('${{') ? 'ghs_fake_workflow_token_for_tests' : String(value)
  }
  return defaults
}

export function runAction(opts: {
  node: string
  workspace: string
  inputs?: Record<string, string>
  eventName?: string
  event?: unknown
  env?: Record<string, string>
  /** Node arguments that start the action (default dist/index.js; SOURCE_ACTION_ENTRY for the sources). */
  entry?: string[]
}): ActionRun {
  const temp = mkdtempSync(join(tmpdir(), 'cg-runner-'))
  const outputFile = join(temp, 'output')
  const summaryFile = join(temp, 'summary')
  const eventFile = join(temp, 'event.json')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  writeFileSync(eventFile, JSON.stringify(opts.event ?? {}))
  // No test touches an address off this machine: signature lookups (default warn) would ask
  // public registries, so they are off unless a test turns them on against its own registry.
  const inputs = { ...actionDefaults(), 'verify-signatures': 'off', ...(opts.inputs ?? {}) }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? temp,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: opts.workspace,
    RUNNER_TEMP: temp,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_EVENT_NAME: opts.eventName ?? 'push',
    GITHUB_REPOSITORY: 'octo-org/octo-app',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_WORKFLOW: 'ci',
    GITHUB_JOB: 'gate',
    GITHUB_RUN_ID: '1',
    ...(opts.env ?? {})
  }
  for (const [name, value] of Object.entries(inputs))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  const child = spawnSync(opts.node, opts.entry ?? [ACTION_ENTRY], {
    cwd: opts.workspace,
    env,
    encoding: 'utf8',
    timeout: 120000,
    maxBuffer: 64 * 1024 * 1024
  })
  return {
    status: child.status,
    stdout: child.stdout,
    stderr: child.stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    commands: parseWorkflowCommands(child.stdout)
  }
}

/** The `name<<delimiter` blocks that core.setOutput appends. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i])
    if (!m) continue
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i])
    outputs[m[1]] = value.join('\n')
  }
  return outputs
}

/** Every line the runner would take as a workflow command (`::name props::message`). */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = []
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(line.trimStart())
    if (!m) continue
    const properties: Record<string, string> = {}
    for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=')
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1))
    }
    commands.push({ command: m[1], properties, message: unescapeData(m[3]) })
  }
  return commands
}

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

function unescapeProperty(s: string): string {
  return s
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%25/g, '%')
}

export function runCliBundle(
  node: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
  entry: string[] = [CLI_ENTRY]
) {
  // As for the action: signature lookups would ask public registries; tests opt in explicitly.
  const verify = args.some(a => a.startsWith('--verify-signatures'))
    ? []
    : ['--verify-signatures', 'off']
  return spawnSync(node, [...entry, ...verify, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env },
    encoding: 'utf8',
    timeout: 120000,
    maxBuffer: 64 * 1024 * 1024
  })
}
