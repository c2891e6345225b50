import { splitImageReference } from '../../image/reference.js'
import { defineRule } from '../rule-kit.js'
import type { RuleHit } from '../types.js'
import { describeUse } from './base-image-not-pinned.js'

/** `*` matches any characters; Docker Hub's other names count as docker.io. */
export function registryMatches(registry: string, pattern: string): boolean {
  const normalised = (host: string) =>
    host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'docker.io' : host
  const source = pattern
    .toLowerCase()
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${source}$`).test(normalised(registry))
}

export default defineRule({
  id: 'untrusted-registry',
  aliases: ['DL3026'],
  severity: 'high',
  title: 'Image from an untrusted registry',
  help: 'Only checked when trusted registries are configured (`checks.dockerfile.trusted-registries`, or `trustedRegistries` in `.hadolint.yaml`): every external image (FROM, `COPY --from`, `RUN --mount=from`) must come from one of those registries (`*` matches any characters, so `*.dkr.ecr.*.amazonaws.com` works; an image without a registry part is `docker.io`). Keeps builds on vetted mirrors and out of typo-squatted namespaces.',
  fix: 'Pull through your approved registry or mirror.',
  check(input) {
    const trusted = input.settings.trustedRegistries
    if (!trusted || trusted.length === 0) return []
    const hits: RuleHit[] = []
    for (const use of input.model.images) {
      if (use.ref.kind !== 'image' || use.ref.resolved === '') continue
      const { registry } = splitImageReference(use.ref.resolved)
      if (registry.includes('$') || trusted.some(pattern => registryMatches(registry, pattern)))
        continue
      hits.push({
        ruleId: 'untrusted-registry',
        line: use.instruction.line,
        endLine: use.instruction.endLine,
        message: `${describeUse(use)} comes from ${registry}, which is not a trusted registry (${trusted.join(', ')}). Use a mirror in a trusted registry.`,
        key: `${use.via} ${use.ref.resolved}`,
        properties: { registry }
      })
    }
    return hits
  },
  examples: {
    fires: [
      {
        text: 'FROM docker.io/library/python:3.12-slim',
        settings: { trustedRegistries: ['ghcr.io'] }
      },
      { text: 'FROM random.com/debian', settings: { trustedRegistries: ['docker.io'] } },
      { text: 'FROM x.com/debian', settings: { trustedRegistries: ['*.random.com'] } },
      { text: 'FROM ubuntu:24.04', settings: { trustedRegistries: ['trusted.com'] } },
      {
        text: 'FROM trusted.com/base:1\nCOPY --from=untrusted.com/repo/image:tag /foo /bar',
        settings: { trustedRegistries: ['trusted.com'] }
      },
      {
        text: 'FROM trusted.com/base:1\nRUN --mount=type=cache,from=untrusted.com/repo/image:tag,target=/foo foobar',
        settings: { trustedRegistries: ['trusted.com'] }
      }
    ],
    passes: [
      {
        text: 'FROM ghcr.io/acme/mirror/python:3.12-slim',
        settings: { trustedRegistries: ['ghcr.io'] }
      },
      'FROM random.com/debian',
      {
        text: 'FROM ubuntu:18.04\nFROM zemanlx/ubuntu:18.04\nFROM docker.io/zemanlx/ubuntu:18.04',
        settings: { trustedRegistries: ['docker.io'] }
      },
      {
        text: 'FROM random.com/foo AS builder1\nFROM builder1 AS builder2',
        settings: { trustedRegistries: ['random.com'] }
      },
      {
        text: 'FROM foo.random.com/debian',
        settings: { trustedRegistries: ['x.com', '*.random.com'] }
      },
      { text: 'FROM scratch', settings: { trustedRegistries: ['x.com'] } },
      { text: 'FROM ubuntu:18.04', settings: { trustedRegistries: ['*'] } }
    ]
  }
})
