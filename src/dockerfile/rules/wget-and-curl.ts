import { defineRule, hit, programName } from '../rule-kit.js'
import type { RuleHit, RunFacts } from '../types.js'

export default defineRule({
  id: 'wget-and-curl',
  aliases: ['DL4001'],
  severity: 'info',
  title: 'Both wget and curl in one stage',
  help: 'Two download tools in one image do the same job: more packages to patch, two sets of options to get right.',
  fix: 'Use one of them throughout the stage (and install only that one).',
  check(input) {
    const hits: RuleHit[] = []
    for (const facts of input.stages) {
      const runs = input.runs.filter(run => run.stage === facts && run.posix)
      const uses = (tool: string): RunFacts | undefined =>
        runs.find(run => run.commands.some(c => programName(c) === tool))
      const wget = uses('wget')
      const curl = uses('curl')
      if (!wget || !curl) continue
      const second = wget.index > curl.index ? wget : curl
      hits.push(
        hit(
          'wget-and-curl',
          second.instruction,
          `This stage downloads with both wget (line ${wget.instruction.line}) and curl (line ${curl.instruction.line}); use one of them.`
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      'FROM node:22\nRUN wget my.xyz\nRUN curl localhost',
      'FROM node:22\nRUN wget my.xyz && curl localhost'
    ],
    passes: [
      'FROM node:22\nRUN wget my.xyz',
      'FROM node:22 AS a\nRUN wget my.xyz\nFROM scratch\nRUN curl localhost'
    ]
  }
})
