import { fitsType, labels } from '../labels.js'
import { defineRule, hit, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'label-not-email',
  aliases: ['DL3058'],
  severity: 'low',
  needsLabelSchema: true,
  title: 'Label is not an email address',
  help: 'A label whose schema type is `email` has a value that is not an email address.',
  fix: 'Write a valid value, e.g. `abcd@example.com`.',
  check(input) {
    const schema = input.settings.labelSchema ?? {}
    const hits: RuleHit[] = []
    for (const { instruction, key, value } of labels(input)) {
      if (schema[key] !== 'email' || value === '' || fitsType('email', value)) continue
      hits.push(
        hit(
          'label-not-email',
          instruction,
          `Label "${key}" = "${shown(value, 60)}" is not an email address.`,
          key
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      { text: 'FROM alpine:3.20\nLABEL l="not-email"', settings: { labelSchema: { l: 'email' } } }
    ],
    passes: [
      {
        text: 'FROM alpine:3.20\nLABEL l="abcd@example.com"',
        settings: { labelSchema: { l: 'email' } }
      },
      {
        text: 'FROM alpine:3.20\nLABEL other="not-email"',
        settings: { labelSchema: { l: 'email' } }
      }
    ]
  }
})
