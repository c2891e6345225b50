// The engine: prepares what the checks share once (the Dockerfiles read, one
// streamed pass over the image with the hooks checks register), runs every
// registered check (src/checks.ts) the run enables, then applies the one
// severity-override map, the one ignore model and the gate to all of them.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { CHECK_REGISTRY, uniqueRules, type RegisteredCheck } from './checks.js'
import type { GateConfig } from './config/gate-config.js'
import { unkeyedWarning } from './config/fingerprint-key.js'
import { evaluateGate } from './gate/evaluate.js'
import {
  applyIgnores,
  applySeverityOverrides,
  unusedIgnoreWarnings,
  valueIgnorer
} from './gate/ignores.js'
import { buildCycloneDx, readImage, type ImageFileHook, type ImageScan } from './image/index.js'
import type { AnyCheck, CheckContext, CheckResult } from './model/check.js'
import { errorMessage } from './model/errors.js'
import { parseDockerfile, placeImageFindings } from './dockerfile/index.js'
import {
  compareFindings,
  sortFindings,
  type CheckId,
  type Finding,
  type RuleMeta
} from './model/finding.js'
import type { IgnoreRule, SuppressedFinding } from './model/ignore.js'
import { RuleIndex } from './util/rule-index.js'
import type { DockerfileSource } from './model/scan.js'
import type { ReportInput, SourceLinks } from './report/types.js'
import { expandFilePatterns } from './util/glob.js'
import { DEFAULT_MAX_TEXT_FILE_BYTES, readWorkspaceText } from './util/workspace-file.js'

export interface EngineContext {
  toolVersion: string
  /** YYYY-MM-DD (UTC): decides which ignores have expired. */
  today: string
  links?: SourceLinks
  githubToken?: string
  /** Progress lines for the log (never scanned text). */
  log?: (line: string) => void
  /** Warnings the edge found before the scan (a weak fingerprint key, an old baseline): in the report. */
  warnings?: readonly string[]
}

export interface ScanOutcome {
  report: ReportInput
  /** CycloneDX JSON of the image, when an image was scanned. */
  sbom?: object
  image?: ImageScan
}

/**
 * Run every check the config enables, then severity overrides, ignores and
 * the gate. Per-file problems become warnings or findings; only whole-run
 * input errors (unreadable image, unreachable vulnerability data) throw.
 */
export async function runScan(
  config: GateConfig,
  context: EngineContext,
  checks: readonly RegisteredCheck[] = CHECK_REGISTRY
): Promise<ScanOutcome> {
  const log = context.log ?? (() => undefined)
  const enabled = (checks as readonly AnyCheck[]).filter(check => check.enabled(config))
  const rules = new RuleIndex(uniqueRules(enabled.flatMap(check => check.rules)))
  const ignoresUsed = new Set<IgnoreRule>()
  const checkContext: CheckContext = {
    today: context.today,
    log,
    ignoreByValue: valueIgnorer(config.file.ignores, rules, context.today, ignoresUsed)
  }
  const warnings: string[] = [...(context.warnings ?? []), ...config.file.warnings]
  // A `checks.<id>` section written for a check this run does not give anything to look at.
  for (const check of checks as readonly AnyCheck[]) {
    const where = config.file.sections?.[check.id]
    if (where && !enabled.includes(check))
      warnings.push(
        `${where}: checks.${check.id} is set, but the ${check.id} check did not run: it needs ${check.needs ?? 'an input this run does not give'}`
      )
  }

  // Each Dockerfile is found and read once: every check that needs it shares it.
  const dockerfiles = config.dockerfiles.length > 0 ? readDockerfiles(config, warnings) : []

  // One streamed pass over the image; checks see its files through their hooks.
  let image: ImageScan | undefined
  let sbom: object | undefined
  const hooks = new Map<CheckId, ImageFileHook>()
  if (config.image) {
    for (const check of enabled) {
      const hook = check.imageHook?.(config.file.checks[check.id], config, checkContext)
      if (hook) hooks.set(check.id, hook)
    }
    const local = resolve(config.cwd, config.image)
    log(`Reading image ${config.image}`)
    image = await readImage(existsSync(local) ? local : config.image, {
      platform: config.platform,
      fileHook: fanOut([...hooks.values()]),
      githubToken: context.githubToken,
      registryAuth: config.registryAuth
    })
    warnings.push(...image.warnings)
    sbom = buildCycloneDx(image, context.toolVersion)
  }

  const results: CheckResult[] = []
  for (const check of enabled) {
    const result = await check.run({
      settings: config.file.checks[check.id],
      options: config,
      dockerfiles,
      image,
      imageHook: hooks.get(check.id),
      context: checkContext
    })
    results.push(image ? placeOnOnlyDockerfile(result, dockerfiles, image, warnings) : result)
  }
  // Known only now: whether a secret fingerprint was made without a key.
  const unkeyed = config.fingerprintKey ? unkeyedWarning(config.fingerprintKey) : undefined
  if (unkeyed) warnings.push(unkeyed)
  const allRules = uniqueRules((checks as readonly AnyCheck[]).flatMap(check => check.rules))
  const report = assembleReport(results, warnings, config, { ...context, ignoresUsed, allRules })
  return { report, sbom, image }
}

/**
 * With an image and exactly one Dockerfile, that Dockerfile built the image:
 * a finding inside the image (a secret in a layer's file, the config's Env, a
 * history step) moves onto the instruction that created it, or the FROM line,
 * so it is annotated and linked where it is fixed, never at an in-image path
 * posing as a repository file. Vulnerabilities are placed by their check.
 */
function placeOnOnlyDockerfile(
  result: CheckResult,
  dockerfiles: readonly DockerfileSource[],
  image: ImageScan,
  warnings: string[]
): CheckResult {
  if (dockerfiles.length !== 1 || result.check === 'vulnerabilities') return result
  if (result.findings.length === 0 && result.suppressed.length === 0) return result
  const { path, text } = dockerfiles[0]!
  try {
    const dockerfile = { path, model: parseDockerfile(text) }
    const place = (findings: readonly Finding[]) => placeImageFindings(findings, dockerfile, image)
    const findings = place(result.findings)
    const moved = place(result.suppressed.map(s => s.finding))
    const suppressed = result.suppressed.map((s, i) => ({ ...s, finding: moved[i]! }))
    return { ...result, findings, suppressed }
  } catch (error) {
    warnings.push(`${path}: ${result.check} findings left in the image (${errorMessage(error)})`)
    return result
  }
}

/** The Dockerfiles the config names (globs expanded), read; unreadable ones become warnings. */
function readDockerfiles(config: GateConfig, warnings: string[]): DockerfileSource[] {
  const expanded = expandFilePatterns(config.dockerfiles, config.cwd, 'dockerfile')
  warnings.push(...expanded.warnings)
  const files: DockerfileSource[] = []
  for (const path of expanded.files) {
    try {
      // A PR can commit the Dockerfile as a link to anywhere, or a pipe: bounded, no escape.
      const read = { root: config.cwd, maxBytes: DEFAULT_MAX_TEXT_FILE_BYTES, label: path }
      files.push({ path, text: readWorkspaceText(path, read) })
    } catch (error) {
      warnings.push(errorMessage(error))
    }
  }
  return files
}

/** Several checks' hooks as the one the image reader calls. */
function fanOut(hooks: ImageFileHook[]): ImageFileHook | undefined {
  if (hooks.length <= 1) return hooks[0]
  return {
    wants: (path, size) => hooks.some(hook => hook.wants(path, size)),
    file(visit, content) {
      for (const hook of hooks)
        if (hook.wants(visit.path, content.length)) hook.file(visit, content)
    }
  }
}

/** Merge check results, apply overrides and ignores, and evaluate the gate. */
export function assembleReport(
  results: readonly CheckResult[],
  extraWarnings: readonly string[],
  config: GateConfig,
  context: Pick<EngineContext, 'toolVersion' | 'today' | 'links'> & {
    /** Entries the checks' value matchers used (`value-regex`). */
    ignoresUsed?: ReadonlySet<IgnoreRule>
    /** Every registered check's rules: an unused ignore of a check that did not run is not warned about. */
    allRules?: readonly RuleMeta[]
  }
): ReportInput {
  const rules = uniqueRules(results.flatMap(r => r.rules))
  const index = new RuleIndex(rules)
  const all = results.flatMap(r => r.findings)
  const overridden = applySeverityOverrides(all, config.file.severity, index)
  const ignored = applyIgnores(overridden, config.file.ignores, index, context.today)
  const findings = sortFindings(ignored.kept)
  const inCheck: SuppressedFinding[] = results.flatMap(r => r.suppressed)
  const inCheckOverridden = applySeverityOverrides(
    inCheck.map(s => s.finding),
    config.file.severity,
    index
  )
  const suppressed = [
    ...inCheck.map((s, i) => ({ ...s, finding: inCheckOverridden[i]! })),
    ...ignored.suppressed
  ].sort((a, b) => compareFindings(a.finding, b.finding))
  const checksRun = [...new Set(results.map(r => r.check))]
  const used = new Set([...ignored.used, ...(context.ignoresUsed ?? [])])
  const unused = unusedIgnoreWarnings(
    config.file.ignores,
    used,
    uniqueRules([...(context.allRules ?? []), ...rules]),
    checksRun,
    context.today
  )
  const stats: ReportInput['stats'] = {}
  for (const r of results) stats[r.check] = { ...(stats[r.check] ?? {}), ...r.stats }
  return {
    toolVersion: context.toolVersion,
    findings,
    suppressed,
    rules,
    gate: evaluateGate(findings, config.failOn, {
      // A check's own config file (.hadolint.yaml's failure-threshold) applies when no threshold is given here.
      ...Object.fromEntries(results.filter(r => r.failOn).map(r => [r.check, r.failOn])),
      ...config.failOnByCheck
    }),
    checksRun,
    warnings: [
      ...extraWarnings,
      ...results.flatMap(r => r.warnings),
      ...ignored.warnings,
      ...unused
    ],
    stats,
    tables: results.flatMap(r => r.tables ?? []),
    links: context.links,
    targets: {
      dockerfiles: config.dockerfiles,
      image: config.image,
      secretsPaths: config.secretsPaths
    }
  }
}
