import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfigFile, parseConfigFile } from '../../src/config/file.js'

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
    ['ignore:\n  - rule: [x\n', 'c.yml:2: invalid YAML: Flow sequence'],
    ['checks:\n  dockerfiles: {}\n', 'c.yml:2: checks.dockerfiles: unknown key'],
    [
      'ignore:\n  - package: openssl\n    rule: x\n    reason: y\n',
      'package only applies together with vulnerability'
    ]
  ])('rejects %j with file, line and key', (text, expected) => {
    expect(() => parseConfigFile(text, 'c.yml')).toThrow(expected)
  })
})

describe('choices in the config file', () => {
  it('are case-insensitive and stored in their canonical spelling', () => {
    const config = parseConfigFile(
      'severity:\n  runs-as-root: HIGH\nchecks:\n  vulnerabilities:\n    on-data-error: Warn\n  secrets:\n    example-secrets: DROP\n',
      'c.yml'
    )
    expect(config.severity.get('runs-as-root')).toBe('high')
    expect(config.checks.vulnerabilities.onDataError).toBe('warn')
    expect(config.checks.secrets.exampleSecrets).toBe('drop')
    expect(() => parseConfigFile('severity:\n  runs-as-root: Severe\n', 'c.yml')).toThrow(
      'c.yml:2: severity.runs-as-root: "Severe" is not allowed; expected one of'
    )
  })
})

describe('one ignore model and one override map', () => {
  it('a rule id no check has is an error naming the line and the closest id', () => {
    expect(() =>
      parseConfigFile('ignore:\n  - rule: runs-as-rooot\n    reason: r\n', 'c.yml')
    ).toThrow('c.yml:2: ignore[0].rule: unknown rule "runs-as-rooot"; did you mean "runs-as-root"?')
    expect(() =>
      parseConfigFile('ignore:\n  - rule: run-as-root\n    reason: r\n', 'c.yml')
    ).toThrow(/did you mean "runs-as-root"/)
    expect(() => parseConfigFile('severity:\n  runs-as-rooot: low\n', 'c.yml')).toThrow(
      'c.yml:2: severity.runs-as-rooot: unknown rule "runs-as-rooot"; did you mean "runs-as-root"?'
    )
    // Aliases of any check are rule names too, case-insensitively.
    expect(parseConfigFile('severity:\n  dl3007: low\n', 'c.yml').severity.get('dl3007')).toBe(
      'low'
    )
  })

  it('checks.secrets.allow entries become ignore entries for the secrets check, with a warning', () => {
    const config = parseConfigFile(
      [
        'checks:',
        '  secrets:',
        '    allow:',
        '      - rule: jwt',
        '        path: "test/**"',
        '      - regex: "^AKIA.{12}TEST$"',
        '        reason: test key'
      ].join('\n'),
      'c.yml'
    )
    expect(config.checks.secrets.allow).toBeUndefined()
    expect(config.ignores).toEqual([
      {
        rule: 'jwt',
        path: 'test/**',
        checks: ['secrets'],
        reason: '',
        where: 'c.yml:4',
        label: 'checks.secrets.allow[0]',
        fingerprint: undefined,
        valueRegex: undefined
      },
      {
        valueRegex: '^AKIA.{12}TEST$',
        checks: ['secrets'],
        reason: 'test key',
        where: 'c.yml:6',
        label: 'checks.secrets.allow[1]: test key',
        rule: undefined,
        path: undefined,
        fingerprint: undefined
      }
    ])
    expect(config.warnings).toEqual([
      'c.yml:3: checks.secrets.allow is deprecated and still applies; write these entries under ignore: (value-regex: for regex)'
    ])
  })

  it('checks.dockerfile.severity joins the one override map, with a warning', () => {
    const config = parseConfigFile(
      'severity:\n  image-latest-tag: low\nchecks:\n  dockerfile:\n    severity:\n      DL3007: high\n      runs-as-root: low\n',
      'c.yml'
    )
    expect([...config.severity]).toEqual([
      ['image-latest-tag', 'low'],
      ['DL3007', 'high'],
      ['runs-as-root', 'low']
    ])
    expect(config.checks.dockerfile.severity).toBeUndefined()
    expect(config.warnings[0]).toMatch(/^c\.yml:5: checks\.dockerfile\.severity is deprecated/)
  })

  it('value-regex entries need a valid pattern', () => {
    expect(
      parseConfigFile('ignore:\n  - value-regex: "^x"\n    reason: r\n', 'c.yml').ignores[0]
    ).toMatchObject({ valueRegex: '^x' })
    expect(() =>
      parseConfigFile('ignore:\n  - value-regex: "(x"\n    reason: r\n', 'c.yml')
    ).toThrow(/^c\.yml:2: ignore\[0\]\.value-regex: not a valid regular expression/)
  })
})

describe('a config error reports its own line, not the next one', () => {
  // Each file marks the line the error is on with "# <- here" (or says the line).
  it.each([
    ['an unclosed flow list', 'ignore:\n  - rule: [DL3008   # <- here\n    reason: r\n\n', 2],
    ['an unclosed quote at the end', 'ignore:\n  - rule: DL3008\n    reason: "why\n', 3],
    ['an unclosed flow map', 'checks:\n  secrets: {generic: true   # <- here\n', 2],
    ['an empty reason', 'ignore:\n  - rule: DL3008\n    reason: ""   # <- here\n', 3],
    [
      'a block value of the wrong type',
      'checks:\n  secrets:\n    generic:   # <- here\n      - yes\n',
      3
    ],
    [
      'an unknown rule in a list',
      'checks:\n  dockerfile:\n    disable:\n      - DL3008\n      - DL9999   # <- here\n',
      5
    ],
    ['a duplicate key', 'severity:\n  runs-as-root: high\n  runs-as-root: low   # <- here\n', 3],
    [
      'an ignore entry that starts on the dash line',
      'ignore:\n  -\n    rule: run-as-root   # <- here\n    reason: r\n',
      3
    ]
  ])('%s', (_what, text, line) => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-config-line-'))
    writeFileSync(join(dir, '.container-gate.yml'), text)
    let message = ''
    try {
      loadConfigFile(join(dir, '.container-gate.yml'), '.container-gate.yml', dir)
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(new RegExp(`^\\.container-gate\\.yml:${line}: `))
    const marked = text.split('\n').findIndex(l => l.includes('# <- here'))
    if (marked !== -1) expect(marked + 1).toBe(line)
  })
})
