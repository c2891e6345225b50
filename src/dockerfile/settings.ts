import type { ConfigNode } from '../config/node.js'

/** `checks.dockerfile` in .container-gate.yml. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DockerfileSettings {}

export function parseDockerfileSettings(node: ConfigNode): DockerfileSettings {
  node.entries([])
  return {}
}
