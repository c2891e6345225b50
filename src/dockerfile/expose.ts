import { expand, splitWords } from './model.js'
import type { InstructionVisit } from './rule-kit.js'

export interface ExposedPort {
  /** As written. */
  written: string
  /** After variable expansion. */
  value: string
  /** Unknown: a variable without a value. */
  unknown: boolean
}

/** The port words of an EXPOSE. */
export function exposedPorts(visit: InstructionVisit, escape: string): ExposedPort[] {
  return splitWords(visit.target.rest, escape).map(word => {
    const expansion = expand(word.text, visit.scope, escape)
    return {
      written: word.text,
      value: expansion.value,
      unknown: expansion.unset.length + expansion.undeclared.length > 0 || !!expansion.tooDeep
    }
  })
}
