import { defineRule } from '../rule-kit.js'
import type { Stage } from '../model.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'duplicate-stage-name',
  aliases: ['DL3024', 'DuplicateStageName'],
  severity: 'medium',
  title: 'Stage name used twice',
  help: 'Stage names are case-insensitive and must be unique; with a duplicate, `--from`/`FROM` references resolve to a stage you may not expect (BuildKit rejects it).',
  fix: 'Rename one of the stages.',
  check(input) {
    const hits: RuleHit[] = []
    const seen = new Map<string, Stage>()
    for (const stage of input.model.stages) {
      if (!stage.name) continue
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
    return hits
  },
  examples: {
    fires: [
      'FROM alpine:3.20 AS build\nFROM debian:12 AS Build',
      'FROM node AS foo\nRUN x\nFROM scratch AS foo'
    ],
    passes: [
      'FROM alpine:3.20 AS build\nFROM debian:12 AS build-deb',
      'FROM scratch AS b1\nFROM scratch AS b2'
    ]
  }
})
