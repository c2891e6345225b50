import type { Severity } from '../model/finding.js'

/**
 * `checks.dockerfile` in .container-gate.yml:
 *
 * ```yaml
 * checks:
 *   dockerfile:
 *     disable: [apt-no-install-recommends, DL3025]   # rule ids or hadolint aliases
 *     severity:
 *       base-image-not-pinned: high
 *     inline-ignores: true   # honour `# container-gate ignore=` / `# hadolint ignore=`
 *     trusted-registries: [docker.io, ghcr.io, "*.dkr.ecr.*.amazonaws.com"]
 *     enable: [DL3057]        # opt-in rules (hadolint's off-by-default ones, BuildKit experimental)
 *     label-schema: { maintainer: email, org.opencontainers.image.source: url }
 *     strict-labels: false
 *     shellcheck: auto        # auto | off | required
 * ```
 */
export interface DockerfileSettings {
  /** Rule ids or hadolint aliases that are not checked at all. */
  disable?: string[]
  /** Severity per rule id or hadolint alias, instead of the default. */
  severity?: Record<string, Severity>
  /** Honour inline ignore comments (default true). */
  inlineIgnores?: boolean
  /** Registries images may come from (`*` matches any characters); unset = not checked. */
  trustedRegistries?: string[]
  /** Opt-in rules to run (hadolint's off-by-default DL1001 and DL3057, BuildKit's experimental checks). */
  enable?: string[]
  /** hadolint's label schema: label → type (text, url, semver, hash, rfc3339, spdx, email); turns on the label rules. */
  labelSchema?: Record<string, LabelType>
  /** With a label schema: labels not in it are reported (hadolint's strict-labels, DL3050). */
  strictLabels?: boolean
  /** false: `# hadolint ignore=` pragmas are not honoured (hadolint's disable-ignore-pragma). */
  hadolintPragmas?: boolean
  /** ShellCheck on RUN scripts: auto (when installed), off, required (missing binary is an error). */
  shellcheck?: 'auto' | 'off' | 'required'
}

export const LABEL_TYPES = ['text', 'url', 'semver', 'hash', 'rfc3339', 'spdx', 'email'] as const
export type LabelType = (typeof LABEL_TYPES)[number]
