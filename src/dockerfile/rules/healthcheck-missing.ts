import { defineRule, hit } from '../rule-kit.js'
import type { RuleHit, StageFacts } from '../types.js'

export default defineRule({
  id: 'healthcheck-missing',
  aliases: ['DL3057'],
  severity: 'info',
  optIn: true,
  title: 'No HEALTHCHECK',
  help: 'Without HEALTHCHECK (or `HEALTHCHECK NONE` to say so) Docker cannot tell a hung container from a working one. A stage counts as covered when it, a stage it is built FROM, or a stage built FROM it sets one. Off by default, as in hadolint (orchestrators often probe instead).',
  fix: '`HEALTHCHECK CMD ["/app", "--health"]`, or `HEALTHCHECK NONE`.',
  check(input) {
    const has = (facts: StageFacts) =>
      facts.stage.instructions.some(i => i.keyword === 'HEALTHCHECK')
    const covered = new Set(
      input.stages.filter(
        stage =>
          [...chain(stage)].some(has) ||
          input.stages.some(
            other => other !== stage && has(other) && [...chain(other)].includes(stage)
          )
      )
    )
    const hits: RuleHit[] = []
    for (const facts of input.stages)
      if (!covered.has(facts))
        hits.push(
          hit(
            'healthcheck-missing',
            facts.stage.from,
            'No HEALTHCHECK in this stage or the stages it is built from: add one, or HEALTHCHECK NONE to say there is none.'
          )
        )
    return hits
  },
  examples: {
    fires: ['FROM scratch', 'FROM scratch AS base\nHEALTHCHECK CMD /bin/bla\nFROM scratch'],
    passes: [
      'FROM scratch\nHEALTHCHECK NONE',
      'FROM scratch AS base\nHEALTHCHECK CMD /bin/bla\nFROM base',
      'FROM scratch AS base1\nFROM base1 AS base2\nFROM base2 AS end\nHEALTHCHECK NONE'
    ]
  }
})

function* chain(facts: StageFacts): Generator<StageFacts> {
  for (let f: StageFacts | undefined = facts; f; f = f.parent) yield f
}
