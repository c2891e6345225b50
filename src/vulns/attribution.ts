// Tie each vulnerability finding to the Dockerfile instruction that brought
// the package: the RUN/COPY/ADD step of the image's own layers whose history
// `created_by` it came from, or else the FROM line of the base image. Pure:
// findings and the parsed Dockerfile in, relocated copies out.
// The history matching (created_by → instruction) is the Dockerfile side's, shared with
// the placement of in-image secrets (dockerfile/image-origin.ts).
import {
  instructionText,
  matchInstruction,
  squash,
  stageChain,
  type DockerfileModel,
  type Instruction,
  type Stage
} from '../dockerfile/index.js'
import type { Finding, PropertyValue } from '../model/finding.js'

export interface DockerfileInput {
  /** The Dockerfile path as the user gave it (the findings' new location.path). */
  path: string
  model: DockerfileModel
  /** The stage that was built (`--target`); default the last one. */
  target?: string
}

/**
 * The commands that install packages of an OSV ecosystem family: the RUN step
 * of a build stage that most likely brought a package a later COPY --from copied.
 */
const INSTALLERS: Record<string, RegExp> = {
  npm: /\b(?:npm|yarn|pnpm|bun)\b[^;&|]*\s(?:ci|install|i|add)\b/,
  PyPI: /\b(?:pip3?|uv|poetry|pipenv|pdm)\b[^;&|]*\s(?:install|sync)\b/,
  Go: /\bgo\s+(?:build|install)\b/,
  'crates.io': /\bcargo\s+(?:build|install)\b/,
  Maven: /\b(?:mvn|mvnw|gradle|gradlew)\b/,
  RubyGems: /\b(?:bundle|bundler|gem)\s+install\b/,
  Packagist: /\bcomposer\s+(?:install|require|update)\b/,
  NuGet: /\bdotnet\s+(?:restore|publish|build)\b/,
  Debian: /\b(?:apt-get|apt|dpkg)\b[^;&|]*\s(?:install|-i)\b/,
  Ubuntu: /\b(?:apt-get|apt|dpkg)\b[^;&|]*\s(?:install|-i)\b/,
  Alpine: /\bapk\b[^;&|]*\sadd\b/,
  Wolfi: /\bapk\b[^;&|]*\sadd\b/,
  Chainguard: /\bapk\b[^;&|]*\sadd\b/
}

/** The lockfiles (or manifests) whose versions an installer follows, per ecosystem family. */
const LOCKFILES: Record<string, RegExp> = {
  npm: /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?)$/,
  PyPI: /(?:^|\/)(?:requirements[^/]*\.txt|poetry\.lock|Pipfile\.lock|uv\.lock|pdm\.lock)$/,
  Go: /(?:^|\/)go\.(?:sum|mod)$/,
  'crates.io': /(?:^|\/)Cargo\.lock$/,
  RubyGems: /(?:^|\/)Gemfile\.lock$/,
  Packagist: /(?:^|\/)composer\.lock$/,
  NuGet: /(?:^|\/)packages\.lock\.json$/
}

/** Sources and destination of a COPY/ADD (exec or shell form), flags excluded. */
function copyPaths(instruction: Instruction): { sources: string[]; dest: string } | undefined {
  const words = instruction.json ?? instruction.rest.split(/\s+/).filter(Boolean)
  if (words.length < 2) return undefined
  return { sources: words.slice(0, -1), dest: words[words.length - 1]! }
}

const trimSlash = (path: string): string => (path.length > 1 ? path.replace(/\/+$/, '') : path)

/**
 * Where a file of the final image was in the stage it was copied from: with
 * `COPY --from=build /app /app`, `/app/node_modules/x` was `/app/node_modules/x`
 * there. Undefined when it cannot be told (several sources, globs).
 */
function sourcePathOf(copy: Instruction, inImage: string | undefined): string | undefined {
  const paths = copyPaths(copy)
  if (!paths || paths.sources.length !== 1 || inImage === undefined) return undefined
  const source = trimSlash(paths.sources[0]!)
  const dest = trimSlash(paths.dest)
  if (/[*?[]/.test(source)) return undefined
  if (inImage === dest) return source
  if (inImage.startsWith(`${dest === '/' ? '' : dest}/`)) {
    const rest = inImage.slice(dest === '/' ? 0 : dest.length)
    // `COPY --from=build /out/app /usr/local/bin/` puts the file under the directory.
    return paths.dest.endsWith('/') && !rest.slice(1).includes('/') ? source : `${source}${rest}`
  }
  return undefined
}

/** Each instruction of a chain of stages with its stage and working directory, last first. */
function stepsOf(
  chain: readonly Stage[]
): { stage: Stage; instruction: Instruction; workdir: string }[] {
  const steps: { stage: Stage; instruction: Instruction; workdir: string }[] = []
  let workdir = '/'
  for (const stage of chain) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'WORKDIR') {
        const dir = instruction.rest.trim()
        workdir = dir.startsWith('/') ? dir : `${trimSlash(workdir)}/${dir}`
      }
      steps.push({ stage, instruction, workdir })
    }
  }
  return steps.reverse()
}

/** How a message names an instruction: `RUN npm ci --omit=dev` (clipped). */
function shortText(instruction: Instruction): string {
  const args =
    instruction.keyword === 'RUN' ? instructionText(instruction) : squash(instruction.args)
  const text = `${instruction.keyword} ${args}`
  return text.length > 60 ? `${text.slice(0, 59)}…` : text
}

const stageName = (stage: Stage): string => stage.name ?? String(stage.index)

interface CopiedFrom {
  copy: Instruction
  /** The build stage copied from, or the external image. */
  stage?: Stage
  image?: string
  /** The step of that stage that installed the package, when one can be told. */
  installer?: { stage: Stage; instruction: Instruction; writes?: string }
  /** The lockfile that step installed from, and the COPY that brought it into the stage. */
  lockfile?: { path: string; copy: Instruction }
}

/**
 * A package the final stage got from `COPY --from=<stage>`: that stage's RUN
 * that installed it (an installer of the package's ecosystem, in the directory
 * the copied path is under, or a step naming the copied path) and the lockfile
 * it installed from. `COPY --from=<image>` names the image.
 */
function followCopyFrom(
  model: DockerfileModel,
  copy: Instruction,
  finding: Finding
): CopiedFrom | undefined {
  const use = model.images.find(u => u.instruction === copy && u.via === 'copy-from')
  if (!use) return undefined
  if (use.ref.kind !== 'stage')
    return use.ref.kind === 'image' ? { copy, image: use.ref.resolved } : undefined
  const stage = model.stages[use.ref.stageIndex ?? -1]
  if (!stage) return undefined
  const inImage = finding.properties?.location
  const source = sourcePathOf(copy, typeof inImage === 'string' ? inImage : undefined)
  const family = (finding.vulnerability?.ecosystem ?? '').split(':')[0]!
  const installer = INSTALLERS[family]
  const steps = stepsOf(stageChain(model, stage.name ?? String(stage.index), stage.index))
  const runs = steps.filter(s => s.instruction.keyword === 'RUN')
  const installs = installer ? runs.filter(s => installer.test(instructionText(s.instruction))) : []
  const under = (dir: string): boolean =>
    source !== undefined && (source === dir || source.startsWith(`${trimSlash(dir)}/`))
  const inWorkdir = installs.find(s => s.workdir !== '/' && under(s.workdir))
  // A step that names the copied path (`go build -o /out/app`, `cp … /out/app`) wrote it.
  const writer =
    source !== undefined
      ? runs.find(s => instructionText(s.instruction).includes(source))
      : undefined
  const found = inWorkdir ?? writer ?? installs[0]
  const out: CopiedFrom = { copy, stage }
  if (!found) return out
  out.installer = { stage: found.stage, instruction: found.instruction }
  if (found === writer && !installs.includes(found)) out.installer.writes = source
  const lockfile = LOCKFILES[family]
  if (lockfile) {
    const before = steps.slice(steps.findIndex(s => s.instruction === found.instruction))
    for (const step of before) {
      if (step.instruction.keyword !== 'COPY' && step.instruction.keyword !== 'ADD') continue
      const copied = copyPaths(step.instruction)?.sources.find(path => lockfile.test(path))
      if (copied) {
        out.lockfile = { path: copied, copy: step.instruction }
        break
      }
      // `COPY . .` brings the lockfile with everything else.
      if (copyPaths(step.instruction)?.sources.some(path => path === '.' || path === './')) break
    }
  }
  return out
}

/** The advice for a package a COPY --from brought, and the line it belongs on. */
function copiedAdvice(
  vuln: NonNullable<Finding['vulnerability']>,
  from: CopiedFrom
): { help: string; target: Instruction } {
  const fix = vuln.fixedVersion
  const copied = `copied into this image by ${shortText(from.copy)} on line ${from.copy.line}`
  if (from.image !== undefined) {
    return {
      target: from.copy,
      help: fix
        ? `${vuln.package} comes from the image ${from.image}, ${copied}: use a tag or digest of it that ships ${vuln.package} ${fix} or later.`
        : `${vuln.package} comes from the image ${from.image}, ${copied}; no fix yet.`
    }
  }
  const stage = from.stage!
  if (!from.installer) {
    return {
      target: from.copy,
      help: fix
        ? `Upgrade ${vuln.package} to ${fix} or later in stage ${stageName(stage)} (line ${stage.from.line}), which this COPY step copies it from.`
        : `No fix for ${vuln.package} yet; stage ${stageName(stage)} (line ${stage.from.line}) has it and this COPY step copies it.`
    }
  }
  const { instruction, stage: where } = from.installer
  const lock = from.lockfile
    ? ` (${from.lockfile.path} copied into the stage on line ${from.lockfile.copy.line})`
    : ''
  const how = from.installer.writes ? `written to ${from.installer.writes}` : 'installed'
  const installed = `${how} by ${shortText(instruction)} on line ${instruction.line} of stage ${stageName(where)}${lock}`
  return {
    target: instruction,
    help: fix
      ? `Upgrade ${vuln.package} to ${fix} or later${from.lockfile ? ` in ${from.lockfile.path}` : ''}: it is ${installed}, and ${copied}.`
      : `No fix for ${vuln.package} yet; it is ${installed}, and ${copied}.`
  }
}

/**
 * Relocate vulnerability findings onto the Dockerfile that built the image.
 * A finding whose package layer's `createdBy` matches a RUN/COPY/ADD of the
 * built stage chain points at that instruction ("upgrade X"); a COPY --from
 * of a build stage is followed to the step of that stage that installed the
 * package; any other finding with layer information points at the root FROM
 * ("bump the base image"). Fingerprints are unchanged; the image reference
 * moves to `properties.image`. Findings without layer information are
 * returned as is.
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
    const copied =
      own && own.keyword !== 'RUN' ? followCopyFrom(dockerfile.model, own, finding) : undefined
    const fix = vuln.fixedVersion
    let target = own ?? root.from
    let help = own
      ? fix
        ? `Upgrade ${vuln.package} to ${fix} or later in this ${own.keyword} step.`
        : `No fix for ${vuln.package} yet; this ${own.keyword} step installs it.`
      : fix
        ? `${vuln.package} comes with the base image ${root.base.resolved}: bump the base image to a tag or digest that ships ${vuln.package} ${fix} or later.`
        : `${vuln.package} comes with the base image ${root.base.resolved}; no fix yet.`
    if (copied) ({ target, help } = copiedAdvice(vuln, copied))
    const copiedFrom: Record<string, PropertyValue> = copied
      ? { copiedFrom: copied.image ?? stageName(copied.stage!), copiedBy: copied.copy.line }
      : {}
    return {
      ...finding,
      location: { path: dockerfile.path, line: target.line, endLine: target.endLine },
      help,
      properties: {
        ...finding.properties,
        image: finding.location.path,
        dockerfileOrigin: own ? 'own-layer' : 'base-image',
        ...copiedFrom
      }
    }
  })
}
