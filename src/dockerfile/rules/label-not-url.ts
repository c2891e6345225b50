import { fitsType, labels } from '../labels.js'
import { defineRule, hit, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'label-not-url',
  aliases: ['DL3052'],
  severity: 'low',
  needsLabelSchema: true,
  title: 'Label is not a URL',
  help: 'A label whose schema type is `url` has a value that is not a URL.',
  fix: 'Write a valid value, e.g. `https://github.com/acme/app`.',
  check(input) {
    const schema = input.settings.labelSchema ?? {}
    const hits: RuleHit[] = []
    for (const { instruction, key, value } of labels(input)) {
      if (schema[key] !== 'url' || value === '' || fitsType('url', value)) continue
      hits.push(
        hit(
          'label-not-url',
          instruction,
          `Label "${key}" = "${shown(value, 60)}" is not a URL.`,
          key
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      { text: 'FROM alpine:3.20\nLABEL l="not-url"', settings: { labelSchema: { l: 'url' } } }
    ],
    passes: [
      {
        text: 'FROM alpine:3.20\nLABEL l="https://github.com/acme/app"',
        settings: { labelSchema: { l: 'url' } }
      },
      { text: 'FROM alpine:3.20\nLABEL other="not-url"', settings: { labelSchema: { l: 'url' } } }
    ]
  }
})
