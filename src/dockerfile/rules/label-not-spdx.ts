import { fitsType, labels } from '../labels.js'
import { defineRule, hit, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'label-not-spdx',
  aliases: ['DL3054'],
  severity: 'low',
  needsLabelSchema: true,
  title: 'Label is not an SPDX license',
  help: 'A label whose schema type is `spdx` has a value that is not an SPDX license expression.',
  fix: 'Write a valid value, e.g. `Apache-2.0 OR MIT`.',
  check(input) {
    const schema = input.settings.labelSchema ?? {}
    const hits: RuleHit[] = []
    for (const { instruction, key, value } of labels(input)) {
      if (schema[key] !== 'spdx' || value === '' || fitsType('spdx', value)) continue
      hits.push(
        hit(
          'label-not-spdx',
          instruction,
          `Label "${key}" = "${shown(value, 60)}" is not an SPDX license expression.`,
          key
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      { text: 'FROM alpine:3.20\nLABEL l="not-spdx"', settings: { labelSchema: { l: 'spdx' } } }
    ],
    passes: [
      {
        text: 'FROM alpine:3.20\nLABEL l="Apache-2.0 OR MIT"',
        settings: { labelSchema: { l: 'spdx' } }
      },
      { text: 'FROM alpine:3.20\nLABEL other="not-spdx"', settings: { labelSchema: { l: 'spdx' } } }
    ]
  }
})
