import { closestMatch } from '../../util/closest.js'
import { expand } from '../model.js'
import { defineRule, normalisedContent } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'undefined-var-in-from',
  aliases: ['UndefinedArgInFrom'],
  severity: 'medium',
  title: 'Undefined variable in FROM',
  help: "FROM (its image and its `--platform`) is expanded with the ARGs declared before the first FROM and BuildKit's automatic platform ARGs (`TARGETPLATFORM`, `BUILDPLATFORM`, …) only; a stage ARG or a typo expands to an empty string and the build pulls something else than intended (or fails). Also reported when the variable has a fallback (`${TAG:-1.0}` with no `ARG TAG`): the fallback is then all it can ever be, and the name is usually a typo.",
  fix: 'Declare the ARG, with a default, before the first FROM (or fix the typo the message names).',
  check(input) {
    const hits: RuleHit[] = []
    const { model } = input
    const declared = [
      ...model.globalArgs.flatMap(a => a.rest.split(/\s+/).map(w => w.split('=')[0]))
    ]
    for (const stage of model.stages) {
      // BuildKit reports every undeclared name looked up, one with a fallback (`${TYPO:-x}`) too.
      const names = [...(expand(stage.base.written, model.globalScope, model.escape).missing ?? [])]
      if (stage.platform !== undefined)
        names.push(...(expand(stage.platform, model.globalScope, model.escape).missing ?? []))
      const unique = [...new Set(names)]
      if (unique.length === 0) continue
      const hints = unique.map(name => {
        const suggestion = closestMatch(name, [
          ...declared,
          'TARGETPLATFORM',
          'TARGETOS',
          'TARGETARCH',
          'TARGETVARIANT',
          'BUILDPLATFORM',
          'BUILDOS',
          'BUILDARCH',
          'BUILDVARIANT'
        ])
        return `$${name}${suggestion ? ` (did you mean $${suggestion}?)` : ''}`
      })
      hits.push({
        ruleId: 'undefined-var-in-from',
        line: stage.from.line,
        message: `FROM uses ${hints.join(', ')}, not declared by an ARG before the first FROM, so it expands to an empty string. Declare ARG ${unique[0]}=<default> before the first FROM.`,
        key: `${normalisedContent(stage.from)} ${unique.join(',')}`
      })
    }
    return hits
  },
  examples: {
    fires: [
      'FROM ${BASE_IMAGE}',
      'FROM --platform=$BULIDPLATFORM scratch',
      'ARG MY_OS=linux\nARG MY_ARCH=amd64\nFROM --platform=linux/${MYARCH} busybox',
      'ARG tag=latest\nFROM busybox:${tag}${version} AS b',
      'FROM alpine:3.20 AS a\nARG STAGE_ONLY=x\nFROM $STAGE_ONLY',
      'FROM ${MISSPELLED:-alpine:3.20}'
    ],
    passes: [
      'ARG BASE_IMAGE=alpine:3.20@sha256:<digest>\nFROM ${BASE_IMAGE}',
      'ARG base=scratch\nFROM $base',
      'FROM --platform=$BUILDPLATFORM scratch',
      'ARG DEBUG\nFROM scratch${DEBUG}',
      'ARG DEBUG\nFROM scra${DEBUG:-tch}',
      'ARG TAG\nFROM alpine:${TAG:-3.20}'
    ]
  }
})
