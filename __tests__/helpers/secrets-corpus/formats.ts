// Credential formats written from the providers' published formats (prefix,
// alphabet, length, checksum, structure) — deliberately NOT from the engine's
// regexes: nothing here imports src/secrets rules, so a rule that drifts from
// the real format loses recall on the corpus instead of agreeing with itself.

/** Deterministic PRNG (mulberry32) so the corpus is the same on every run. */
export class Random {
  private state: number
  constructor(seed: number) {
    this.state = seed >>> 0
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!
  }
  chars(alphabet: string, n: number): string {
    let out = ''
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.next() * alphabet.length)]
    return out
  }
  bytes(n: number): Buffer {
    const out = Buffer.alloc(n)
    for (let i = 0; i < n; i++) out[i] = Math.floor(this.next() * 256)
    return out
  }
}

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
export const LOWER = 'abcdefghijklmnopqrstuvwxyz'
export const DIGITS = '0123456789'
export const ALNUM = UPPER + LOWER + DIGITS
export const HEX = '0123456789abcdef'
export const B64 = ALNUM + '+/'
export const B64URL = ALNUM + '-_'
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'

function crc32(data: Buffer): number {
  let crc = 0xffffffff
  for (const byte of data) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

function toBase62(n: number): string {
  const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
  let out = ''
  do {
    out = digits[n % 62] + out
    n = Math.floor(n / 62)
  } while (n > 0)
  return out.padStart(6, '0')
}

/** GitHub/npm 2021 format: prefix + 30 base62 + base62(CRC32(random part)) in 6 chars. */
function checksummedToken(r: Random, prefix: string): string {
  const body = r.chars(ALNUM, 30)
  return prefix + body + toBase62(crc32(Buffer.from(body)))
}

const b64url = (buf: Buffer): string => buf.toString('base64url')
const b64 = (buf: Buffer): string => buf.toString('base64')
const uuid = (r: Random): string =>
  `${r.chars(HEX, 8)}-${r.chars(HEX, 4)}-4${r.chars(HEX, 3)}-${r.pick(['8', '9', 'a', 'b'])}${r.chars(HEX, 3)}-${r.chars(HEX, 12)}`

/** A random password as people write them: letters, digits, symbols. */
export function password(r: Random): string {
  const n = r.int(10, 24)
  let out = r.chars(UPPER, 1) + r.chars(LOWER, 2) + r.chars(DIGITS, 1)
  out += r.chars(ALNUM + '!#%^*-_+=~.', n - 4)
  return out
}

function pemBody(r: Random, bytes: number, prefix = ''): string {
  const text = prefix + b64(r.bytes(bytes))
  return text.match(/.{1,64}/g)!.join('\n')
}

export interface Format {
  /** What it is (the label's `kind`). */
  kind: string
  /** The secret (or the whole block for multi-line ones). */
  make(r: Random): string
  /** How it appears in a file: a line (or lines) containing `{S}`; the name a program would give it. */
  contexts: string[]
  /** Multi-line material: planted as-is, label on its first line (or the line with `marker`). */
  block?: boolean
  marker?: string
}

const ctx = (name: string): string[] => [
  `${name} = "{S}"`,
  `export ${name}={S}`,
  `  ${name.toLowerCase()}: {S}`,
  `"${name.toLowerCase()}": "{S}",`,
  `const ${camel(name)} = '{S}'`,
  `${name}={S}`,
  `config.set("${name.toLowerCase()}", "{S}")`
]
const bare = (name: string): string[] => [
  ...ctx(name),
  `curl -H "Authorization: Bearer {S}" https://api.example.net/v1`,
  `value: {S}`,
  `x = "{S}"  # copied from the dashboard`
]
function camel(name: string): string {
  return name.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
}

export const FORMATS: Format[] = [
  {
    kind: 'aws-access-key-id',
    make: r => r.pick(['AKIA', 'ASIA']) + r.chars(BASE32, 16),
    contexts: bare('AWS_ACCESS_KEY_ID')
  },
  {
    kind: 'aws-secret-access-key',
    make: r => r.chars(B64, 40),
    contexts: ctx('AWS_SECRET_ACCESS_KEY')
  },
  {
    kind: 'aws-session-token',
    make: r => 'IQoJb3JpZ2luX2VjE' + b64(r.bytes(r.int(280, 500))).replace(/=+$/, ''),
    contexts: ['aws_session_token = {S}', 'AWS_SESSION_TOKEN={S}', '"SessionToken": "{S}",']
  },
  {
    kind: 'gcp-api-key',
    make: r => 'AIza' + r.chars(B64URL, 35),
    contexts: bare('GOOGLE_API_KEY')
  },
  {
    kind: 'gcp-service-account-key',
    make: r =>
      `{\n  "type": "service_account",\n  "project_id": "proj-${r.chars(LOWER, 6)}",\n  "private_key_id": "${r.chars(HEX, 40)}",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n${pemBody(r, 1190, '').replace(/\n/g, '\\n')}\\n-----END PRIVATE KEY-----\\n",\n  "client_email": "svc@proj.iam.gserviceaccount.com"\n}`,
    contexts: ['{S}'],
    block: true,
    marker: '"private_key"'
  },
  {
    kind: 'gcp-oauth-client-secret',
    make: r => 'GOCSPX-' + r.chars(B64URL, 28),
    contexts: bare('GOOGLE_CLIENT_SECRET')
  },
  {
    kind: 'azure-storage-connection-string',
    make: r =>
      `DefaultEndpointsProtocol=https;AccountName=st${r.chars(LOWER + DIGITS, 10)};AccountKey=${b64(r.bytes(64))};EndpointSuffix=core.windows.net`,
    contexts: [
      'AZURE_STORAGE_CONNECTION_STRING="{S}"',
      '"ConnectionStrings": { "Storage": "{S}" },',
      'conn = "{S}"'
    ]
  },
  {
    kind: 'azure-sas-token',
    make: r =>
      `https://st${r.chars(LOWER, 8)}.blob.core.windows.net/c/f.txt?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2027-01-0${r.int(1, 9)}T00:00:00Z&st=2026-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(b64(r.bytes(32)))}`,
    contexts: ['url = "{S}"', 'SAS_URL={S}', '  blob: {S}']
  },
  {
    kind: 'azure-client-secret',
    make: r => r.chars(ALNUM, 3) + r.chars(DIGITS, 1) + 'Q~' + r.chars(ALNUM + '_~.-', 34),
    contexts: bare('AZURE_CLIENT_SECRET')
  },
  ...['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'].map((prefix): Format => ({
    kind: `github-${prefix.slice(0, 3)}`,
    make: r => checksummedToken(r, prefix),
    contexts: bare('GITHUB_TOKEN')
  })),
  {
    kind: 'github-fine-grained-pat',
    make: r => `github_pat_${r.chars(ALNUM, 22)}_${r.chars(ALNUM, 59)}`,
    contexts: bare('GH_PAT')
  },
  { kind: 'gitlab-pat', make: r => 'glpat-' + r.chars(B64URL, 20), contexts: bare('GITLAB_TOKEN') },
  {
    kind: 'gitlab-runner-token',
    make: r => 'glrt-' + r.chars(B64URL, 20),
    contexts: bare('RUNNER_TOKEN')
  },
  {
    kind: 'gitlab-deploy-token',
    make: r => 'gldt-' + r.chars(B64URL, 20),
    contexts: bare('DEPLOY_TOKEN')
  },
  {
    kind: 'bitbucket-app-password',
    make: r => 'ATBB' + r.chars(ALNUM, 32) + r.chars('0123456789ABCDEF', 8),
    contexts: bare('BITBUCKET_APP_PASSWORD')
  },
  {
    kind: 'atlassian-api-token',
    make: r => 'ATATT3xFfGF0' + r.chars(B64URL, 171) + '=' + r.chars('0123456789ABCDEF', 8),
    contexts: bare('JIRA_API_TOKEN')
  },
  {
    kind: 'slack-bot-token',
    make: r =>
      `xoxb-${r.chars(DIGITS, r.int(10, 13))}-${r.chars(DIGITS, r.int(10, 13))}-${r.chars(ALNUM, 24)}`,
    contexts: bare('SLACK_BOT_TOKEN')
  },
  {
    kind: 'slack-user-token',
    make: r =>
      `xoxp-${r.chars(DIGITS, 12)}-${r.chars(DIGITS, 12)}-${r.chars(DIGITS, 13)}-${r.chars(HEX, 32)}`,
    contexts: bare('SLACK_USER_TOKEN')
  },
  {
    kind: 'slack-webhook',
    make: r =>
      `https://hooks.slack.com/services/T${r.chars(UPPER + DIGITS, 8)}/B${r.chars(UPPER + DIGITS, 10)}/${r.chars(ALNUM, 24)}`,
    contexts: ['SLACK_WEBHOOK_URL={S}', 'webhook: "{S}"', 'requests.post("{S}", json=payload)']
  },
  {
    kind: 'discord-bot-token',
    make: r =>
      `${b64url(Buffer.from(r.chars(DIGITS.slice(1), 1) + r.chars(DIGITS, 17)))}.${r.chars(B64URL, 6)}.${r.chars(B64URL, 38)}`,
    contexts: bare('DISCORD_TOKEN')
  },
  {
    kind: 'discord-webhook',
    make: r => `https://discord.com/api/webhooks/${r.chars(DIGITS, 19)}/${r.chars(B64URL, 68)}`,
    contexts: ['DISCORD_WEBHOOK={S}', 'hook = "{S}"']
  },
  {
    kind: 'telegram-bot-token',
    make: r => `${r.chars(DIGITS.slice(1), 1)}${r.chars(DIGITS, 9)}:AA${r.chars(B64URL, 33)}`,
    contexts: bare('TELEGRAM_BOT_TOKEN')
  },
  {
    kind: 'stripe-live-key',
    make: r => r.pick(['sk_live_', 'rk_live_']) + r.chars(ALNUM, r.int(24, 99)),
    contexts: bare('STRIPE_SECRET_KEY')
  },
  {
    kind: 'stripe-test-key',
    make: r => 'sk_test_' + r.chars(ALNUM, r.int(24, 99)),
    contexts: bare('STRIPE_KEY')
  },
  {
    kind: 'stripe-webhook-secret',
    make: r => 'whsec_' + r.chars(ALNUM, 32),
    contexts: bare('STRIPE_WEBHOOK_SECRET')
  },
  {
    kind: 'square-access-token',
    make: r => r.pick(['sq0atp-' + r.chars(B64URL, 22), 'EAAA' + r.chars(B64URL, 60)]),
    contexts: bare('SQUARE_ACCESS_TOKEN')
  },
  {
    kind: 'square-oauth-secret',
    make: r => 'sq0csp-' + r.chars(B64URL, 43),
    contexts: bare('SQUARE_APP_SECRET')
  },
  {
    kind: 'braintree-access-token',
    make: r => `access_token$production$${r.chars(LOWER + DIGITS, 16)}$${r.chars(HEX, 32)}`,
    contexts: ['BRAINTREE_TOKEN={S}', 'gateway = braintree.BraintreeGateway(access_token="{S}")']
  },
  {
    kind: 'twilio-auth-token',
    make: r => r.chars(HEX, 32),
    contexts: ['TWILIO_AUTH_TOKEN={S}', 'twilio_auth_token = "{S}"']
  },
  {
    kind: 'sendgrid-api-key',
    make: r => `SG.${r.chars(B64URL, 22)}.${r.chars(B64URL, 43)}`,
    contexts: bare('SENDGRID_API_KEY')
  },
  {
    kind: 'mailgun-api-key',
    make: r => 'key-' + r.chars(HEX, 32),
    contexts: bare('MAILGUN_API_KEY')
  },
  {
    kind: 'mailchimp-api-key',
    make: r => `${r.chars(HEX, 32)}-us${r.int(1, 21)}`,
    contexts: bare('MAILCHIMP_KEY')
  },
  { kind: 'npm-token', make: r => checksummedToken(r, 'npm_'), contexts: bare('NPM_TOKEN') },
  {
    kind: 'npmrc-auth',
    make: r => r.pick([uuid(r), b64(r.bytes(24))]),
    contexts: ['//registry.npmjs.org/:_authToken={S}', '//npm.pkg.example.dev/:_authToken="{S}"']
  },
  {
    kind: 'pypi-token',
    make: r => 'pypi-AgEIcHlwaS5vcmc' + b64url(r.bytes(r.int(60, 150))),
    contexts: [...bare('PYPI_TOKEN'), 'password = {S}']
  },
  {
    kind: 'rubygems-key',
    make: r => 'rubygems_' + r.chars(HEX, 48),
    contexts: bare('GEM_HOST_API_KEY')
  },
  {
    kind: 'nuget-key',
    make: r => 'oy2' + r.chars(LOWER + DIGITS, 43),
    contexts: bare('NUGET_API_KEY')
  },
  {
    kind: 'dockerhub-pat',
    make: r => 'dckr_pat_' + r.chars(B64URL, 27),
    contexts: bare('DOCKERHUB_TOKEN')
  },
  {
    kind: 'docker-config-auth',
    make: r => b64(Buffer.from(`${r.chars(LOWER, 8)}:${password(r)}`)),
    contexts: ['{ "auths": { "registry.example.io": { "auth": "{S}" } } }', '        "auth": "{S}"']
  },
  {
    kind: 'heroku-key',
    make: r => 'HRKU-AA' + r.chars(B64URL, 58),
    contexts: bare('HEROKU_API_KEY')
  },
  {
    kind: 'digitalocean-token',
    make: r => r.pick(['dop_v1_', 'doo_v1_']) + r.chars(HEX, 64),
    contexts: bare('DIGITALOCEAN_TOKEN')
  },
  {
    kind: 'cloudflare-token',
    make: r => r.chars(B64URL, 40),
    contexts: ['CLOUDFLARE_API_TOKEN={S}', 'cloudflare_api_token = "{S}"', 'CF_API_TOKEN: {S}']
  },
  {
    kind: 'datadog-key',
    make: r => r.chars(HEX, 32),
    contexts: ['DD_API_KEY={S}', 'datadog_api_key: "{S}"']
  },
  {
    kind: 'newrelic-key',
    make: r => 'NRAK-' + r.chars(UPPER + DIGITS, 27),
    contexts: bare('NEW_RELIC_API_KEY')
  },
  {
    kind: 'sentry-user-token',
    make: r => 'sntryu_' + r.chars(HEX, 64),
    contexts: bare('SENTRY_AUTH_TOKEN')
  },
  {
    kind: 'shopify-token',
    make: r => r.pick(['shpat_', 'shpss_']) + r.chars(HEX, 32),
    contexts: bare('SHOPIFY_ACCESS_TOKEN')
  },
  {
    kind: 'linear-key',
    make: r => 'lin_api_' + r.chars(ALNUM, 40),
    contexts: bare('LINEAR_API_KEY')
  },
  {
    kind: 'notion-token',
    make: r => 'ntn_' + r.chars(DIGITS, 11) + r.chars(ALNUM, 35),
    contexts: bare('NOTION_TOKEN')
  },
  {
    kind: 'openai-key',
    make: r => `sk-proj-${r.chars(B64URL, 74)}T3BlbkFJ${r.chars(B64URL, 74)}`,
    contexts: bare('OPENAI_API_KEY')
  },
  {
    kind: 'anthropic-key',
    make: r => `sk-ant-api03-${r.chars(B64URL, 93)}AA`,
    contexts: bare('ANTHROPIC_API_KEY')
  },
  {
    kind: 'huggingface-token',
    make: r => 'hf_' + r.chars(UPPER + LOWER, 34),
    contexts: bare('HF_TOKEN')
  },
  {
    kind: 'databricks-token',
    make: r => 'dapi' + r.chars(HEX, 32),
    contexts: bare('DATABRICKS_TOKEN')
  },
  { kind: 'vault-token', make: r => 'hvs.' + r.chars(B64URL, 91), contexts: bare('VAULT_TOKEN') },
  {
    kind: 'terraform-token',
    make: r => `${r.chars(ALNUM, 14)}.atlasv1.${r.chars(ALNUM, 67)}`,
    contexts: bare('TFE_TOKEN')
  },
  {
    kind: 'doppler-token',
    make: r => 'dp.st.' + r.chars(ALNUM, 43),
    contexts: bare('DOPPLER_TOKEN')
  },
  {
    kind: 'pulumi-token',
    make: r => 'pul-' + r.chars(HEX, 40),
    contexts: bare('PULUMI_ACCESS_TOKEN')
  },
  {
    kind: 'age-key',
    make: r => 'AGE-SECRET-KEY-1' + r.chars(BECH32, 58).toUpperCase(),
    contexts: ['{S}', '# key: {S}']
  },
  ...(['RSA ', 'EC ', 'DSA ', 'OPENSSH ', '', 'ENCRYPTED '] as const).map((type): Format => ({
    kind: `private-key-${type.trim().toLowerCase() || 'pkcs8'}`,
    make: r =>
      `-----BEGIN ${type}PRIVATE KEY-----\n${pemBody(r, r.int(100, 1200))}\n-----END ${type}PRIVATE KEY-----`,
    contexts: ['{S}'],
    block: true
  })),
  {
    kind: 'private-key-pgp',
    make: r =>
      `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${pemBody(r, 900, 'lQdGBF')}\n=${r.chars(B64, 4)}\n-----END PGP PRIVATE KEY BLOCK-----`,
    contexts: ['{S}'],
    block: true
  },
  {
    kind: 'private-key-rsa-encrypted-legacy',
    make: r =>
      `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${r.chars('0123456789ABCDEF', 32)}\n\n${pemBody(r, 1190)}\n-----END RSA PRIVATE KEY-----`,
    contexts: ['{S}'],
    block: true
  },
  {
    kind: 'jwt',
    make: r => {
      const header = b64url(
        Buffer.from(JSON.stringify({ alg: r.pick(['HS256', 'RS256', 'ES256']), typ: 'JWT' }))
      )
      const payload = b64url(
        Buffer.from(
          JSON.stringify({
            sub: r.chars(DIGITS, 8),
            name: r.chars(LOWER, 6),
            iat: 1700000000 + r.int(0, 9999999)
          })
        )
      )
      return `${header}.${payload}.${b64url(r.bytes(32))}`
    },
    contexts: bare('AUTH_JWT')
  },
  {
    kind: 'database-url',
    make: r => {
      const scheme = r.pick([
        'postgres',
        'postgresql',
        'mysql',
        'mongodb+srv',
        'redis',
        'amqp',
        'mssql'
      ])
      const user = scheme === 'redis' && r.next() < 0.5 ? '' : r.chars(LOWER, 6)
      return `${scheme}://${user}:${encodeURIComponent(password(r))}@db-${r.chars(LOWER, 5)}.internal:${r.int(1000, 9999)}/app`
    },
    contexts: [
      'DATABASE_URL={S}',
      'url: "{S}"',
      'engine = create_engine("{S}")',
      'spring.datasource.url={S}'
    ]
  },
  {
    kind: 'url-basic-auth',
    make: r =>
      `https://${r.chars(LOWER, 7)}:${encodeURIComponent(password(r))}@git.${r.chars(LOWER, 6)}.dev/repo.git`,
    contexts: ['git clone {S}', 'REPO_URL={S}', 'remote = "{S}"']
  },
  {
    kind: 'netrc',
    make: r => password(r),
    contexts: [
      'machine api.example.dev login deploy password {S}',
      'machine git.corp.dev\n  login ci\n  password {S}'
    ]
  },
  { kind: 'generic-password', make: password, contexts: [] },
  { kind: 'generic-secret', make: r => r.chars(ALNUM, r.int(16, 40)), contexts: [] },
  { kind: 'high-entropy', make: r => b64(r.bytes(r.int(24, 48))).replace(/=+$/, ''), contexts: [] }
]

/** Credential-like names and the syntaxes the generic detector must read. */
export const GENERIC_NAMES = [
  'password',
  'DB_PASSWORD',
  'dbPassword',
  'MYSQL_ROOT_PASSWORD',
  'PGPASSWORD',
  'api_key',
  'apiKey',
  'API_SECRET',
  'client_secret',
  'clientSecret',
  'auth_token',
  'accessToken',
  'SECRET_KEY',
  'private_key',
  'signing_key',
  'passphrase',
  'REDIS_PASS',
  'smtp_pass',
  'credentials',
  'jwt_secret'
]

export const GENERIC_SYNTAXES: { ext: string; line: string }[] = [
  { ext: 'js', line: `const {N} = "{S}"` },
  { ext: 'ts', line: `  {N}: '{S}',` },
  { ext: 'py', line: `{N} = "{S}"` },
  { ext: 'py', line: `settings["{N}"] = '{S}'` },
  { ext: 'go', line: `\t{N} := "{S}"` },
  { ext: 'java', line: `    private static final String {N} = "{S}";` },
  { ext: 'rb', line: `  {N}: "{S}",` },
  { ext: 'php', line: `    '{N}' => '{S}',` },
  { ext: 'cs', line: `        public string {N} = "{S}";` },
  { ext: 'sh', line: `export {N}="{S}"` },
  { ext: 'sh', line: `mysql --{N}={S} -h db` },
  { ext: 'yaml', line: `  {N}: {S}` },
  { ext: 'yaml', line: `  {N}: "{S}"` },
  { ext: 'json', line: `  "{N}": "{S}",` },
  { ext: 'toml', line: `{N} = "{S}"` },
  { ext: 'ini', line: `{N} = {S}` },
  { ext: 'properties', line: `app.{N}={S}` },
  { ext: 'xml', line: `  <{N}>{S}</{N}>` },
  { ext: 'xml', line: `  <add key="{N}" value="{S}" />` },
  { ext: 'env', line: `{N}={S}` },
  { ext: 'Dockerfile', line: `ENV {N}={S}` }
]
