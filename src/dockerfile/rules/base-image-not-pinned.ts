import { splitImageReference } from '../../image/reference.js'
import type { ImageUse } from '../model.js'
import { defineRule, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

const DIGEST = /@(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/
const ANY_DIGEST = /@([A-Za-z0-9+._-]+):([^@]*)$/

/** FROM, COPY --from or RUN --mount=from, for messages. */
export function describeUse(use: ImageUse): string {
  const where =
    use.via === 'from' ? 'FROM' : use.via === 'copy-from' ? 'COPY --from' : 'RUN --mount=from'
  const { written, resolved } = use.ref
  if (written === resolved) return `${where} "${shown(written)}"`
  return `${where} "${shown(written)}" (resolves to "${shown(resolved) || '(empty)'}")`
}

export function isDigestPinned(reference: string): boolean {
  return DIGEST.test(reference)
}

interface PinProblem {
  what: string
  fix: string
  latest?: boolean
}

function pinningProblem(use: ImageUse): PinProblem | undefined {
  const { resolved, unset, undeclared, tooDeep } = use.ref
  if (DIGEST.test(resolved) && !tooDeep) return undefined
  const unknown = [...new Set([...unset, ...undeclared])]
  const image = splitImageReference(resolved)
  const name = image.explicitRegistry ? `${image.registry}/${image.repository}` : image.repository
  const suggestion =
    name && !name.includes('$') && name.length <= 80
      ? `${name}:${image.tag && image.tag !== 'latest' ? image.tag : '<tag>'}`
      : 'name:tag'
  const fix = `Write ${suggestion}@sha256:<digest> (find it with \`docker buildx imagetools inspect ${suggestion}\`).`
  if (tooDeep)
    return {
      what: 'cannot be proven pinned: its variables are nested too deep to expand',
      fix: 'Write the reference without deeply nested variables, pinned by digest.'
    }
  if (unknown.length > 0) {
    const reasons = [
      ...new Set(unset.filter(n => !undeclared.includes(n)).map(n => `$${n} has no default value`)),
      ...new Set(undeclared.map(n => `$${n} is not declared by an ARG`))
    ]
    return {
      what: `cannot be proven pinned: ${reasons.join(', ')}`,
      fix: `Give ARG ${unknown[0]} a default pinned by digest (ARG ${unknown[0]}=${suggestion}@sha256:<digest>) or write the digest in the reference.`
    }
  }
  const anyDigest = ANY_DIGEST.exec(resolved)
  if (anyDigest) {
    const hex = anyDigest[2]
    return {
      what:
        anyDigest[1] === 'sha256' && /^[0-9a-f]*$/.test(hex)
          ? `has a truncated digest (${hex.length} of 64 hex digits), which pins nothing`
          : `has a malformed digest "${shown(anyDigest[1] + ':' + hex)}"`,
      fix
    }
  }
  if (!image.tag)
    return {
      what: 'has no tag (so it means :latest, a moving target) and no digest',
      fix,
      latest: true
    }
  if (image.tag === 'latest')
    return { what: 'uses :latest, a moving target, and no digest', fix, latest: true }
  return {
    what: `is pinned by tag only (:${shown(image.tag, 40)} can be re-pushed with other content)`,
    fix
  }
}

export default defineRule({
  id: 'base-image-not-pinned',
  severity: 'medium',
  title: 'Image not pinned by digest',
  help: 'A tag (`:3.20`, worse `:latest` or no tag) can be moved to different content at any time: the build is not reproducible and a compromised or mistaken push reaches you unreviewed. Only a full `@sha256:<64 hex>` digest pins the bytes. Applies to FROM, `COPY --from=<image>` and `RUN --mount=from=<image>`; `scratch` and stages are exempt (FROM sees earlier stages, `--from` any stage). An image given through an ARG is judged on the ARG default; an ARG without default cannot be proven pinned. A truncated digest is not a pin.',
  fix: '`name:tag@sha256:<digest>` (keep the tag for people and Renovate `pinDigests`; get the digest with `docker buildx imagetools inspect name:tag`).',
  check(input) {
    const hits: RuleHit[] = []
    for (const use of input.model.images) {
      if (use.ref.kind !== 'image') continue
      const problem = pinningProblem(use)
      if (!problem) continue
      hits.push({
        ruleId: 'base-image-not-pinned',
        line: use.instruction.line,
        endLine: use.instruction.endLine,
        message: `${describeUse(use)} ${problem.what}. ${problem.fix}`,
        key: `${use.via} ${use.ref.written} ${use.ref.resolved}`,
        properties: {
          image: shown(use.ref.resolved, 200),
          ...(problem.latest ? { latest: true } : {})
        }
      })
    }
    return hits
  },
  examples: {
    fires: [
      'FROM node:20-alpine',
      'FROM node:latest',
      'FROM node',
      'FROM registry:5000/team/app',
      'FROM node@sha256:abc123',
      'ARG BASE=alpine:3.20\nFROM $BASE',
      'ARG BASE\nFROM ${BASE}',
      'FROM $BASE_IMAGE',
      'FROM alpine@sha256:' + 'a'.repeat(64) + ' AS build\nCOPY --from=nginx:1.27 /a /a',
      'FROM alpine@sha256:' +
        'a'.repeat(64) +
        '\nRUN --mount=type=bind,from=busybox:1.36,target=/x true',
      'FROM alpine@sha256:' + 'a'.repeat(64) + '\nARG SRC=tools:1\nCOPY --from=${SRC} /a /a',
      'FROM alpine@sha256:' +
        'a'.repeat(64) +
        ' AS a\nFROM b\nFROM alpine@sha256:' +
        'a'.repeat(64) +
        ' AS b'
    ],
    passes: [
      'FROM node:20-alpine@sha256:' + 'a'.repeat(64),
      'FROM node@sha256:' + 'a'.repeat(64),
      'FROM registry:5000/team/app:1@sha256:' + 'a'.repeat(64),
      'FROM scratch',
      'FROM SCRATCH',
      'FROM golang:1.22@sha256:' + 'a'.repeat(64) + ' AS Build\nFROM build',
      'ARG BASE=alpine:3.20@sha256:' + 'a'.repeat(64) + '\nFROM ${BASE}',
      'FROM ${BASE:-alpine@sha256:' + 'a'.repeat(64) + '}',
      'ARG REGISTRY\nFROM ${REGISTRY}/ubuntu@sha256:' + 'a'.repeat(64),
      'FROM alpine@sha256:' +
        'a'.repeat(64) +
        ' AS build\nCOPY --from=build /a /a\nCOPY --from=0 /b /b'
    ]
  }
})
