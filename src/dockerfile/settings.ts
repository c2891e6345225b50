import type { ConfigNode } from '../model/config-node.js'
import { SEVERITIES, type Severity } from '../model/finding.js'
import { resolveRuleIds } from './rules-meta.js'

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
}

export function parseDockerfileSettings(node: ConfigNode): DockerfileSettings {
  const entries = node.entries(['disable', 'severity', 'inline-ignores', 'trusted-registries'])
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
