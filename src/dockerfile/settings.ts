import type { ConfigNode } from '../model/config-node.js'
import { SEVERITIES, type Severity } from '../model/finding.js'
import { resolveRuleIds } from './registry.js'

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

export function parseDockerfileSettings(node: ConfigNode): DockerfileSettings {
  const entries = node.entries([
    'disable',
    'enable',
    'severity',
    'inline-ignores',
    'trusted-registries',
    'label-schema',
    'strict-labels',
    'shellcheck'
  ])
  const settings: DockerfileSettings = {}
  const disable = entries.get('disable')
  if (disable) {
    settings.disable = disable.list().map(item => knownRule(item))
  }
  const severity = entries.get('severity')
  if (severity) {
    settings.severity = {}
    for (const [id, value] of severity.entries()) {
      knownRuleId(id, value)
      settings.severity[id] = value.oneOf(SEVERITIES)
    }
  }
  const inline = entries.get('inline-ignores')?.optionalBoolean()
  if (inline !== undefined) settings.inlineIgnores = inline
  const registries = entries.get('trusted-registries')
  if (registries) {
    settings.trustedRegistries = registries.list().map(item => {
      const value = item.string().trim().toLowerCase()
      if (!/^[a-z0-9*.:-]+$/.test(value)) {
        item.fail(`"${value}" is not a registry host (like docker.io, ghcr.io or *.gcr.io)`)
      }
      return value
    })
  }
  const enable = entries.get('enable')
  if (enable) settings.enable = enable.list().map(item => knownRule(item))
  const schema = entries.get('label-schema')
  if (schema) {
    settings.labelSchema = {}
    for (const [label, type] of schema.entries())
      settings.labelSchema[label] = type.oneOf(LABEL_TYPES)
  }
  const strict = entries.get('strict-labels')?.optionalBoolean()
  if (strict !== undefined) settings.strictLabels = strict
  const shellcheck = entries.get('shellcheck')
  if (shellcheck) settings.shellcheck = shellcheck.oneOf(['auto', 'off', 'required'] as const)
  return settings
}

function knownRule(node: ConfigNode): string {
  const id = node.string()
  knownRuleId(id, node)
  return id
}

function knownRuleId(id: string, node: ConfigNode): void {
  if (resolveRuleIds(id).length === 0) {
    node.fail(
      `unknown Dockerfile rule "${id}" (see docs/rules.md for the ids and hadolint aliases)`
    )
  }
}
