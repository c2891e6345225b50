import { defineRule, normalisedContent, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'copy-from-unknown-stage',
  aliases: ['DL3022'],
  severity: 'medium',
  title: 'COPY --from names no earlier stage',
  help: '`--from` with a plain word that is no stage name is pulled as an image from Docker Hub: usually a typo of a stage name, and a way to pull an unexpected image. A stage index must be of an earlier stage. A stage defined further down works in BuildKit but reads backwards (and hadolint reports it), so it is reported too, with its line.',
  fix: 'Use the name of an earlier stage, or write the image in full (`registry/name:tag@sha256:…`).',
  check(input) {
    const hits: RuleHit[] = []
    const { stages, images } = input.model
    for (const use of images) {
      if (use.via !== 'copy-from') continue
      const written = shown(use.ref.written, 60)
      if (use.ref.kind === 'stage') {
        const index = use.ref.stageIndex as number
        const numeric = /^\d+$/.test(use.ref.resolved)
        if (numeric && index >= use.stage) {
          hits.push({
            ruleId: 'copy-from-unknown-stage',
            line: use.instruction.line,
            message: `--from=${written} refers to stage index ${index}, which is not an earlier stage (this is stage ${use.stage}).`,
            key: normalisedContent(use.instruction)
          })
        } else if (!numeric && index > use.stage) {
          hits.push({
            ruleId: 'copy-from-unknown-stage',
            line: use.instruction.line,
            message: `--from=${written} names the stage defined further down (line ${stages[index].from.line}); put that stage first.`,
            key: normalisedContent(use.instruction)
          })
        }
      } else if (use.ref.kind === 'image' && /^[a-z0-9_-]+$/i.test(use.ref.resolved)) {
        const named = stages.filter(s => s.name).map(s => s.name)
        hits.push({
          ruleId: 'copy-from-unknown-stage',
          line: use.instruction.line,
          message: `--from=${shown(use.ref.resolved, 60)} is not the name of a stage, so BuildKit pulls it as the image docker.io/library/${shown(use.ref.resolved.toLowerCase(), 60)}:latest. Use a stage name${named.length > 0 ? ` (${named.join(', ')})` : ''} or write the image in full.`,
          key: normalisedContent(use.instruction)
        })
      }
    }
    return hits
  },
  examples: {
    fires: [
      'FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=biuld /out/app /app',
      'FROM scratch\nCOPY --from=foo bar .',
      'FROM scratch\nCOPY --from=build foo .\nFROM node AS build',
      'FROM scratch\nCOPY --from=0 bar .',
      'FROM scratch\nFROM alpine:3.20\nCOPY --from=5 /a /b'
    ],
    passes: [
      'FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /out/app /app',
      'FROM scratch AS build\nFROM node\nCOPY --from=build foo .',
      'FROM scratch\nCOPY --from=haskell:latest bar .',
      'FROM scratch AS build\nFROM node\nCOPY --from=0 foo .'
    ]
  }
})
