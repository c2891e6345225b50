import { defineRule, normalisedContent, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'copy-from-self',
  aliases: ['DL3023'],
  severity: 'medium',
  title: 'COPY --from its own stage',
  help: 'A stage cannot copy from itself; BuildKit fails with a cycle.',
  fix: 'Name the stage that produces the files.',
  check(input) {
    const hits: RuleHit[] = []
    for (const use of input.model.images) {
      if (use.via === 'from' || use.ref.kind !== 'stage') continue
      if (use.ref.stageIndex !== use.stage || /^\d+$/.test(use.ref.resolved)) continue
      hits.push({
        ruleId: 'copy-from-self',
        line: use.instruction.line,
        message: `${use.via === 'copy-from' ? '--from' : 'RUN --mount from'}=${shown(use.ref.written, 60)} refers to the stage it is in; a stage cannot copy from itself.`,
        key: normalisedContent(use.instruction)
      })
    }
    return hits
  },
  examples: {
    fires: [
      'FROM alpine:3.20 AS app\nCOPY --from=app /a /b',
      'FROM node AS foo\nCOPY --from=foo bar .'
    ],
    passes: ['FROM alpine:3.20 AS build\nFROM alpine:3.20 AS app\nCOPY --from=build /a /b']
  }
})
