import type { ConfigNode } from '../config/node.js'

/** `checks.vulnerabilities` in .container-gate.yml. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface VulnerabilitySettings {}

export function parseVulnerabilitySettings(node: ConfigNode): VulnerabilitySettings {
  node.entries([])
  return {}
}
