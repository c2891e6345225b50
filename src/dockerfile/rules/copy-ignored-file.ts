import { copyArgs, isUrl } from '../copy-args.js'
import { isIgnored, parseDockerignore } from '../dockerignore.js'
import { expand } from '../model.js'
import { defineRule, hit, instructions, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'copy-ignored-file',
  aliases: ['CopyIgnoredFile'],
  severity: 'medium',
  title: 'COPY/ADD of a file the .dockerignore excludes',
  help: 'The file is not sent to the builder (`.dockerignore`, or `<Dockerfile>.dockerignore` next to the Dockerfile, excludes it): the build fails with "not found", or copies less than intended. As in BuildKit, not checked when the ignore file has `!` exceptions (what they re-include cannot be known statically); `COPY . .` is reported only when a pattern excludes everything (`*`, `**`).',
  fix: 'Remove the path from the `.dockerignore`, or do not copy it.',
  check(input) {
    const text = input.context.dockerignore
    if (text === undefined) return []
    const patterns = parseDockerignore(text)
    if (patterns.length === 0 || patterns.some(p => p.exclusion)) return []
    const rootIgnored = patterns.some(p => p.text === '*' || p.text === '**' || p.text === '**/*')
    const hits: RuleHit[] = []
    for (const { instruction, target, scope, onbuild } of instructions(input)) {
      if (onbuild || (target.keyword !== 'COPY' && target.keyword !== 'ADD')) continue
      if (target.flags.some(f => f.name === 'from') || target.heredocs.length > 0) continue
      for (const source of copyArgs(target, input.model.escape).sources) {
        if (isUrl(source) || source.startsWith('<<')) continue
        const value = expand(source, scope, input.model.escape).value
        const root = /^(\.|\.\/|\/)$/.test(value)
        if (root ? !rootIgnored : !isIgnored(patterns, value)) continue
        const verb = target.keyword === 'ADD' ? 'Add' : 'Copy'
        hits.push(
          hit(
            'copy-ignored-file',
            instruction,
            `Attempting to ${verb} file "${shown(value, 60)}" that is excluded by .dockerignore.`,
            value
          )
        )
      }
    }
    return hits
  },
  examples: {
    fires: [
      {
        text: 'FROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy',
        context: { dockerignore: 'Dockerfile\n' }
      },
      { text: 'FROM scratch\nCOPY . .', context: { dockerignore: '*\n' } },
      { text: 'FROM scratch\nCOPY config/app.yml /etc/', context: { dockerignore: 'config\n' } }
    ],
    passes: [
      { text: 'FROM scratch\nCOPY app /app', context: { dockerignore: 'Dockerfile\n' } },
      {
        text: 'FROM scratch AS base\nCOPY Dockerfile /foobar\nFROM base\nCOPY --from=base /foobar /Dockerfile',
        context: { dockerignore: 'foobar\n' }
      },
      { text: 'FROM scratch\nCOPY ./Dockerfile .', context: { dockerignore: '**\n!Dockerfile\n' } },
      { text: 'FROM scratch\nCOPY . .', context: { dockerignore: '.*\n' } },
      'FROM scratch\nCOPY Dockerfile .'
    ]
  }
})
