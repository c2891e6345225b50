import { copyArgs } from '../copy-args.js'
import { expand } from '../model.js'
import { defineRule, hit, instructions, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'copy-multiple-sources-not-dir',
  aliases: ['DL3021'],
  severity: 'medium',
  title: 'COPY/ADD of several sources to a non-directory',
  help: 'With more than one source, `COPY`/`ADD` needs a directory destination written with a trailing `/` ("When using COPY with more than one source file, the destination must be a directory and end with a /"). `.` and a destination made of variables are not judged.',
  fix: 'End the destination with `/`.',
  check(input) {
    const hits: RuleHit[] = []
    for (const { instruction, target, scope } of instructions(input)) {
      if (target.keyword !== 'COPY' && target.keyword !== 'ADD') continue
      if (target.heredocs.length > 0) continue
      const { sources, dest } = copyArgs(target, input.model.escape)
      if (dest === undefined || sources.length < 2) continue
      const value = expand(dest, scope, input.model.escape).value
      if (value.endsWith('/') || value.endsWith('\\') || value === '.' || dest.includes('$'))
        continue
      hits.push(
        hit(
          'copy-multiple-sources-not-dir',
          instruction,
          `${target.keyword} of ${sources.length} sources to "${shown(value, 60)}": with several sources the destination must be a directory ending in "/". Write ${shown(value, 60)}/.`
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      'FROM alpine:3.20\nCOPY package.json package-lock.json /app',
      'FROM alpine:3.20\nCOPY foo bar "baz"'
    ],
    passes: [
      'FROM alpine:3.20\nCOPY package.json package-lock.json /app/',
      'FROM alpine:3.20\nCOPY foo bar',
      'FROM alpine:3.20\nCOPY foo bar "baz/"',
      'FROM alpine:3.20\nCOPY a b .'
    ]
  }
})
