import { defineRule } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'from-as-casing',
  aliases: ['FromAsCasing'],
  severity: 'info',
  title: "'AS' casing differs from 'FROM'",
  help: "`FROM x as y` / `from x AS y`: the `AS` keyword should have the same case as `FROM` (BuildKit's check; a FROM in mixed case is left to `instruction-casing`).",
  fix: 'Write `FROM … AS …` or `from … as …`.',
  check(input) {
    const hits: RuleHit[] = []
    for (const stage of input.model.stages) {
      const from = stage.from.written
      const as = stage.asWritten
      if (!as) continue
      const lower = from === from.toLowerCase()
      const upper = from === from.toUpperCase()
      if (!lower && !upper) continue
      if ((lower && as === as.toLowerCase()) || (upper && as === as.toUpperCase())) continue
      hits.push({
        ruleId: 'from-as-casing',
        line: stage.from.line,
        message: `'${as}' and '${from}' keywords' casing do not match: write ${upper ? 'AS' : 'as'}.`,
        key: `${from} ${as} ${stage.name ?? ''}`
      })
    }
    return hits
  },
  examples: {
    fires: ['FROM scratch as base', 'from scratch AS base'],
    passes: ['FROM scratch AS base', 'from scratch as base', 'From scratch as base']
  }
})
