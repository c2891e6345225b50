import { expand, type Instruction, type Stage } from '../model.js'
import { defineRule, normalisedContent, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

const ROOT_USER = /^(root|0)(:.*)?$/

/** `root`, `0`, `root:…`, `0:…`, and Windows' administrator account; empty means root too. */
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
          resolvable:
            expansion.unset.length === 0 && expansion.undeclared.length === 0 && !expansion.tooDeep
        },
        root: stage
      }
    }
    stage = stage.base.kind === 'stage' ? stages[stage.base.stageIndex as number] : undefined
  }
  return { root }
}

function stageLabel(stage: Stage): string {
  return stage.name ? `"${stage.name}"` : `#${stage.index}`
}

export default defineRule({
  id: 'runs-as-root',
  aliases: ['DL3002'],
  severity: 'high',
  title: 'Container runs as root',
  help: "The final stage's effective user is root: its last USER (or, without one, the last USER of the stages it is built `FROM`) is `root`, `0`, `root:…`, `0:…` (or Windows `ContainerAdministrator`), possibly through a variable, or there is no USER at all and the base image's user cannot be known from the Dockerfile. Builder stages may run as root: only the final stage ships (hadolint's DL3002 judges every stage). When the built image is also scanned, its config `User` decides. A process running as root turns any code-execution bug into root in the container and makes escapes far easier.",
  fix: 'Create an unprivileged user and end the final stage with `USER <uid>` (numeric, so `runAsNonRoot` can verify it).',
  check(input) {
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
      const imageSays =
        imageUser === '' ? 'sets no User (root)' : `has User "${shown(imageUser, 40)}"`
      if (user) {
        return hit(
          user.instruction,
          `The built image ${imageSays}: the final stage${finalName} runs as root (last USER: "${shown(user.value, 40)}"). End the final stage with USER <non-root uid>.`,
          `image-user ${imageUser} USER ${user.instruction.rest}`
        )
      }
      return hit(
        final.from,
        `The built image ${imageSays}: the final stage${finalName} has no USER, so the container runs as root. Add USER <non-root uid> to the final stage.`,
        `image-user ${imageUser} ${normalisedContent(final.from)}`
      )
    }
    if (user) {
      if (!user.resolvable || !isRootUser(user.value)) return []
      const inherited =
        user.stage !== final ? ` (inherited from stage ${stageLabel(user.stage)})` : ''
      const via =
        user.value !== user.instruction.rest.trim()
          ? ` ("${shown(user.instruction.rest.trim(), 40)}" resolves to "${shown(user.value, 40)}")`
          : ''
      return hit(
        user.instruction,
        `The final stage${finalName} runs as root: its last USER is "${shown(user.value, 40)}"${via}${inherited}. End the final stage with USER <non-root uid>.`,
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
      `The final stage${finalName} sets no USER (nor do the stages it is built from), so it runs as the user of "${shown(base)}", which the Dockerfile cannot show and is root for most base images. Add USER <non-root uid>, or scan the built image so its configured user decides.`,
      `no-user ${normalisedContent(final.from)}`
    )
  },
  examples: {
    fires: [
      'FROM python:3.12-slim\nCOPY app /app\nCMD ["python", "/app/main.py"]',
      'FROM scratch\nUSER root',
      'FROM scratch\nUSER 0',
      'FROM scratch\nUSER root:root',
      'FROM scratch\nUSER 0:0',
      'FROM scratch\nUSER 10001\nRUN x\nUSER root',
      'FROM debian:12 AS base\nUSER root\nFROM base\nRUN something',
      'FROM scratch\nCOPY app /app',
      'FROM scratch\nARG U=root\nUSER $U',
      'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerAdministrator',
      { text: 'FROM alpine:3.20\nUSER 10001', context: { imageUser: '' } }
    ],
    passes: [
      'FROM python:3.12-slim\nRUN useradd --uid 10001 --create-home app\nCOPY app /app\nUSER 10001\nCMD ["python", "/app/main.py"]',
      'FROM scratch\nUSER foo',
      'FROM scratch\nUSER root\nRUN something\nUSER foo',
      'FROM debian:12 AS build\nUSER root\nRUN make\nFROM scratch\nUSER 65532',
      'FROM debian:12 AS base\nUSER 1000\nFROM base\nRUN something',
      'FROM scratch\nARG UID\nUSER $UID',
      'FROM scratch\nUSER rooty',
      'FROM scratch\nUSER 1000:0',
      { text: 'FROM gcr.io/distroless/static:nonroot', context: { imageUser: '65532' } }
    ]
  }
})
