import { labels } from '../labels.js'
import { defineRule, hit, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'label-superfluous',
  aliases: ['DL3050'],
  severity: 'info',
  needsLabelSchema: true,
  title: 'Label not in the schema',
  help: 'With `strict-labels`, only the labels of the label schema may be set (hadolint’s strict labels).',
  fix: 'Remove the label, or add it to the label schema.',
  check(input) {
    if (!input.settings.strictLabels) return []
    const schema = input.settings.labelSchema ?? {}
    const hits: RuleHit[] = []
    for (const { instruction, key } of labels(input))
      if (!(key in schema))
        hits.push(
          hit(
            'label-superfluous',
            instruction,
            `Label "${shown(key, 60)}" is not in the label schema (strict labels).`,
            key
          )
        )
    return hits
  },
  examples: {
    fires: [
      {
        text: 'FROM alpine:3.20\nLABEL other="bar"',
        settings: { labelSchema: { required: 'text' }, strictLabels: true }
      },
      {
        text: 'FROM alpine:3.20\nLABEL required="foo" other="bar"',
        settings: { labelSchema: { required: 'text' }, strictLabels: true }
      }
    ],
    passes: [
      {
        text: 'FROM alpine:3.20\nLABEL required="foo"',
        settings: { labelSchema: { required: 'text' }, strictLabels: true }
      },
      {
        text: 'FROM alpine:3.20\nLABEL other="bar"',
        settings: { labelSchema: { required: 'text' } }
      }
    ]
  }
})
