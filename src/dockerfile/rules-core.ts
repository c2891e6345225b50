// The mandatory rules (pinning, root, secrets) and the build-structure rules
// (stages, FROM variables, COPY --from). Pure: model in, hits out.

import { SEVERITY_RANK, type Severity } from '../model/finding.js'
import { redactSecret } from '../model/redact.js'
import { expand, parseAssignments, type ImageUse, type Instruction, type Stage } from './model.js'
import { classifySecretName, isNonSecretValue } from './secret-names.js'
import type { RuleHit, RuleInput, ValueSecretMatch } from './types.js'

/** The instruction's content with whitespace collapsed: what fingerprints are made of. */
export function normalisedContent(instruction: Instruction): string {
  const body = instruction.heredocs.map(h => h.body).join('\n')
  return `${instruction.keyword} ${instruction.args}${body ? `\n${body}` : ''}`
    .replace(/\s+/g, ' ')
    .trim()
}

// ---------------------------------------------------------------- pinning

const DIGEST = /@(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/
const ANY_DIGEST = /@([A-Za-z0-9+._-]+):([^@]*)$/

export interface ImageName {
  name: string
  tag?: string
  digest?: string
}

/** `registry:5000/ns/name:tag@sha256:…` → name, tag, digest (a port is not a tag). */
export function splitImageReference(reference: string): ImageName {
  let rest = reference
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
  }
  const slash = rest.lastIndexOf('/')
  const colon = rest.lastIndexOf(':')
  if (colon > slash) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest }
  return { name: rest, digest }
}

export function checkPinning(input: RuleInput): RuleHit[] {
  const hits: RuleHit[] = []
  for (const use of input.model.images) {
    if (use.ref.kind !== 'image') continue
    const problem = pinningProblem(use)
    if (!problem) continue
    const where =
      use.via === 'from' ? 'FROM' : use.via === 'copy-from' ? 'COPY --from' : 'RUN --mount=from'
    hits.push({
      ruleId: 'base-image-not-pinned',
      line: use.instruction.line,
      endLine: use.instruction.endLine,
      message: `${where} ${describe(use)} ${problem.what}. ${problem.fix}`,
      key: `${use.via} ${use.ref.written} ${use.ref.resolved}`,
      properties: { image: use.ref.resolved, ...(problem.latest ? { latest: true } : {}) }
    })
  }
  return hits
}

function describe(use: ImageUse): string {
  const { written, resolved } = use.ref
  if (written === resolved) return `"${written}"`
  return `"${written}" (resolves to "${resolved || '(empty)'}")`
}

interface PinProblem {
  what: string
  fix: string
  latest?: boolean
}

function pinningProblem(use: ImageUse): PinProblem | undefined {
  const { resolved, unset, undeclared } = use.ref
  if (DIGEST.test(resolved)) return undefined
  const unknown = [...new Set([...unset, ...undeclared])]
  const image = splitImageReference(resolved)
  const suggestion =
    image.name && !image.name.includes('$')
      ? `${image.name}:${image.tag && image.tag !== 'latest' ? image.tag : '<tag>'}`
      : 'name:tag'
  const fix = `Write ${suggestion}@sha256:<digest> (find it with \`docker buildx imagetools inspect ${suggestion}\`).`
  if (unknown.length > 0) {
    const reasons = [
      ...new Set(unset.filter(n => !undeclared.includes(n)).map(n => `$${n} has no default value`)),
      ...new Set(undeclared.map(n => `$${n} is not declared by an ARG`))
    ]
    return {
      what: `cannot be proven pinned: ${reasons.join(', ')}`,
      fix: `Give ARG ${unknown[0]} a default pinned by digest (ARG ${unknown[0]}=${suggestion}@sha256:<digest>) or write the digest in the reference.`
    }
  }
  const anyDigest = ANY_DIGEST.exec(resolved)
  if (anyDigest) {
    const hex = anyDigest[2]
    return {
      what:
        anyDigest[1] === 'sha256' && /^[0-9a-f]*$/.test(hex)
          ? `has a truncated digest (${hex.length} of 64 hex digits), which pins nothing`
          : `has a malformed digest "${shorten(anyDigest[1] + ':' + hex)}"`,
      fix
    }
  }
  if (!image.tag)
    return {
      what: 'has no tag (so it means :latest, a moving target) and no digest',
      fix,
      latest: true
    }
  if (image.tag === 'latest')
    return { what: 'uses :latest, a moving target, and no digest', fix, latest: true }
  return { what: `is pinned by tag only (:${image.tag} can be re-pushed with other content)`, fix }
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text
}

export function checkLatestTag(input: RuleInput): RuleHit[] {
  const hits: RuleHit[] = []
  for (const use of input.model.images) {
    if (
      use.ref.kind !== 'image' ||
      DIGEST.test(use.ref.resolved) ||
      use.ref.unset.length + use.ref.undeclared.length > 0
    )
      continue
    const image = splitImageReference(use.ref.resolved)
    if (image.digest) continue
    if (image.tag && image.tag !== 'latest') continue
    hits.push({
      ruleId: 'image-latest-tag',
      line: use.instruction.line,
      endLine: use.instruction.endLine,
      message: `${describe(use)} ${image.tag ? 'uses :latest' : 'has no tag (so :latest)'}: the build changes whenever the tag moves. Name a version tag.`,
      key: `${use.via} ${use.ref.written}`
    })
  }
  return hits
}

// ---------------------------------------------------------------- trusted registries

/** The registry host of a reference: the first part when it looks like a host, else docker.io. */
export function registryOf(reference: string): string {
  const slash = reference.indexOf('/')
  const first = slash < 0 ? '' : reference.slice(0, slash)
  if (first && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    return first.toLowerCase()
  }
  return 'docker.io'
}

function registryMatches(registry: string, pattern: string): boolean {
  const normalised = (host: string) =>
    host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'docker.io' : host
  const source = pattern
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${source}$`).test(normalised(registry))
}

export function checkRegistries(input: RuleInput): RuleHit[] {
  const trusted = input.settings.trustedRegistries
  if (!trusted || trusted.length === 0) return []
  const hits: RuleHit[] = []
  for (const use of input.model.images) {
    if (use.ref.kind !== 'image' || use.ref.resolved === '') continue
    const registry = registryOf(use.ref.resolved)
    if (registry.includes('$') || trusted.some(pattern => registryMatches(registry, pattern)))
      continue
    hits.push({
      ruleId: 'untrusted-registry',
      line: use.instruction.line,
      endLine: use.instruction.endLine,
      message: `${describe(use)} comes from ${registry}, which is not in checks.dockerfile.trusted-registries (${trusted.join(', ')}). Use a mirror in a trusted registry.`,
      key: `${use.via} ${use.ref.resolved}`,
      properties: { registry }
    })
  }
  return hits
}

// ---------------------------------------------------------------- runs as root

const ROOT_USER = /^(root|0)(:.*)?$/

/** `root`, `0`, `root:…`, `0:…`, and Windows' administrator account. */
export function isRootUser(user: string): boolean {
  const trimmed = user.trim()
  return trimmed === '' || ROOT_USER.test(trimmed) || /^containeradministrator$/i.test(trimmed)
}

interface UserSetting {
  instruction: Instruction
  stage: Stage
  value: string
  resolvable: boolean
}

/** The last USER of the final stage, or of the stages it is built FROM. */
export function effectiveUser(stages: readonly Stage[]): { user?: UserSetting; root: Stage } {
  let stage: Stage | undefined = stages[stages.length - 1]
  let root = stage
  const seen = new Set<number>()
  while (stage && !seen.has(stage.index)) {
    seen.add(stage.index)
    root = stage
    for (let i = stage.instructions.length - 1; i >= 0; i--) {
      const instruction = stage.instructions[i]
      if (instruction.keyword !== 'USER') continue
      const expansion = expand(instruction.rest.trim(), stage.scopes[i])
      return {
        user: {
          instruction,
          stage,
          value: expansion.value,
          resolvable: expansion.unset.length === 0 && expansion.undeclared.length === 0
        },
        root: stage
      }
    }
    stage = stage.base.kind === 'stage' ? stages[stage.base.stageIndex as number] : undefined
  }
  return { root }
}

export function checkRoot(input: RuleInput): RuleHit[] {
  const { stages } = input.model
  const final = stages[stages.length - 1]
  if (!final) return []
  const { user, root } = effectiveUser(stages)
  const finalName = final.name ? ` "${final.name}"` : ''
  const imageUser = input.context.imageUser
  const hit = (instruction: Instruction, message: string, key: string): RuleHit[] => [
    {
      ruleId: 'runs-as-root',
      line: instruction.line,
      endLine: instruction.endLine,
      message,
      key,
      properties: { stage: final.index }
    }
  ]
  if (imageUser !== undefined) {
    // The scanned image's config is the truth; the Dockerfile only says where to fix it.
    if (!isRootUser(imageUser)) return []
    const shown = imageUser === '' ? 'sets no User (root)' : `has User "${imageUser}"`
    if (user) {
      return hit(
        user.instruction,
        `The built image ${shown}: the final stage${finalName} runs as root (last USER: "${user.value}"). End the final stage with USER <non-root uid>.`,
        `image-user ${imageUser} USER ${user.instruction.rest}`
      )
    }
    return hit(
      final.from,
      `The built image ${shown}: the final stage${finalName} has no USER, so the container runs as root. Add USER <non-root uid> to the final stage.`,
      `image-user ${imageUser} ${normalisedContent(final.from)}`
    )
  }
  if (user) {
    if (!user.resolvable || !isRootUser(user.value)) return []
    const inherited =
      user.stage !== final ? ` (inherited from stage ${stageLabel(user.stage)})` : ''
    const via =
      user.value !== user.instruction.rest.trim()
        ? ` ("${user.instruction.rest.trim()}" resolves to "${user.value}")`
        : ''
    return hit(
      user.instruction,
      `The final stage${finalName} runs as root: its last USER is "${user.value}"${via}${inherited}. End the final stage with USER <non-root uid>.`,
      `USER ${user.instruction.rest.trim()} final`
    )
  }
  if (root.base.kind === 'scratch') {
    return hit(
      final.from,
      `The final stage${finalName} is built from scratch and sets no USER, so it runs as root (uid 0). Add USER <non-root uid>.`,
      `no-user ${normalisedContent(final.from)}`
    )
  }
  const base = root.base.resolved || root.base.written
  return hit(
    final.from,
    `The final stage${finalName} sets no USER (nor do the stages it is built from), so it runs as the user of "${base}", which the Dockerfile cannot show and is root for most base images. Add USER <non-root uid>, or scan the built image so its configured user decides.`,
    `no-user ${normalisedContent(final.from)}`
  )
}

function stageLabel(stage: Stage): string {
  return stage.name ? `"${stage.name}"` : `#${stage.index}`
}

// ---------------------------------------------------------------- secrets

interface Located {
  instruction: Instruction
  /** The ENV/ARG instruction (the trigger for ONBUILD). */
  target: Instruction
  onbuild: boolean
}

function envAndArgInstructions(input: RuleInput): Located[] {
  const out: Located[] = []
  for (const instruction of input.model.instructions) {
    const target = instruction.trigger ?? instruction
    if (target.keyword === 'ENV' || target.keyword === 'ARG') {
      out.push({ instruction, target, onbuild: instruction.trigger !== undefined })
    }
  }
  return out
}

export function checkSecrets(input: RuleInput): RuleHit[] {
  const hits: RuleHit[] = []
  for (const { instruction, target, onbuild } of envAndArgInstructions(input)) {
    const keyword = target.keyword as 'ENV' | 'ARG'
    const ruleId = keyword === 'ENV' ? 'secret-in-env' : 'secret-in-arg'
    const where = onbuild ? `ONBUILD ${keyword}` : keyword
    for (const { key, value } of parseAssignments(target.rest, keyword, input.model.escape)) {
      const verdict = classifySecretName(key)
      const literal = value !== undefined && !isNonSecretValue(value)
      // Known documentation examples (AWS's AKIA…EXAMPLE) come back as info: not a leak.
      const matches: ValueSecretMatch[] =
        value !== undefined && literal
          ? safeDetect(input, value, key).filter(m => m.severity !== 'info')
          : []
      // An ARG is flagged by name even without a default (the build arg is recorded in the
      // history), unless its default shows it is a setting: a number, boolean, path or placeholder.
      const byName = verdict.secret && (literal || (keyword === 'ARG' && !isSettingValue(value)))
      if (!byName && matches.length === 0) continue
      const shown = value !== undefined && value !== '' ? ` = ${redactSecret(value)}` : ''
      const reasons: string[] = []
      if (byName) reasons.push(`the name ${verdict.reason}`)
      if (matches.length > 0)
        reasons.push(
          `the secrets engine recognises the value (${matches.map(m => m.title).join(', ')})`
        )
      const risk =
        keyword === 'ENV'
          ? 'ENV values are stored in the image config and readable by anyone who pulls the image (docker inspect). Provide it at run time, or use RUN --mount=type=secret for build steps.'
          : 'build args are recorded in the image history (docker history) even without a default. Use RUN --mount=type=secret,id=' +
            key.toLowerCase() +
            ' and docker build --secret.'
      // By name: high. By value: the detector's confidence (critical for a provider token,
      // medium for a merely random-looking string); both: the higher.
      const severities: Severity[] = [
        ...(byName ? ['high' as const] : []),
        ...matches.map(m => m.severity)
      ]
      const severity = severities.reduce((a, b) => (SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a))
      hits.push({
        ruleId,
        severity,
        line: instruction.line,
        endLine: instruction.endLine,
        title: keyword === 'ENV' ? `Secret in ENV ${key}` : `Secret passed as build ARG ${key}`,
        message: `${where} ${key}${shown}: ${reasons.join(' and ')}; ${risk}`,
        key: `${where} ${key} ${value === undefined ? '' : value}`,
        properties: {
          variable: key,
          ...(value !== undefined && value !== '' ? { redacted: redactSecret(value) } : {}),
          ...(matches.length > 0 ? { detectors: matches.map(m => m.ruleId) } : {}),
          ...(onbuild ? { onbuild: true } : {})
        }
      })
    }
  }
  return hits
}

/** A default that shows the ARG is a setting, not a credential (`ARG MAX_TOKENS=4096`). */
function isSettingValue(value: string | undefined): boolean {
  if (value === undefined || value.trim() === '') return false
  if (/^(\$[A-Za-z_][A-Za-z0-9_]*|\$\{[^}]*\})+$/.test(value.trim())) return false
  return isNonSecretValue(value)
}

function safeDetect(input: RuleInput, value: string, key: string): ValueSecretMatch[] {
  try {
    return input.detectValueSecrets(value, { key, path: input.path })
  } catch {
    return []
  }
}

// ---------------------------------------------------------------- structure

export function checkStructure(input: RuleInput): RuleHit[] {
  const hits: RuleHit[] = []
  const { stages, images } = input.model
  const seen = new Map<string, Stage>()
  for (const stage of stages) {
    if (stage.name) {
      const lower = stage.name.toLowerCase()
      const first = seen.get(lower)
      if (first) {
        hits.push({
          ruleId: 'duplicate-stage-name',
          line: stage.from.line,
          message: `Stage name "${stage.name}" is already used by the stage on line ${first.from.line} (names are case-insensitive).`,
          key: `stage ${lower}`
        })
      } else seen.set(lower, stage)
    }
    if (stage.base.undeclared.length > 0) {
      const names = [...new Set(stage.base.undeclared)]
      hits.push({
        ruleId: 'undefined-var-in-from',
        line: stage.from.line,
        message: `FROM uses ${names.map(n => `$${n}`).join(', ')}, not declared by an ARG before the first FROM, so it expands to an empty string. Declare ARG ${names[0]}=<default> before the first FROM.`,
        key: `${normalisedContent(stage.from)} ${names.join(',')}`
      })
    }
  }
  for (const use of images) {
    if (use.via === 'from') continue
    const where = use.via === 'copy-from' ? '--from' : 'RUN --mount from'
    if (use.ref.kind === 'stage') {
      const index = use.ref.stageIndex as number
      if (index >= stages.length || (index > use.stage && /^\d+$/.test(use.ref.resolved))) {
        hits.push({
          ruleId: 'copy-from-unknown-stage',
          line: use.instruction.line,
          message: `${where}=${use.ref.written} refers to stage index ${index}, which is not an earlier stage.`,
          key: normalisedContent(use.instruction)
        })
      } else if (index === use.stage) {
        hits.push({
          ruleId: 'copy-from-self',
          line: use.instruction.line,
          message: `${where}=${use.ref.written} refers to the stage it is in; a stage cannot copy from itself.`,
          key: normalisedContent(use.instruction)
        })
      }
    } else if (use.ref.kind === 'image' && /^[a-z0-9_-]+$/i.test(use.ref.resolved)) {
      hits.push({
        ruleId: 'copy-from-unknown-stage',
        line: use.instruction.line,
        message: `${where}=${use.ref.resolved} is not the name of a stage, so BuildKit pulls it as the image docker.io/library/${use.ref.resolved.toLowerCase()}:latest. Use a stage name${
          stages.some(s => s.name)
            ? ` (${stages
                .filter(s => s.name)
                .map(s => s.name)
                .join(', ')})`
            : ''
        } or write the image in full.`,
        key: normalisedContent(use.instruction)
      })
    }
  }
  return hits
}
