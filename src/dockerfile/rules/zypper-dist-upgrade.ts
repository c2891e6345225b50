import { rpmFamily, rpmSubcommand } from '../packages.js'
import { defineRule, hit, posixRuns } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'zypper-dist-upgrade',
  aliases: ['DL3035'],
  severity: 'low',
  title: 'zypper dist-upgrade in a build',
  help: '`zypper dist-upgrade` (`dup`) moves the whole image to another distribution state: the result depends on the day of the build and can replace the base image’s packages wholesale.',
  fix: 'Use a newer base image, or `zypper update` of the packages you need.',
  check(input) {
    const hits: RuleHit[] = []
    for (const run of posixRuns(input)) {
      const dup = run.commands.find(
        c => rpmFamily(c) === 'zypper' && /^(dist-upgrade|dup)$/.test(rpmSubcommand(c) ?? '')
      )
      if (dup)
        hits.push(
          hit(
            'zypper-dist-upgrade',
            run.instruction,
            `zypper ${rpmSubcommand(dup)} upgrades the whole distribution during the build. Use a newer base image instead.`
          )
        )
    }
    return hits
  },
  examples: {
    fires: [
      'FROM opensuse/leap:15.6\nRUN zypper dist-upgrade',
      'FROM opensuse/leap:15.6\nRUN zypper -n dup'
    ],
    passes: ['FROM opensuse/leap:15.6\nRUN zypper -n update curl']
  }
})
