// One regression test per false-alarm class met on real application
// repositories (Django, Rails, Laravel, Spring, Go, Node, Helm/compose/Terraform,
// Python ML platforms): the SHAPE of the line that was misread, never the
// repository's file. Each must give nothing at medium or above; the ones that
// are literals (a test dummy, a CI default) may give a low weak-default-credential.
// The second half checks that what those repositories do hold — test keys,
// fixture private keys, real-format tokens — is still found.
import { describe, expect, it } from '@jest/globals'
import { ALNUM, HEX, Random } from '../helpers/secrets-corpus/formats.js'
import { scanContent } from '../helpers/secrets-scan.js'

const r = new Random(7)
const hex = (n: number): string => r.chars(HEX, n)
const rank = { info: 0, low: 1, medium: 2, high: 3, critical: 4 } as const

/** [class, path, text]: nothing at medium or above. */
const QUIET: [string, string, string][] = [
  ['detect-secrets baseline', '.secrets.baseline', `      "hashed_secret": "${hex(40)}",`],
  ['translation (ini)', 'conf/locale/locale_cs-CZ.ini', 'forgot_password=Zapomenuté heslo'],
  [
    'translation (json)',
    'shared/i18n/locales/de_DE/translation.json',
    '  "API Secret": "API-Passwort",'
  ],
  ['translation (php)', 'lang/pl/auth.php', "    'password' => 'Hasło',"],
  ['translation (ASCII word)', 'app/ui/labels.php', "    'users_password' => 'Benutzerpasswort',"],
  ['translation with a placeholder', 'config/messages.yml', '  api_key_mfa: MFA：%{mfa}'],
  [
    'Kubernetes Secret: host',
    'k8s/db.yaml',
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  host: postgres.prod.svc.cluster.local\n  port: "5432"\n  db_schema: public\n  username: app\n'
  ],
  [
    'a private key stand-in in a commented config example',
    'sentry/config.example.yml',
    `# github-app.private-key: |\n#   -----BEGIN RSA PRIVATE KEY-----\n${'#   privatekeyprivatekeyprivatekeyprivatekey\n'.repeat(5)}#   -----END RSA PRIVATE KEY-----`
  ],
  ['form field counter', 'app/tests/test_forms.py', '    "comments-0-replies-INITIAL_FORMS": "0",'],
  [
    'Django password hash',
    'app/fixtures/users.json',
    `  "password": "md5$${r.chars(ALNUM, 12)}$${hex(32)}",`
  ],
  [
    'pbkdf2 hash',
    'app/fixtures/users.json',
    '  "password": "pbkdf2_sha256$260000$Q1mJg0Yc$jG1f0q+ezM3bFwNw7rK6Yp5o1kqZ0uA=",'
  ],
  [
    'bcrypt hash',
    'db/seeds.rb',
    '  encrypted_password: "$2b$12$KIXQJPp7hD1n0pQ9yYkz7uG8Cw9jCqJkqZC8d6jX4s3b2a1Z0y9W.",'
  ],
  [
    'argon2 hash',
    'config/users.yaml',
    '  password: "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"'
  ],
  [
    'placeholder arguments',
    'app/search.py',
    'auth = AWS4Auth("ACCESS_KEY", "SECRET_KEY", region, "es")'
  ],
  ['an identifier as a value', 'docs/store.md', '    password: user_password'],
  ['an env var name as a value', 'feature_store.yaml', '  password: SNOWFLAKE_PASSWORD'],
  ['Terraform reference', 'infra/main.tf', '  password = random_password.db_admin.result'],
  ['Rails route', 'config/routes.rb', '  get "/login/forgot_password" => "login#forgot_password"'],
  [
    'Django migration dependency',
    'app/migrations/0002_user.py',
    '    dependencies = [("auth", "0006_require_contenttypes_0002")]'
  ],
  ['a list of key names', 'config/redact.json', '  "secret": ["token", "cert_File", "password"],'],
  [
    'a header-name constant',
    'app/tests/test_cors.py',
    'ACCESS_CONTROL_ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials"'
  ],
  [
    'a header name as a value',
    'app/config.py',
    'SERVICE_HEADERS["x-api-key"] = AWS_SANDBOX_API_KEY'
  ],
  ['code as a value', 'app/models/api.rb', '  api_key = Rails.application.config.app_mode'],
  [
    'an interpolation',
    'test/models/key_test.rb',
    '    @plain_api_key = "base_test_#{SecureRandom.hex(8)}"'
  ],
  ['GraphQL type', 'schema.graphql', '  token: String!'],
  [
    'a constant reference',
    'test/integration/login_test.rb',
    '    post session_path(session: { who: u.handle, password: PasswordHelpers::SECURE_TEST_PASSWORD })'
  ],
  [
    'an encrypted value (ejson)',
    'config/secrets.ejson',
    '  "aws_secret_access_key": "EJ[1:PLvmVuFHCZimiwa4nbzEkOGK76TW880Oa3nt9B35wwo=:F850r8+EUIYyb4wysWZNrwk1WHclK+nf:cUuw+zR+XkYn388WOD+dG]",'
  ],
  [
    'a redacted preview of this tool',
    'reports/notes.md',
    'DB_PASSWORD is assigned a hardcoded credential Tr0u…(22 chars).'
  ],
  [
    'an enum of product ids',
    'shared/passkeys.ts',
    'export enum Providers {\n  OnePassword = "bada5566-a7aa-401f-bd96-45619a55120d",\n  LastPass = "b78a0a55-6ef8-d246-a042-ba0f6d55050c",\n  ApplePasswords = "fbfc3007-154e-4ecc-8c0b-6e020557d7bd",\n}'
  ],
  [
    'a cache key name',
    'app/Controllers/MfaController.php',
    "    protected const SETUP_SECRET_SESSION_KEY = 'mfa-setup-backup-codes';"
  ],
  [
    'lexer token types',
    'public/mode/rst.js',
    '        token = "header";\n      if (state.lastToken != "abstract") {'
  ],
  ['fetch credentials mode', 'web/src/routes.tsx', '  fetch(url, { credentials: "same-origin" })'],
  [
    'workflow permission',
    '.github/workflows/publish.yml',
    '    permissions:\n      id-token: write'
  ],
  [
    'a placeholder in a header example',
    'docs/rest-api.md',
    'Authorization: Bearer nbt_<key>.<token>'
  ],
  ['a value spelling its name', 'vpn/choices.py', "    AUTH_HMAC_SHA1 = 'hmac-sha1'"],
  ['an instruction as a value', '.env.sample', 'SECRET_KEY=generate_a_new_key'],
  ['a Go import alias', 'internal/mocks.go', 'import (\n\tauth "gogs.io/gogs/internal/auth"\n)'],
  [
    'a method call on a credential-named object',
    'tests/conftest.py',
    '    return auth_configuration.replace("KEYCLOAK_URL_PLACE_HOLDER", keycloak_url)'
  ],
  ['a version constraint', 'metaflow_config.py', 'pins["azure-keyvault-secrets"] = ">=4.7.0"'],
  ['a reference to a Secret', 'values.yaml', '  configFromSecret: "prometheus-config"'],
  ['a Capitalised_Snake identifier', 'docs/cassandra.md', '    password: Client_Secret'],
  [
    'an anti-forgery cookie',
    'docs/auth.md',
    "  -H 'Cookie: XSRF-TOKEN=1ff67e0c-6f2c-4cf9-afb5-81bc1015b8e5' \\"
  ],
  [
    'a test value named as wrong',
    'test/models/webauthn_test.rb',
    '    @wrong_webauthn_token = "pRpwn2mTH2D18t58"'
  ],
  [
    'an OTP next to an api_key mention',
    'test/models/api_key_test.rb',
    '    create(:webauthn_verification, user: @api_key.user, otp: "jiEm2mm2sJtRqAVx7U1i")'
  ],
  [
    'a public token name',
    'app/config.ts',
    'publicToken = "9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit"'
  ],
  [
    'base64 of text',
    'src/test/RememberMeTest.java',
    '        var cookieValue = "ZmFrZS11c2VyOjE3MTY0MzUxODczMjM6U0hBLTI1NjoyOWYxYzdjY2JiNDg5NzQxMz";'
  ],
  [
    'a GraphQL global id',
    'tests/test_checkout.py',
    '    lines_list = [first_line_id, "UHJvZHVjdFZhcmlhbnQ6NDkxMw"]'
  ],
  [
    'a protobuf descriptor',
    'Protos/Basket.cs',
    '          "CiNTZXJ2aWNlcy9CYXNrZXQvUHJvdG9zL2Jhc2tldC5wcm90bxIJQmFza2V0",\n          "QXBpIhIKEEdldEJhc2tldFJlcXVlc3QiPgoWQ3VzdG9tZXJCYXNrZXRSZXNw",'
  ],
  ['an ETag', 'tests/cassettes/app.yaml', '      - W/"1f1-oiRdlJBgfkdPvTIg7KJUq8+ZGPA"'],
  ['an event id', 'tests/test_webhooks.py', '        "id": "evt_1Ip9ANH1Vac4G4dbE9ch7zGS",'],
  ['an API id', 'tests/fixtures/search.json', '  "channelId": "UCOJZ1tna8yj8mAEITPkHNCQ",'],
  ['an OpenAPI compound name', 'api-docs/openapi.json', '        "MenuItemV1alpha1Console"'],
  [
    'a cipher transformation',
    'src/main/RsaKeyService.java',
    '    public static final String TRANSFORMATION = "RSA/ECB/PKCS1Padding";'
  ],
  [
    'a site-verification meta tag',
    'app/views/layout.html.erb',
    '<meta name="google-site-verification" content="AuesbWQ9MCDMmC1lbDlw25RJzyqWOcDYpuaCjgPxEZY" />'
  ],
  [
    'a default disguised, with a number after it',
    'docs/reference/models.md',
    `  - '{"type": BaseViewRestriction.PASSWORD, "password": "P@ssw0rd123!"}'`
  ],
  [
    'its own name with my- before it',
    'app/tests.py',
    '    "AWS_ACCESS_KEY_ID": "my-access-key-id",'
  ],
  [
    'a key-name mapping (its own name with my- and -Key)',
    'charts/db/values.yaml',
    '  ##     scylladb-password: myScylladbPasswordKey'
  ],
  [
    'a CSRF token named in one word',
    'app/tests/test_forms.py',
    `    <input type="hidden" name="csrfmiddlewaretoken" value="${r.chars(ALNUM, 64)}">`
  ],
  [
    'a shell command substitution cut at its inner quote',
    'templates/_init_containers.tpl',
    '      redis_credentials=":$(airflow_encode_url "$REDIS_PASSWORD")"'
  ],
  ['a cluster name token of words', 'etcd/values.yaml', 'initialClusterToken: "etcd-cluster-k8s"'],
  [
    'an htpasswd line (user:bcrypt)',
    'harbor/values.yaml',
    `    htpasswd: registry_user:$2y$10$${r.chars(ALNUM + './', 53)}`
  ],
  [
    'base64 of a CA certificate',
    'modules/node-group/README.md',
    `  cluster_auth_base64 = "${Buffer.from(`-----BEGIN CERTIFICATE-----\n${r.bytes(600).toString('base64')}\n-----END CERTIFICATE-----\n`).toString('base64')}"`
  ],
  [
    'a filler stand-in in a provider format',
    'src/components/ApiKey.vue',
    '      placeholder="Your Bearer Token (e.g. sk_live_abc123xyz789)"'
  ],
  [
    'a JWT header and payload without the signature',
    'src/__tests__/cookies.spec.ts',
    '            "jwt=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0=; Path=/",'
  ],
  [
    'a Basic header that is not base64 of user:password',
    'src/helpers/curl/__tests__/curlparser.spec.js',
    `      "curl -X GET localhost:9900 --header 'Authorization: Basic 77898dXNlcjpwYXNz'",`
  ],
  [
    'a keyboard sequence split by separators',
    'config/i18n-tasks.yml',
    '#   google_translate_api_key: "AbC-dEf5"'
  ],
  [
    'a YAML plain scalar with spaces under a credential-looking key',
    'config/wiki_pages.yml',
    '    mountain_pass: Pt-br:Key:mountain pass'
  ],
  [
    'an OAuth client id (named for the application)',
    'doc/CONFIGURE.md',
    `> oauth_application: "${r.chars(ALNUM, 43)}"`
  ],
  [
    'a Google key in Firebase client config',
    'web/src/firebase.js',
    `const firebaseConfig = { apiKey: "AIza${r.chars(ALNUM, 35)}", authDomain: "app.firebaseapp.com" }`
  ],
  [
    'an Algolia DocSearch key',
    'docs/.vitepress/config.mts',
    `    algolia: {\n      appId: 'BH4D9OD16A',\n      apiKey: '${hex(32)}',\n      indexName: 'koel'\n    },`
  ],
  [
    'a PostHog project key',
    'src/posthog/posthog.service.ts',
    `  private POSTHOG_API_KEY = 'phc_${r.chars(ALNUM, 43)}';`
  ],
  [
    'a made-up key of code words and a number',
    'packages/cli/tests/config.test.ts',
    "    process.env.SPREE_API_KEY = 'sk_env_token_123'"
  ],
  [
    'a dotted identifier of code words',
    'src/app/pages/scada-symbol-editor.models.ts',
    "      token: 'tb.scada-symbol-ctx-api',"
  ],
  [
    'an author field of random-looking characters (author is not auth)',
    'wger/exercises/fixtures/exercise-base-data.json',
    `            "license_author": "${r.chars(ALNUM, 27)}",`
  ],
  [
    'an option string under a name with "pass" (a filter pass)',
    'MediaBrowser.Controller/MediaEncoding/EncodingHelper.cs',
    '                        var hwScaleFilterFirstPass = "vpp_rkrga=format=bgra:afbc=1";'
  ],
  [
    'words and a repeated abc123 as a test secret',
    'scripts/test-environments/authelia/configuration.yml',
    "    hmac_secret: 'this_is_a_secret_abc123abc123abc'"
  ],
  [
    'a percent-encoded URL password of two words',
    'actionpack/test/controller/url_for_test.rb',
    '          "http://openid.aol.com%2Fnextangler:one+two%3F@www.basecamphq.com/c/a/i",'
  ],
  [
    'a default password with a row of symbols, percent-encoded in a URL',
    'tests/unit_tests/test_config.py',
    '            "postgresql://mealie:P%40ssword%21%40%23%24%25%25%5E%5E%26%26%2A%2A%28%29%2B%3B%27%22%27%3C%3E%3F%7B%7D%5B%5D@postgres:5432/mealie",'
  ],
  [
    'the CSRF field of a Symfony or Laravel form in a test request',
    'tests/Controller/DoctorControllerTest.php',
    "        $this->request($client, '/doctor/flush-log', 'POST', ['form' => ['_token' => 'rsetdzfukgli78t6r5uedtjfzkugl']]);"
  ],
  [
    'a test value typed along the keyboard',
    'tests/Entity/UserTest.php',
    "        $user->setApiToken('nbvfdswe34567ujko098765rerfghbgvfcdsert');"
  ],
  [
    "the TOTP secret of Google Authenticator's documentation",
    'tests/Controller/Security/TwoFactorLoginTest.php',
    "    private const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';"
  ],
  [
    'an interleaved counting stand-in',
    'test/dummy/config/secrets.yml',
    '#   api_key: a1B2c3D4e5F6'
  ],
  [
    "a key in a saved copy of another site's page",
    'tests/data/html/detroit-style-pizza.html',
    `<html><head><link rel="canonical" href="https://www.recipes.example/pizza"/></head><body><script>window.ads={"keyId":"AKIA${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}"}</script></body></html>`
  ],
  [
    'a stand-in token cut from the SHA-256 of nothing',
    'server/forge/gitlab/gitlab_test.go',
    '\t\tAccessToken:   "e3b0c44298fc1c149afbf4c8996fb",'
  ],
  [
    'a Docker config auth whose password is made-up words',
    'server/services/registry/combined_test.go',
    `\t_, err = tmpFile.WriteString(\`{"auths": {"example.com": {"auth": "${Buffer.from('user:password-encoded').toString('base64')}"}}}\`)`
  ],
  ['an {env} reference', 'docker/webdav/config.yml', '    password: "{env}WEBDAV_PASSWORD"'],
  [
    'a Symfony env reference',
    'config/packages/mailer.yaml',
    "        password: '%env(MAILER_PASSWORD)%'"
  ],
  [
    'a Stripe PaymentIntent client secret',
    'spec/vcr/create_payment_intent.yml',
    `      "client_secret": "pi_3${r.chars(ALNUM, 23)}_secret_${r.chars(ALNUM, 25)}",`
  ],
  [
    "a map provider's key in a map's settings",
    'src/app/widget/lib/maps/map-models.ts',
    `export const defaultHereMapProviderSettings = {\n  mapProviderHere: HereMapProvider.hereNormalDay,\n  credentials: {\n    apiKey: '${r.chars(ALNUM, 43)}'\n  }\n}`
  ],
  [
    'a Google key in a map widget',
    'src/app/widget/lib/maps/providers/google-map.ts',
    `  private loadGoogle(callback: () => void, apiKey = 'AIza${r.chars(ALNUM, 35)}') {`
  ],
  [
    'CI database default',
    '.github/workflows/ci.yml',
    '      DATABASE_URL: postgres://postgres:postgres@localhost:5432/test'
  ],
  [
    'compose database default',
    'compose.yaml',
    '      DATABASE_URL: mysql://root:whalehello@db:3306/mysql'
  ],
  ['a test dummy password', 'internal/db/users_test.go', '\tpassword := "pa$$word"'],
  ['a weak test password', 'app/tests/test_models.py', "            'password': 'foobar123',"],
  [
    'a test password of a code word and a count',
    'internal/api/session_test.go',
    '\tr := PerformRequestWithBody(app, "POST", "/api/v1/session", `{"username": "2fa", "password": "2fa-123!"}`)'
  ]
]

/** [what, path, text, rule]: still found at high or critical. */
const FOUND: [string, string, string, string][] = [
  [
    'a fixture private key',
    'tests/data/localhost.key',
    `-----BEGIN PRIVATE KEY-----\n${r
      .bytes(600)
      .toString('base64')
      .match(/.{1,64}/g)!
      .join('\n')}\n-----END PRIVATE KEY-----\n`,
    'private-key'
  ],
  [
    'a base64 private key in Helm values',
    'ci/tls-values.yaml',
    `  tls.key: ${Buffer.from(`-----BEGIN RSA PRIVATE KEY-----\n${r.bytes(600).toString('base64')}\n-----END RSA PRIVATE KEY-----\n`).toString('base64')}`,
    'private-key-base64'
  ],
  [
    'a test secret key',
    '.env.test',
    `SECRET_KEY=${r.chars('0123456789ABCDEF', 64)}`,
    'generic-credential-assignment'
  ],
  [
    'a test access token',
    'tests/test_plugin.py',
    `        "access_token": "${r.chars(ALNUM, 32)}",`,
    'generic-credential-assignment'
  ],
  [
    'a default app key',
    'app/Config/app.php',
    `    'key' => env('APP_KEY', '${r.chars(ALNUM, 32)}'),`,
    'generic-credential-assignment'
  ],
  [
    'a JWK private key',
    'src/tempkey.jwk',
    `{"Alg":"RS256","D":"${r.chars(ALNUM, 342)}","E":"AQAB","Kty":"RSA","N":"${r.chars(ALNUM, 342)}"}`,
    'jwk-private-key'
  ],
  [
    'a real-format token in a test',
    'test/github_test.rb',
    `    token = "ghp_${r.chars(ALNUM, 36)}"`,
    'github-pat'
  ],
  [
    'a Laravel test app key',
    'phpunit.xml',
    `        <env name="APP_KEY" value="base64:${r.bytes(32).toString('base64')}"/>`,
    'generic-credential-assignment'
  ],
  [
    'a Plaid sandbox token in a VCR cassette',
    'test/vcr_cassettes/plaid/get_item.yml',
    `      string: '{"access_token":"access-sandbox-${r.chars(HEX, 8)}-${r.chars(HEX, 4)}-${r.chars(HEX, 4)}-${r.chars(HEX, 4)}-${r.chars(HEX, 12)}"}'`,
    'generic-credential-assignment'
  ],
  [
    'a Basic authorization header in a test',
    'app/tests/test_page_model.py',
    `            "HTTP_AUTHORIZATION": "Basic ${Buffer.from(`admin:${r.chars(ALNUM, 16)}`).toString('base64')}",`,
    'generic-credential-assignment'
  ],
  [
    'a Kubernetes Secret example in a README',
    'airflow/README.md',
    `\`\`\`yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: all-my-secrets\ntype: Opaque\ndata:\n  airflow-secret-key: "${Buffer.from(r.chars(ALNUM, 32)).toString('base64')}"\n\`\`\``,
    'kubernetes-secret-data'
  ],
  [
    'a base64 JWT secret in a Spring config',
    'src/main/resources/config/application.yml',
    `        base64-secret: ${r.bytes(64).toString('base64')}`,
    'generic-credential-assignment'
  ],
  [
    'an OAuth client secret (oauth_key)',
    'config/settings.local.yml',
    `oauth_key: "${r.chars(ALNUM, 43)}"`,
    'generic-credential-assignment'
  ],
  [
    'a YAML password with a comment after it',
    'config/database.yml',
    `  password: ${r.chars(ALNUM, 24)} # rotate yearly`,
    'generic-credential-assignment'
  ],
  [
    'a Fernet key in a dev tiltfile',
    'devtools/airflow.tiltfile',
    `AIRFLOW_FERNET_KEY = "${r.bytes(32).toString('base64')}"`,
    'generic-credential-assignment'
  ]
]

describe('false-alarm classes met on real repositories', () => {
  it.each(QUIET)('%s: nothing at medium or above', (_what, path, text) => {
    const loud = scanContent(path, text + '\n').findings.filter(
      f => rank[f.severity] >= rank.medium
    )
    expect(loud.map(f => `${f.ruleId}:${f.severity}`)).toEqual([])
  })

  it.each([
    'CI database default',
    'compose database default',
    'a test dummy password',
    'a weak test password',
    'a test password of a code word and a count'
  ])('reports %s as what it is: low weak-default-credential', what => {
    const [, path, text] = QUIET.find(row => row[0] === what)!
    expect(scanContent(path, text + '\n').findings.map(f => [f.ruleId, f.severity])).toEqual([
      ['weak-default-credential', 'low']
    ])
  })

  // A signed token with its signature cut off is a lead (low), not a credential; `alg: none` needs
  // no signature, so two parts are the whole token (medium).
  it('reports a JWT without its signature at low with the reason, an alg-none token at medium', () => {
    const [, path, text] = QUIET.find(
      row => row[0] === 'a JWT header and payload without the signature'
    )!
    const found = scanContent(path, text + '\n').findings
    expect(found.map(f => [f.ruleId, f.severity])).toEqual([['jwt', 'low']])
    expect(found[0]!.message).toMatch(/without the signature/)
    expect(found[0]!.properties?.reason).toMatch(/not usable as it is/)
    const b64 = (json: string): string => Buffer.from(json).toString('base64url')
    const unsigned = `${b64('{"alg":"none","typ":"JWT"}')}.${b64('{"sub":"admin","role":"owner"}')}.`
    const none = scanContent('tests/auth.py', `TOKEN = "${unsigned}"\n`).findings
    expect(none.map(f => [f.ruleId, f.severity])).toEqual([['jwt', 'medium']])
  })

  // Only a saved copy among the test data: the project's own page keeps the finding.
  it("lowers a key in a saved copy of another site's page, not in the project's own pages", () => {
    const [, path, text] = QUIET.find(
      row => row[0] === "a key in a saved copy of another site's page"
    )!
    const saved = scanContent(path, text + '\n').findings
    expect(saved.map(f => [f.ruleId, f.severity])).toEqual([['aws-access-key-id', 'low']])
    expect(saved[0]!.properties?.reason).toMatch(/saved copy of another site's page/)
    const own = scanContent('public/index.html', text + '\n').findings
    expect(own.map(f => [f.ruleId, f.severity])).toEqual([['aws-access-key-id', 'high']])
  })

  it('reports public-by-design keys at info with the reason', () => {
    for (const what of [
      'a Google key in Firebase client config',
      'an Algolia DocSearch key',
      'a PostHog project key',
      'a Stripe PaymentIntent client secret',
      "a map provider's key in a map's settings",
      'a Google key in a map widget'
    ]) {
      const [, path, text] = QUIET.find(row => row[0] === what)!
      const [finding] = scanContent(path, text + '\n').findings
      expect(finding).toMatchObject({ severity: 'info' })
      expect(String(finding!.properties?.reason)).toMatch(/public by design/)
    }
  })

  // A scanner's own config names rules after credentials and gives them levels: not even low.
  it.each([
    ['our own severity override', '.container-gate.yml', 'severity:\n  github-pat: critical\n'],
    ['a log level', 'config/app.yaml', 'token_log_level: warning\n'],
    ['a gitleaks-style rule level', 'scanner.toml', 'aws_secret_key = "high"\n'],
    // A path's last segment names a file; what follows its colon is a message, not its value.
    [
      'a path named like a credential',
      'docs/faq.md',
      'cat: /run/secrets/db_password: permission denied\n'
    ],
    ['a Windows path', 'build.log', 'error: C:\\certs\\api_token: access is denied\n']
  ])('%s: no finding at any level', (_what, path, text) => {
    expect(scanContent(path, text).findings.map(f => `${f.ruleId}:${f.severity}`)).toEqual([])
  })

  // Saved HTML: a random query value (Google's `ei=`) far from the `authuser` on the same long line
  // is a lead (low), not a credential (medium): only the text around a string names it.
  it('judges an unnamed random string by the text around it, not the whole line', () => {
    const value = new Random(3).chars(ALNUM, 22)
    const filler = 'function b(a){return encodeURIComponent(a)};'.repeat(3)
    const line = `<script>google.authuser=0;${filler}o=["&url=",b(d),"&ei=","${value}",h?"&usg="+h:""].join("")</script>`
    const found = scanContent('spec/fixtures/page.html', line + '\n').findings
    expect(found.map(f => [f.ruleId, f.severity])).toEqual([['high-entropy-string', 'low']])
    const near = scanContent('app/config.js', `const auth = ["${value}"]\n`).findings
    expect(near.map(f => [f.ruleId, f.severity])).toEqual([['high-entropy-string', 'medium']])
  })

  // access-sandbox-<uuid>: the word prefix lowered the entropy of some of them below the bar.
  it('finds every Plaid-style prefix-<uuid> token', () => {
    const p = new Random(11)
    const uuid = (): string => [8, 4, 4, 4, 12].map(n => p.chars(HEX, n)).join('-')
    const levels = Array.from({ length: 40 }, () => {
      const text = `      string: '{"access_token":"access-sandbox-${uuid()}"}'\n`
      const [finding] = scanContent('test/vcr_cassettes/plaid/get_item.yml', text).findings
      return `${finding?.ruleId}:${finding?.severity}`
    })
    expect(new Set(levels)).toEqual(new Set(['generic-credential-assignment:high']))
  })

  // The keyboard-walk test must not take random keys for walks.
  it('still finds random keys of 20 to 40 characters (none reads as a keyboard walk)', () => {
    const k = new Random(13)
    const levels = new Set(
      Array.from({ length: 400 }, (_, i) => {
        const text = `API_KEY = "${k.chars(ALNUM, 20 + (i % 21))}"\n`
        return scanContent('config/settings.py', text)
          .findings.map(f => `${f.ruleId}:${f.severity}`)
          .join()
      })
    )
    expect(levels).toEqual(new Set(['generic-credential-assignment:high']))
  })

  it('still finds a token in a private field named _token', () => {
    const value = new Random(17).chars(ALNUM, 32)
    const found = scanContent('src/client.js', `    this._token = "${value}"\n`).findings
    expect(found.map(f => `${f.ruleId}:${f.severity}`)).toEqual([
      'generic-credential-assignment:high'
    ])
  })

  it.each(FOUND)('still finds %s', (_what, path, text, rule) => {
    const found = scanContent(path, text + '\n').findings
    expect(found.map(f => f.ruleId)).toContain(rule)
    expect(rank[found.find(f => f.ruleId === rule)!.severity]).toBeGreaterThanOrEqual(rank.high)
  })
})
