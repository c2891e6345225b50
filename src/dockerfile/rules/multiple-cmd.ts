import { defineRule } from '../rule-kit.js'
import { repeated } from '../repeated.js'

export default defineRule({
  id: 'multiple-cmd',
  aliases: ['DL4003', 'MultipleInstructionsDisallowed'],
  severity: 'low',
  title: 'Several CMD in one stage',
  help: 'Only the last CMD of a stage takes effect; the earlier ones mislead the reader. Reported on the ones that are replaced, per stage (a stage built FROM another may set its own).',
  fix: 'Keep one CMD per stage.',
  check: input => repeated(input, 'CMD', 'multiple-cmd'),
  examples: {
    fires: [
      'FROM alpine:3.20\nCMD ["a"]\nCMD ["b"]',
      'FROM debian:12 AS a\nCMD ["a"]\nRUN foo\nCMD ["b"]\nFROM debian:12 AS b\nCMD ["b"]'
    ],
    passes: [
      'FROM alpine:3.20\nCMD ["b"]',
      'FROM debian:12 AS a\nCMD ["a"]\nFROM a AS b\nCMD ["b"]',
      'FROM alpine:3.20\nONBUILD CMD ["a"]\nCMD ["b"]'
    ]
  }
})
