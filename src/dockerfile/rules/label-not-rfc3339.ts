import { fitsType, labels } from '../labels.js'
import { defineRule, hit, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'label-not-rfc3339',
  aliases: ['DL3053'],
  severity: 'low',
  needsLabelSchema: true,
  title: 'Label is not an RFC 3339 time',
  help: 'A label whose schema type is `rfc3339` has a value that is not an RFC 3339 date-time.',
  fix: 'Write a valid value, e.g. `2021-03-10T10:26:33.564595127+01:00`.',
  check(input) {
    const schema = input.settings.labelSchema ?? {}
    const hits: RuleHit[] = []
    for (const { instruction, key, value } of labels(input)) {
      if (schema[key] !== 'rfc3339' || value === '' || fitsType('rfc3339', value)) continue
      hits.push(
        hit(
          'label-not-rfc3339',
          instruction,
          `Label "${key}" = "${shown(value, 60)}" is not an RFC 3339 date-time.`,
          key
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      { text: 'FROM alpine:3.20\nLABEL l="not-date"', settings: { labelSchema: { l: 'rfc3339' } } }
    ],
    passes: [
      {
        text: 'FROM alpine:3.20\nLABEL l="2021-03-10T10:26:33.564595127+01:00"',
        settings: { labelSchema: { l: 'rfc3339' } }
      },
      {
        text: 'FROM alpine:3.20\nLABEL other="not-date"',
        settings: { labelSchema: { l: 'rfc3339' } }
      }
    ]
  }
})
