import { defineRule, hit } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

const consistent = (word: string) => word === word.toLowerCase() || word === word.toUpperCase()

export default defineRule({
  id: 'instruction-casing',
  aliases: ['ConsistentInstructionCasing'],
  severity: 'info',
  title: 'Inconsistent instruction casing',
  help: 'Keywords are case-insensitive, but mixed styles (`From`, or `copy` in a file of `COPY`) make a Dockerfile harder to read. The majority of the instructions of the stages (FROM included; ties go to upper case) sets the style, as BuildKit decides.',
  fix: 'Write every keyword in the same case (upper case is the convention).',
  check(input) {
    const all = input.stages.flatMap(facts => [facts.stage.from, ...facts.stage.instructions])
    let lower = 0
    let upper = 0
    for (const instruction of all) {
      if (!consistent(instruction.written)) continue
      if (instruction.written === instruction.written.toLowerCase()) lower++
      else upper++
    }
    const majorityLower = lower > upper
    const hits: RuleHit[] = []
    for (const instruction of all) {
      const word = instruction.written
      const wanted = majorityLower ? word.toLowerCase() : word.toUpperCase()
      if (word === wanted) continue
      hits.push(
        hit(
          'instruction-casing',
          instruction,
          `Command '${word}' should match the case of the command majority (${majorityLower ? 'lowercase' : 'uppercase'}).`
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      'From scratch AS base\nFROM scratch AS base2',
      'FROM scratch\ncopy Dockerfile /foo\nCOPY Dockerfile /bar',
      'from scratch\nCOPY Dockerfile /foo\ncopy Dockerfile /bar'
    ],
    passes: [
      'FROM scratch\nCOPY Dockerfile /foo',
      'from scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar',
      "FROM alpine:3.20\nRUN <<'EOT'\nenv\nEOT"
    ]
  }
})
