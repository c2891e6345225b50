import { aptSubcommand, isApt, isAptSimulation } from '../packages.js'
import { argsOf, defineRule, hit, posixRuns, programName } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'apt-no-install-recommends',
  aliases: ['DL3015'],
  severity: 'info',
  title: 'apt-get install without --no-install-recommends',
  help: 'Recommended packages are pulled in by default: a bigger image and more packages to patch. `-o APT::Install-Recommends=false`, or an earlier RUN of the stage (or of the stage it is built FROM) that writes `APT::Install-Recommends` into the apt config, count.',
  fix: '`apt-get install -y --no-install-recommends …`.',
  check(input) {
    const hits: RuleHit[] = []
    const configuredAt = new Map<number, number>()
    for (const run of posixRuns(input)) {
      const stage = run.stage.stage.index
      const parent = run.stage.parent?.stage.index
      const before =
        (configuredAt.get(stage) ?? Infinity) < run.index ||
        (parent !== undefined && configuredAt.has(parent))
      const install = run.commands.find(command => {
        if (
          !isApt(command) ||
          programName(command) === 'aptitude' ||
          aptSubcommand(command) !== 'install' ||
          isAptSimulation(command)
        )
          return false
        const args = argsOf(command)
        return (
          !args.includes('--no-install-recommends') &&
          !args.some(arg => /Install-Recommends=(false|0|no)/i.test(arg))
        )
      })
      if (
        /APT::Install-Recommends|Install-Recommends\s+"?(false|0)/i.test(run.script) &&
        !configuredAt.has(stage)
      )
        configuredAt.set(stage, run.index)
      if (!install || before) continue
      hits.push(
        hit(
          'apt-no-install-recommends',
          run.instruction,
          `${programName(install)} install pulls in recommended packages too. Add --no-install-recommends.`
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
      'FROM debian:12\nRUN apt-get -y install python'
    ],
    passes: [
      'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
      'FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install python',
      'FROM debian:12\nRUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99norecommends\nRUN apt-get install -y curl'
    ]
  }
})
