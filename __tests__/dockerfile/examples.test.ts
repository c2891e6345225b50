// Every rule's own examples, written from the rule's documented semantics
// (the behaviours hadolint's specs and BuildKit's check tests exercise): each
// `fires` Dockerfile raises the rule, no `passes` Dockerfile does.
import { describe, expect, it } from '@jest/globals'
import { lintDockerfile } from '../../src/dockerfile/index.js'
import { RULES } from '../../src/dockerfile/registry.js'
import type { DockerfileRule, RuleExample } from '../../src/dockerfile/types.js'

function fires(rule: DockerfileRule, example: string | RuleExample): boolean {
  const {
    text,
    settings = {},
    context = {}
  } = typeof example === 'string' ? { text: example } : example
  const enabled = rule.optIn
    ? { ...settings, enable: [...(settings.enable ?? []), rule.id] }
    : settings
  return lintDockerfile('Dockerfile', `${text}\n`, enabled, context).findings.some(
    f => f.ruleId === rule.id
  )
}

describe('rule examples', () => {
  it.each(RULES.map(rule => [rule.id, rule] as const))('%s', (_id, rule) => {
    const wrong = [
      ...rule.examples.fires
        .filter(e => !fires(rule, e))
        .map(e => `should fire: ${typeof e === 'string' ? e : e.text}`),
      ...rule.examples.passes
        .filter(e => fires(rule, e))
        .map(e => `should pass: ${typeof e === 'string' ? e : e.text}`)
    ]
    expect(wrong).toEqual([])
  })
})
