import { defineRule } from '../rule-kit.js'
import { repeated } from '../repeated.js'

export default defineRule({
  id: 'multiple-healthcheck',
  aliases: ['DL3012', 'MultipleInstructionsDisallowed'],
  severity: 'low',
  title: 'Several HEALTHCHECK in one stage',
  help: 'Only the last HEALTHCHECK of a stage takes effect; the earlier ones mislead the reader. Reported on the ones that are replaced, per stage (a stage built FROM another may set its own).',
  fix: 'Keep one HEALTHCHECK per stage.',
  check: input => repeated(input, 'HEALTHCHECK', 'multiple-healthcheck'),
  examples: {
    fires: [
      'FROM alpine:3.20\nHEALTHCHECK CMD curl -f http://localhost/\nHEALTHCHECK CMD wget -q http://localhost/',
      'FROM debian:12 AS a\nHEALTHCHECK CMD curl -f http://localhost/\nRUN foo\nHEALTHCHECK CMD wget -q http://localhost/\nFROM debian:12 AS b\nHEALTHCHECK CMD wget -q http://localhost/'
    ],
    passes: [
      'FROM alpine:3.20\nHEALTHCHECK CMD wget -q http://localhost/',
      'FROM debian:12 AS a\nHEALTHCHECK CMD curl -f http://localhost/\nFROM a AS b\nHEALTHCHECK CMD wget -q http://localhost/',
      'FROM alpine:3.20\nONBUILD HEALTHCHECK CMD curl -f http://localhost/\nHEALTHCHECK CMD wget -q http://localhost/'
    ]
  }
})
