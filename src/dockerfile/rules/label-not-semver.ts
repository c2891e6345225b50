import { fitsType, labels } from '../labels.js'
import { defineRule, hit, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'label-not-semver',
  aliases: ['DL3056'],
  severity: 'low',
  needsLabelSchema: true,
  title: 'Label is not a semantic version',
  help: 'A label whose schema type is `semver` has a value that is not a semantic version.',
  fix: 'Write a valid value, e.g. `1.0.0`.',
  check(input) {
    const schema = input.settings.labelSchema ?? {}
    const hits: RuleHit[] = []
    for (const { instruction, key, value } of labels(input)) {
      if (schema[key] !== 'semver' || value === '' || fitsType('semver', value)) continue
      hits.push(
        hit(
          'label-not-semver',
          instruction,
          `Label "${key}" = "${shown(value, 60)}" is not a semantic version.`,
          key
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      {
        text: 'FROM alpine:3.20\nLABEL l="not-sem-ver"',
        settings: { labelSchema: { l: 'semver' } }
      }
    ],
    passes: [
      { text: 'FROM alpine:3.20\nLABEL l="1.0.0"', settings: { labelSchema: { l: 'semver' } } },
      {
        text: 'FROM alpine:3.20\nLABEL other="not-sem-ver"',
        settings: { labelSchema: { l: 'semver' } }
      }
    ]
  }
})
