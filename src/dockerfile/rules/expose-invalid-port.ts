import { exposedPorts } from '../expose.js'
import { defineRule, hit, instructions, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'expose-invalid-port',
  aliases: ['DL3011'],
  severity: 'medium',
  title: 'EXPOSE of an invalid port',
  help: 'Ports are 0–65535, ranges are `low-high`; anything else fails at run time or is silently wrong. Ports given through variables are judged when their value is known.',
  fix: 'The port the process listens on.',
  check(input) {
    const hits: RuleHit[] = []
    for (const visit of instructions(input)) {
      if (visit.target.keyword !== 'EXPOSE') continue
      for (const port of exposedPorts(visit, input.model.escape)) {
        if (port.unknown) continue
        const match = /^(\d+)(?:-(\d+))?(?:\/\w+)?$/.exec(port.value)
        if (!match) continue
        const low = Number(match[1])
        const high = match[2] ? Number(match[2]) : low
        if (high <= 65535 && low <= high) continue
        hits.push(
          hit(
            'expose-invalid-port',
            visit.instruction,
            `EXPOSE ${shown(port.written, 40)}: ports are 0-65535 (a range low-high).`,
            port.value
          )
        )
      }
    }
    return hits
  },
  examples: {
    fires: [
      'FROM alpine:3.20\nEXPOSE 80800',
      'FROM alpine:3.20\nEXPOSE 40000-80000/tcp',
      'FROM alpine:3.20\nARG P=70000\nEXPOSE $P'
    ],
    passes: [
      'FROM alpine:3.20\nEXPOSE 8080',
      'FROM alpine:3.20\nEXPOSE ${FOOBAR}',
      'FROM alpine:3.20\nEXPOSE 40000-60000/tcp',
      'FROM alpine:3.20\nEXPOSE 40000-${FOOBAR}'
    ]
  }
})
