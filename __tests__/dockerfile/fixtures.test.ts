// Each fixture in fixtures/dockerfile/ with its exact expected findings (see its README).
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { lintDockerfile } from '../../src/dockerfile/index.js'

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'dockerfile')
const lint = (name: string) => {
  const result = lintDockerfile(
    `fixtures/dockerfile/${name}`,
    readFileSync(join(dir, name), 'utf8'),
    {}
  )
  return {
    findings: result.findings.map(f => `${f.ruleId}@${f.location.line}`),
    suppressed: result.suppressed.map(s => `${s.finding.ruleId}@${s.finding.location.line}`),
    warnings: result.warnings
  }
}

describe('fixtures/dockerfile', () => {
  it.each([
    ['clean-multistage.Dockerfile', [], []],
    [
      'root-and-secrets.Dockerfile',
      [
        'base-image-not-pinned@2',
        'secret-in-arg@4',
        'base-image-not-pinned@7',
        'secret-in-env@8',
        'runs-as-root@16'
      ],
      []
    ],
    [
      'arg-base.Dockerfile',
      [
        'base-image-not-pinned@6',
        'base-image-not-pinned@7',
        'invalid-default-arg-in-from@7',
        'base-image-not-pinned@8',
        'undefined-var-in-from@8',
        'base-image-not-pinned@9',
        'invalid-default-arg-in-from@9',
        'undefined-var-in-from@9'
      ],
      []
    ],
    ['heredoc.Dockerfile', [], []],
    ['windows-crlf-bom.Dockerfile', ['runs-as-root@8'], []],
    [
      'ignores.Dockerfile',
      ['consecutive-run@6', 'sudo-in-run@6'],
      ['base-image-not-pinned@3', 'runs-as-root@3', 'apt-no-install-recommends@5', 'sudo-in-run@5']
    ],
    ['not-a-dockerfile.Dockerfile', ['dockerfile-parse-error@1'], []]
  ])('%s', (name, findings, suppressed) => {
    expect(lint(name)).toEqual({ findings, suppressed, warnings: [] })
  })

  it('reads the CRLF + BOM file with the backtick escape (the bytes are really there)', () => {
    const bytes = readFileSync(join(dir, 'windows-crlf-bom.Dockerfile'))
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.includes('\r\n')).toBe(true)
  })
})
