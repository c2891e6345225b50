import { labels } from '../labels.js'
import { defineRule, hit } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'label-missing',
  aliases: ['DL3049'],
  severity: 'info',
  needsLabelSchema: true,
  title: 'Label of the schema missing',
  help: 'Every label of the configured label schema must be set, per stage that produces an image: a stage built FROM a stage with the label has it; a stage only used by others (`FROM` it and label there, or `COPY --from` it) does not need it.',
  fix: 'Add `LABEL <key>=<value>` to the stage.',
  check(input) {
    const schema = input.settings.labelSchema ?? {}
    const all = labels(input)
    const hits: RuleHit[] = []
    for (const label of Object.keys(schema)) {
      const good = new Set<number>()
      const bad = new Set<number>()
      const silence = (name: string | undefined) => {
        if (name === undefined) return
        for (const stage of input.model.stages)
          if (stage.name?.toLowerCase() === name.toLowerCase()) bad.delete(stage.index)
      }
      for (const facts of input.stages) {
        const { stage } = facts
        if (facts.parent && good.has(facts.parent.stage.index)) good.add(stage.index)
        else bad.add(stage.index)
        for (const instruction of stage.instructions) {
          const from =
            instruction.keyword === 'COPY'
              ? instruction.flags.find(f => f.name === 'from')?.value
              : undefined
          silence(from)
          if (all.some(l => l.instruction === instruction && l.key === label)) {
            silence(stage.base.kind === 'stage' ? stage.base.resolved : undefined)
            good.add(stage.index)
            bad.delete(stage.index)
          }
        }
      }
      for (const index of bad) {
        const stage = input.model.stages[index]
        hits.push(
          hit(
            'label-missing',
            stage.from,
            `Label "${label}" of the label schema is missing in this stage.`,
            label
          )
        )
      }
    }
    return hits
  },
  examples: {
    fires: [
      { text: 'FROM alpine:3.20', settings: { labelSchema: { foo: 'text' } } },
      { text: 'FROM alpine:3.20\nLABEL bar="baz"', settings: { labelSchema: { foo: 'text' } } },
      { text: 'FROM alpine:3.20 AS base\nFROM base', settings: { labelSchema: { foo: 'text' } } },
      {
        text: 'FROM alpine:3.20 AS base\nFROM debian:12\nLABEL foo="bar"',
        settings: { labelSchema: { foo: 'text' } }
      }
    ],
    passes: [
      { text: 'FROM alpine:3.20\nLABEL foo="bar"', settings: { labelSchema: { foo: 'text' } } },
      {
        text: 'FROM alpine:3.20 AS base\nFROM base\nLABEL foo="bar"',
        settings: { labelSchema: { foo: 'text' } }
      },
      {
        text: 'FROM alpine:3.20 AS base\nFROM debian:12\nLABEL foo="bar"\nCOPY --from=base /bar /baz',
        settings: { labelSchema: { foo: 'text' } }
      },
      {
        text: 'FROM alpine:3.20 AS base\nLABEL foo="bar"\nFROM base',
        settings: { labelSchema: { foo: 'text' } }
      },
      'FROM alpine:3.20'
    ]
  }
})
