import { exposedPorts } from '../expose.js'
import { defineRule, hit, instructions, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'expose-ssh-port',
  severity: 'medium',
  title: 'SSH port exposed',
  help: 'Exposing port 22 means an SSH daemon in the container: another credential store and attack surface, against the one-process model (trivy DS-0004, checkov CKV_DOCKER_1).',
  fix: 'Use `docker exec`/`kubectl exec` for access and drop the sshd.',
  check(input) {
    const hits: RuleHit[] = []
    for (const visit of instructions(input)) {
      if (visit.target.keyword !== 'EXPOSE') continue
      for (const port of exposedPorts(visit, input.model.escape)) {
        const match = /^(\d+)(?:-(\d+))?(?:\/tcp)?$/i.exec(port.value)
        if (!match) continue
        const low = Number(match[1])
        const high = match[2] ? Number(match[2]) : low
        if (low > 22 || high < 22 || high > 65535) continue
        hits.push(
          hit(
            'expose-ssh-port',
            visit.instruction,
            `EXPOSE ${shown(port.written, 40)} opens the SSH port: an SSH daemon in a container is extra attack surface and credentials. Use docker/kubectl exec instead.`
          )
        )
        break
      }
    }
    return hits
  },
  examples: {
    fires: ['FROM alpine:3.20\nEXPOSE 22', 'FROM alpine:3.20\nEXPOSE 80 22/tcp'],
    passes: [
      'FROM alpine:3.20\nEXPOSE 8080',
      'FROM alpine:3.20\nEXPOSE 2222',
      'FROM alpine:3.20\nEXPOSE 22/udp'
    ]
  }
})
