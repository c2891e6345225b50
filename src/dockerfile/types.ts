import type { PropertyValue, Severity } from '../model/finding.js'
import type { FingerprintKey } from '../model/fingerprint.js'
import type { SecretMatch as ValueSecretMatch } from '../secrets/value.js'
import type { Scope } from './expand.js'
import type { DockerfileModel, Instruction, Stage } from './model.js'
import type { DockerfileSettings } from './settings.js'
import type { Pipeline, ShellCommand } from './shell.js'

export interface DockerfileContext {
  /** The built image's config User when the image was also scanned: undefined = not scanned; '' = image sets no User (root). */
  imageUser?: string
  /** The built image's platform (`linux/amd64`) when the image was also scanned. */
  imagePlatform?: string
  /** The `.dockerignore` (or `<Dockerfile>.dockerignore`) of the build context, when there is one. */
  dockerignore?: string
  /** Keys the secret values of hits (`RuleHit.secret`) in fingerprints; default the unkeyed constant. */
  fingerprintKey?: FingerprintKey
}

/** What a by-value secret detector reports: the secrets engine's `SecretMatch` (one type, not a copy). */
export type { SecretMatch as ValueSecretMatch } from '../secrets/value.js'

export type ValueSecretDetector = (
  value: string,
  opts?: { key?: string; path?: string }
) => ValueSecretMatch[]

/** A rule's output before severity, fingerprint and ignores are applied. */
export interface RuleHit {
  ruleId: string
  line: number
  endLine?: number
  message: string
  /** Normalised content that identifies what is flagged (fingerprint part; never a line number, never a secret). */
  key: string
  /** A secret value the hit is about: joins the fingerprint only as its keyed digest (FingerprintKey). */
  secret?: string
  title?: string
  help?: string
  /** Instead of the rule's default (a configured override still wins). */
  severity?: Severity
  properties?: Record<string, PropertyValue>
}

/** A `RUN --mount=…` with its options (`type` defaults to bind, as in BuildKit). */
export interface Mount {
  type: string
  target?: string
  from?: string
  options: Map<string, string>
}

/** One RUN (or ONBUILD RUN), read once: what every RUN rule needs. */
export interface RunFacts {
  /** The instruction in the file: the RUN, or the ONBUILD that carries it. */
  instruction: Instruction
  /** The RUN itself (the trigger of an ONBUILD). */
  run: Instruction
  onbuild: boolean
  stage: StageFacts
  /** Index in `stage.stage.instructions`. */
  index: number
  /** Variables before the RUN (stage ARG/ENV, inherited ENV). */
  scope: Scope
  /** The SHELL in effect. */
  shell: string[]
  /** A POSIX shell runs the script (not Windows, not `# hadolint shell=powershell`, not a custom SHELL). */
  posix: boolean
  /** The script the shell runs: shell form, heredoc script, or `sh -c` of the exec form. */
  script: string
  shellForm: boolean
  pipelines: Pipeline[]
  /** Every simple command, in order. */
  commands: ShellCommand[]
  mounts: Mount[]
  /** Targets of `type=cache` and `type=tmpfs` mounts (nothing written there stays in the layer). */
  cacheTargets: string[]
}

/** What rules know about each stage. */
export interface StageFacts {
  stage: Stage
  /** The stage this one is built `FROM`, when it is a stage of this file. */
  parent?: StageFacts
  /** The root of the FROM chain is `scratch`. */
  fromScratch: boolean
  /** The stage is the final stage or one the final stage is built FROM: its layers ship. */
  ships: boolean
  windows: boolean
  /** The SHELL in effect before each instruction (inherited through FROM <stage>). */
  shells: string[][]
  /** A SHELL instruction (here or in a parent stage) came before each instruction. */
  shellSet: boolean[]
  /** An absolute WORKDIR (here or in a parent stage) came before each instruction. */
  workdirSet: boolean[]
}

export interface RuleInput {
  model: DockerfileModel
  settings: DockerfileSettings
  path: string
  context: DockerfileContext
  detectValueSecrets: ValueSecretDetector
  stages: StageFacts[]
  runs: RunFacts[]
}

/** A Dockerfile with the settings and context a rule example needs. */
export interface RuleExample {
  text: string
  settings?: DockerfileSettings
  context?: DockerfileContext
}

export interface DockerfileRule {
  /** Our id: kebab-case, the file name under rules/. */
  id: string
  /** hadolint DL codes, BuildKit check names and former ids of this rule. */
  aliases?: string[]
  severity: Severity
  title: string
  /** Why it matters and what exactly is checked (markdown). */
  help: string
  /** How to fix it (markdown). */
  fix: string
  /** Off by default, as in hadolint (DL1001, DL3057) or BuildKit (experimental checks). */
  optIn?: boolean
  /** Only with `checks.dockerfile.label-schema` (hadolint's label rules). */
  needsLabelSchema?: boolean
  check(input: RuleInput): RuleHit[]
  /**
   * Whole Dockerfiles: each of `fires` must raise this rule, none of `passes`.
   * The first of each is the documented example and its fix.
   */
  examples: { fires: (string | RuleExample)[]; passes: (string | RuleExample)[] }
}
