// The Dockerfile check's core (what its Check adapter calls): reads the files next
// to the Dockerfiles (.hadolint.yaml in the working directory, each build
// context's .dockerignore), lints every Dockerfile, runs ShellCheck on their
// RUN scripts in batches when it is installed (or required), and returns the
// findings with the rule descriptors of what was found.

import type { Finding, RuleMeta, Threshold } from '../model/finding.js'
import type { FingerprintKey } from '../model/fingerprint.js'
import { InputError, errorMessage } from '../model/errors.js'
import { detectSecretsInValue } from '../secrets/index.js'
import {
  mergeSettings,
  parseHadolintConfig,
  readDockerignore,
  readHadolintConfig
} from './context-files.js'
import { prepareLint, type DockerfileLintResult, type PreparedLint } from './lint.js'
import { RULES, ruleMeta } from './registry.js'
import type { DockerfileSettings } from './settings.js'
import {
  runShellcheck,
  shellcheckHits,
  shellcheckRules,
  shellcheckScripts,
  shellcheckVersion,
  type Exec,
  type ShellcheckScript
} from './shellcheck.js'
import type { DockerfileContext, RuleHit } from './types.js'

export interface DockerfileFile {
  path: string
  text: string
  context?: DockerfileContext
}

export interface LintManyOptions {
  /** How to run commands (tests give a fake); default @actions/exec. */
  exec?: Exec
  /** Where ShellCheck's temporary scripts go; default RUNNER_TEMP or the OS temp dir. */
  tempDir?: string
}

export interface LintManyResult {
  results: DockerfileLintResult[]
  /** Every rule descriptor, the ShellCheck codes found included. */
  rules: RuleMeta[]
  warnings: string[]
  shellcheck: { version?: string; scripts: number; ms: number }
}

/**
 * Lints several Dockerfiles and, unless `shellcheck: off`, runs ShellCheck
 * on all their RUN scripts in a few processes. `auto` without a shellcheck
 * binary is one warning; `required` without it is an input error.
 */
export async function lintDockerfiles(
  files: readonly DockerfileFile[],
  settings: DockerfileSettings,
  options: LintManyOptions = {}
): Promise<LintManyResult> {
  const prepared: PreparedLint[] = files.map(file =>
    prepareLint(file.path, file.text, settings, file.context ?? {}, detectSecretsInValue)
  )
  const warnings: string[] = []
  const mode = settings.shellcheck ?? 'auto'
  const extra: RuleHit[][] = files.map(() => [])
  const shellcheck: LintManyResult['shellcheck'] = { scripts: 0, ms: 0 }
  if (mode !== 'off') {
    const version = await shellcheckVersion(options.exec)
    if (version === undefined) {
      if (mode === 'required')
        throw new InputError(
          'checks.dockerfile.shellcheck is required, but no shellcheck is installed (apt-get install shellcheck)'
        )
      warnings.push(
        'shellcheck is not installed: RUN scripts were not checked with ShellCheck (install it, or set checks.dockerfile.shellcheck: off)'
      )
    } else {
      shellcheck.version = version
      const scripts: ShellcheckScript[] = prepared.flatMap((p, i) =>
        p.input ? shellcheckScripts(p.input, i) : []
      )
      shellcheck.scripts = scripts.length
      const started = performance.now()
      const comments = await runShellcheck(scripts, options)
      shellcheck.ms = performance.now() - started
      scripts.forEach((script, i) =>
        extra[script.file].push(...shellcheckHits(script, comments[i]))
      )
    }
  }
  const results = prepared.map((p, i) => p.finish(extra[i]))
  return {
    results,
    rules: [...RULES.map(ruleMeta), ...shellcheckRules(extra.flat())],
    warnings,
    shellcheck
  }
}

export interface DockerfileCheckOptions extends LintManyOptions {
  cwd: string
  files: readonly { path: string; text: string }[]
  settings: DockerfileSettings
  /** The scanned image's User, when exactly one Dockerfile built it ('' = none). */
  imageUser?: string
  /** The scanned image's os/arch, when exactly one Dockerfile built it. */
  imagePlatform?: string
  /** `.hadolint.yaml` as the policy's source has it (null: none there); undefined: read it from cwd. */
  hadolintConfig?: { file: string; text: string } | null
  /** Keys secret values in fingerprints (the run's ScanOptions.fingerprintKey). */
  fingerprintKey?: FingerprintKey
}

export interface DockerfileCheckOutcome {
  findings: Finding[]
  suppressed: { finding: Finding; reason: string }[]
  warnings: string[]
  rules: RuleMeta[]
  /** `failure-threshold` (or `no-fail`) of .hadolint.yaml, for when no threshold is configured here. */
  failOn?: Threshold
  stats: Record<string, number>
}

export async function runDockerfileCheck(
  options: DockerfileCheckOptions
): Promise<DockerfileCheckOutcome> {
  const warnings: string[] = []
  const hadolint =
    options.hadolintConfig === undefined
      ? readHadolintConfig(options.cwd)
      : options.hadolintConfig === null
        ? undefined
        : parseHadolintConfig(options.hadolintConfig.text, options.hadolintConfig.file)
  if (hadolint) warnings.push(...hadolint.warnings)
  const settings = hadolint ? mergeSettings(hadolint.settings, options.settings) : options.settings
  const files: DockerfileFile[] = options.files.map(file => {
    let dockerignore: string | undefined
    try {
      dockerignore = readDockerignore(file.path, options.cwd)
    } catch (error) {
      warnings.push(`${file.path}: .dockerignore not read (${errorMessage(error)})`)
    }
    return {
      ...file,
      context: {
        ...(options.imageUser !== undefined ? { imageUser: options.imageUser } : {}),
        ...(options.imagePlatform !== undefined ? { imagePlatform: options.imagePlatform } : {}),
        ...(dockerignore !== undefined ? { dockerignore } : {}),
        ...(options.fingerprintKey ? { fingerprintKey: options.fingerprintKey } : {})
      }
    }
  })
  const linted = await lintDockerfiles(files, settings, options)
  warnings.push(...linted.warnings)
  for (const result of linted.results) warnings.push(...result.warnings)
  return {
    findings: linted.results.flatMap(r => r.findings),
    suppressed: linted.results.flatMap(r => r.suppressed),
    warnings,
    rules: linted.rules,
    ...(hadolint?.failOn ? { failOn: hadolint.failOn } : {}),
    stats: {
      files: files.length,
      ...(linted.shellcheck.version ? { shellcheckScripts: linted.shellcheck.scripts } : {}),
      ...(hadolint ? { hadolintConfig: 1 } : {})
    }
  }
}
