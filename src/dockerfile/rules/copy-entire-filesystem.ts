import { copyArgs } from '../copy-args.js'
import { defineRule, hit, instructions } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'copy-entire-filesystem',
  aliases: ['DL3067'],
  severity: 'low',
  title: 'COPY of a whole filesystem from another stage',
  help: '`COPY --from=build / /` copies everything of the other stage over this one, package databases and all: the image silently becomes the other stage plus leftovers.',
  fix: 'Copy the directories you need (`COPY --from=build /out/app /app`).',
  check(input) {
    const hits: RuleHit[] = []
    for (const { instruction, target } of instructions(input)) {
      if (target.keyword !== 'COPY' || !target.flags.some(f => f.name === 'from')) continue
      const { sources, dest } = copyArgs(target, input.model.escape)
      if (dest === '/' && sources.length === 1 && sources[0] === '/')
        hits.push(
          hit(
            'copy-entire-filesystem',
            instruction,
            'COPY --from … / / copies the whole filesystem of the other stage; copy only what you need.'
          )
        )
    }
    return hits
  },
  examples: {
    fires: [
      'FROM alpine:3.20 AS build\nFROM scratch\nCOPY --from=build / /',
      'FROM alpine:3.20 AS build\nFROM scratch\nCOPY --from=build "/" "/"'
    ],
    passes: [
      'FROM alpine:3.20 AS build\nFROM scratch\nCOPY --from=build /app /',
      'FROM alpine:3.20 AS build\nFROM scratch\nCOPY --from=build / /app',
      'FROM scratch\nCOPY / /'
    ]
  }
})
