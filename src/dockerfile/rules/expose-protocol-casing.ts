import { exposedPorts } from '../expose.js'
import { defineRule, hit, instructions, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'expose-protocol-casing',
  aliases: ['ExposeProtoCasing'],
  severity: 'info',
  title: 'EXPOSE protocol not lowercase',
  help: 'Protocols are `tcp`, `udp`, `sctp` in lower case; `80/TCP` is normalised silently today (BuildKit warns).',
  fix: '`EXPOSE 80/tcp`.',
  check(input) {
    const hits: RuleHit[] = []
    for (const visit of instructions(input)) {
      if (visit.target.keyword !== 'EXPOSE') continue
      for (const port of exposedPorts(visit, input.model.escape)) {
        const protocol = /\/([A-Za-z]+)$/.exec(port.value)?.[1]
        if (!protocol || protocol === protocol.toLowerCase()) continue
        hits.push(
          hit(
            'expose-protocol-casing',
            visit.instruction,
            `Defined protocol '${shown(port.written, 40)}' in EXPOSE should be lowercase.`,
            port.value
          )
        )
      }
    }
    return hits
  },
  examples: {
    fires: ['FROM scratch\nEXPOSE 80/TcP 8080/TCP 8080/udp'],
    passes: ['FROM scratch\nEXPOSE 80/tcp 8080/udp']
  }
})
