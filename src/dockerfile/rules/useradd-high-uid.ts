import { argsOf, defineRule, hit, posixRuns, programName } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

/** The UID given to useradd (-u N, --uid N, -uN, --uid=N). */
function uidArgument(args: string[]): number | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    const inline = /^(?:-u|--uid=)(\d+)$/.exec(arg)
    if (inline) return Number(inline[1])
    if ((arg === '-u' || arg === '--uid') && /^\d+$/.test(args[i + 1] ?? ''))
      return Number(args[i + 1])
  }
  return undefined
}

export default defineRule({
  id: 'useradd-high-uid',
  aliases: ['DL3046'],
  severity: 'low',
  title: 'useradd with a high UID and no -l',
  help: 'useradd records every user in the sparse `/var/log/lastlog`, sized by the highest UID: UID 1000000 writes a file of about 280 MB into the layer (sparse on disk, but written out in full in the layer tar).',
  fix: '`useradd -l` (`--no-log-init`).',
  check(input) {
    const hits: RuleHit[] = []
    for (const run of posixRuns(input)) {
      for (const command of run.commands) {
        if (programName(command) !== 'useradd') continue
        const args = argsOf(command)
        const uid = uidArgument(args)
        if (uid === undefined || uid < 100000) continue
        if (args.some(a => a === '--no-log-init' || /^-[a-zA-Z]*l[a-zA-Z]*$/.test(a))) continue
        hits.push(
          hit(
            'useradd-high-uid',
            run.instruction,
            `useradd with UID ${uid} and without -l writes a sparse /var/log/lastlog of ~${Math.round((uid * 292) / 1024 / 1024)} MB into the layer. Add -l (--no-log-init).`
          )
        )
        break
      }
    }
    return hits
  },
  examples: {
    fires: [
      'FROM debian:12\nRUN useradd -u 1000000 app',
      'FROM debian:12\nRUN useradd -u 123456 luser'
    ],
    passes: [
      'FROM debian:12\nRUN useradd -l -u 1000000 app',
      'FROM debian:12\nRUN useradd -u 12345 luser',
      'FROM debian:12\nRUN useradd luser'
    ]
  }
})
