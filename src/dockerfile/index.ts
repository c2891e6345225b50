// The Dockerfile check's public surface.

import type { RuleMeta } from '../model/finding.js'
import { detectSecretsInValue } from '../secrets/index.js'
import { lintWith, type DockerfileLintResult } from './lint.js'
import { DOCKERFILE_RULES } from './rules-meta.js'
import type { DockerfileSettings } from './settings.js'
import type { DockerfileContext } from './types.js'

export type { DockerfileLintResult } from './lint.js'
export type { DockerfileContext } from './types.js'
export type { DockerfileSettings } from './settings.js'
export { parseDockerfileSettings } from './settings.js'
export { parseDockerfile } from './model.js'
export type { DockerfileModel, Stage, ImageRef, ImageUse, Instruction } from './model.js'

/** Rule descriptors for SARIF and the docs (id, default severity, hadolint aliases). */
export const dockerfileRules: RuleMeta[] = DOCKERFILE_RULES.map(
  ({ example: _example, fixed: _fixed, seeAlso: _seeAlso, ...meta }) => meta
)

/**
 * Lints one Dockerfile. Never throws for bad content: an empty, binary or
 * unparseable file gives one `dockerfile-parse-error` finding.
 * `location.path` is `path` as given; lines are 1-based.
 */
export function lintDockerfile(
  path: string,
  text: string,
  settings: DockerfileSettings,
  context: DockerfileContext = {}
): DockerfileLintResult {
  return lintWith(path, text, settings, context, detectSecretsInValue)
}
