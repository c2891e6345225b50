import { aptSubcommand, isApt } from '../packages.js'
import { argsOf, defineRule, hit, positionals, posixRuns, programName } from '../rule-kit.js'
import type { RuleHit, RunFacts } from '../types.js'

/** A cache/tmpfs mount on the lists, or on both /var/lib/apt and /var/cache/apt: nothing stays in the layer. */
function mounted(run: RunFacts): boolean {
  const targets = run.cacheTargets
  if (targets.some(t => /^\/var\/lib\/apt\/lists$/.test(t))) return true
  return targets.includes('/var/lib/apt') && targets.includes('/var/cache/apt')
}

export default defineRule({
  id: 'apt-lists-not-cleaned',
  aliases: ['DL3009'],
  severity: 'low',
  title: 'apt lists left in the image',
  help: '`apt-get update` (or `apt`/`aptitude`) leaves the package lists in the layer (tens of MB) and they go stale. Only stages that end up in the final image are checked. Clean when the same RUN removes `/var/lib/apt/lists` (or runs `apt-get dist-clean`), or mounts a cache/tmpfs on `/var/lib/apt/lists` (or on both `/var/lib/apt` and `/var/cache/apt`).',
  fix: 'End the same RUN with `rm -rf /var/lib/apt/lists/*` (or use cache mounts).',
  check(input) {
    const hits: RuleHit[] = []
    for (const run of posixRuns(input)) {
      if (!run.stage.ships || mounted(run)) continue
      const update = run.commands.findIndex(
        command => isApt(command) && aptSubcommand(command) === 'update'
      )
      if (update < 0) continue
      const cleaned = run.commands.slice(update).some(command => {
        const program = programName(command)
        if (isApt(command) && /^dist-?clean$/.test(aptSubcommand(command) ?? '')) return true
        return (
          program === 'rm' &&
          positionals(argsOf(command)).some(arg => arg.startsWith('/var/lib/apt/lists'))
        )
      })
      if (cleaned) continue
      hits.push(
        hit(
          'apt-lists-not-cleaned',
          run.instruction,
          `${programName(run.commands[update])} update leaves the package lists in this layer. End the same RUN with rm -rf /var/lib/apt/lists/*.`
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
      'FROM ubuntu:24.04 AS foo\nRUN apt-get update && apt-get install -y python\nFROM foo\nRUN hey',
      'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt \\\n    rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y python',
      'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y python',
      'FROM debian:12\nRUN aptitude update && aptitude install python'
    ],
    passes: [
      'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*',
      'FROM ubuntu:24.04 AS foo\nRUN apt-get update && apt-get install -y python\nFROM scratch\nRUN echo hey',
      'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y python',
      'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y python',
      'FROM debian:12\nRUN --mount=type=tmpfs,target=/var/cache/apt --mount=type=tmpfs,target=/var/lib/apt apt-get update',
      'FROM debian:12\nRUN apt-get update && apt-get install -y curl && apt-get dist-clean'
    ]
  }
})
