import { aptSubcommand, isApt, isAptSimulation } from '../packages.js'
import {
  argsOf,
  defineRule,
  hasOption,
  hit,
  optionCount,
  posixRuns,
  programName
} from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'apt-get-missing-yes',
  aliases: ['DL3014'],
  severity: 'low',
  title: 'apt-get install without -y',
  help: 'Without `-y` apt-get waits for a confirmation that never comes in a build. `-qq` (or `-q -q`, `-q=2`, `--quiet --quiet`) implies `-y`; one `-q` does not; a simulation (`-s`) asks nothing.',
  fix: '`apt-get install -y`.',
  check(input) {
    const hits: RuleHit[] = []
    for (const run of posixRuns(input)) {
      const install = run.commands.find(command => {
        if (
          !isApt(command) ||
          programName(command) === 'aptitude' ||
          aptSubcommand(command) !== 'install' ||
          isAptSimulation(command)
        )
          return false
        const args = argsOf(command)
        if (hasOption(args, 'y', ['yes', 'assume-yes'])) return false
        if (args.some(arg => /Assume-Yes=(true|1|yes)/i.test(arg))) return false
        return optionCount(args, 'q', 'quiet') < 2
      })
      if (install)
        hits.push(
          hit(
            'apt-get-missing-yes',
            run.instruction,
            `${programName(install)} install without -y waits for a confirmation a build cannot give. Add -y.`
          )
        )
    }
    return hits
  },
  examples: {
    fires: [
      'FROM debian:12\nRUN apt-get update && apt-get install curl',
      'FROM debian:12\nRUN apt-get install -q python',
      'FROM debian:12\nRUN apt-get install --quiet python'
    ],
    passes: [
      'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
      'FROM debian:12\nRUN apt-get install -yq python',
      'FROM debian:12\nRUN apt-get --assume-yes install python',
      'FROM debian:12\nRUN apt-get install -qq python',
      'FROM debian:12\nRUN apt-get install -q -q python',
      'FROM debian:12\nRUN apt-get install -q=2 python',
      'FROM debian:12\nRUN apt-get install --quiet --quiet python',
      'FROM debian:12\nRUN if apt-get install -s python-jit > /dev/null; then apt-get install -y python-jit; fi'
    ]
  }
})
