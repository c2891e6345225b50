import { defineRule, hit } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'redundant-target-platform',
  aliases: ['DL3065', 'RedundantTargetPlatform'],
  severity: 'info',
  title: 'FROM --platform=$TARGETPLATFORM is redundant',
  help: 'A stage is built for the target platform by default; `--platform=$TARGETPLATFORM` says nothing and suggests it changes something.',
  fix: 'Drop the flag.',
  check(input) {
    const hits: RuleHit[] = []
    for (const stage of input.model.stages) {
      if (
        stage.platform === undefined ||
        !/^\$(TARGETPLATFORM|\{TARGETPLATFORM\})$/.test(stage.platform)
      )
        continue
      hits.push(
        hit(
          'redundant-target-platform',
          stage.from,
          `Setting --platform to ${stage.platform} in FROM is redundant: a stage is built for the target platform by default.`
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      'FROM --platform=$TARGETPLATFORM alpine:3.20',
      'FROM --platform=${TARGETPLATFORM} scratch'
    ],
    passes: [
      'FROM alpine:3.20',
      'FROM --platform=$BUILDPLATFORM alpine:3.20',
      'FROM --platform=foobar/arm64 alpine:3.20'
    ]
  }
})
