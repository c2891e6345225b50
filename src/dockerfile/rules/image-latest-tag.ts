import { splitImageReference } from '../../image/reference.js'
import { defineRule, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'image-latest-tag',
  aliases: ['DL3007'],
  severity: 'low',
  title: 'Image uses :latest',
  help: '`:latest` is whatever was pushed last: the build changes without a change to the Dockerfile. With a digest (`:latest@sha256:…`) the bytes are pinned and this is not reported.',
  fix: 'Name a version tag, and pin the digest: `debian:12@sha256:<digest>`.',
  check(input) {
    const hits: RuleHit[] = []
    for (const use of input.model.images) {
      if (use.via !== 'from' || use.ref.kind !== 'image') continue
      const image = splitImageReference(use.ref.resolved)
      if (image.tag !== 'latest' || image.digest !== undefined) continue
      hits.push({
        ruleId: 'image-latest-tag',
        line: use.instruction.line,
        endLine: use.instruction.endLine,
        message: `FROM "${shown(use.ref.written)}" uses :latest: the build changes whenever the tag moves. Name a version tag.`,
        key: `${use.via} ${use.ref.written}`
      })
    }
    return hits
  },
  examples: {
    fires: ['FROM debian:latest', 'FROM debian:latest AS builder'],
    passes: [
      'FROM debian:12',
      'FROM hub.docker.io/debian@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb',
      'FROM hub.docker.io/debian:latest@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb',
      'FROM debian:jessie AS builder'
    ]
  }
})
