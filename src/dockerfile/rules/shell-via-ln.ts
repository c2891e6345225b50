import {
  argsOf,
  defineRule,
  hasOption,
  hit,
  positionals,
  posixRuns,
  programName
} from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'shell-via-ln',
  aliases: ['DL4005'],
  severity: 'low',
  title: 'Shell changed with ln instead of SHELL',
  help: '`ln -s /bin/bash /bin/sh` replaces the system shell for every program in the image, not just for the build steps.',
  fix: '`SHELL ["/bin/bash", "-c"]` for the RUNs that need bash.',
  check(input) {
    const hits: RuleHit[] = []
    for (const run of posixRuns(input)) {
      const ln = run.commands.find(c => {
        if (programName(c) !== 'ln' || !hasOption(argsOf(c), 's', ['symbolic'])) return false
        const words = positionals(argsOf(c))
        return words[words.length - 1] === '/bin/sh'
      })
      if (ln)
        hits.push(
          hit(
            'shell-via-ln',
            run.instruction,
            'ln replaces /bin/sh for the whole image; use SHELL ["/bin/bash", "-c"] for the build steps instead.'
          )
        )
    }
    return hits
  },
  examples: {
    fires: ['FROM debian:12\nRUN ln -sfv /bin/bash /bin/sh'],
    passes: [
      'FROM debian:12\nSHELL ["/bin/bash", "-c"]',
      'FROM debian:12\nRUN ln -sf /bin/true /sbin/initctl',
      'FROM debian:12\nRUN ln -s foo bar && unrelated && something_with /bin/sh'
    ]
  }
})
