import { hit } from './rule-kit.js'
import type { RuleHit, RuleInput } from './types.js'

/** Every CMD/ENTRYPOINT/HEALTHCHECK of a stage but its last: they have no effect. */
export function repeated(input: RuleInput, keyword: string, ruleId: string): RuleHit[] {
  const hits: RuleHit[] = []
  for (const { stage } of input.stages) {
    const all = stage.instructions.filter(instruction => instruction.keyword === keyword)
    const last = all[all.length - 1]
    for (const instruction of all.slice(0, -1))
      hits.push(
        hit(
          ruleId,
          instruction,
          `This ${keyword} has no effect: the ${keyword} on line ${last.line} replaces it (only the last one in a stage counts).`
        )
      )
  }
  return hits
}
