// Per-rule true-positive and false-positive examples. True positives are
// built at run time from the format (prefix + charset + length), so no
// credential-shaped string sits in the source; false positives are the
// near-misses each format attracts (placeholders, wrong length, glued to a
// longer word, the wrong alphabet).
import {
  ALNUM,
  B64,
  B64URL,
  DIGITS,
  HEX,
  LOWER,
  Random,
  UPPER
} from '../helpers/secrets-corpus/formats.js'

export interface RuleExample {
  tp: (r: Random) => string
  fp: string[]
}

const x = (n: number): string => 'x'.repeat(n)
const b64 = (r: Random, n: number): string => r.bytes(n).toString('base64')
const pem = (r: Random, type: string, bytes = 600): string =>
  `-----BEGIN ${type}-----\n${b64(r, bytes)
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END ${type}-----`
const GH = (p: string) => (r: Random) => `token = "${p}_${r.chars(ALNUM, 36)}"`

export const RULE_EXAMPLES: Record<string, RuleExample> = {
  'gcp-service-account-key': {
    tp: r =>
      `  "private_key": "-----BEGIN PRIVATE KEY-----\\n${b64(r, 900)
        .match(/.{1,64}/g)!
        .join('\\n')}\\n-----END PRIVATE KEY-----\\n",`,
    fp: [
      '  "private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n",',
      '  "private_key_id": "abc"'
    ]
  },
  'private-key': {
    tp: r => pem(r, 'OPENSSH PRIVATE KEY'),
    fp: [
      '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
      '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----',
      'openssl genrsa -out private.pem  # writes -----BEGIN RSA PRIVATE KEY-----'
    ]
  },
  'aws-access-key-id': {
    tp: r => `AWS_ACCESS_KEY_ID=AKIA${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
    fp: ['AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX', 'id = "AKIA1234"', 'XAKIAABCDEFGHIJKLMNOP2']
  },
  'aws-secret-access-key': {
    tp: r => `aws_secret_access_key = ${r.chars(ALNUM + '/+', 40)}`,
    fp: [
      'aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}',
      'aws_secret_access_key = ' + x(40),
      'aws_secret_access_key_file = /run/secrets/aws'
    ]
  },
  'aws-session-token': {
    tp: r => `aws_session_token = IQoJb3JpZ2luX2VjE${b64(r, 300).replace(/=+$/, '')}`,
    fp: ['aws_session_token = ' + x(200), 'sessionToken: getSessionToken()']
  },
  'gcp-api-key': {
    tp: r => `key: AIza${r.chars(B64URL, 35)}`,
    fp: ['key: AIza' + x(35), 'AIzaShort']
  },
  'gcp-oauth-client-secret': {
    tp: r => `secret=GOCSPX-${r.chars(B64URL, 28)}`,
    fp: ['secret=GOCSPX-short']
  },
  'azure-storage-connection-string': {
    tp: r =>
      `conn="DefaultEndpointsProtocol=https;AccountName=store1;AccountKey=${b64(r, 64)};EndpointSuffix=core.windows.net"`,
    fp: [
      'conn="DefaultEndpointsProtocol=https;AccountName=devstoreaccount1;AccountKey=<key>"',
      `AccountName=a1b;AccountKey=${'A'.repeat(86)}==`
    ]
  },
  'azure-sas-token': {
    tp: r =>
      `url = "https://a.blob.core.windows.net/c?sv=2022-11-02&ss=b&sp=r&se=2027-01-01&spr=https&sig=${encodeURIComponent(b64(r, 32))}"`,
    fp: [
      'url = "https://a.blob.core.windows.net/c?sv=2022-11-02&sig=<signature>"',
      'see the "sig=" parameter'
    ]
  },
  'azure-client-secret': {
    tp: r => `AZURE_CLIENT_SECRET=${r.chars(ALNUM, 3)}7Q~${r.chars(ALNUM + '_~.-', 34)}`,
    fp: ['x = "abc7Q~short"']
  },
  'github-pat': {
    tp: GH('ghp'),
    fp: ['token = "ghp_' + x(36) + '"', 'token = "ghp_short"', 'ghp_${GITHUB_TOKEN}']
  },
  'github-oauth': { tp: GH('gho'), fp: ['token = "gho_' + x(36) + '"'] },
  'github-user-to-server': { tp: GH('ghu'), fp: ['token = "ghu_1234"'] },
  'github-app-token': { tp: GH('ghs'), fp: ['token = "ghs_<installation token>"'] },
  'github-refresh-token': { tp: GH('ghr'), fp: ['token = "ghr_"'] },
  'github-fine-grained-pat': {
    tp: r => `GH_PAT=github_pat_${r.chars(ALNUM, 22)}_${r.chars(ALNUM, 59)}`,
    fp: ['GH_PAT=github_pat_' + x(22) + '_' + x(59), 'github_pat_ tokens start with this prefix']
  },
  'gitlab-pat': {
    tp: r => `GITLAB_TOKEN=glpat-${r.chars(B64URL, 20)}`,
    fp: ['GITLAB_TOKEN=glpat-' + x(20), 'glpat-tokens']
  },
  'gitlab-deploy-token': { tp: r => `t=gldt-${r.chars(ALNUM, 20)}`, fp: ['t=gldt-' + x(20)] },
  'gitlab-runner-token': { tp: r => `t=glrt-${r.chars(ALNUM, 20)}`, fp: ['t=glrt-123'] },
  'gitlab-pipeline-trigger-token': {
    tp: r => `t=glptt-${r.chars(HEX, 40)}`,
    fp: ['t=glptt-' + '0'.repeat(40)]
  },
  'gitlab-cicd-job-token': { tp: r => `t=glcbt-${r.chars(ALNUM, 30)}`, fp: ['t=glcbt-short'] },
  'gitlab-oauth-app-secret': { tp: r => `t=gloas-${r.chars(ALNUM, 64)}`, fp: ['t=gloas-' + x(64)] },
  'gitlab-feed-token': { tp: r => `t=glft-${r.chars(ALNUM, 20)}`, fp: ['t=glft-short'] },
  'gitlab-scim-token': { tp: r => `t=glsoat-${r.chars(ALNUM, 20)}`, fp: ['t=glsoat-' + x(20)] },
  'gitlab-runner-registration-token': {
    tp: r => `t=GR1348941${r.chars(ALNUM, 20)}`,
    fp: ['t=GR1348941' + x(20)]
  },
  'bitbucket-app-password': {
    tp: r => `p=ATBB${r.chars(ALNUM, 32)}${r.chars('0123456789ABCDEF', 8)}`,
    fp: ['p=ATBB' + x(32) + 'ABCDEF01', 'p=ATBBshort']
  },
  'atlassian-api-token': {
    tp: r => `JIRA_API_TOKEN=ATATT3xFfGF0${r.chars(B64URL, 171)}=${r.chars('0123456789ABCDEF', 8)}`,
    fp: ['JIRA_API_TOKEN=ATATT3short']
  },
  'slack-token': {
    tp: r =>
      `SLACK_BOT_TOKEN=xoxb-${r.chars(DIGITS, 12)}-${r.chars(DIGITS, 12)}-${r.chars(ALNUM, 24)}`,
    fp: ['SLACK_BOT_TOKEN=xoxb-' + x(30), 'xoxb-123-456-abc']
  },
  'slack-app-token': {
    tp: r =>
      `SLACK_APP_TOKEN=xapp-1-A${r.chars(UPPER + DIGITS, 10)}-${r.chars(DIGITS, 13)}-${r.chars(HEX, 64)}`,
    fp: ['SLACK_APP_TOKEN=xapp-1-' + x(20)]
  },
  'slack-webhook-url': {
    tp: r =>
      `url: https://hooks.slack.com/services/T${r.chars(UPPER + DIGITS, 8)}/B${r.chars(UPPER + DIGITS, 10)}/${r.chars(ALNUM, 24)}`,
    fp: ['url: https://hooks.slack.com/services/T000/B000/XXXX']
  },
  'discord-bot-token': {
    tp: r =>
      `DISCORD_TOKEN=${Buffer.from('1' + r.chars(DIGITS, 17)).toString('base64url')}.${r.chars(B64URL, 6)}.${r.chars(B64URL, 38)}`,
    fp: [`DISCORD_TOKEN=${Buffer.from('not-an-id-at-all!!').toString('base64url')}.abcdef.${x(38)}`]
  },
  'discord-webhook-url': {
    tp: r => `hook=https://discord.com/api/webhooks/${r.chars(DIGITS, 19)}/${r.chars(B64URL, 68)}`,
    fp: ['hook=https://discord.com/api/webhooks/123/abc']
  },
  'telegram-bot-token': {
    tp: r => `TELEGRAM_BOT_TOKEN=1${r.chars(DIGITS, 9)}:AA${r.chars(B64URL, 33)}`,
    fp: ['time 12345678:AA short', 'TELEGRAM_BOT_TOKEN=123:AAxyz']
  },
  'stripe-secret-key': {
    tp: r => `STRIPE_SECRET_KEY=sk_live_${r.chars(ALNUM, 32)}`,
    fp: ['STRIPE_SECRET_KEY=sk_live_' + x(32), 'sk_live_short']
  },
  'stripe-test-secret-key': {
    tp: r => `STRIPE_KEY=sk_test_${r.chars(ALNUM, 32)}`,
    fp: ['STRIPE_KEY=sk_test_' + x(32)]
  },
  'stripe-webhook-secret': {
    tp: r => `STRIPE_WEBHOOK_SECRET=whsec_${r.chars(ALNUM, 32)}`,
    fp: ['whsec_' + x(32), 'whsec_short']
  },
  'square-access-token': {
    tp: r => `SQUARE_TOKEN=EAAA${r.chars(B64URL, 60)}`,
    fp: ['SQUARE_TOKEN=EAAA' + x(60)]
  },
  'square-oauth-secret': { tp: r => `s=sq0csp-${r.chars(B64URL, 43)}`, fp: ['s=sq0csp-' + x(43)] },
  'paypal-braintree-access-token': {
    tp: r => `BT=access_token$production$${r.chars(LOWER + DIGITS, 16)}$${r.chars(HEX, 32)}`,
    fp: ['BT=access_token$production$<merchant>$<token>']
  },
  'twilio-api-key': {
    tp: r => `twilio_api_key_sid = "SK${r.chars(HEX, 32)}"`,
    fp: ['twilio_api_key_sid = "SK' + x(32) + '"', `other = "SK${'ab'.repeat(16)}"`]
  },
  'twilio-auth-token': {
    tp: r => `TWILIO_AUTH_TOKEN=${r.chars(HEX, 32)}`,
    fp: ['TWILIO_AUTH_TOKEN=your_auth_token', 'TWILIO_AUTH_TOKEN=' + '0'.repeat(32)]
  },
  'sendgrid-api-key': {
    tp: r => `SENDGRID_API_KEY=SG.${r.chars(B64URL, 22)}.${r.chars(B64URL, 43)}`,
    fp: ['SENDGRID_API_KEY=SG.' + x(22) + '.' + x(43)]
  },
  'mailgun-api-key': {
    tp: r => `MAILGUN_API_KEY=key-${r.chars(HEX, 32)}`,
    fp: ['MAILGUN_API_KEY=key-' + '0'.repeat(32), 'primary-key-name']
  },
  'mailchimp-api-key': {
    tp: r => `MAILCHIMP_KEY=${r.chars(HEX, 32)}-us${r.int(1, 20)}`,
    fp: ['MAILCHIMP_KEY=' + '0'.repeat(32) + '-us1']
  },
  'postmark-server-token': {
    tp: r =>
      `POSTMARK_SERVER_TOKEN=${r.chars(HEX, 8)}-${r.chars(HEX, 4)}-${r.chars(HEX, 4)}-${r.chars(HEX, 4)}-${r.chars(HEX, 12)}`,
    fp: ['POSTMARK_SERVER_TOKEN=POSTMARK_API_TEST']
  },
  'npm-access-token': {
    tp: r => `NPM_TOKEN=npm_${r.chars(ALNUM, 36)}`,
    fp: ['NPM_TOKEN=npm_' + x(36), 'npm_config_cache=/tmp/npm']
  },
  'npmrc-auth-token': {
    tp: r => `//registry.npmjs.org/:_authToken=${b64(r, 24)}`,
    fp: [
      '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
      '//registry.npmjs.org/:_authToken=changeme'
    ]
  },
  'pypi-api-token': {
    tp: r => `password = pypi-AgEIcHlwaS5vcmc${r.bytes(80).toString('base64url')}`,
    fp: ['password = pypi-AgEIcHlwaS5vcmc' + x(4)]
  },
  'pypi-test-api-token': {
    tp: r => `password = pypi-AgENdGVzdC5weXBpLm9yZw${r.bytes(80).toString('base64url')}`,
    fp: ['password = pypi-AgENdGVzdC5weXBpLm9yZw']
  },
  'rubygems-api-key': {
    tp: r => `GEM_HOST_API_KEY=rubygems_${r.chars(HEX, 48)}`,
    fp: ['GEM_HOST_API_KEY=rubygems_' + x(48)]
  },
  'nuget-api-key': {
    tp: r => `NUGET_API_KEY=oy2${r.chars(LOWER + DIGITS, 43)}`,
    fp: ['NUGET_API_KEY=oy2' + x(43)]
  },
  'dockerhub-pat': {
    tp: r => `DOCKERHUB_TOKEN=dckr_pat_${r.chars(B64URL, 27)}`,
    fp: ['DOCKERHUB_TOKEN=dckr_pat_' + x(27)]
  },
  'docker-config-auth': {
    tp: r => `      "auth": "${Buffer.from(`deploy:${r.chars(ALNUM, 16)}`).toString('base64')}"`,
    fp: [
      `      "auth": "${Buffer.from('no-colon-here').toString('base64')}"`,
      '      "auth": "basic"'
    ]
  },
  'clojars-token': {
    tp: r => `CLOJARS_${r.chars(LOWER + DIGITS, 60)}`,
    fp: ['CLOJARS_USERNAME=me']
  },
  'heroku-api-key': {
    tp: r => `HEROKU_API_KEY=HRKU-AA${r.chars(B64URL, 58)}`,
    fp: ['HEROKU_API_KEY=HRKU-' + x(10)]
  },
  'digitalocean-token': {
    tp: r => `DO_TOKEN=dop_v1_${r.chars(HEX, 64)}`,
    fp: ['DO_TOKEN=dop_v1_' + x(64)]
  },
  'cloudflare-api-token': {
    tp: r => `CLOUDFLARE_API_TOKEN=${r.chars(B64URL, 40)}`,
    fp: ['CLOUDFLARE_API_TOKEN=' + x(40), 'cloudflare_zone = "example.com"']
  },
  'cloudflare-origin-ca-key': {
    tp: r => `CF_ORIGIN=v1.0-${r.chars(HEX, 24)}-${r.chars(HEX, 146)}`,
    fp: ['version v1.0-beta']
  },
  'datadog-api-key': {
    tp: r => `DD_API_KEY=${r.chars(HEX, 32)}`,
    fp: ['DD_API_KEY=' + '0'.repeat(32), 'DD_API_KEY=<your key>']
  },
  'newrelic-key': {
    tp: r => `NEW_RELIC_API_KEY=NRAK-${r.chars(UPPER + DIGITS, 27)}`,
    fp: ['NEW_RELIC_API_KEY=NRAK-' + 'X'.repeat(27)]
  },
  'sentry-auth-token': {
    tp: r =>
      `SENTRY_AUTH_TOKEN=sntrys_${Buffer.from(
        JSON.stringify({ iat: 1700000000, url: 'https://sentry.io', org: 'acme' })
      )
        .toString('base64')
        .replace(/=+$/, '')}_${r.chars(B64, 43)}`,
    fp: ['SENTRY_AUTH_TOKEN=sntrys_' + x(80) + '_' + x(43)]
  },
  'sentry-dsn': {
    tp: r =>
      `SENTRY_DSN=https://${r.chars(HEX, 32)}@o${r.chars(DIGITS, 6)}.ingest.sentry.io/${r.chars(DIGITS, 7)}`,
    fp: ['SENTRY_DSN=https://public@sentry.example.com/1']
  },
  'shopify-token': {
    tp: r => `SHOPIFY_TOKEN=shpat_${r.chars(HEX, 32)}`,
    fp: ['SHOPIFY_TOKEN=shpat_' + x(32)]
  },
  'linear-api-key': {
    tp: r => `LINEAR_API_KEY=lin_api_${r.chars(ALNUM, 40)}`,
    fp: ['LINEAR_API_KEY=lin_api_' + x(40)]
  },
  'notion-token': {
    tp: r => `NOTION_TOKEN=ntn_${r.chars(DIGITS, 11)}${r.chars(ALNUM, 35)}`,
    fp: ['NOTION_TOKEN=secret_' + x(43), 'my_secret_value_for_tests_abcdefghijklmnop']
  },
  'openai-api-key': {
    tp: r => `OPENAI_API_KEY=sk-proj-${r.chars(B64URL, 74)}T3BlbkFJ${r.chars(B64URL, 74)}`,
    fp: ['OPENAI_API_KEY=sk-proj-' + x(20)]
  },
  'openai-project-key': {
    tp: r => `OPENAI_API_KEY=sk-proj-${r.chars(B64URL, 156)}`,
    fp: ['OPENAI_API_KEY=sk-proj-' + x(156)]
  },
  'anthropic-api-key': {
    tp: r => `ANTHROPIC_API_KEY=sk-ant-api03-${r.chars(B64URL, 93)}AA`,
    fp: ['ANTHROPIC_API_KEY=sk-ant-api03-' + x(20)]
  },
  'huggingface-token': {
    tp: r => `HF_TOKEN=hf_${r.chars(UPPER + LOWER, 34)}`,
    fp: ['HF_TOKEN=hf_' + x(34), 'hf_hub_download_function_name_here_ok']
  },
  'databricks-token': {
    tp: r => `DATABRICKS_TOKEN=dapi${r.chars(HEX, 32)}`,
    fp: ['DATABRICKS_TOKEN=dapi' + '0'.repeat(32)]
  },
  'vault-token': {
    tp: r => `VAULT_TOKEN=hvs.${r.chars(B64URL, 91)}`,
    fp: ['VAULT_TOKEN=hvs.' + x(30)]
  },
  'terraform-cloud-token': {
    tp: r => `TFE_TOKEN=${r.chars(ALNUM, 14)}.atlasv1.${r.chars(ALNUM, 67)}`,
    fp: ['TFE_TOKEN=xxxxxxxxxxxxxx.atlasv1.' + x(67)]
  },
  'doppler-token': {
    tp: r => `DOPPLER_TOKEN=dp.st.${r.chars(ALNUM, 43)}`,
    fp: ['DOPPLER_TOKEN=dp.st.' + x(43)]
  },
  'pulumi-access-token': {
    tp: r => `PULUMI_ACCESS_TOKEN=pul-${r.chars(HEX, 40)}`,
    fp: ['PULUMI_ACCESS_TOKEN=pul-' + '0'.repeat(40)]
  },
  'grafana-token': {
    tp: r => `GRAFANA_TOKEN=glsa_${r.chars(ALNUM, 32)}_${r.chars(HEX, 8)}`,
    fp: ['GRAFANA_TOKEN=glsa_' + x(32) + '_' + x(8)]
  },
  'postman-api-key': {
    tp: r => `POSTMAN_API_KEY=PMAK-${r.chars(HEX, 24)}-${r.chars(HEX, 34)}`,
    fp: ['POSTMAN_API_KEY=PMAK-' + x(24) + '-' + x(34)]
  },
  'flyio-token': {
    tp: r => `FLY_API_TOKEN=fo1_${r.chars(B64URL, 43)}`,
    fp: ['FLY_API_TOKEN=fo1_' + x(43)]
  },
  'age-secret-key': {
    tp: r => `AGE-SECRET-KEY-1${r.chars('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)}`,
    fp: ['AGE-SECRET-KEY-1' + 'B'.repeat(58)]
  },
  'okta-api-token': {
    tp: r => `OKTA_API_TOKEN=00${r.chars(B64URL, 40)}`,
    fp: ['OKTA_API_TOKEN=00' + x(40)]
  },
  'mapbox-secret-token': {
    tp: r => `MAPBOX_TOKEN=sk.eyJ${r.chars(B64URL, 60)}.${r.chars(B64URL, 22)}`,
    fp: ['MAPBOX_TOKEN=pk.eyJ' + r0(60)]
  },
  'planetscale-token': {
    tp: r => `PLANETSCALE_TOKEN=pscale_tkn_${r.chars(ALNUM, 43)}`,
    fp: ['PLANETSCALE_TOKEN=pscale_tkn_' + x(43)]
  },
  'supabase-service-key': {
    tp: r => `SUPABASE_ACCESS_TOKEN=sbp_${r.chars(HEX, 40)}`,
    fp: ['SUPABASE_ACCESS_TOKEN=sbp_' + x(40)]
  },
  'jfrog-api-key': {
    tp: r => `ARTIFACTORY_API_KEY=AKCp${r.chars(ALNUM, 69)}`,
    fp: ['ARTIFACTORY_API_KEY=AKCp' + x(69)]
  },
  'circleci-token': {
    tp: r => `CIRCLE_TOKEN=CCIPAT_${r.chars(ALNUM, 22)}_${r.chars(HEX, 40)}`,
    fp: ['CIRCLE_TOKEN=CCIPAT_' + x(22) + '_' + x(40)]
  },
  'figma-pat': {
    tp: r => `FIGMA_TOKEN=figd_${r.chars(B64URL, 40)}`,
    fp: ['FIGMA_TOKEN=figd_' + x(40)]
  },
  'sonarqube-token': {
    tp: r => `SONAR_TOKEN=squ_${r.chars(HEX, 40)}`,
    fp: ['SONAR_TOKEN=squ_' + x(40)]
  },
  jwt: {
    tp: r =>
      `AUTH=${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(`{"sub":"${r.chars(DIGITS, 6)}"}`).toString('base64url')}.${r.bytes(32).toString('base64url')}`,
    fp: [`AUTH=eyJub3QiOiJhIGhlYWRlciJ9.eyJzdWIiOiIxIn0.${'a'.repeat(43)}`, 'const prefix = "eyJ"']
  },
  'database-url-password': {
    tp: r => `DATABASE_URL=postgres://app:${r.chars(ALNUM, 16)}@db.internal:5432/app`,
    fp: [
      'DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app',
      'DATABASE_URL=postgres://postgres:password@localhost/test',
      'DATABASE_URL=postgres://db:5432/app'
    ]
  },
  'url-basic-auth': {
    tp: r => `git clone https://ci:${r.chars(ALNUM, 20)}@git.corp.dev/repo.git`,
    fp: [
      'git clone https://git@github.com/acme/app.git',
      'url = "https://user:$TOKEN@host/x"',
      'https://user:changeme@host',
      "const u = new URL('https://abc:xyz123@example.com')"
    ]
  },
  'netrc-password': {
    tp: r => `machine api.corp.dev login ci password ${r.chars(ALNUM, 20)}`,
    fp: [
      'machine api.corp.dev login ci password $NETRC_PASSWORD',
      'machine learning is fun',
      'machine git.corp.dev login ci password {S}',
      'machine x password ab'
    ]
  },
  'kubernetes-secret-data': {
    tp: r =>
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: ${Buffer.from(r.chars(ALNUM, 20)).toString('base64')}`,
    fp: [
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: ""',
      'apiVersion: v1\nkind: ConfigMap\ndata:\n  password: c2VjcmV0LXZhbHVlLTEyMw==',
      `apiVersion: v1\nkind: Secret\ndata:\n  password: ${Buffer.from('changeme').toString('base64')}`
    ]
  },
  'generic-credential-assignment': {
    tp: r => `DB_PASSWORD = "${r.chars(ALNUM, 8)}!${r.chars(DIGITS, 3)}"`,
    fp: [
      'password = "changeme"',
      'password = getPassword()',
      'token: ${{ secrets.TOKEN }}',
      'password_length = 12',
      'passwordField = "password"',
      'bypass = "a1b2c3d4e5f6g7"'
    ]
  },
  'high-entropy-string': {
    tp: r => `blob = "${r.bytes(30).toString('base64')}"`,
    fp: [
      'id = "6f1c2a4e-8b3d-4f5a-9c7e-1d2b3a4c5e6f"',
      `"integrity": "sha512-${'Ab3'.repeat(28)}"`,
      'label = "getAuthenticationTokenForUser"',
      'rev = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"',
      'gl = "CanvasRenderingContext2D"',
      'msg = "Enum_member_expected_1132"',
      'wasm = "wAbAMequP3s7yU8+EQ69AAAAAADg7T8="',
      'oid = "59ef4a839ec8a4be4430b36b"'
    ]
  }
}

function r0(n: number): string {
  return 'a'.repeat(n)
}
