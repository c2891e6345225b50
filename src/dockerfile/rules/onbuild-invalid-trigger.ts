import { defineRule, hit, instructions } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

const FORBIDDEN = new Set(['ONBUILD', 'FROM', 'MAINTAINER'])

export default defineRule({
  id: 'onbuild-invalid-trigger',
  aliases: ['DL3043'],
  severity: 'high',
  title: 'ONBUILD ONBUILD, FROM or MAINTAINER',
  help: 'ONBUILD may not trigger ONBUILD, FROM or MAINTAINER: BuildKit rejects the file (and child builds would fail).',
  fix: 'Remove the trigger, or write the instruction without ONBUILD.',
  check(input) {
    const hits: RuleHit[] = []
    for (const { instruction, target, onbuild } of instructions(input)) {
      if (!onbuild || !FORBIDDEN.has(target.keyword)) continue
      hits.push(
        hit(
          'onbuild-invalid-trigger',
          instruction,
          `ONBUILD ${target.keyword} is not allowed: BuildKit rejects it.`
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      'FROM alpine:3.20\nONBUILD ONBUILD RUN anything',
      'FROM alpine:3.20\nONBUILD FROM debian:buster',
      'FROM alpine:3.20\nONBUILD MAINTAINER "BoJack Horseman"'
    ],
    passes: [
      'FROM alpine:3.20\nONBUILD RUN anything',
      'FROM alpine:3.20\nONBUILD HEALTHCHECK NONE',
      'FROM alpine:3.20\nONBUILD COPY anything anywhere'
    ]
  }
})
