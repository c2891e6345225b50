import { describe, expect, it } from '@jest/globals'
import { ConfigNode } from '../../src/model/config-node.js'
import { Random, ALNUM } from '../helpers/secrets-corpus/formats.js'
import { detectSecretsInValue, parseSecretsSettings } from '../../src/secrets/index.js'
import { scanContent } from '../helpers/secrets-scan.js'
import { LineCounter, parseDocument } from 'yaml'

const r = new Random(99)
const ghp = (): string => 'ghp_' + r.chars(ALNUM, 36)

function settingsFrom(yaml: string) {
  const lines = new LineCounter()
  const doc = parseDocument(yaml, { lineCounter: lines })
  return parseSecretsSettings(
    new ConfigNode(doc.contents, 'checks.secrets', '.container-gate.yml', lines)
  )
}

describe('detectSecretsInValue (Dockerfile ENV/ARG values)', () => {
  it('recognises provider tokens whatever the name, with offsets and a redacted preview only', () => {
    const token = ghp()
    const [match] = detectSecretsInValue(`Bearer ${token}`, { key: 'HEADER' })
    expect(match).toMatchObject({ ruleId: 'github-pat', severity: 'critical', start: 7, end: 47 })
    expect(match!.redacted).toBe('ghp_…(40 chars)')
  })

  it('uses the key name for generic credentials and strips quotes', () => {
    expect(detectSecretsInValue('"Zq8#mP2vLw!x"', { key: 'DB_PASSWORD' })).toMatchObject([
      { ruleId: 'generic-credential-assignment', start: 1, end: 13 }
    ])
    expect(detectSecretsInValue('Zq8#mP2vLw!x', { key: 'LOG_LEVEL' })).toEqual([])
  })

  it.each([
    '$DB_PASSWORD',
    '${DB_PASSWORD}',
    '${TOKEN:-}',
    '<your-token>',
    '{{ .Values.pw }}',
    '',
    '/run/secrets/db',
    'true'
  ])('gives nothing for the placeholder or reference %j', value => {
    expect(detectSecretsInValue(value, { key: 'DB_PASSWORD' })).toEqual([])
  })

  it('reports a default or dictionary password as a low weak-default-credential', () => {
    expect(detectSecretsInValue('changeme', { key: 'DB_PASSWORD' })).toMatchObject([
      { ruleId: 'weak-default-credential', severity: 'low', start: 0, end: 8 }
    ])
  })

  it('reports documented example keys at info, never as a leak', () => {
    expect(
      detectSecretsInValue('AKIAIOSFODNN7EXAMPLE', { key: 'AWS_ACCESS_KEY_ID' })
    ).toMatchObject([{ ruleId: 'aws-access-key-id', severity: 'info' }])
  })

  it('flags a random-looking value under any name (entropy)', () => {
    expect(
      detectSecretsInValue(r.bytes(30).toString('base64'), { key: 'BUILD_BLOB' })
    ).toMatchObject([{ ruleId: 'high-entropy-string' }])
  })
})

describe('scanContent', () => {
  it('locates the secret (1-based line and character columns) and never includes the value', () => {
    const token = ghp()
    const text = `# café ünïcode\nconst x = 1\nconst t = "${token}"\n`
    const { findings } = scanContent('src/a.js', text, {})
    expect(findings).toHaveLength(1)
    expect(findings[0]!.location).toEqual({
      path: 'src/a.js',
      line: 3,
      column: 12,
      endLine: 3,
      endColumn: 52
    })
    expect(JSON.stringify(findings)).not.toContain(token.slice(4))
    expect(findings[0]!.properties?.redacted).toBe('ghp_…(40 chars)')
  })

  it('keeps the fingerprint when the secret moves to another line, and changes it with the path', () => {
    const token = ghp()
    const a = scanContent('a.env', `T=${token}\n`, {}).findings[0]!
    const b = scanContent('a.env', `\n\n# moved\nT=${token}\n`, {}).findings[0]!
    const c = scanContent('b.env', `T=${token}\n`, {}).findings[0]!
    expect(b.location.line).toBe(4)
    expect(b.fingerprint).toBe(a.fingerprint)
    expect(c.fingerprint).not.toBe(a.fingerprint)
  })

  it.each(['# container-gate:allow', '# gitleaks:allow', '# pragma: allowlist secret'])(
    'honours the inline marker %s',
    marker => {
      const out = scanContent('a.py', `token = "${ghp()}"  ${marker}\n`, {})
      expect(out.findings).toEqual([])
      expect(out.suppressed).toHaveLength(1)
      expect(out.suppressed[0]!.reason).toMatch(/inline/)
      expect(out.suppressed[0]!.source).toBe('inline')
    }
  )

  it('honours `pragma: allowlist nextline secret` on the line before, and inline-ignores: false', () => {
    const text = `# pragma: allowlist nextline secret\ntoken = "${ghp()}"\n`
    expect(scanContent('a.py', text, {}).findings).toEqual([])
    expect(
      scanContent('a.py', `t = "${ghp()}"  # gitleaks:allow\n`, { inlineIgnores: false }).findings
    ).toHaveLength(1)
  })

  it('applies allow entries by rule, path glob, regex on the secret and fingerprint', () => {
    const token = ghp()
    const text = `t = "${token}"\n`
    const found = scanContent('test/x.py', text, {}).findings[0]!
    const cases = [
      { rule: 'github-pat' },
      { path: 'test/**' },
      { regex: `^${token.slice(0, 10)}` },
      { fingerprint: found.fingerprint, reason: 'rotated' }
    ]
    for (const allow of cases) {
      const out = scanContent('test/x.py', text, { allow: [allow] })
      expect(out.findings).toEqual([])
      expect(out.suppressed[0]!.reason).toMatch(/^checks\.secrets\.allow\[0\]/)
      expect(out.suppressed[0]!.source).toBe('config')
    }
    expect(scanContent('src/x.py', text, { allow: [{ path: 'test/**' }] }).findings).toHaveLength(1)
    expect(
      scanContent('test/x.py', text, { allow: [{ rule: 'jwt', path: 'test/**' }] }).findings
    ).toHaveLength(1)
  })

  it('reports example secrets at info by default and drops them with example-secrets: drop', () => {
    const text = 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n'
    expect(scanContent('a.ini', text, {}).findings).toMatchObject([
      { severity: 'info', properties: { example: true } }
    ])
    expect(scanContent('a.ini', text, { exampleSecrets: 'drop' }).findings).toEqual([])
  })

  it('turns generic and entropy off on noise paths (lockfiles) but keeps provider rules', () => {
    const text = `"x": { "integrity": "sha512-abc", "password": "Zq8#mP2vLw!x", "k": "${r.bytes(30).toString('base64')}", "t": "${ghp()}" }\n`
    const ids = (path: string) =>
      scanContent(path, text, {})
        .findings.map(f => f.ruleId)
        .sort()
    expect(ids('package-lock.json')).toEqual(['github-pat'])
    expect(ids('app/settings.json')).toEqual(['generic-credential-assignment', 'github-pat'])
    // noise-paths adds to the built-in list; skip-defaults: false drops the built-in one.
    expect(scanContent('app/settings.json', text, { noisePaths: ['app/**'] }).findings.length).toBe(
      1
    )
    expect(scanContent('package-lock.json', text, { skipDefaults: false }).findings.length).toBe(2)
  })

  it('skips vendored paths by default (visible, overridable) and binary content', () => {
    const text = `t = "${ghp()}"\n`
    expect(scanContent('node_modules/x/index.js', text, {}).findings).toEqual([])
    expect(scanContent('node_modules/x/index.js', text, { skipPaths: [] }).findings).toEqual([])
    expect(
      scanContent('node_modules/x/index.js', text, { skipDefaults: false }).findings
    ).toHaveLength(1)
    expect(
      scanContent('third_party/x.js', text, { skipPaths: ['third_party/**'] }).findings
    ).toEqual([])
    expect(scanContent('test/fixtures/x.js', text, {}).findings).toHaveLength(1)
    expect(scanContent('docs/README.md', text, {}).findings).toHaveLength(1)
    expect(
      scanContent('a.bin', Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(text)]), {}).findings
    ).toEqual([])
  })

  it('reads unquoted random values in .env files (any name), not elsewhere', () => {
    const value = r.bytes(30).toString('base64url')
    const text = `SESSION_SALT=${value}\nLOG_LEVEL=debug\nBUILD_ID=6f1c2a4e-8b3d-4f5a-9c7e-1d2b3a4c5e6f\n`
    expect(scanContent('deploy/.env.production', text, {}).findings).toMatchObject([
      { ruleId: 'high-entropy-string', location: { line: 1, column: 14 } }
    ])
    expect(scanContent('deploy/notes.txt', text, {}).findings).toEqual([])
  })

  it('reads multi-line private keys (encrypted or not) as one finding on the BEGIN line', () => {
    const body = r
      .bytes(600)
      .toString('base64')
      .match(/.{1,64}/g)!
      .join('\n')
    const plain = scanContent(
      'id_rsa',
      `\n-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n`,
      {}
    ).findings
    expect(plain).toMatchObject([
      { ruleId: 'private-key', severity: 'critical', location: { line: 2, endLine: 16 } }
    ])
    const enc = scanContent(
      'k.pem',
      `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${body}\n-----END ENCRYPTED PRIVATE KEY-----\n`,
      {}
    ).findings
    expect(enc).toMatchObject([
      { ruleId: 'private-key', severity: 'high', title: 'Encrypted private key (ENCRYPTED)' }
    ])
  })

  it('reads the credential entries of a Kubernetes Secret (not host or username) and .netrc / Docker config / .npmrc credentials', () => {
    const pw = Buffer.from('Qx8' + r.chars(ALNUM, 14)).toString('base64')
    const k8s = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  username: ${Buffer.from('admin-user').toString('base64')}\n  password: ${pw}\n---\nkind: ConfigMap\ndata:\n  password: ${pw}\n`
    const found = scanContent('k8s/secret.yaml', k8s, {}).findings
    expect(
      found.filter(f => f.ruleId === 'kubernetes-secret-data').map(f => [f.ruleId, f.location.line])
    ).toEqual([['kubernetes-secret-data', 8]])
    const auth = Buffer.from(`ci:${r.chars(ALNUM, 20)}`).toString('base64')
    expect(
      scanContent('.docker/config.json', `{"auths":{"ghcr.io":{"auth":"${auth}"}}}`, {})
        .findings[0]!.ruleId
    ).toBe('docker-config-auth')
    expect(
      scanContent(
        '.netrc',
        `machine git.corp.dev\n  login ci\n  password ${r.chars(ALNUM, 18)}\n`,
        {}
      ).findings[0]
    ).toMatchObject({ ruleId: 'netrc-password', location: { line: 3 } })
    expect(
      scanContent('.npmrc', `//npm.corp.dev/:_authToken=${r.bytes(24).toString('base64')}\n`, {})
        .findings[0]!.ruleId
    ).toBe('npmrc-auth-token')
  })

  it('finds generic assignments in many syntaxes and not in code expressions', () => {
    const pw = 'Zq8#mP2vLw!x9'
    const hits = [
      `password = "${pw}"`,
      `  "password": "${pw}",`,
      `db_password: ${pw}`,
      `<password>${pw}</password>`,
      `<add key="DbPassword" value="${pw}" />`,
      `DB_PASSWORD=${pw}`,
      `mysql --password=${pw} -h db`,
      `$password = '${pw}';`,
      `String password = "${pw}";`,
      `password := "${pw}"`,
      `settings["api_key"] = '${pw}'`,
      `conn.setPassword("${pw}")`,
      `ENV DB_PASSWORD ${pw}`,
      // A qualifier after the credential word does not change what the name holds.
      `db_password_3 = "${pw}"`,
      `API_TOKEN_PROD=${pw}`,
      `secretKeyV2: "${pw}"`
    ]
    for (const line of hits) {
      expect([line, scanContent('x.txt', line + '\n', {}).findings.map(f => f.ruleId)]).toEqual([
        line,
        ['generic-credential-assignment']
      ])
    }
    const misses = [
      'password = user.password',
      'token = getToken()',
      'x.pwd("abcdef1234")',
      'password: ""',
      'password: "Please enter your password"',
      'if (v.token == w.token) return',
      'type SemicolonToken = SemicolonToken$1;',
      '[![codecov](https://codecov.io/gh/acme/app/graph/badge.svg?token=lWZ9OBQ7GM)](https://codecov.io)'
    ]
    for (const line of misses)
      expect([line, scanContent('x.js', line + '\n', {}).findings]).toEqual([line, []])
    // Defaults and dictionary words are literals, but weak ones: low, never a leak alarm.
    expect(
      scanContent(
        'x.js',
        "const o = { auth: 'secret123', proxyAuth: 'user:password' }\n",
        {}
      ).findings.map(f => [f.ruleId, f.severity])
    ).toEqual([
      ['weak-default-credential', 'low'],
      ['weak-default-credential', 'low']
    ])
  })
})

describe('parseSecretsSettings', () => {
  it('reads every key', () => {
    expect(
      settingsFrom(
        'max-file-size: 2MiB\nexample-secrets: drop\ngeneric: false\nentropy: false\nskip-paths: [third_party/**]\nnoise-paths: []\nskip-os-files: false\ndisable: [jwt]\ninline-ignores: false\nallow:\n  - rule: jwt\n    path: "test/**"\n    reason: fixtures\n'
      )
    ).toEqual({
      maxFileSize: 2 * 1024 * 1024,
      exampleSecrets: 'drop',
      generic: false,
      entropy: false,
      skipPaths: ['third_party/**'],
      noisePaths: [],
      skipOsFiles: false,
      disable: ['jwt'],
      inlineIgnores: false,
      allow: [{ rule: 'jwt', path: 'test/**', reason: 'fixtures' }]
    })
    expect(settingsFrom('max-file-size: 4096\n').maxFileSize).toBe(4096)
  })

  it.each([
    ['max-file-size: lots\n', /:1: checks\.secrets\.max-file-size: expected a size/],
    ['example-secrets: warn\n', /example-secrets: "warn" is not allowed/],
    ['allow:\n  - reason: only\n', /:2: checks\.secrets\.allow\[0\]: an allow entry needs/],
    [
      'allow:\n  - regex: "(["\n',
      /:2: checks\.secrets\.allow\[0\]\.regex: not a valid regular expression/
    ],
    ['disable: [no-such-rule]\n', /disable\[0\]: unknown secrets rule "no-such-rule"/],
    [
      'disable: [github-pta]\n',
      /\.container-gate\.yml:1: checks\.secrets\.disable\[0\]: unknown secrets rule "github-pta"; did you mean "github-pat"\? \(every rule id is listed in docs\/secrets\.md#rules\)/
    ],
    [
      'allow:\n  - rule: jwtt\n',
      /:2: checks\.secrets\.allow\[0\]\.rule: unknown secrets rule "jwtt"; did you mean "jwt"\?/
    ],
    ['skip-defaults: maybe\n', /skip-defaults: expected true or false/],
    ['typo: 1\n', /checks\.secrets\.typo: unknown key/]
  ])('rejects %j with file:line:key', (yaml, message) => {
    expect(() => settingsFrom(yaml)).toThrow(message)
  })
})

describe("parseSecretsSettings with other tools' rule ids", () => {
  it('resolves a gitleaks or detect-secrets id, or a retired one, to the rules it stands for', () => {
    expect(settingsFrom('disable: [generic-api-key, slack-token]\n').disable).toEqual([
      'generic-credential-assignment',
      'slack-bot-token',
      'slack-user-token',
      'slack-legacy-token',
      'slack-legacy-workspace-token',
      'slack-config-access-token',
      'slack-config-refresh-token'
    ])
    expect(settingsFrom('allow:\n  - rule: KeywordDetector\n    path: "test/**"\n').allow).toEqual([
      { rule: 'generic-credential-assignment', path: 'test/**' }
    ])
  })

  it('reads skip-defaults and keeps skip-paths additive', () => {
    expect(settingsFrom('skip-defaults: false\nskip-paths: [x/**]\n')).toEqual({
      skipDefaults: false,
      skipPaths: ['x/**']
    })
  })
})

describe('precision on code seen in real repositories', () => {
  const found = (path: string, text: string) =>
    scanContent(path, text, {}).findings.map(f => `${f.ruleId}@${f.location.line}`)

  it('leaves computed strings, escapes, regexes, globs, paths and templates alone', () => {
    const text = [
      "const REFRESH_TOKEN = 'refresh-' + Math.random().toString(36).slice(2)",
      "const colours = { pass: '\\u001b[1;32m', fail: '\\x1b[31m' }",
      "const patterns = { secretAccessKey: '[A-Za-z0-9/+=]{40}', token: '\\\\bghp_\\\\w+' }",
      'credentials: `*_ACCESS_KEY_ID`',
      "const api_key_file = 'src/config/keys.ts'",
      "const password = '{S}'",
      "request('/v1/vulns/GHSA-p6mc-m468-83gw', [429, 503])",
      "env: ['DB_PASSWORD=s3cr3t-pw', 'KMS_KEY_ID=1234abcd-12ab']",
      "$password = 'Zq8#mP2vLw!x9' . $suffix;"
    ].join('\n')
    expect(found('app.ts', text)).toEqual([])
  })

  it('still finds the literal next to them', () => {
    const text = [
      "const password = 'Zq8#mP2vLw!x9'.",
      "env: ['API_TOKEN=Qm3Rt7Yp1Lk5Jh9Gf2Ds6AzXw4V']",
      "const token = 'Qm3Rt7Yp1Lk5Jh9Gf2Ds6AzXw4V'"
    ].join('\n')
    expect(found('app.ts', text)).toEqual([
      'generic-credential-assignment@1',
      'generic-credential-assignment@2',
      'generic-credential-assignment@3'
    ])
  })
})
