import { isValidImageReference } from '../../image/reference.js'
import { expandVariables, type Scope } from '../expand.js'
import { defineRule, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

/** Plausible values for BuildKit's automatic ARGs, which a build always sets. */
const AUTOMATIC: Record<string, string> = {
  TARGETPLATFORM: 'linux/amd64',
  TARGETOS: 'linux',
  TARGETARCH: 'amd64',
  TARGETVARIANT: '',
  BUILDPLATFORM: 'linux/amd64',
  BUILDOS: 'linux',
  BUILDARCH: 'amd64',
  BUILDVARIANT: ''
}

export default defineRule({
  id: 'invalid-default-arg-in-from',
  aliases: ['InvalidDefaultArgInFrom'],
  severity: 'low',
  title: 'ARG defaults make an invalid FROM',
  help: "With only the defaults of the global ARGs (no `--build-arg`), the FROM image expands to an empty or invalid name (`ARG VERSION` + `FROM busybox:$VERSION` gives `busybox:`): a plain `docker build` fails and tools that read the Dockerfile (Renovate, scanners) cannot resolve it. BuildKit's automatic platform ARGs count as set.",
  fix: 'Give the ARG a default that makes a valid reference (`ARG VERSION=1.36`), or use `${VERSION:-1.36}`.',
  check(input) {
    const hits: RuleHit[] = []
    const { globalScope, escape } = input.model
    const scope: Scope = {
      has: name => globalScope.has(name),
      get: name =>
        name in AUTOMATIC && globalScope.get(name) === undefined
          ? AUTOMATIC[name]
          : (globalScope.get(name) ?? '')
    }
    for (const stage of input.model.stages) {
      const written = stage.base.written
      if (!written.includes('$') || stage.base.kind === 'stage') continue
      const expansion = expandVariables(written, scope, escape)
      if (expansion.tooDeep || expansion.unset.length > 0) continue
      const value = expansion.value
      if (value.toLowerCase() === 'scratch' || isValidImageReference(value)) continue
      hits.push({
        ruleId: 'invalid-default-arg-in-from',
        line: stage.from.line,
        message: `With the ARG defaults, FROM ${shown(written)} expands to ${value === '' ? 'an empty name' : `"${shown(value)}"`}, which is not a valid image reference. Give the ARG a default.`,
        key: `FROM ${written}`
      })
    }
    return hits
  },
  examples: {
    fires: [
      'ARG VERSION\nFROM busybox:$VERSION',
      'ARG IMAGE\nFROM $IMAGE',
      'ARG SFX="box:"\nFROM busy${SFX}'
    ],
    passes: [
      'ARG VERSION=1.36\nFROM busybox:$VERSION',
      'ARG VERSION="latest"\nFROM busybox:${VERSION}',
      'ARG BUSYBOX_VARIANT=""\nFROM busybox:stable${BUSYBOX_VARIANT}',
      'ARG BUSYBOX_VARIANT\nFROM busybox:stable${BUSYBOX_VARIANT}',
      'FROM alpine:$TARGETARCH'
    ]
  }
})
