import { parseAssignments } from '../model.js'
import { defineRule, hit, instructions } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'env-self-reference',
  aliases: ['DL3044'],
  severity: 'low',
  title: 'ENV refers to a variable set in the same ENV',
  help: '`ENV A=1 B=$A` expands `$A` with the value from before this ENV (all assignments of one ENV see the old values): B is not 1. Referring to a variable set by an earlier ENV, or to itself (`PATH=/x:$PATH`), is fine.',
  fix: 'Split it: `ENV A=1` then `ENV B=$A`.',
  check(input) {
    const hits: RuleHit[] = []
    for (const { instruction, target } of instructions(input)) {
      if (target.keyword !== 'ENV') continue
      const assignments = parseAssignments(target.rest, 'ENV', input.model.escape)
      const earlier = new Set<string>()
      for (const { key, value } of assignments) {
        const used = [
          ...(value ?? '').matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g)
        ].map(m => m[1] ?? m[2])
        const stale = used.find(name => earlier.has(name))
        if (stale) {
          hits.push(
            hit(
              'env-self-reference',
              instruction,
              `ENV ${key}=… uses $${stale}, which this same ENV sets: it expands to the value from before the ENV. Set ${stale} in an earlier ENV.`,
              key
            )
          )
          break
        }
        earlier.add(key)
      }
    }
    return hits
  },
  examples: {
    fires: [
      'FROM alpine:3.20\nENV BLA="blubb" BLUBB="${BLA}/blubb"',
      'FROM alpine:3.20\nENV BLA="blubb" BLUBB="$BLA"',
      'FROM alpine:3.20\nENV PATH=/bla:${PATH} PATH=/blubb:${PATH}'
    ],
    passes: [
      'FROM alpine:3.20\nENV BLA="blubb"\nENV BLUBB="${BLA}/blubb"',
      'FROM alpine:3.20\nENV BLA="blubb" BLUBB="${BLAFOO}/blubb" C="$FOOBLA/x"',
      'FROM alpine:3.20\nENV BLA="blubb" BLUBB="BLA/$BLAFOO/BLA"',
      'FROM alpine:3.20\nARG BLA\nENV BLA=${BLA}',
      'FROM alpine:3.20\nENV PATH=/bla:${PATH}'
    ]
  }
})
