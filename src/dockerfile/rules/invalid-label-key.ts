import { labels } from '../labels.js'
import { defineRule, hit, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

/** Docker's label key rules: lower-case letters, digits, `.`, `-`, `_`, `/`; no reserved namespace. */
function keyProblem(key: string): string | undefined {
  if (/^(com\.docker\.|io\.docker\.|org\.dockerproject\.)/.test(key))
    return 'uses a namespace reserved for Docker'
  if (!/^[a-z]/.test(key)) return 'must start with a lower-case letter'
  if (!/[a-z0-9]$/.test(key)) return 'must end with a lower-case letter or digit'
  if (/[^0-9a-z._/-]/.test(key))
    return 'may only contain lower-case letters, digits, ".", "-", "_" and "/"'
  if (/\.\.|--/.test(key)) return 'has consecutive separators'
  return undefined
}

export default defineRule({
  id: 'invalid-label-key',
  aliases: ['DL3048'],
  severity: 'info',
  title: 'Invalid label key',
  help: 'Label keys are reverse-DNS, lower case: start with a letter, end with a letter or digit, use only `a-z 0-9 . - _ /`, no `..` or `--`, and stay out of the `com.docker.*`, `io.docker.*`, `org.dockerproject.*` namespaces Docker reserves.',
  fix: '`LABEL org.opencontainers.image.source=…` style keys.',
  check(input) {
    const hits: RuleHit[] = []
    for (const { instruction, key } of labels(input)) {
      const problem = keyProblem(key)
      if (problem)
        hits.push(
          hit('invalid-label-key', instruction, `Label key "${shown(key, 60)}" ${problem}.`, key)
        )
    }
    return hits
  },
  examples: {
    fires: [
      'FROM alpine:3.20\nLABEL com.docker.label="foo"',
      'FROM alpine:3.20\nLABEL invalid..character="foo"',
      'FROM alpine:3.20\nLABEL 1invalid="foo"',
      'FROM alpine:3.20\nLABEL Maintainer="x"'
    ],
    passes: [
      'FROM alpine:3.20\nLABEL org.valid-key.label3="foo"',
      'FROM alpine:3.20\nLABEL validlabel="foo"',
      'FROM alpine:3.20\nLABEL maintainer Jane Doe <jane@example.com>'
    ]
  }
})
