import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { GateConfig } from './config/gate-config.js'
import { lintDockerfile, dockerfileRules, parseDockerfile } from './dockerfile/index.js'
import { evaluateGate } from './gate/evaluate.js'
import { applyIgnores, applySeverityOverrides } from './gate/ignores.js'
import { buildCycloneDx, readImage, type ImageScan } from './image/index.js'
import { errorMessage, InputError } from './model/errors.js'
import {
  compareFindings,
  sortFindings,
  type CheckId,
  type CheckResult,
  type Finding,
  type RuleMeta
} from './model/finding.js'
import type { ReportInput, SourceLinks, SuppressedFinding } from './report/types.js'
import {
  createImageSecretScanner,
  scanSecretsInHistory,
  scanSecretsInPaths,
  secretRules
} from './secrets/index.js'
import { expandFilePatterns } from './util/glob.js'
import {
  attributeFindingsToDockerfile,
  matchVulnerabilities,
  vulnerabilityRules
} from './vulns/index.js'

export interface EngineContext {
  toolVersion: string
  /** YYYY-MM-DD (UTC): decides which ignores have expired. */
  today: string
  links?: SourceLinks
  githubToken?: string
  /** Progress lines for the log (never scanned text). */
  log?: (line: string) => void
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
export async function runScan(config: GateConfig, context: EngineContext): Promise<ScanOutcome> {
  const log = context.log ?? (() => undefined)
  const results: CheckResult[] = []
  const suppressed: SuppressedFinding[] = []
  const warnings: string[] = []
  let image: ImageScan | undefined
  let sbom: object | undefined
  // Each Dockerfile is found and read once: the lint and the vulnerability attribution share it.
  const dockerfiles = config.dockerfiles.length > 0 ? readDockerfiles(config) : undefined
  // Bad paths fail before the (possibly long) image read.
  for (const path of config.secretsPaths) {
    if (!existsSync(resolve(config.cwd, path)))
      throw new InputError(`secrets path "${path}": no such file or directory`)
  }

  if (config.image) {
    const secretsInImage =
      config.secretsPaths.length > 0
        ? createImageSecretScanner(config.file.checks.secrets)
        : undefined
    const local = resolve(config.cwd, config.image)
    log(`Reading image ${config.image}`)
    image = await readImage(existsSync(local) ? local : config.image, {
      platform: config.platform,
      fileHook: secretsInImage,
      githubToken: context.githubToken,
      registryAuth: config.registryAuth
    })
    warnings.push(...image.warnings)
    sbom = buildCycloneDx(image, context.toolVersion)
    log(`Matching ${image.packages.length} packages against vulnerability data`)
    const vulns = await matchVulnerabilities(
      image.packages,
      image.os,
      config.vulnDb,
      config.file.checks.vulnerabilities,
      {
        imageRef: config.image,
        ignoreUnfixed: config.ignoreUnfixed,
        cacheDir: config.osvCacheDir
      }
    )
    results.push({
      check: 'vulnerabilities',
      findings: attributeToOnlyDockerfile(vulns.findings, dockerfiles?.files ?? [], warnings),
      rules: vulnerabilityRules,
      warnings: vulns.warnings,
      stats: { packages: image.packages.length, ...vulns.stats }
    })
    if (secretsInImage) {
      const scanned = image
      const found = secretsInImage.finish({
        existsInFinal: path => scanned.existsInFinal(path),
        isOsOwned: scanned.isOsOwned ? path => scanned.isOsOwned!(path) : undefined,
        env: scanned.config.env,
        history: scanned.history
      })
      results.push({
        check: 'secrets',
        findings: found.findings,
        rules: secretRules,
        warnings: [],
        stats: prefixKeys('image', found.stats)
      })
      suppressed.push(...found.suppressed)
    }
  }

  if (dockerfiles) {
    const findings: Finding[] = []
    const dockerWarnings = [...dockerfiles.warnings]
    // The image's configured user is the truth for runs-as-root, but only for
    // the Dockerfile that built it: with several Dockerfiles we cannot tell which.
    const builtTheImage = image !== undefined && dockerfiles.files.length === 1
    for (const { path, text } of dockerfiles.files) {
      const linted = lintDockerfile(path, text, config.file.checks.dockerfile, {
        imageUser: builtTheImage ? (image!.config.user ?? '') : undefined
      })
      findings.push(...linted.findings)
      dockerWarnings.push(...linted.warnings)
      suppressed.push(...linted.suppressed.map(s => ({ ...s, source: 'inline' as const })))
    }
    log(`Linted ${dockerfiles.files.length} Dockerfile(s)`)
    results.push({
      check: 'dockerfile',
      findings,
      rules: dockerfileRules,
      warnings: dockerWarnings,
      stats: { files: dockerfiles.files.length }
    })
  }

  if (config.secretsPaths.length > 0) {
    const scanned = await scanSecretsInPaths(config.secretsPaths, config.file.checks.secrets, {
      cwd: config.cwd
    })
    results.push(scanned.result)
    suppressed.push(...scanned.suppressed)
    log(`Scanned ${scanned.result.stats.files ?? 0} file(s) for secrets`)
    if (config.secretsHistory) {
      const range = config.secretsHistory
      const history = await scanSecretsInHistory(
        range,
        config.secretsPaths,
        config.file.checks.secrets,
        { cwd: config.cwd }
      )
      if (!history.available) {
        const line = `secrets history: the commits of ${range.base}..${range.head} are not in this checkout (actions/checkout with fetch-depth: 0 brings them); only the files were scanned`
        if (range.automatic) log(line)
        else warnings.push(line)
      } else {
        // A secret still in the files is reported once, by the file scan (same fingerprint).
        const inFiles = new Set([
          ...scanned.result.findings.map(f => f.fingerprint),
          ...scanned.suppressed.map(s => s.finding.fingerprint)
        ])
        results.push({
          check: 'secrets',
          findings: history.findings.filter(f => !inFiles.has(f.fingerprint)),
          rules: secretRules,
          warnings: history.warnings,
          stats: prefixKeys('history', history.stats)
        })
        suppressed.push(...history.suppressed.filter(s => !inFiles.has(s.finding.fingerprint)))
        log(
          `Scanned ${history.stats.commits ?? 0} commit(s) of ${range.base}..${range.head} for secrets`
        )
      }
    }
  }

  return { report: assembleReport(results, suppressed, warnings, config, context), sbom, image }
}

function prefixKeys(prefix: string, stats: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [key, value] of Object.entries(stats))
    out[prefix + key[0]!.toUpperCase() + key.slice(1)] = value
  return out
}

interface DockerfileText {
  path: string
  text: string
}

/** The Dockerfiles the config names (globs expanded), read; unreadable ones become warnings. */
function readDockerfiles(config: GateConfig): { files: DockerfileText[]; warnings: string[] } {
  const expanded = expandFilePatterns(config.dockerfiles, config.cwd, 'dockerfile')
  const files: DockerfileText[] = []
  const warnings = [...expanded.warnings]
  for (const path of expanded.files) {
    try {
      files.push({ path, text: readFileSync(resolve(config.cwd, path), 'utf8') })
    } catch (error) {
      warnings.push(`${path}: cannot read it (${errorMessage(error)})`)
    }
  }
  return { files, warnings }
}

/**
 * With an image and exactly one Dockerfile, that Dockerfile built the image:
 * move each vulnerability to the FROM or RUN/COPY line that brought the
 * package, so the annotation lands where the fix is made.
 */
function attributeToOnlyDockerfile(
  findings: Finding[],
  dockerfiles: readonly DockerfileText[],
  warnings: string[]
): Finding[] {
  if (findings.length === 0 || dockerfiles.length !== 1) return findings
  const { path, text } = dockerfiles[0]!
  try {
    return attributeFindingsToDockerfile(findings, { path, model: parseDockerfile(text) })
  } catch (error) {
    warnings.push(`${path}: vulnerabilities left on the image (${errorMessage(error)})`)
    return findings
  }
}

/** Merge check results, apply overrides and ignores, and evaluate the gate. */
export function assembleReport(
  results: readonly CheckResult[],
  inlineSuppressed: readonly SuppressedFinding[],
  extraWarnings: readonly string[],
  config: GateConfig,
  context: Pick<EngineContext, 'toolVersion' | 'today' | 'links'>
): ReportInput {
  const rules = uniqueRules(results.flatMap(r => r.rules))
  const all = results.flatMap(r => r.findings)
  const overridden = applySeverityOverrides(all, config.file.severity, rules)
  const ignored = applyIgnores(overridden, config.file.ignores, rules, context.today)
  const findings = sortFindings(ignored.kept)
  const suppressed = [...inlineSuppressed, ...ignored.suppressed].sort((a, b) =>
    compareFindings(a.finding, b.finding)
  )
  const checksRun = [...new Set(results.map(r => r.check))] as CheckId[]
  const stats: ReportInput['stats'] = {}
  for (const r of results) stats[r.check] = { ...(stats[r.check] ?? {}), ...r.stats }
  return {
    toolVersion: context.toolVersion,
    findings,
    suppressed,
    rules,
    gate: evaluateGate(findings, config.failOn, config.failOnByCheck),
    checksRun,
    warnings: [...extraWarnings, ...results.flatMap(r => r.warnings), ...ignored.warnings],
    stats,
    links: context.links,
    targets: {
      dockerfiles: config.dockerfiles,
      image: config.image,
      secretsPaths: config.secretsPaths
    }
  }
}

function uniqueRules(rules: readonly RuleMeta[]): RuleMeta[] {
  const seen = new Map<string, RuleMeta>()
  for (const rule of rules) if (!seen.has(rule.id)) seen.set(rule.id, rule)
  return [...seen.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
