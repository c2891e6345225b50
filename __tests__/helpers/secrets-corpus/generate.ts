// The labelled corpus: seeded, deterministic files with planted secrets of
// every kind and hard negatives of every kind, plus the labels. Secrets come
// from formats.ts (written from the providers' formats, not from the rules).
import {
  ALNUM,
  B64,
  DIGITS,
  FORMATS,
  GENERIC_NAMES,
  GENERIC_SYNTAXES,
  HEX,
  LOWER,
  password,
  Random,
  UPPER
} from './formats.js'

export interface CorpusFile {
  path: string
  content: string
}

export interface Label {
  path: string
  /** 1-based line of the secret (first line of a multi-line block). */
  line: number
  kind: string
  /** true: a real secret that must be reported; false: a hard negative that must not be (above info). */
  positive: boolean
  /**
   * A default or dictionary password (`changeme`, `postgres:password@localhost`): a literal, so a
   * low `weak-default-credential` there is right, and anything more severe a false alarm.
   */
  weak?: boolean
}

export interface Corpus {
  files: CorpusFile[]
  labels: Label[]
}

const FILLER = [
  'import { readFile } from "node:fs/promises"',
  'def handler(event, context):',
  '    return {"statusCode": 200, "body": json.dumps(result)}',
  'for (const item of items) total += item.price * item.quantity',
  'logger.info("request finished in %d ms", elapsed)',
  '# Configuration for the staging environment',
  'server:',
  '  port: 8080',
  'func main() { http.ListenAndServe(":8080", nil) }',
  '<div class="container">{children}</div>',
  'SELECT id, name FROM users WHERE created_at > NOW() - INTERVAL 1 DAY;',
  'if err != nil { return fmt.Errorf("open: %w", err) }',
  'public void setUp() throws Exception { super.setUp(); }',
  '  timeout_seconds: 30',
  '  retries: 3',
  'The service reads its settings from the environment at start-up.',
  'RUN apt-get update && apt-get install -y --no-install-recommends curl',
  'const router = express.Router()',
  '  "version": "1.4.2",',
  '  "name": "billing-service",',
  ''
]

const HARD_NEGATIVES: { kind: string; ext?: string; path?: string; make: (r: Random) => string }[] =
  [
    { kind: 'uuid', make: r => `"id": "${uuidOf(r)}",` },
    { kind: 'uuid', make: r => `request_id = '${uuidOf(r)}'` },
    { kind: 'uuid-session-id', make: r => `session_id: "${uuidOf(r)}"` },
    { kind: 'git-sha', make: r => `"commit": "${r.chars(HEX, 40)}",` },
    { kind: 'git-sha', make: r => `  rev = "${r.chars(HEX, 40)}"` },
    { kind: 'git-sha', make: r => `uses: actions/checkout@${r.chars(HEX, 40)} # v4` },
    { kind: 'md5-quoted', make: r => `  "${r.chars(HEX, 32)}",` },
    { kind: 'sha256-quoted', make: r => `expected = "${r.chars(HEX, 64)}"` },
    {
      kind: 'integrity',
      path: 'package-lock.json',
      make: r => `      "integrity": "sha512-${b64(r, 64)}",`
    },
    { kind: 'integrity', make: r => `  "integrity": "sha512-${b64(r, 64)}"` },
    {
      kind: 'integrity-script',
      ext: 'html',
      make: r =>
        `<script src="/app.js" integrity="sha384-${b64(r, 48)}" crossorigin="anonymous"></script>`
    },
    {
      kind: 'go-sum',
      path: 'go.sum',
      make: r =>
        `github.com/${r.chars(LOWER, 6)}/${r.chars(LOWER, 5)} v1.${r.int(0, 9)}.0 h1:${b64(r, 32)}`
    },
    {
      kind: 'yarn-lock',
      path: 'yarn.lock',
      make: r =>
        `  resolved "https://registry.yarnpkg.com/${r.chars(LOWER, 6)}/-/${r.chars(LOWER, 6)}-1.0.0.tgz#${r.chars(HEX, 40)}"`
    },
    { kind: 'yarn-lock', path: 'yarn.lock', make: r => `  integrity sha512-${b64(r, 64)}` },
    { kind: 'cargo-lock', path: 'Cargo.lock', make: r => `checksum = "${r.chars(HEX, 64)}"` },
    {
      kind: 'poetry-lock',
      path: 'poetry.lock',
      make: r =>
        `    {file = "${r.chars(LOWER, 6)}-1.0-py3-none-any.whl", hash = "sha256:${r.chars(HEX, 64)}"},`
    },
    {
      kind: 'data-uri',
      ext: 'css',
      make: r => `.logo { background: url("data:image/png;base64,${b64(r, 120)}"); }`
    },
    {
      kind: 'data-uri',
      ext: 'html',
      make: r => `<img src="data:image/gif;base64,${b64(r, 60)}" alt="">`
    },
    {
      kind: 'source-map',
      path: 'app.js.map',
      make: r =>
        `{"version":3,"sources":["src/app.ts"],"names":["a","b"],"mappings":"${mappings(r)}","file":"app.js"}`
    },
    { kind: 'minified', path: 'vendor.bundle.js', make: r => minified(r) },
    {
      kind: 'svg-asset',
      path: 'icon.svg',
      make: r =>
        `<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/png;base64,${b64(r, 90)}"/></svg>`
    },
    {
      kind: 'ssh-public-key',
      make: r => `ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ${b64(r, 256)} deploy@build`
    },
    {
      kind: 'ssh-public-key',
      make: r =>
        `  authorized_key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${b64(r, 32).slice(0, 43)} ops@bastion"`
    },
    {
      kind: 'ssh-public-key-quoted-body',
      make: r => `key_body = "AAAAB3NzaC1yc2EAAAADAQABAAABAQ${b64(r, 60)}"`
    },
    {
      kind: 'public-key-pem',
      make: r => `-----BEGIN PUBLIC KEY-----\n${pem(r, 294)}\n-----END PUBLIC KEY-----`
    },
    {
      kind: 'certificate-pem',
      make: r => `-----BEGIN CERTIFICATE-----\n${pem(r, 700)}\n-----END CERTIFICATE-----`
    },
    { kind: 'weak-default', make: () => `password = "changeme"` },
    { kind: 'placeholder', make: () => `api_key: <YOUR_API_KEY>` },
    { kind: 'placeholder', make: () => `token = "\${TOKEN}"` },
    { kind: 'placeholder', make: () => `  secret: "{{ .Values.auth.secret }}"` },
    { kind: 'placeholder', make: () => `const password = process.env.DB_PASSWORD` },
    { kind: 'placeholder', make: () => `PASSWORD = os.environ["PASSWORD"]` },
    { kind: 'placeholder', make: () => `password=""` },
    { kind: 'placeholder', make: () => `  auth: true` },
    { kind: 'placeholder', make: () => `private_key: /etc/ssl/private/server.key` },
    { kind: 'placeholder', make: () => `API_URL=https://api.example.com/v2` },
    { kind: 'placeholder', make: () => `token: xxxxxxxxxxxxxxxxxxxxxxxx` },
    { kind: 'placeholder', make: () => `GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx` },
    { kind: 'placeholder', make: () => `  password: "your-password-here"` },
    { kind: 'placeholder', make: () => `AWS_SECRET_ACCESS_KEY=<secret>` },
    { kind: 'placeholder', make: () => `password = get_password(user)` },
    { kind: 'placeholder', make: () => `token = request.headers.get("X-Token")` },
    { kind: 'placeholder', make: () => `        token: \${{ secrets.DEPLOY_TOKEN }}` },
    { kind: 'placeholder', make: () => `set PASSWORD=%DB_PASS%` },
    { kind: 'placeholder', make: () => `  passwordField: "password",` },
    { kind: 'placeholder', make: () => `  "token_type": "Bearer",` },
    { kind: 'placeholder', make: () => `password_min_length = 12` },
    { kind: 'placeholder', make: () => `token_expiry: 3600` },
    { kind: 'placeholder', make: () => `SECRET_KEY_FILE=/run/secrets/secret_key` },
    { kind: 'placeholder', make: () => `password: ********` },
    { kind: 'placeholder', make: () => `client_secret = "REPLACE_ME"` },
    { kind: 'placeholder', make: () => `DATABASE_URL=postgres://app:\${DB_PASSWORD}@db:5432/app` },
    { kind: 'weak-default', make: () => `url: postgres://postgres:password@localhost:5432/test` },
    { kind: 'known-example', make: () => `aws_access_key_id = AKIAIOSFODNN7EXAMPLE` },
    {
      kind: 'known-example',
      make: () => `aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`
    },
    { kind: 'identifier', make: () => `const label = "getAuthenticationTokenForUser"` },
    { kind: 'identifier', make: () => `  t("auth.login.passwordPlaceholder")` },
    { kind: 'identifier', make: () => `env: ["DATABASE_PASSWORD", "API_TOKEN"]` },
    { kind: 'identifier', make: () => `  password: UserPasswordInput,` },
    { kind: 'identifier', make: () => `self.api_key = api_key` },
    { kind: 'identifier', make: () => `token := cfg.Auth.Token` },
    {
      kind: 'prose',
      make: () => `Enter your password to continue; the token expires after one hour.`
    },
    { kind: 'prose', make: () => `  "passwordHint": "At least 12 characters, one digit",` },
    { kind: 'url-no-credentials', make: () => `REDIS_URL=redis://redis:6379/0` },
    { kind: 'url-no-credentials', make: () => `git clone https://git@github.com/acme/app.git` },
    { kind: 'url-no-credentials', make: () => `DATABASE_URL=postgres://localhost:5432/app` },
    { kind: 'password-hash', make: r => `password_hash = "$2b$12$${r.chars(ALNUM + './', 53)}"` },
    {
      kind: 'version',
      make: r =>
        `  "version": "${r.int(1, 9)}.${r.int(0, 30)}.${r.int(0, 99)}-beta.${r.int(1, 9)}",`
    },
    {
      kind: 'css-color',
      ext: 'css',
      make: r => `.btn { color: #${r.chars(HEX, 6)}; border-color: #${r.chars(HEX, 6)}; }`
    },
    {
      kind: 'camel-case-quoted',
      make: r => `  "${pascal(r)}${pascal(r)}${pascal(r)}${pascal(r)}",`
    },
    {
      kind: 'i18n-key',
      make: r => `  "${r.chars(LOWER, 5)}_${r.chars(LOWER, 7)}_${r.chars(LOWER, 6)}_label": "Save",`
    },
    {
      kind: 'file-path',
      make: r => `  "${r.chars(LOWER, 4)}/${r.chars(LOWER, 6)}/components/${pascal(r)}Button"`
    },
    { kind: 'numbers', make: r => `  phone: "${r.chars(DIGITS, 24)}"` }
  ]

function uuidOf(r: Random): string {
  return `${r.chars(HEX, 8)}-${r.chars(HEX, 4)}-4${r.chars(HEX, 3)}-a${r.chars(HEX, 3)}-${r.chars(HEX, 12)}`
}
function b64(r: Random, bytes: number): string {
  return r.bytes(bytes).toString('base64')
}
function pem(r: Random, bytes: number): string {
  return b64(r, bytes)
    .match(/.{1,64}/g)!
    .join('\n')
}
function pascal(r: Random): string {
  return r.chars(UPPER, 1) + r.chars(LOWER, r.int(3, 8))
}
function mappings(r: Random): string {
  const parts: string[] = []
  for (let i = 0; i < 400; i++) parts.push(r.chars(B64.slice(0, 62), r.int(4, 10)))
  return parts.join(';')
}
function minified(r: Random): string {
  const parts: string[] = []
  for (let i = 0; i < 300; i++) {
    parts.push(`var ${r.chars(LOWER, 1)}${i}="${r.chars(ALNUM, r.int(20, 40))}";`)
  }
  return parts.join('')
}

const EXTS = [
  'js',
  'ts',
  'py',
  'go',
  'yaml',
  'json',
  'env',
  'ini',
  'toml',
  'properties',
  'sh',
  'md',
  'txt',
  'rb',
  'java'
]
const DIRS = [
  'src',
  'config',
  'deploy',
  'test',
  'tests/fixtures',
  'docs',
  'scripts',
  'examples',
  'k8s',
  '.github/workflows'
]

/** The corpus for `seed`: the same files and labels on every run. */
export function generateCorpus(seed = 20260101, instancesPerFormat = 5): Corpus {
  const r = new Random(seed)
  const files = new Map<string, string[]>()
  const labels: Label[] = []
  const fileFor = (ext?: string, path?: string): string => {
    const name = path
      ? `${r.pick(DIRS)}/m${r.int(0, 9)}/${path}`
      : `${r.pick(DIRS)}/m${r.int(0, 29)}/file${r.int(0, 3)}.${ext ?? r.pick(EXTS)}`
    if (!files.has(name)) {
      const lines: string[] = []
      for (let i = 0; i < r.int(3, 12); i++) lines.push(r.pick(FILLER))
      files.set(name, lines)
    }
    return name
  }
  const plant = (
    name: string,
    snippet: string,
    kind: string,
    positive: boolean,
    marker?: string
  ): void => {
    const lines = files.get(name)!
    for (let i = 0; i < r.int(0, 4); i++) lines.push(r.pick(FILLER))
    const snippetLines = snippet.split('\n')
    const at = marker
      ? Math.max(
          0,
          snippetLines.findIndex(l => l.includes(marker))
        )
      : 0
    labels.push({
      path: name,
      line: lines.length + at + 1,
      kind,
      positive,
      ...(kind === 'weak-default' ? { weak: true } : {})
    })
    lines.push(...snippetLines)
  }

  for (const format of FORMATS) {
    for (let i = 0; i < instancesPerFormat; i++) {
      const secret = format.make(r)
      if (format.kind.startsWith('generic-')) {
        const syntax = r.pick(GENERIC_SYNTAXES)
        const name = r.pick(GENERIC_NAMES)
        const line = syntax.line.replaceAll('{N}', name).replace('{S}', secret)
        plant(
          fileFor(
            syntax.ext === 'Dockerfile' ? undefined : syntax.ext,
            syntax.ext === 'Dockerfile' ? 'Dockerfile' : undefined
          ),
          line,
          format.kind,
          true
        )
        continue
      }
      if (format.kind === 'high-entropy') {
        const line = r.pick([
          `blob = "${secret}"`,
          `  data: '${secret}',`,
          `const k = \`${secret}\``,
          `["${secret}"]`
        ])
        plant(fileFor(r.pick(['js', 'py', 'ts', 'rb'])), line, format.kind, true)
        continue
      }
      const context = r.pick(format.contexts)
      const snippet = context.replace('{S}', secret)
      const path = format.kind === 'netrc' ? '.netrc' : undefined
      plant(
        fileFor(undefined, path),
        snippet,
        format.kind,
        true,
        format.block ? format.marker : secret.split('\n')[0]
      )
    }
  }
  // Kubernetes Secret manifests: one label per data entry.
  for (let i = 0; i < instancesPerFormat; i++) {
    const name = fileFor('yaml')
    const lines = files.get(name)!
    lines.push(
      '---',
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      `  name: app-${r.chars(LOWER, 5)}`,
      'type: Opaque',
      'data:'
    )
    // A user name is configuration (no finding); the password and the token are credentials.
    for (const key of ['username', 'password', 'api-token']) {
      lines.push(
        `  ${key}: ${Buffer.from(key === 'username' ? `svc-${r.chars(LOWER, 6)}` : password(r)).toString('base64')}`
      )
      labels.push({
        path: name,
        line: lines.length,
        kind: key === 'username' ? 'kubernetes-username' : 'kubernetes-secret',
        positive: key !== 'username'
      })
    }
    lines.push('---')
  }
  for (let round = 0; round < 3; round++) {
    for (const negative of HARD_NEGATIVES) {
      const snippet = negative.make(r)
      plant(fileFor(negative.ext, negative.path), snippet, negative.kind, false)
    }
  }
  const out: CorpusFile[] = [...files.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, lines]) => ({ path, content: lines.join('\n') + '\n' }))
  return {
    files: out,
    labels: labels.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line))
  }
}
