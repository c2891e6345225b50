import { describe, expect, it } from '@jest/globals'
import { LineCounter, parseDocument } from 'yaml'
import { ConfigNode } from '../../src/model/config-node.js'
import { parseDockerfileSettings } from '../../src/dockerfile/index.js'

function node(yamlText: string): ConfigNode {
  const lines = new LineCounter()
  const doc = parseDocument(yamlText, { lineCounter: lines })
  return new ConfigNode(doc.contents, 'checks.dockerfile', '.container-gate.yml', lines)
}

describe('parseDockerfileSettings', () => {
  it('reads disable, severity and inline-ignores', () => {
    expect(
      parseDockerfileSettings(
        node(
          'disable: [DL3025, run-cd]\nseverity:\n  base-image-not-pinned: high\ninline-ignores: false\n'
        )
      )
    ).toEqual({
      disable: ['DL3025', 'run-cd'],
      severity: { 'base-image-not-pinned': 'high' },
      inlineIgnores: false
    })
  })

  it('accepts an empty section', () => {
    expect(parseDockerfileSettings(node(''))).toEqual({})
  })

  it('names the file, line and key of an unknown rule', () => {
    expect(() => parseDockerfileSettings(node('disable:\n  - run-cd\n  - no-such-rule\n'))).toThrow(
      '.container-gate.yml:3: checks.dockerfile.disable[1]: unknown Dockerfile rule "no-such-rule"'
    )
    // A typo names the closest rule id, through the one RuleIndex.
    expect(() => parseDockerfileSettings(node('enable:\n  - runs-as-rooot\n'))).toThrow(
      '.container-gate.yml:2: checks.dockerfile.enable[0]: unknown Dockerfile rule "runs-as-rooot"; did you mean "runs-as-root"? (see docs/rules.md'
    )
  })

  it('rejects a bad severity and an unknown key', () => {
    expect(() => parseDockerfileSettings(node('severity:\n  run-cd: severe\n'))).toThrow(
      'checks.dockerfile.severity.run-cd'
    )
    expect(() => parseDockerfileSettings(node('trusted: []\n'))).toThrow('unknown key')
  })
})

describe('trusted-registries', () => {
  it('reads host globs, lower-cased', () => {
    expect(parseDockerfileSettings(node('trusted-registries: [GHCR.io, "*.gcr.io"]\n'))).toEqual({
      trustedRegistries: ['ghcr.io', '*.gcr.io']
    })
  })
  it('rejects something that is not a host', () => {
    expect(() => parseDockerfileSettings(node('trusted-registries: ["ghcr.io/acme"]\n'))).toThrow(
      '.container-gate.yml:1: checks.dockerfile.trusted-registries[0]: "ghcr.io/acme" is not a registry host'
    )
  })
})
