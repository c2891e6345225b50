// One table of name/value rows, each with the verdict it must get, run through
// BOTH checks: the secrets check on `name: "value"` in a YAML file, and the
// Dockerfile check (lintDockerfile) on `ENV name="value"`. The two share one
// vocabulary (src/secrets/vocabulary), so they must agree on every row: a
// credential is flagged by both (at whatever severity each gives it), a
// non-credential by neither.
import { describe, expect, it } from '@jest/globals'
import { lintDockerfile } from '../../src/dockerfile/index.js'
import { ALNUM, B64, HEX, Random } from '../helpers/secrets-corpus/formats.js'
import { scanContent } from '../helpers/secrets-scan.js'

const r = new Random(20261201)
const DIGEST = 'sha256:' + '0123456789abcdef'.repeat(4)
const FROM = `FROM alpine:3.20@${DIGEST}`

type Verdict = 'flagged' | 'none'
type Row = [name: string, value: string, verdict: Verdict, why: string]

const CREDENTIAL_NAMES = [
  'DB_PASSWORD',
  'dbPassword',
  'db.password',
  'MYSQL_ROOT_PASSWORD',
  'PGPASSWORD',
  'API_KEY',
  'apiKey',
  'api-key',
  'OPENAI_API_KEY',
  'SECRET',
  'CLIENT_SECRET',
  'clientSecret',
  'AUTH_TOKEN',
  'accessToken',
  'GITHUB_PAT',
  'GITLAB_PAT',
  'signingKey',
  'PRIVATE_KEY',
  'ENCRYPTION_KEY',
  'SECRET_KEY_BASE',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'VAULT_SECRET_ID',
  'DEPLOY_PSW',
  'SMTP_PASS',
  'REDIS_PWD',
  'admin_pw',
  'API_TOKEN_PROD',
  'DB_PASSWORD_2',
  'SECRET_KEY_V2',
  'credentials',
  'NPM_AUTH_TOKEN',
  'FERNET_KEY',
  'WEBHOOK_SECRET',
  'contraseña'
]

const NOT_CREDENTIAL_NAMES = [
  'PASSWORD_MIN_LENGTH',
  'PASSWORD_FILE',
  'TOKEN_URL',
  'TOKEN_TTL',
  'SECRET_NAME',
  'KMS_KEY_ID',
  'KMS_KEY_ALIAS',
  'GPG_KEY',
  'SORT_KEY',
  'PUBLIC_KEY',
  'NEXT_PUBLIC_API_KEY',
  'CLIENT_ID',
  'AUTH_MODE',
  'HASHED_SECRET',
  'ENCRYPTED_PASSWORD',
  'CSRF_TOKEN',
  'DUMMY_SECRET',
  'LOG_LEVEL',
  'GREETING',
  'PWD',
  'KEY_ALGORITHM',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'CONFIG_FROM_SECRET'
]

/** Values with the shape of a generated credential. */
const generated = (): string[] => [
  r.chars(ALNUM, 24),
  r.chars(ALNUM + '!#%^*-_+=~.', 18),
  r.chars(HEX, 40),
  r.chars(B64, 32),
  'Tq7!vRm2#Lp9xWz',
  'J5brHrAXFLQSif0K'
]

/** Literals, but defaults, dictionary words or made-up values: weak, still flagged. */
const WEAK = [
  'changeme',
  'password',
  'postgres',
  'admin',
  'hunter2',
  'foobar123',
  'Summer2024!',
  'my-secret-pw',
  's3cr3t',
  'rootpass123',
  'new-password-duck',
  'abc123def456',
  'value with quotes and spaces',
  'Pass123$',
  'Benutzerpasswort',
  'secret'
]

/** Not a hardcoded credential: templates, references, code, placeholders, shapes, hashes, text. */
const NOT_A_VALUE = [
  '',
  '${DB_PASSWORD}',
  '$DB_PASSWORD',
  '${DB_PASSWORD:-}',
  '{{ .Values.password }}',
  '${{ secrets.DB_PASSWORD }}',
  '%DB_PASSWORD%',
  '<your-token>',
  'your_token_here',
  'REPLACE_ME',
  'xxxxxxxxxxxxxxxx',
  '********',
  'true',
  'false',
  'none',
  '8',
  '5432',
  '/run/secrets/db_password',
  './secrets/key.pem',
  'https://vault.internal.test/v1/secret/db',
  'db_password',
  'DB_PASSWORD',
  'user_password',
  'settings.DATABASE_PASSWORD',
  'os.environ["DB_PASSWORD"]',
  'process.env.DB_PASSWORD',
  'random_password.db.result',
  'pbkdf2_sha256$260000$c2FsdA$aGFzaA',
  '$2b$12$KIXQJPp7hD1n0pQ9yYkz7uG8Cw9jCqJkqZC8d6jX4s3b2a1Z0y9W.',
  'md5$salt$0123456789abcdef0123456789abcdef',
  'sha256:0123456789abcdef0123456789abcdef',
  'EJ[1:c2FsdA==:bm9uY2U=:Y2lwaGVy]',
  'ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]',
  'Contraseña',
  'Please enter your password',
  'Access-Control-Allow-Credentials',
  'X-Api-Key',
  'mfa.setup.code',
  'somefakekey',
  'example-password',
  'not-a-secret'
]

/** Provider-format tokens are credentials under ANY name. */
const crc32 = (data: Buffer): number => {
  let crc = 0xffffffff
  for (const byte of data) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}
const base62 = (n: number): string => {
  const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
  let out = ''
  while (n > 0) {
    out = digits[n % 62] + out
    n = Math.floor(n / 62)
  }
  return out.padStart(6, '0')
}
const checksummed = (prefix: string): string => {
  const body = r.chars(ALNUM, 30)
  return `${prefix}_${body}${base62(crc32(Buffer.from(body)))}`
}
const PROVIDER_TOKENS = (): string[] => [
  checksummed('ghp'),
  checksummed('npm'),
  `glpat-${r.chars(ALNUM, 20)}`,
  `sk_live_${r.chars(ALNUM, 32)}`,
  `xoxb-${r.chars('0123456789', 12)}-${r.chars('0123456789', 13)}-${r.chars(ALNUM, 24)}`,
  `AKIA${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
  `SG.${r.chars(ALNUM, 22)}.${r.chars(ALNUM, 43)}`,
  `postgres://app:${r.chars(ALNUM, 20)}@db.internal.test:5432/app`
]

function rows(): Row[] {
  const out: Row[] = []
  for (const name of CREDENTIAL_NAMES) {
    for (const value of generated())
      out.push([name, value, 'flagged', 'credential name, generated value'])
    for (const value of WEAK.slice(0, 6))
      out.push([name, value, 'flagged', 'credential name, weak literal'])
  }
  for (const value of WEAK) out.push(['DB_PASSWORD', value, 'flagged', 'weak literal'])
  for (const name of ['DB_PASSWORD', 'apiKey', 'CLIENT_SECRET'])
    for (const value of NOT_A_VALUE) out.push([name, value, 'none', 'not a hardcoded value'])
  for (const name of NOT_CREDENTIAL_NAMES)
    for (const value of ['abc123', 'hunter2', 'Zq8#mP2vLw!x', 'production', '/run/secrets/x'])
      out.push([name, value, 'none', 'the name does not hold a credential'])
  for (const name of ['GREETING', 'DB_PASSWORD', 'LOG_LEVEL', 'PASSWORD_FILE'])
    for (const token of PROVIDER_TOKENS())
      out.push([name, token, 'flagged', 'provider format, any name'])
  for (const name of ['GREETING', 'BUILD_BLOB'])
    out.push([name, r.bytes(30).toString('base64'), 'flagged', 'random-looking, any name'])
  out.push([
    'AWS_ACCESS_KEY_ID',
    'AKIAIOSFODNN7EXAMPLE',
    'flagged',
    'documented example: info / by name'
  ])
  out.push([
    'password_super_secure',
    r.chars(ALNUM, 20),
    'flagged',
    'qualified name, generated value'
  ])
  out.push(['password_super_secure', 'hunter2', 'none', 'qualified name, weak value'])
  return out
}

const TABLE = rows()

function secretsVerdict(name: string, value: string): Verdict {
  const findings = scanContent('config/app.yaml', `${name}: "${value}"\n`).findings
  return findings.length > 0 ? 'flagged' : 'none'
}

function dockerfileVerdict(name: string, value: string): Verdict {
  const text = `${FROM}\nENV ${name}="${value}"\nUSER 1\n`
  const findings = lintDockerfile('Dockerfile', text, {}).findings
  return findings.some(f => f.ruleId === 'secret-in-env') ? 'flagged' : 'none'
}

describe('one vocabulary, two checks', () => {
  it('has a few hundred rows of every kind', () => {
    expect(TABLE.length).toBeGreaterThan(300)
    expect(new Set(TABLE.map(row => row[3])).size).toBeGreaterThanOrEqual(8)
  })

  it('gives each row its expected verdict in the secrets check and in the Dockerfile check', () => {
    const wrong: string[] = []
    for (const [name, value, expected, why] of TABLE) {
      const secrets = secretsVerdict(name, value)
      const dockerfile = dockerfileVerdict(name, value)
      if (secrets !== expected || dockerfile !== expected)
        wrong.push(
          `${name}=${JSON.stringify(value)} (${why}): expected ${expected}, secrets ${secrets}, dockerfile ${dockerfile}`
        )
    }
    expect(wrong).toEqual([])
  })
})
