import { describe, expect, it } from '@jest/globals'
import { parseConfigFile } from '../../src/config/file.js'

describe('parseConfigFile', () => {
  it('reads ignores, expiry and severity overrides', () => {
    const config = parseConfigFile(
      [
        'ignore:',
        '  - rule: DL3007',
        '    path: "tools/**"',
        '    reason: dev-only image',
        '    expires: 2027-01-31',
        '  - vulnerability: CVE-2023-44487',
        '    package: nghttp2',
        '    reason: HTTP/2 server not used',
        'severity:',
        '  base-image-not-pinned: high'
      ].join('\n'),
      '.container-gate.yml'
    )
    expect(config.ignores).toHaveLength(2)
    expect(config.ignores[0]).toMatchObject({
      rule: 'DL3007',
      path: 'tools/**',
      reason: 'dev-only image',
      expires: '2027-01-31',
      where: '.container-gate.yml:2'
    })
    expect(config.ignores[1]).toMatchObject({ vulnerability: 'CVE-2023-44487', package: 'nghttp2' })
    expect(config.severity.get('base-image-not-pinned')).toBe('high')
  })

  it('an empty file is the default config', () => {
    expect(parseConfigFile('', 'c.yml').ignores).toEqual([])
    expect(parseConfigFile('# only a comment\n', 'c.yml').severity.size).toBe(0)
  })

  it.each([
    ['ignore:\n  - rule: x\n', 'c.yml:2: ignore[0]: an ignore needs a reason'],
    ['ignore:\n  - reason: why\n', 'c.yml:2: ignore[0]: an ignore needs at least one of'],
    [
      'ignore:\n  - rule: x\n    reason: y\n    expires: tomorrow\n',
      'c.yml:4: ignore[0].expires: "tomorrow" is not a date'
    ],
    ['ignore:\n  - rule: x\n    reason: y\n    typo: 1\n', 'c.yml:4: ignore[0].typo: unknown key'],
    [
      'severity:\n  runs-as-root: severe\n',
      'c.yml:2: severity.runs-as-root: "severe" is not allowed'
    ],
    ['ignores: []\n', 'c.yml:1: ignores: unknown key; expected one of ignore, severity, checks'],
    ['ignore: {rule: x}\n', 'c.yml:1: ignore: expected a list'],
    ['ignore:\n  - rule: [x\n', 'c.yml:3: invalid YAML: Flow sequence'],
    ['checks:\n  dockerfiles: {}\n', 'c.yml:2: checks.dockerfiles: unknown key'],
    [
      'ignore:\n  - package: openssl\n    rule: x\n    reason: y\n',
      'package only applies together with vulnerability'
    ]
  ])('rejects %j with file, line and key', (text, expected) => {
    expect(() => parseConfigFile(text, 'c.yml')).toThrow(expected)
  })
})
