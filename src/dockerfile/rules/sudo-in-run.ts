import { defineRule, hit, posixRuns } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'sudo-in-run',
  aliases: ['DL3004'],
  severity: 'medium',
  title: 'sudo in RUN',
  help: 'sudo has unpredictable TTY and signal behaviour and means the build already has or grants root it should not need (trivy DS-0010).',
  fix: 'Switch with `USER root` for the steps that need it and back to the app user afterwards (or gosu at run time).',
  check(input) {
    const hits: RuleHit[] = []
    for (const run of posixRuns(input)) {
      const sudo = run.commands.some(command => {
        const first = command.words.find(word => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word))
        return first === 'sudo' || (first !== undefined && first.endsWith('/sudo'))
      })
      if (sudo)
        hits.push(
          hit(
            'sudo-in-run',
            run.instruction,
            'sudo in a build step: switch with USER root for the steps that need it (and back to the app user after) instead.'
          )
        )
    }
    return hits
  },
  examples: {
    fires: [
      'FROM debian:12\nRUN sudo apt-get install -y curl',
      'FROM debian:12\nRUN apt-get update && sudo apt-get install'
    ],
    passes: [
      'FROM debian:12\nUSER root\nRUN apt-get install -y curl\nUSER 10001',
      'FROM debian:12\nRUN apt-get install sudo'
    ]
  }
})
