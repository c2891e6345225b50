// The Dockerfile check's public surface.

import type { RuleMeta } from '../model/finding.js'
import { detectSecretsInValue } from '../secrets/index.js'
import { lintDockerfiles, type LintManyOptions } from './lint-all.js'
import { lintWith, type DockerfileLintResult } from './lint.js'
import { RULES, ruleMeta } from './registry.js'
import type { DockerfileSettings } from './settings.js'
import type { DockerfileContext } from './types.js'

export type { DockerfileLintResult } from './lint.js'
export { lintDockerfiles, runDockerfileCheck } from './lint-all.js'
export { HADOLINT_CONFIG_FILES } from './context-files.js'
export type {
  DockerfileCheckOptions,
  DockerfileCheckOutcome,
  DockerfileFile,
  LintManyResult
} from './lint-all.js'
export type { DockerfileContext } from './types.js'
export type { DockerfileSettings } from './settings.js'
export { parseDockerfileSettings } from './settings-parse.js'
export { parseDockerfile } from './model.js'
export {
  envInstruction,
  instructionText,
  matchInstruction,
  normalizeCreatedBy,
  placeImageFindings,
  squash,
  stageChain,
  type ImageHistory,
  type PlacementDockerfile
} from './image-origin.js'
export type { DockerfileModel, Stage, ImageRef, ImageUse, Instruction } from './model.js'

/** Rule descriptors for SARIF and the docs (id, default severity, hadolint and BuildKit aliases). */
export const dockerfileRules: RuleMeta[] = RULES.map(ruleMeta)

/**
 * Lints one Dockerfile. Never throws for bad content: an empty or binary file
 * gives one `dockerfile-parse-error` finding; a file with unparseable lines
 * gets a finding for them and the rest is linted. `location.path` is `path`
 * as given; lines are 1-based. Without ShellCheck: see `lintDockerfileAsync`.
 */
export function lintDockerfile(
  path: string,
  text: string,
  settings: DockerfileSettings,
  context: DockerfileContext = {}
): DockerfileLintResult {
  return lintWith(path, text, settings, context, detectSecretsInValue)
}

/**
 * `lintDockerfile` with ShellCheck on the RUN scripts (when installed, per
 * `settings.shellcheck`): async because ShellCheck is a child process. The
 * result's `rules` has a descriptor for every SC code found.
 */
export async function lintDockerfileAsync(
  path: string,
  text: string,
  settings: DockerfileSettings,
  context: DockerfileContext = {},
  options: LintManyOptions = {}
): Promise<DockerfileLintResult & { rules: RuleMeta[] }> {
  const linted = await lintDockerfiles([{ path, text, context }], settings, options)
  const [result] = linted.results
  return { ...result, warnings: [...linted.warnings, ...result.warnings], rules: linted.rules }
}
