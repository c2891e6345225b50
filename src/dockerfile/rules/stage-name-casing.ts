import { defineRule } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'stage-name-casing',
  aliases: ['StageNameCasing'],
  severity: 'info',
  title: 'Stage name not lowercase',
  help: 'Stage names are matched case-insensitively; a mixed-case name reads as if `Build` and `build` were different stages.',
  fix: 'Write the stage name in lower case.',
  check(input) {
    const hits: RuleHit[] = []
    for (const stage of input.model.stages) {
      if (!stage.name || stage.name === stage.name.toLowerCase()) continue
      hits.push({
        ruleId: 'stage-name-casing',
        line: stage.from.line,
        message: `Stage name "${stage.name}" should be lowercase ("${stage.name.toLowerCase()}").`,
        key: `stage ${stage.name}`
      })
    }
    return hits
  },
  examples: {
    fires: ['FROM scratch AS BadStageName'],
    passes: ['FROM scratch AS bad-stage-name', 'FROM scratch']
  }
})
