// Which Dockerfile instruction made a part of the built image: the RUN/COPY/ADD
// of a layer (from the layer's history `created_by`), the ENV that set a config
// variable, the step of a history entry, or else the FROM of the base image.
// Pure: a parsed Dockerfile in, instructions out. Used to put vulnerabilities
// (vulns/attribution.ts) and in-image secrets (placeImageFindings) on the line
// where they are fixed.
import type { Finding } from '../model/finding.js'
import type { ImageObject } from '../model/image-location.js'
import { imageObjectOf, isPlacedOnDockerfile } from '../model/image-location.js'
import { redactSecretsInText } from '../redact/index.js'
import { parseAssignments, type DockerfileModel, type Instruction, type Stage } from './model.js'

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

/** Line continuations and runs of whitespace as one space: how history text and instructions compare. */
export function squash(text: string): string {
  return text
    .replace(/\\\s*\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The instruction's text as a history entry records it (a JSON RUN joined by spaces). */
export function instructionText(instruction: Instruction): string {
  if (instruction.keyword === 'RUN' && instruction.json) return squash(instruction.json.join(' '))
  return squash(instruction.rest)
}

/** The chain of stages the target (a name, or the stage at `index`) is built on, root first. */
export function stageChain(model: DockerfileModel, target?: string, index?: number): Stage[] {
  let stage: Stage | undefined =
    (index !== undefined ? model.stages[index] : undefined) ??
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
/** Steps the history records without a layer (BuildKit: `ENV A=1`, `ARG B`, `USER app`, …). */
const CONFIG_KEYWORDS = new Set(['ENV', 'ARG', 'LABEL', 'USER', 'WORKDIR', 'EXPOSE', 'VOLUME'])

/** Latest stage and step first: the final stage's step wins over an identical earlier one. */
function latestFirst(chain: readonly Stage[]): Instruction[] {
  return [...chain].reverse().flatMap(stage => [...stage.instructions].reverse())
}

/**
 * The RUN/COPY/ADD (or, with `configSteps`, the ENV/ARG/… step) of the
 * built stage chain that a history `created_by` records.
 */
export function matchInstruction(
  chain: readonly Stage[],
  createdBy: string,
  opts: { configSteps?: boolean } = {}
): Instruction | undefined {
  const wanted = normalizeCreatedBy(createdBy)
  const layer = LAYER_KEYWORDS.has(wanted.keyword)
  if (!layer && !(opts.configSteps && CONFIG_KEYWORDS.has(wanted.keyword))) return undefined
  const candidates = latestFirst(chain).filter(i => i.keyword === wanted.keyword)
  const exact = candidates.find(i => instructionTexts(i).includes(wanted.text))
  if (exact || wanted.keyword === 'RUN' || !layer) return exact
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
 * The instruction as BuildKit may record it: with or without its flags, as
 * written and with its secrets redacted (a finding's `createdBy` is redacted;
 * the image's own history is not).
 */
function instructionTexts(instruction: Instruction): string[] {
  const texts = [instructionText(instruction), squash(instruction.args)]
  return [...texts, ...texts.map(redactSecretsInText)]
}

/** The last ENV of the stage chain that sets `name` (the value the image config holds). */
export function envInstruction(chain: readonly Stage[], name: string): Instruction | undefined {
  return latestFirst(chain).find(
    i => i.keyword === 'ENV' && parseAssignments(i.rest, 'ENV').some(a => a.key === name)
  )
}

/** What the engine knows of the built image: each layer's and each history step's `created_by`. */
export interface ImageHistory {
  layers: readonly { index: number; createdBy?: string }[]
  history: readonly { createdBy: string }[]
}

export interface PlacementDockerfile {
  /** The Dockerfile path as the user gave it (the placed findings' location.path). */
  path: string
  model: DockerfileModel
  /** The stage that was built (`--target`); default the last one. */
  target?: string
}

/**
 * Put in-image findings (a secret in a layer's file, in the config's Env, in
 * a history step) on the Dockerfile line that created them: the RUN/COPY/ADD
 * of the layer, the ENV that set the variable, the step the history records;
 * else the root FROM (the base image brought it). The in-image object stays
 * in `properties.imagePath`; the fingerprint is unchanged. Vulnerabilities
 * (placed by their check, with fix advice), findings already placed and
 * findings of the checkout are returned as they are. The image's own
 * `created_by` texts are only compared, never copied into a finding.
 */
export function placeImageFindings(
  findings: readonly Finding[],
  dockerfile: PlacementDockerfile,
  image: ImageHistory
): Finding[] {
  const chain = stageChain(dockerfile.model, dockerfile.target)
  const root = chain[0]
  if (!root) return [...findings]
  const layerCreatedBy = new Map(image.layers.map(l => [l.index, l.createdBy]))
  return findings.map(finding => {
    if (finding.check === 'vulnerabilities' || isPlacedOnDockerfile(finding)) return finding
    const object = imageObjectOf(finding)
    if (!object || object.kind === 'image') return finding
    const own = ownInstruction(finding, object, chain, image, layerCreatedBy)
    const target = own ?? root.from
    return {
      ...finding,
      location: {
        path: dockerfile.path,
        line: target.line,
        ...(target.endLine > target.line ? { endLine: target.endLine } : {})
      },
      properties: {
        ...finding.properties,
        imagePath: object.path,
        dockerfileOrigin: own ? 'own-layer' : 'base-image'
      }
    }
  })
}

function ownInstruction(
  finding: Finding,
  object: ImageObject,
  chain: readonly Stage[],
  image: ImageHistory,
  layerCreatedBy: ReadonlyMap<number, string | undefined>
): Instruction | undefined {
  const props = finding.properties ?? {}
  if (object.kind === 'env') return envInstruction(chain, object.path.slice('config/Env/'.length))
  if (object.kind === 'history') {
    const step = image.history[Number(object.path.slice('history/'.length))]
    return step ? matchInstruction(chain, step.createdBy, { configSteps: true }) : undefined
  }
  const layer =
    typeof props.layerIndex === 'number' ? layerCreatedBy.get(props.layerIndex) : undefined
  const createdBy = layer ?? (typeof props.createdBy === 'string' ? props.createdBy : undefined)
  return createdBy ? matchInstruction(chain, createdBy) : undefined
}
