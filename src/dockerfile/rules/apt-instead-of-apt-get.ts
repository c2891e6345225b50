import { aptSubcommand } from '../packages.js'
import { defineRule, hit, posixRuns, programName } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'apt-instead-of-apt-get',
  aliases: ['DL3027'],
  severity: 'low',
  title: 'apt instead of apt-get',
  help: '`apt` is the interactive front end: its output and options are not a stable interface and it warns so in scripts.',
  fix: '`apt-get` (and `apt-cache`).',
  check(input) {
    const hits: RuleHit[] = []
    for (const run of posixRuns(input)) {
      const apt = run.commands.find(
        command => programName(command) === 'apt' && aptSubcommand(command) !== undefined
      )
      if (apt)
        hits.push(
          hit(
            'apt-instead-of-apt-get',
            run.instruction,
            `apt ${aptSubcommand(apt)} in a build: apt's command line is for people and may change; use apt-get (or apt-cache).`
          )
        )
    }
    return hits
  },
  examples: {
    fires: ['FROM debian:12\nRUN apt update && apt install -y curl'],
    passes: [
      'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*'
    ]
  }
})
