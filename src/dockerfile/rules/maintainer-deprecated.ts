import { defineRule, hit } from '../rule-kit.js'

export default defineRule({
  id: 'maintainer-deprecated',
  aliases: ['DL4000', 'MaintainerDeprecated'],
  severity: 'info',
  title: 'MAINTAINER is deprecated',
  help: 'MAINTAINER has been deprecated since Docker 1.13; the image author belongs in a label.',
  fix: '`LABEL org.opencontainers.image.authors="…"`.',
  check: input =>
    input.model.instructions
      .filter(instruction => instruction.keyword === 'MAINTAINER')
      .map(instruction =>
        hit(
          'maintainer-deprecated',
          instruction,
          'MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors="…".'
        )
      ),
  examples: {
    fires: [
      'FROM alpine:3.20\nMAINTAINER Jane <jane@example.com>',
      'MAINTAINER Lukas\nFROM debian'
    ],
    passes: ['FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane <jane@example.com>"']
  }
})
