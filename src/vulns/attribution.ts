// Tie each vulnerability finding to the Dockerfile instruction that brought
// the package: the RUN/COPY/ADD step of the image's own layers whose history
// `created_by` it came from, or else the FROM line of the base image. Pure:
// findings and the parsed Dockerfile in, relocated copies out.
import type { DockerfileModel, Instruction, Stage } from '../dockerfile/index.js'
import type { Finding } from '../model/finding.js'
import { redactSecretsInText } from '../redact/index.js'

export interface DockerfileInput {
  /** The Dockerfile path as the user gave it (the findings' new location.path). */
  path: string
  model: DockerfileModel
  /** The stage that was built (`--target`); default the last one. */
  target?: string
}

/**
 * The instruction text an image history `created_by` stands for, normalised
 * for comparison. Handles BuildKit (`RUN /bin/sh -c cmd # buildkit`, with
 * `|2 A=1 B=2` build-arg prefixes) and the classic builder
 * (`/bin/sh -c #(nop)  COPY file:… in /app`, `/bin/sh -c cmd`).
 */
export function normalizeCreatedBy(createdBy: string): { keyword: string; text: string } {
  let text = createdBy.trim().replace(/\s+# buildkit$/, '')
  text = text.replace(/^\/bin\/sh -c #\(nop\)\s+/, '')
  let keyword = /^([A-Z]+)\s/.exec(text)?.[1] ?? 'RUN'
  if (/^[A-Z]+\s/.test(text)) text = text.slice(keyword.length).trim()
  else keyword = 'RUN'
  if (keyword === 'RUN') {
    // Build-arg prefix (`|2 A=1 B=2`), BuildKit flags (`--mount=…`), then the shell.
    let previous = ''
    while (previous !== text) {
      previous = text
      text = text
        .replace(/^\|\d+(?:\s+[^\s=]+=\S*)*\s+/, '')
        .replace(/^--\S+\s+/, '')
        .replace(/^\/bin\/(?:ba)?sh -c\s+/, '')
    }
  }
  return { keyword, text: squash(text) }
}

function squash(text: string): string {
  return text
    .replace(/\\\s*\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function instructionText(instruction: Instruction): string {
  if (instruction.keyword === 'RUN' && instruction.json) return squash(instruction.json.join(' '))
  return squash(instruction.rest)
}

/** The chain of stages the target is built on, root first. */
function stageChain(model: DockerfileModel, target?: string): Stage[] {
  let stage: Stage | undefined =
    (target ? model.stages.find(s => s.name?.toLowerCase() === target.toLowerCase()) : undefined) ??
    model.stages[model.stages.length - 1]
  const chain: Stage[] = []
  const seen = new Set<number>()
  while (stage && !seen.has(stage.index)) {
    seen.add(stage.index)
    chain.unshift(stage)
    stage = stage.base.kind === 'stage' ? model.stages[stage.base.stageIndex ?? -1] : undefined
  }
  return chain
}

const LAYER_KEYWORDS = new Set(['RUN', 'COPY', 'ADD'])

function matchInstruction(chain: readonly Stage[], createdBy: string): Instruction | undefined {
  const wanted = normalizeCreatedBy(createdBy)
  if (!LAYER_KEYWORDS.has(wanted.keyword)) return undefined
  // Latest stage and step first: the final stage's step wins over an identical earlier one.
  const candidates = [...chain]
    .reverse()
    .flatMap(stage => [...stage.instructions].reverse())
    .filter(instruction => instruction.keyword === wanted.keyword)
  const exact = candidates.find(i => instructionTexts(i).includes(wanted.text))
  if (exact || wanted.keyword === 'RUN') return exact
  // The classic builder records `COPY file:<hash> in /dest`: only the destination compares.
  const classic = /^(?:file|dir|multi):\S+ in (\S+)$/.exec(wanted.text)
  if (!classic) return undefined
  return candidates.find(i => lastWord(instructionText(i)) === classic[1])
}

function lastWord(text: string): string {
  const words = text.split(' ')
  return words[words.length - 1] ?? text
}

/**
 * The instruction as BuildKit may record it: with or without its flags. The
 * finding's `createdBy` has its secrets redacted, so the instruction is too.
 */
function instructionTexts(instruction: Instruction): string[] {
  return [instructionText(instruction), squash(instruction.args)].map(redactSecretsInText)
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
