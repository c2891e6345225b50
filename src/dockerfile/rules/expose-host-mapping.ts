import { exposedPorts } from '../expose.js'
import { defineRule, hit, instructions, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'expose-host-mapping',
  aliases: ['ExposeInvalidFormat'],
  severity: 'low',
  title: 'EXPOSE with an IP address or host port',
  help: '`EXPOSE 127.0.0.1:80:80` / `EXPOSE 5000:5000`: an image cannot choose the host address or port; BuildKit ignores that part today and will reject it.',
  fix: 'Expose the container port (`EXPOSE 80`) and map it at run time (`docker run -p 127.0.0.1:80:80`).',
  check(input) {
    const hits: RuleHit[] = []
    for (const visit of instructions(input)) {
      if (visit.target.keyword !== 'EXPOSE') continue
      for (const port of exposedPorts(visit, input.model.escape)) {
        if (!port.value.includes(':')) continue
        hits.push(
          hit(
            'expose-host-mapping',
            visit.instruction,
            `EXPOSE ${shown(port.written, 60)} defines an IP address or host-port mapping; expose only the container port and map it at run time.`,
            port.value
          )
        )
      }
    }
    return hits
  },
  examples: {
    fires: [
      'FROM scratch\nEXPOSE 127.0.0.1:80:80',
      'FROM scratch\nEXPOSE [::1]:8080:8080 5000:5000 8000'
    ],
    passes: ['FROM scratch\nEXPOSE 80 8000/udp']
  }
})
