import { fitsType, labels } from '../labels.js'
import { defineRule, hit, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'label-not-git-hash',
  aliases: ['DL3055'],
  severity: 'low',
  needsLabelSchema: true,
  title: 'Label is not a git hash',
  help: 'A label whose schema type is `hash` has a value that is not a git commit hash.',
  fix: 'Write a valid value, e.g. `43c572f1272b6b3171dd1db9e41b7027128ce080`.',
  check(input) {
    const schema = input.settings.labelSchema ?? {}
    const hits: RuleHit[] = []
    for (const { instruction, key, value } of labels(input)) {
      if (schema[key] !== 'hash' || value === '' || fitsType('hash', value)) continue
      hits.push(
        hit(
          'label-not-git-hash',
          instruction,
          `Label "${key}" = "${shown(value, 60)}" is not a git commit hash.`,
          key
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      { text: 'FROM alpine:3.20\nLABEL l="not-git-hash"', settings: { labelSchema: { l: 'hash' } } }
    ],
    passes: [
      {
        text: 'FROM alpine:3.20\nLABEL l="43c572f1272b6b3171dd1db9e41b7027128ce080"',
        settings: { labelSchema: { l: 'hash' } }
      },
      {
        text: 'FROM alpine:3.20\nLABEL other="not-git-hash"',
        settings: { labelSchema: { l: 'hash' } }
      }
    ]
  }
})
