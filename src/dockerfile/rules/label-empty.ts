import { labels } from '../labels.js'
import { defineRule, hit } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'label-empty',
  aliases: ['DL3051'],
  severity: 'low',
  needsLabelSchema: true,
  title: 'Label of the schema is empty',
  help: 'A label the schema requires is set to an empty value.',
  fix: 'Give the label its value.',
  check(input) {
    const schema = input.settings.labelSchema ?? {}
    const hits: RuleHit[] = []
    for (const { instruction, key, value } of labels(input))
      if (key in schema && value === '')
        hits.push(hit('label-empty', instruction, `Label "${key}" is empty.`, key))
    return hits
  },
  examples: {
    fires: [
      {
        text: 'FROM alpine:3.20\nLABEL emptylabel=""',
        settings: { labelSchema: { emptylabel: 'text' } }
      }
    ],
    passes: [
      {
        text: 'FROM alpine:3.20\nLABEL emptylabel="foo"',
        settings: { labelSchema: { emptylabel: 'text' } }
      },
      {
        text: 'FROM alpine:3.20\nLABEL other=""',
        settings: { labelSchema: { emptylabel: 'text' } }
      }
    ]
  }
})
