import { defineRule } from '../rule-kit.js'
import { normalisedContent } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'empty-continuation-line',
  aliases: ['NoEmptyContinuation'],
  severity: 'low',
  title: 'Empty line inside a line continuation',
  help: 'A blank line inside a `\\` continuation is skipped today, but BuildKit will make it an error: the build will break. (A comment line inside a continuation is fine.) Reported where the continued line ends, as BuildKit does.',
  fix: 'Remove the blank line, or end the instruction before it.',
  check(input) {
    const hits: RuleHit[] = []
    for (const instruction of input.model.instructions) {
      const empty = instruction.emptyContinuation
      if (!empty) continue
      hits.push({
        ruleId: 'empty-continuation-line',
        line: empty.endLine,
        message: `Empty continuation line (line ${empty.lines.join(', ')}) in this ${instruction.keyword}: it will be an error in a future BuildKit. Remove the blank line.`,
        key: normalisedContent(instruction)
      })
    }
    return hits
  },
  examples: {
    fires: [
      'FROM scratch\nCOPY Dockerfile \\\n\n.',
      'FROM alpine:3.20\nRUN something \\\n\n    following \\\n\n    more'
    ],
    passes: [
      'FROM scratch\nCOPY Dockerfile \\\n.',
      'FROM alpine:3.20\nRUN non-indented \\\n# this is a comment\n   after-comment'
    ]
  }
})
