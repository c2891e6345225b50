import { defineRule } from '../rule-kit.js'
import { repeated } from '../repeated.js'

export default defineRule({
  id: 'multiple-entrypoint',
  aliases: ['DL4004', 'MultipleInstructionsDisallowed'],
  severity: 'low',
  title: 'Several ENTRYPOINT in one stage',
  help: 'Only the last ENTRYPOINT of a stage takes effect; the earlier ones mislead the reader. Reported on the ones that are replaced, per stage (a stage built FROM another may set its own).',
  fix: 'Keep one ENTRYPOINT per stage.',
  check: input => repeated(input, 'ENTRYPOINT', 'multiple-entrypoint'),
  examples: {
    fires: [
      'FROM alpine:3.20\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]',
      'FROM debian:12 AS a\nENTRYPOINT ["a"]\nRUN foo\nENTRYPOINT ["b"]\nFROM debian:12 AS b\nENTRYPOINT ["b"]'
    ],
    passes: [
      'FROM alpine:3.20\nENTRYPOINT ["b"]',
      'FROM debian:12 AS a\nENTRYPOINT ["a"]\nFROM a AS b\nENTRYPOINT ["b"]',
      'FROM alpine:3.20\nONBUILD ENTRYPOINT ["a"]\nENTRYPOINT ["b"]'
    ]
  }
})
