import { defineRule } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

const RESERVED = new Set(['scratch', 'context'])

export default defineRule({
  id: 'reserved-stage-name',
  aliases: ['DL3063', 'ReservedStageName'],
  severity: 'low',
  title: 'Reserved word as stage name',
  help: '`scratch` (the empty image) and `context` (the build context in `--from`/named contexts) mean something else to BuildKit: a stage named so is shadowed or shadows them.',
  fix: 'Rename the stage.',
  check(input) {
    const hits: RuleHit[] = []
    for (const stage of input.model.stages) {
      if (!stage.name || !RESERVED.has(stage.name)) continue
      hits.push({
        ruleId: 'reserved-stage-name',
        line: stage.from.line,
        message: `Stage name "${stage.name}" is a reserved word for BuildKit; rename the stage.`,
        key: `stage ${stage.name}`
      })
    }
    return hits
  },
  examples: {
    fires: ['FROM alpine:3.20 AS scratch', 'FROM scratch AS context'],
    passes: ['FROM alpine:3.20 AS base', 'FROM scratch\nFROM scratch AS a']
  }
})
