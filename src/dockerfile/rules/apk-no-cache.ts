import {
  argsOf,
  defineRule,
  hit,
  positionals,
  posixRuns,
  programName,
  subcommand
} from '../rule-kit.js'
import type { RuleHit } from '../types.js'

const APK_CACHE = /^\/(var\/cache\/apk|etc\/apk\/cache)(\/|$)/

export default defineRule({
  id: 'apk-no-cache',
  aliases: ['DL3019'],
  severity: 'low',
  title: 'apk add without --no-cache',
  help: 'Without `--no-cache` the package index stays in the image. Only stages that end up in the final image are checked; a cache/tmpfs mount on `/var/cache/apk`, `apk add --no-network`, or a later `rm -rf /var/cache/apk/*` / `apk cache clean` in the same RUN count as clean.',
  fix: '`apk add --no-cache …`.',
  check(input) {
    const hits: RuleHit[] = []
    for (const run of posixRuns(input)) {
      if (!run.stage.ships || run.cacheTargets.some(t => APK_CACHE.test(t + '/'))) continue
      const add = run.commands.findIndex(command => {
        if (programName(command) !== 'apk') return false
        const args = argsOf(command)
        return (
          subcommand(args, ['-X', '--repository', '--root', '-p']) === 'add' &&
          !args.includes('--no-cache') &&
          !args.includes('--no-network')
        )
      })
      if (add < 0) continue
      const cleaned = run.commands.slice(add + 1).some(command => {
        const args = argsOf(command)
        if (programName(command) === 'rm') return positionals(args).some(arg => APK_CACHE.test(arg))
        return (
          programName(command) === 'apk' &&
          args[0] === 'cache' &&
          (args.includes('clean') || args.includes('purge'))
        )
      })
      if (cleaned) continue
      hits.push(
        hit(
          'apk-no-cache',
          run.instruction,
          'apk add without --no-cache leaves the package index in this layer. Use apk add --no-cache.'
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      'FROM alpine:3.20\nRUN apk update && apk add curl',
      'FROM alpine:3.20\nRUN apk add flex=2.6.4-r1',
      'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/foo apk add -U curl=7.77.0'
    ],
    passes: [
      'FROM alpine:3.20\nRUN apk add --no-cache curl',
      'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add -U curl=7.77.0',
      'FROM alpine:3.20\nRUN --mount=type=tmpfs,target=/var/cache/apk apk add -U curl=7.77.0',
      'FROM alpine:3.20\nRUN apk add curl && rm -rf /var/cache/apk/*',
      'FROM alpine:3.20 AS build\nRUN apk add build-base\nFROM alpine:3.20\nRUN apk add --no-cache curl'
    ]
  }
})
