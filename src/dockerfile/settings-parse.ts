// `checks.dockerfile` of .container-gate.yml, parsed and checked against the
// rules (ids, hadolint codes, BuildKit names, SC codes). Apart from the
// settings' types (settings.ts) so that rules can use those types without
// importing the registry.
import type { ConfigNode } from '../model/config-node.js'
import { SEVERITIES } from '../model/finding.js'
import { RuleIndex } from '../util/rule-index.js'
import { resolveRuleIds, RULES } from './registry.js'
import { LABEL_TYPES, type DockerfileSettings } from './settings.js'

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

/** For the "did you mean" of a misspelt id (ShellCheck's SC codes resolve by their pattern). */
const DOCKERFILE_RULE_INDEX = new RuleIndex(RULES)

function knownRuleId(id: string, node: ConfigNode): void {
  if (resolveRuleIds(id).length === 0) {
    node.fail(
      `${DOCKERFILE_RULE_INDEX.unknown(id, 'Dockerfile rule')} (see docs/rules.md for the ids and hadolint aliases)`
    )
  }
}
