import type { ConfigNode } from '../config/node.js'

/** `checks.secrets` in .container-gate.yml. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SecretsSettings {}

export function parseSecretsSettings(node: ConfigNode): SecretsSettings {
  node.entries([])
  return {}
}
