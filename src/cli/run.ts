import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { baseScanConfig } from '../config/gate-config.js'
import { runScan } from '../engine.js'
import { errorMessage, InputError } from '../model/errors.js'
import {
  buildBaseline,
  gateOnNewFindings,
  mergeBaselines,
  splitNewExisting,
  withBaseCheckout,
  writeBaselineFile,
  type Baseline
} from '../pr/index.js'
import { git } from '../util/git.js'
import {
  buildSarif,
  renderJson,
  renderText,
  sarifLeftOutLines,
  serializeJson
} from '../report/index.js'
import {
  neutralizeWorkflowCommands,
  neutralizeWorkflowCommandsBlock
} from '../util/workflow-commands.js'
import { redactSecretsInText } from '../redact/index.js'
import { VERSION } from '../version.js'
import { resolveFingerprintKey, unkeyedWarning } from '../config/fingerprint-key.js'
import { baselineKeyWarning } from '../pr/baseline.js'
import { parseCliArgs, USAGE, type CliConfig } from './args.js'

export interface CliIo {
  cwd: string
  stdout: (text: string) => void
  stderr: (text: string) => void
  isTty: boolean
  today?: string
}

export const EXIT_PASSED = 0
export const EXIT_GATE_FAILED = 1
export const EXIT_INPUT_ERROR = 2

/** The whole CLI: argv in, exit code out. Never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const command = parseCliArgs(argv, io.cwd, io.isTty)
    if (command.kind === 'help') {
      io.stdout(USAGE)
      return EXIT_PASSED
    }
    if (command.kind === 'version') {
      io.stdout(`container-gate ${VERSION}\n`)
      return EXIT_PASSED
    }
    const keyed = await resolveFingerprintKey({
      configured: command.fingerprintKey,
      cwd: command.config.cwd,
      repositoryId: process.env.GITHUB_REPOSITORY_ID
    })
    const config: CliConfig = { ...command.config, fingerprintKey: keyed.key }
    const warnings = [
      ...(keyed.warning ? [keyed.warning] : []),
      ...(config.baseline
        ? [baselineKeyWarning(config.baseline, keyed.key, config.baselineShownAs ?? 'file')]
        : [])
    ].filter((line): line is string => line !== undefined)
    if (command.kind === 'baseline') return await baseline(config, command.output, io, warnings)
    return await scan(config, io, warnings)
  } catch (error) {
    // An error can quote the image (a digest, a file name): redacted like every report.
    if (error instanceof InputError) {
      io.stderr(`container-gate: ${redactSecretsInText(errorMessage(error))}\n`)
      return EXIT_INPUT_ERROR
    }
    io.stderr(`container-gate: internal error: ${redactSecretsInText(errorMessage(error))}\n`)
    if (process.env.CONTAINER_GATE_DEBUG) io.stderr(`${(error as Error)?.stack ?? ''}\n`)
    return EXIT_INPUT_ERROR
  }
}

async function baseline(
  config: CliConfig,
  output: string,
  io: CliIo,
  warnings: readonly string[]
): Promise<number> {
  const outcome = await runScan(config, {
    toolVersion: VERSION,
    today: io.today ?? new Date().toISOString().slice(0, 10)
  })
  // The report is not printed here, so its warnings about the key are.
  const unkeyed = config.fingerprintKey ? unkeyedWarning(config.fingerprintKey) : undefined
  for (const line of [...warnings, ...(unkeyed ? [unkeyed] : [])])
    io.stderr(`container-gate: warning: ${neutralizeWorkflowCommands(line)}\n`)
  const written = writeBaselineFile(
    resolve(config.cwd, output),
    outcome.report.findings,
    config.fingerprintKey
  )
  io.stdout(
    `container-gate: wrote ${written.fingerprints.length} fingerprint(s) and ` +
      `${Object.keys(written.vulnerabilities).length} package(s) to ${neutralizeWorkflowCommands(output)}\n`
  )
  return EXIT_PASSED // a baseline run never fails on findings
}

/** The findings already present at `ref`: the same scan on a worktree of that commit. */
async function scanBaseCommit(config: CliConfig, ref: string, today: string): Promise<Baseline> {
  const sha = (
    await git(config.cwd, ['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`])
  )?.trim()
  if (!sha) throw new InputError(`--base ${ref}: no such commit in this repository`)
  const findings = await withBaseCheckout(
    config.cwd,
    sha,
    async dir =>
      (await runScan(baseScanConfig(config, dir), { toolVersion: VERSION, today })).report.findings,
    { fetch: false }
  )
  if (!findings) throw new InputError(`--base ${ref}: cannot check the commit out`)
  return buildBaseline(findings)
}

async function scan(config: CliConfig, io: CliIo, warnings: readonly string[]): Promise<number> {
  const today = io.today ?? new Date().toISOString().slice(0, 10)
  const outcome = await runScan(config, { toolVersion: VERSION, today, warnings })
  let report = { ...outcome.report, sarifCategory: config.sarifCategory }
  if (config.gateOn === 'new') {
    const baselines: Baseline[] = config.baseline ? [config.baseline] : []
    if (config.base) baselines.push(await scanBaseCommit(config, config.base, today))
    if (baselines.length === 0) {
      io.stderr(
        'container-gate: --gate-on new without --baseline or --base: every finding counts as new\n'
      )
    } else {
      const split = splitNewExisting(report.findings, mergeBaselines(...baselines))
      report = { ...report, gate: gateOnNewFindings(report.gate, split.added) }
    }
  }
  let body: string
  const sarif = config.format === 'sarif' || config.sarifFile ? buildSarif(report) : undefined
  // What the SARIF left out to fit code scanning's limits goes to the log too.
  for (const line of sarif ? sarifLeftOutLines(sarif) : []) io.stderr(`container-gate: ${line}\n`)
  // serializeJson escapes '::' so a JSON report on stdout cannot carry a workflow command.
  if (config.format === 'json') body = `${serializeJson(renderJson(report))}\n`
  else if (sarif && config.format === 'sarif') body = `${serializeJson(sarif)}\n`
  else body = renderText(report, { color: config.color && !config.output })

  if (config.output) {
    writeOut(resolve(config.cwd, config.output), body)
  } else {
    // Scanned text may end up in the report; in a workflow step stdout is read for commands.
    io.stdout(config.format === 'text' ? neutralizeWorkflowCommandsBlock(body) : body)
  }
  if (config.sarifFile && sarif)
    writeOut(resolve(config.cwd, config.sarifFile), `${serializeJson(sarif)}\n`)
  if (config.sbomFile && outcome.sbom) {
    writeOut(resolve(config.cwd, config.sbomFile), `${JSON.stringify(outcome.sbom, null, 2)}\n`)
  }
  return report.gate.passed ? EXIT_PASSED : EXIT_GATE_FAILED
}

function writeOut(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, text)
  } catch (error) {
    throw new InputError(
      `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? errorMessage(error)}`
    )
  }
}
