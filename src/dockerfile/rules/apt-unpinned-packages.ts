import { aptPackages, aptSubcommand, isApt, isAptSimulation } from '../packages.js'
import { defineRule, hit, posixRuns, programName } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'apt-unpinned-packages',
  aliases: ['DL3008'],
  severity: 'info',
  title: 'apt-get install without versions',
  help: 'Without `name=version` every build installs whatever the mirror has that day: builds are not reproducible and a bad update arrives unreviewed. Many teams accept this and pin the base image digest instead, so the default severity is info. Local `.deb` files and variables are not judged.',
  fix: '`apt-get install -y curl=7.88.1-10+deb12u8`.',
  check(input) {
    const hits: RuleHit[] = []
    for (const run of posixRuns(input)) {
      const unpinned = run.commands
        .filter(
          command =>
            isApt(command) &&
            programName(command) !== 'aptitude' &&
            aptSubcommand(command) === 'install' &&
            !isAptSimulation(command)
        )
        .flatMap(command => aptPackages(command))
        .filter(
          name =>
            !name.includes('=') &&
            !name.includes('$') &&
            !/\.deb$/.test(name) &&
            !name.startsWith('/') &&
            !name.startsWith('.')
        )
      if (unpinned.length === 0) continue
      const listed =
        unpinned.slice(0, 5).join(', ') +
        (unpinned.length > 5 ? `, … (${unpinned.length} in all)` : '')
      hits.push(
        hit(
          'apt-unpinned-packages',
          run.instruction,
          `apt-get install without versions (${listed}): each build may get different packages. Pin them (name=version) or rely on the pinned base image digest.`
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
      'FROM debian:12\nRUN apt-get update && apt-get install python'
    ],
    passes: [
      'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*',
      'FROM debian:12\nRUN apt-get update \\\n && apt-get -yqq --no-install-recommends install nodejs=0.10 \\\n && rm -rf /var/lib/apt/lists/*',
      'FROM debian:12\nRUN apt-get install ./wkhtmltox_0.12.5-1.bionic_amd64.deb',
      'FROM debian:12\nRUN apt-get install -y --no-install-recommends -t jessie-backports openjdk-8-jdk=8u131-b11-1~bpo8+1'
    ]
  }
})
