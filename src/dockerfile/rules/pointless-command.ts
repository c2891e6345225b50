import { defineRule, hit, posixRuns, programName } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

// Commands that manage a running system, meaningless during a build.
const POINTLESS = new Set([
  'ssh',
  'vim',
  'shutdown',
  'service',
  'ps',
  'free',
  'top',
  'kill',
  'mount',
  'ifconfig'
])

export default defineRule({
  id: 'pointless-command',
  aliases: ['DL3001'],
  severity: 'info',
  title: 'Command that makes no sense in a build',
  help: '`ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount`, `ifconfig` manage a running system; during a build there is no terminal, no init and no service to manage, so they do nothing useful or hide a mistake.',
  fix: "Remove them, or move the work to the container's entrypoint.",
  check(input) {
    const hits: RuleHit[] = []
    for (const run of posixRuns(input)) {
      const command = run.commands.find(c => POINTLESS.has(programName(c)))
      if (!command) continue
      hits.push(
        hit(
          'pointless-command',
          run.instruction,
          `${programName(command)} in a build step does nothing useful: a build has no running services, terminal or network interfaces to manage.`
        )
      )
    }
    return hits
  },
  examples: {
    fires: ['FROM alpine:3.20\nRUN service nginx start', 'FROM alpine:3.20\nRUN top'],
    passes: [
      'FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;"]',
      'FROM debian:12\nRUN apt-get install ssh'
    ]
  }
})
