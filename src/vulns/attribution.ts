// Tie each vulnerability finding to the Dockerfile instruction that brought
// the package: the RUN/COPY/ADD step of the image's own layers whose history
// `created_by` it came from, or else the FROM line of the base image. Pure:
// findings and the parsed Dockerfile in, relocated copies out.
import { matchInstruction, stageChain, type DockerfileModel } from '../dockerfile/index.js'
import type { Finding } from '../model/finding.js'

export { normalizeCreatedBy } from '../dockerfile/index.js'

export interface DockerfileInput {
  /** The Dockerfile path as the user gave it (the findings' new location.path). */
  path: string
  model: DockerfileModel
  /** The stage that was built (`--target`); default the last one. */
  target?: string
}

/**
 * Relocate vulnerability findings onto the Dockerfile that built the image.
 * A finding whose package layer's `createdBy` matches a RUN/COPY/ADD of the
 * built stage chain points at that instruction ("upgrade X"); any other
 * finding with layer information points at the root FROM ("bump the base
 * image"). Fingerprints are unchanged; the image reference moves to
 * `properties.image`. Findings without layer information are returned as is.
 */
export function attributeFindingsToDockerfile(
  findings: readonly Finding[],
  dockerfile: DockerfileInput
): Finding[] {
  const chain = stageChain(dockerfile.model, dockerfile.target)
  const root = chain[0]
  if (!root) return [...findings]
  return findings.map(finding => {
    const vuln = finding.vulnerability
    const createdBy = finding.properties?.createdBy
    const layerIndex = finding.properties?.layerIndex
    if (finding.check !== 'vulnerabilities' || !vuln) return finding
    if (typeof createdBy !== 'string' && typeof layerIndex !== 'number') return finding
    const own = typeof createdBy === 'string' ? matchInstruction(chain, createdBy) : undefined
    const target = own ?? root.from
    const fix = vuln.fixedVersion
    const help = own
      ? fix
        ? `Upgrade ${vuln.package} to ${fix} or later in this ${own.keyword} step.`
        : `No fix for ${vuln.package} yet; this ${own.keyword} step installs it.`
      : fix
        ? `${vuln.package} comes with the base image ${root.base.resolved}: bump the base image to a tag or digest that ships ${vuln.package} ${fix} or later.`
        : `${vuln.package} comes with the base image ${root.base.resolved}; no fix yet.`
    return {
      ...finding,
      location: { path: dockerfile.path, line: target.line, endLine: target.endLine },
      help,
      properties: {
        ...finding.properties,
        image: finding.location.path,
        dockerfileOrigin: own ? 'own-layer' : 'base-image'
      }
    }
  })
}
