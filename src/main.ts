import { existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import * as core from '@actions/core'
import { parseActionInputs, type ActionConfig } from './config/action-inputs.js'
import { baseScanConfig, DEFAULT_CONFIG_FILE } from './config/gate-config.js'
import { readBasePolicy, type PolicyChange } from './config/policy.js'
import { readRunnerContext } from './config/runner-context.js'
import { FINGERPRINT_KEY_ENV, resolveFingerprintKey } from './config/fingerprint-key.js'
import { baselineKeyWarning } from './pr/baseline.js'
import { useProxyFromEnvironment } from './util/proxy.js'
import { runScan, type ScanOutcome } from './engine.js'
import { errorMessage, InputError } from './model/errors.js'
import {
  actionOutputs,
  buildSarif,
  sarifLeftOutLines,
  planAnnotations,
  planWarningAnnotations,
  renderSummary,
  renderText,
  type Annotation
} from './report/index.js'
import type { RunnerContext } from './model/runner.js'
import type { ReportInput, SourceLinks } from './report/types.js'
import {
  neutralizeWorkflowCommands,
  neutralizeWorkflowCommandsBlock
} from './util/workflow-commands.js'
import { redactSecretsInText } from './redact/index.js'
import { VERSION } from './version.js'
import { preparePullRequest, publishPullRequest } from './github/index.js'

/** The action: inputs → config → engine → reports → outputs → gate. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config: ActionConfig
  // The runner's environment and event file, read once here and passed down.
  const runner = readRunnerContext(env)
  const workspace = runner.workspace
  try {
    config = parseActionInputs(name => core.getInput(name), workspace)
  } catch (error) {
    core.setFailed(redactSecretsInText(errorMessage(error)))
    return
  }
  if (runner.repository)
    config = { ...config, repository: `${runner.repository.owner}/${runner.repository.repo}` }
  if (config.githubToken) core.setSecret(config.githubToken)
  if (config.registryAuth) core.setSecret(config.registryAuth.password)
  try {
    const proxied = await useProxyFromEnvironment(env)
    if (proxied) core.info(proxied)
  } catch (error) {
    core.setFailed(errorMessage(error))
    return
  }

  // The key of secret fingerprints: the input, else the environment, else derived (never logged).
  const configuredKey = (config.fingerprintKeyInput || env[FINGERPRINT_KEY_ENV] || '').trim()
  if (configuredKey) core.setSecret(configuredKey)
  const keyed = await resolveFingerprintKey({
    configured: configuredKey,
    cwd: workspace,
    repositoryId: runner.repositoryId
  })
  core.info(keyed.note)
  config = { ...config, fingerprintKey: keyed.key }
  const edgeWarnings: string[] = keyed.warning ? [keyed.warning] : []

  const today = new Date().toISOString().slice(0, 10)
  const pr = runner.pr
  // The policy of a pull request comes from its base commit unless maintainers trust the head.
  let policyChanges: PolicyChange[] = []
  if (pr && config.policyFrom !== 'head') {
    try {
      const applied = await applyBasePolicy(config, pr.baseSha)
      config = applied.config
      policyChanges = applied.changes
    } catch (error) {
      core.setFailed(errorMessage(error))
      return
    }
  }
  // secrets-history: auto: on pull requests, the commits the PR adds are scanned too.
  if (config.secretsHistoryAuto && !config.secretsHistory && pr && config.secretsPaths.length > 0)
    config = { ...config, secretsHistory: { base: pr.baseSha, head: pr.headSha, automatic: true } }

  // A baseline (the head's, or the base commit's under policy-from base) made with another key.
  if (config.pr.baseline) {
    const line = baselineKeyWarning(
      config.pr.baseline,
      keyed.key,
      config.baselineFile?.shownAs ?? 'file'
    )
    if (line) edgeWarnings.push(line)
  }

  let outcome: ScanOutcome
  try {
    outcome = await runScan(config, {
      toolVersion: VERSION,
      today,
      warnings: edgeWarnings,
      links: sourceLinks(runner),
      githubToken: config.githubToken,
      log: line => core.info(neutralizeWorkflowCommands(line))
    })
  } catch (error) {
    // An error can quote the image (a digest, a file name): redacted like every report.
    if (error instanceof InputError) {
      core.setFailed(redactSecretsInText(errorMessage(error)))
    } else {
      core.setFailed(
        redactSecretsInText(`container-gate failed unexpectedly: ${errorMessage(error)}`)
      )
      core.debug(neutralizeWorkflowCommandsBlock(String((error as Error)?.stack ?? error)))
    }
    return
  }

  const say = {
    warn: (line: string) => core.warning(neutralizeWorkflowCommands(line)),
    info: (line: string) => core.info(neutralizeWorkflowCommands(line))
  }
  // Pull requests: the diff, the baseline (file and base commit) and new vs existing.
  // Never throws: every problem is one warning and the scan's report stands.
  const prep = await preparePullRequest(outcome.report, config.pr, runner, {
    workspace,
    ...say,
    scanBase: async dir => {
      const base = await runScan(baseScanConfig(config, dir), { toolVersion: VERSION, today })
      return base.report.findings
    }
  })
  const report = prep.report
  const summaryMarkdown = renderSummary(report, {
    outsideDiff: new Set(prep.outside),
    comparison: prep.comparison
  })

  // Every channel is best-effort: a failing reporter warns, and never changes the verdict.
  let warningsUsed = 0
  await channel('policy', () => {
    warningsUsed += annotatePolicyChanges(policyChanges, workspace)
  })
  // Expired or unused ignores, checks that did not run, missing data: on the config line.
  await channel('warnings', () => {
    const planned = planWarningAnnotations(report)
    emitAnnotations(planned, workspace)
    warningsUsed += planned.length
  })
  await channel('log', () => logReport(report))
  await channel('annotations', async () => {
    const published = await publishPullRequest(prep, config.pr, runner, {
      workspace,
      ...say,
      summaryMarkdown
    })
    emitAnnotations(
      planAnnotations({ ...report, findings: published.commandAnnotations }, { warningsUsed }),
      workspace
    )
  })
  await channel('SARIF', () => {
    if (!config.sarifFile) return
    const path = resolve(workspace, config.sarifFile)
    const sarif = buildSarif({ ...report, sarifCategory: config.sarifCategory })
    for (const line of sarifLeftOutLines(sarif)) core.warning(line)
    writeJson(path, sarif)
    core.setOutput('sarif-file', path)
  })
  await channel('SBOM', () => {
    if (!config.sbomFile) return
    if (!outcome.sbom) {
      core.warning(
        'sbom-file is set but no image was scanned (set the image input); no SBOM written'
      )
      return
    }
    const path = resolve(workspace, config.sbomFile)
    writeJson(path, outcome.sbom)
    core.setOutput('sbom-file', path)
  })
  await channel('outputs', () => {
    for (const [name, value] of Object.entries(actionOutputs(report))) core.setOutput(name, value)
    core.setOutput('new-findings', String(prep.split.added.length))
  })
  await channel('job summary', async () => {
    if (!env.GITHUB_STEP_SUMMARY) return
    await core.summary.addRaw(summaryMarkdown).write()
  })

  if (!report.gate.passed) core.setFailed(gateFailureLine(report))
}

async function channel(name: string, work: () => void | Promise<void>): Promise<void> {
  try {
    await work()
  } catch (error) {
    core.warning(`could not write the ${name}: ${errorMessage(error)}`)
  }
}

/** The human report in the log, each line made inert for the runner. */
function logReport(report: ReportInput): void {
  // The log is a pointer to the summary, not a copy: 50 findings per check at most.
  for (const line of renderText(report, { color: false, maxFindingsPerCheck: 50 }).split('\n')) {
    core.info(neutralizeWorkflowCommands(line))
  }
}

function emitAnnotations(annotations: Annotation[], workspace: string): void {
  for (const a of annotations) {
    // Only files of the checkout can carry a file annotation (not in-image paths or image refs).
    const inCheckout = a.file !== undefined && existsSync(resolve(workspace, a.file))
    const props: core.AnnotationProperties = { title: a.title }
    if (inCheckout) {
      props.file = a.file
      props.startLine = a.startLine
      props.endLine = a.endLine
      props.startColumn = a.startColumn
    }
    const emit =
      a.level === 'error' ? core.error : a.level === 'warning' ? core.warning : core.notice
    emit(a.message, props)
  }
}

/** The step's failure message: which findings tripped which threshold. */
export function gateFailureLine(report: ReportInput): string {
  const tripped = report.gate.tripped
  const byCheck = new Map<string, number>()
  for (const f of tripped) byCheck.set(f.check, (byCheck.get(f.check) ?? 0) + 1)
  const parts = [...byCheck].map(
    ([check, n]) =>
      `${n} ${check} finding${n === 1 ? '' : 's'} at or above ${report.gate.thresholds[check as keyof typeof report.gate.thresholds]}`
  )
  const first = tripped
    .slice(0, 3)
    .map(
      f =>
        `${f.ruleId} (${f.severity}) at ${f.location.path}${f.location.line ? `:${f.location.line}` : ''}`
    )
  const more = tripped.length > 3 ? `, and ${tripped.length - 3} more` : ''
  // Paths of in-image findings are file names from the image: redacted like every report.
  return neutralizeWorkflowCommands(
    redactSecretsInText(
      `container-gate: gate failed: ${parts.join(', ')}: ${first.join('; ')}${more} (see the job summary)`
    )
  )
}

/**
 * The config file and baseline as the pull request's base commit has them,
 * and the changes the pull request makes to them (shown, never applied).
 */
async function applyBasePolicy(
  config: ActionConfig,
  baseSha: string
): Promise<{ config: ActionConfig; changes: PolicyChange[] }> {
  const configFile = config.configFile ?? resolve(config.cwd, DEFAULT_CONFIG_FILE)
  const base = await readBasePolicy({
    cwd: config.cwd,
    baseSha,
    configFile,
    baselineFile: config.baselineFile?.path,
    baselineShownAs: config.baselineFile?.shownAs,
    headConfigText: readSmall(configFile),
    headBaselineText: config.baselineFile ? readSmall(config.baselineFile.path) : undefined,
    hadolintDir: config.cwd,
    readHead: readSmall
  })
  if (!base) {
    core.warning(
      `policy-from base: the base commit ${baseSha.slice(0, 12)} is not in this checkout and could not be fetched; the pull request's own config and baseline apply (actions/checkout with fetch-depth: 0 brings it)`
    )
    return { config, changes: [] }
  }
  const lines = base.changes.map(
    c =>
      `policy-from base: this pull request ${c.added ? 'adds' : 'changes'} ${c.file}; its ignores, severity overrides, thresholds, settings and baseline apply once it is merged (set policy-from: head to trust the pull request's own)`
  )
  return {
    config: {
      ...config,
      file: { ...base.file, warnings: [...base.file.warnings, ...lines] },
      pr: { ...config.pr, baseline: base.baseline },
      ...(base.hadolintConfig !== undefined ? { hadolintConfig: base.hadolintConfig } : {})
    },
    changes: base.changes
  }
}

/** A policy file of the checkout (config, baseline), bounded; undefined when absent. */
function readSmall(path: string): string | undefined {
  try {
    const info = lstatSync(path)
    if (!info.isFile() || info.size > 1024 * 1024) return undefined
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

/** One warning annotation per block of policy lines the pull request changed; how many. */
function annotatePolicyChanges(changes: readonly PolicyChange[], workspace: string): number {
  let emitted = 0
  for (const change of changes) {
    const blocks: [number, number][] = []
    for (const line of change.lines) {
      const last = blocks[blocks.length - 1]
      if (last && line === last[1] + 1) last[1] = line
      else blocks.push([line, line])
    }
    const inCheckout = existsSync(resolve(workspace, change.file))
    for (const [startLine, endLine] of blocks.slice(0, 10)) {
      emitted++
      core.warning(
        neutralizeWorkflowCommands(
          `This pull request changes the gate's policy (${change.file}); the change applies once merged, not to this pull request's own findings.`
        ),
        inCheckout
          ? { title: 'container-gate policy change', file: change.file, startLine, endLine }
          : { title: 'container-gate policy change' }
      )
    }
  }
  return emitted
}

function sourceLinks(runner: RunnerContext): SourceLinks | undefined {
  // On pull requests GITHUB_SHA is the merge commit; reviewers read the head.
  if (!runner.repository || !runner.headSha) return undefined
  const { owner, repo } = runner.repository
  return { serverUrl: runner.serverUrl, repository: `${owner}/${repo}`, sha: runner.headSha }
}

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`)
}
