import { argsOf, defineRule, hit, positionals, posixRuns, programName } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'yarn-cache-not-cleaned',
  aliases: ['DL3060'],
  severity: 'info',
  title: 'yarn cache left in the image',
  help: '`yarn install` keeps every downloaded package in its cache inside the layer. Only stages that end up in the final image are checked; `yarn cache clean` after the install (not before), or a cache/tmpfs mount on the yarn cache (`…/.cache/yarn`), count.',
  fix: 'End the same RUN with `yarn cache clean`, or use `--mount=type=cache,target=/usr/local/share/.cache/yarn`.',
  check(input) {
    const hits: RuleHit[] = []
    for (const run of posixRuns(input)) {
      if (
        !run.stage.ships ||
        run.cacheTargets.some(t => /(^|\/)\.cache\/yarn$|\/yarn\/cache$/.test(t))
      )
        continue
      const install = run.commands.findIndex(
        c => programName(c) === 'yarn' && positionals(argsOf(c))[0] === 'install'
      )
      if (install < 0) continue
      const cleaned = run.commands
        .slice(install + 1)
        .some(
          c =>
            programName(c) === 'yarn' &&
            positionals(argsOf(c))[0] === 'cache' &&
            positionals(argsOf(c))[1] === 'clean'
        )
      if (cleaned) continue
      hits.push(
        hit(
          'yarn-cache-not-cleaned',
          run.instruction,
          'yarn install leaves its package cache in this layer. End the same RUN with yarn cache clean.'
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      'FROM node:22\nRUN yarn install foo',
      'FROM node:22\nRUN yarn cache clean && yarn install foo',
      'FROM node:22\nRUN --mount=type=cache,target=/var/lib/foobar yarn install foobar',
      'FROM node:22 AS foo\nRUN yarn install\nFROM foo\nRUN hey'
    ],
    passes: [
      'FROM node:22\nRUN yarn install bar && yarn cache clean',
      'FROM node:22\nRUN --mount=type=cache,target=/root/.cache/yarn yarn install foobar',
      'FROM node:22 AS foo\nRUN yarn install foo\nFROM scratch\nRUN hey'
    ]
  }
})
