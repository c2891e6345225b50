import { argsOf, defineRule, hit, posixRuns, programName } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

/** Octal with the "others write" bit and no sticky bit, or a symbolic o+w / a+w. */
export function worldWritable(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) {
    const digits = mode.padStart(4, '0')
    const sticky = (Number(digits[0]) & 1) === 1
    return (Number(digits[3]) & 2) === 2 && !sticky
  }
  return mode.split(',').some(part => {
    const match = /^([ugoa]*)[+=]([rwxXst]*)$/.exec(part)
    if (!match) return false
    const who = match[1]
    return (
      (who.includes('o') || who.includes('a')) && match[2].includes('w') && !match[2].includes('t')
    )
  })
}

export default defineRule({
  id: 'chmod-world-writable',
  severity: 'medium',
  title: 'World-writable permissions',
  help: '`chmod 777` / `o+w` lets every user in the container rewrite the files: a foothold as any user becomes control of the app. Directories with the sticky bit (`1777`, like /tmp) are exempt.',
  fix: 'Give ownership to the app user (`COPY --chown`, `chown`) and use 755/644.',
  check(input) {
    const hits: RuleHit[] = []
    for (const run of posixRuns(input)) {
      for (const command of run.commands) {
        if (programName(command) !== 'chmod') continue
        const mode = argsOf(command).find(arg => !arg.startsWith('-'))
        if (!mode || !worldWritable(mode)) continue
        hits.push(
          hit(
            'chmod-world-writable',
            run.instruction,
            `chmod ${mode} makes files writable by every user in the container. Give ownership to the app user (COPY --chown, chown) and use 755/644.`
          )
        )
        break
      }
    }
    return hits
  },
  examples: {
    fires: ['FROM alpine:3.20\nRUN chmod -R 777 /app', 'FROM alpine:3.20\nRUN chmod a+w /data'],
    passes: [
      'FROM alpine:3.20\nCOPY --chown=10001:10001 app /app',
      'FROM alpine:3.20\nRUN chmod 1777 /scratch',
      'FROM alpine:3.20\nRUN chmod 755 /app'
    ]
  }
})
