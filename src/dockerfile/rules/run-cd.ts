import { defineRule, hit, posixRuns, programName } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'run-cd',
  aliases: ['DL3003'],
  severity: 'info',
  title: 'cd in RUN instead of WORKDIR',
  help: '`RUN cd /dir && …` only changes directory for that one RUN, which is easy to forget in the next one.',
  fix: '`WORKDIR /dir` (or a subshell `(cd /dir && make)` where the change must stay local).',
  check(input) {
    const hits: RuleHit[] = []
    for (const run of posixRuns(input)) {
      const cd = run.commands.find(command => programName(command) === 'cd')
      if (!cd) continue
      hits.push(
        hit(
          'run-cd',
          run.instruction,
          `RUN uses "cd ${cd.argv[1] ?? ''}": use WORKDIR, which also applies to the following instructions.`
        )
      )
    }
    return hits
  },
  examples: {
    fires: ['FROM alpine:3.20\nRUN cd /app && make', 'FROM alpine:3.20\nRUN cd /opt'],
    passes: ['FROM alpine:3.20\nWORKDIR /app\nRUN make']
  }
})
