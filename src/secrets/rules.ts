// Provider rules: one precise pattern per credential format, with the
// keywords that must appear for it to be tried (the prefilter) and, where the
// format has one, a structure or checksum check. Patterns use only bounded
// quantifiers after their literal anchor, so each costs O(line length).
import type { Severity } from '../model/finding.js'
import {
  hasBase62Crc32,
  isAzureAccountKey,
  isDiscordToken,
  isDockerAuth,
  isJwt,
  isPypiToken,
  isSentryOrgToken,
  minEntropy
} from './checks.js'
import { isPlaceholder } from './placeholders.js'

/** A literal value, not a placeholder or a `$VAR`/`%VAR%` reference. */
const literal = (secret: string): boolean => !isPlaceholder(secret) && !/^[$%]/.test(secret)
/** A URL password that is not a documentation example (host example.com, `user:pass`-style words). */
const urlPassword = (secret: string, line: string): boolean =>
  literal(secret) && secret.length >= 4 && !/@(?:[\w-]+\.)*example\.(?:com|org|net)\b/.test(line)

export interface ProviderRule {
  id: string
  title: string
  severity: Severity
  /** Lowercase literals; the rule is tried only on lines containing one. */
  keywords: string[]
  /** Global regex; capture group 1 is the secret when present, else the whole match. */
  pattern: RegExp
  /** Structure/checksum/entropy check on the secret; false drops the candidate. */
  validate?: (secret: string, line: string) => boolean
  /** A passed checksum (informative: recorded as properties.checksum). */
  checksum?: (secret: string) => boolean
  /** The pattern may span lines (private keys): run on the text from the keyword, not the line. */
  multiline?: boolean
  help?: string
}

// Boundaries: a token must not be glued to other token characters.
const B = '(?<![A-Za-z0-9_+/-])'
const E = '(?![A-Za-z0-9_-])'
const rx = (source: string, flags = 'g'): RegExp => new RegExp(source, flags)

/** A value assigned after a keyword on the same line: `key … = "value"`. */
const near = (keyword: string, value: string): RegExp =>
  rx(
    `(?:${keyword})[\\w.\\-]{0,20}["']?\\s{0,5}(?:=|:|:=|=>|,)\\s{0,5}["']?${B}(${value})${E}`,
    'gi'
  )

const H = (n: string): string => `[0-9a-f]{${n}}`

export const providerRules: ProviderRule[] = [
  {
    id: 'gcp-service-account-key',
    title: 'Google Cloud service-account private key',
    severity: 'critical',
    keywords: ['"private_key"'],
    pattern: rx(
      '"private_key"\\s{0,5}:\\s{0,5}"(-----BEGIN PRIVATE KEY-----(?:\\\\n|[A-Za-z0-9+/= ]){64,8192}?-----END PRIVATE KEY-----(?:\\\\n)?)"'
    ),
    validate: key => !/\.\.\.|xxxx/i.test(key)
  },
  // ---- private keys (multi-line, encrypted or not)
  {
    id: 'private-key',
    title: 'Private key',
    severity: 'critical',
    keywords: ['private key-----', 'private key block-----'],
    // The header; runMultiline in detect.ts reads the block up to its END line.
    pattern: rx(
      '-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED |)PRIVATE KEY(?: BLOCK)?)-----'
    ),
    multiline: true,
    validate: key => /[A-Za-z0-9+/]{40}/.test(key) && !/\.\.\.|…|<|xxxx/i.test(key)
  },
  // ---- AWS
  {
    id: 'aws-access-key-id',
    title: 'AWS access key ID',
    severity: 'high',
    keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'],
    pattern: rx(`${B}((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})${E}`),
    validate: minEntropy(3)
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    severity: 'critical',
    keywords: ['aws', 'secret_access', 'secretaccess', 'secret-access'],
    pattern: near(
      'aws_?secret_?access_?key|secret_?access_?key|aws_?secret(?:_?key)?|secretAccessKey',
      '[A-Za-z0-9/+]{40}'
    ),
    validate: minEntropy(4)
  },
  {
    id: 'aws-session-token',
    title: 'AWS session token',
    severity: 'high',
    keywords: ['session_token', 'sessiontoken', 'security_token', 'securitytoken'],
    pattern: near(
      'aws_?session_?token|aws_?security_?token|sessionToken|session_token',
      '[A-Za-z0-9/+=]{100,1200}'
    ),
    validate: minEntropy(4.5)
  },
  // ---- Google
  {
    id: 'gcp-api-key',
    title: 'Google API key',
    severity: 'high',
    keywords: ['aiza'],
    pattern: rx(`${B}(AIza[0-9A-Za-z_-]{35})${E}`),
    validate: minEntropy(3.5)
  },
  {
    id: 'gcp-oauth-client-secret',
    title: 'Google OAuth client secret',
    severity: 'high',
    keywords: ['gocspx-'],
    pattern: rx(`${B}(GOCSPX-[A-Za-z0-9_-]{28})${E}`)
  },
  // ---- Azure
  {
    id: 'azure-storage-connection-string',
    title: 'Azure storage connection string',
    severity: 'critical',
    keywords: ['accountkey='],
    pattern: rx('AccountName=[a-z0-9]{3,24};\\s{0,3}AccountKey=([A-Za-z0-9+/]{86}==)', 'gi'),
    validate: key => isAzureAccountKey(key) && minEntropy(4)(key)
  },
  {
    id: 'azure-sas-token',
    title: 'Azure shared access signature',
    severity: 'high',
    keywords: ['sig='],
    pattern: rx(
      '[?&]s[vp]=[^&\\s"\']{1,40}&(?:[a-z]{2,4}=[^&\\s"\']{0,80}&){0,12}sig=([A-Za-z0-9%+/=]{40,100})'
    ),
    validate: sig => /%2[bBfF]|%3[dD]|[+/]/.test(sig) || sig.length >= 43
  },
  {
    id: 'azure-client-secret',
    title: 'Azure AD (Entra ID) client secret',
    severity: 'high',
    keywords: ['q~'],
    pattern: rx(`${B}([a-zA-Z0-9_.~-]{3}[0-9]Q~[a-zA-Z0-9_.~-]{31,34})(?![A-Za-z0-9_.~-])`),
    validate: minEntropy(3.5)
  },
  // ---- GitHub
  ...(['ghp', 'gho', 'ghu', 'ghs', 'ghr'] as const).map((prefix): ProviderRule => ({
    id: `github-${{ ghp: 'pat', gho: 'oauth', ghu: 'user-to-server', ghs: 'app-token', ghr: 'refresh-token' }[prefix]}`,
    title: `GitHub ${{ ghp: 'personal access token (classic)', gho: 'OAuth access token', ghu: 'user-to-server token', ghs: 'app installation token', ghr: 'refresh token' }[prefix]}`,
    severity: 'critical',
    keywords: [`${prefix}_`],
    pattern: rx(`${B}(${prefix}_[0-9A-Za-z]{36})${E}`),
    validate: minEntropy(3.5),
    checksum: hasBase62Crc32
  })),
  {
    id: 'github-fine-grained-pat',
    title: 'GitHub fine-grained personal access token',
    severity: 'critical',
    keywords: ['github_pat_'],
    pattern: rx(`${B}(github_pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{59})${E}`)
  },
  // ---- GitLab
  {
    id: 'gitlab-pat',
    title: 'GitLab personal/project/group access token',
    severity: 'critical',
    keywords: ['glpat-'],
    pattern: rx(
      `${B}(glpat-(?:[0-9A-Za-z_-]{20}|[0-9A-Za-z_-]{27,300}\\.[0-9a-z]{2}\\.[0-9a-z]{9}))${E}`
    ),
    validate: minEntropy(3)
  },
  ...(
    [
      ['gitlab-deploy-token', 'GitLab deploy token', 'gldt-', '[0-9A-Za-z_-]{20}'],
      [
        'gitlab-runner-token',
        'GitLab runner authentication token',
        'glrt-',
        '[0-9A-Za-z_-]{20,80}'
      ],
      ['gitlab-pipeline-trigger-token', 'GitLab pipeline trigger token', 'glptt-', '[0-9a-f]{40}'],
      ['gitlab-cicd-job-token', 'GitLab CI/CD job token', 'glcbt-', '[0-9a-zA-Z_-]{20,80}'],
      ['gitlab-oauth-app-secret', 'GitLab OAuth application secret', 'gloas-', '[0-9a-zA-Z_-]{64}'],
      ['gitlab-feed-token', 'GitLab feed token', 'glft-', '[0-9a-zA-Z_-]{20}'],
      ['gitlab-scim-token', 'GitLab SCIM token', 'glsoat-', '[0-9a-zA-Z_-]{20}'],
      [
        'gitlab-runner-registration-token',
        'GitLab runner registration token',
        'GR1348941',
        '[0-9a-zA-Z_-]{20}'
      ]
    ] as const
  ).map(([id, title, prefix, body]): ProviderRule => ({
    id,
    title,
    severity: 'high',
    keywords: [prefix.toLowerCase()],
    pattern: rx(`${B}(${prefix}${body})${E}`),
    validate: minEntropy(3)
  })),
  // ---- Bitbucket / Atlassian
  {
    id: 'bitbucket-app-password',
    title: 'Bitbucket app password / API token',
    severity: 'high',
    keywords: ['atbb'],
    pattern: rx(`${B}(ATBB[A-Za-z0-9_=.-]{20,60}[A-F0-9]{8})${E}`),
    validate: minEntropy(3.5)
  },
  {
    id: 'atlassian-api-token',
    title: 'Atlassian API token',
    severity: 'high',
    keywords: ['atatt3'],
    pattern: rx(`${B}(ATATT3[A-Za-z0-9_=-]{180,200})${E}`)
  },
  // ---- chat
  {
    id: 'slack-token',
    title: 'Slack token',
    severity: 'high',
    keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-', 'xoxo-', 'xoxe'],
    pattern: rx(
      `${B}((?:xox[bpaors]-[0-9]{8,14}-[0-9]{8,14}(?:-[0-9]{8,14})?-[0-9a-zA-Z]{24,40}|xoxe\\.xox[bp]-1-[0-9a-zA-Z]{100,200}|xoxe-1-[0-9a-zA-Z]{100,200}))${E}`
    )
  },
  {
    id: 'slack-app-token',
    title: 'Slack app-level token',
    severity: 'high',
    keywords: ['xapp-'],
    pattern: rx(`${B}(xapp-1-[A-Z0-9]{9,12}-[0-9]{10,14}-[a-z0-9]{64})${E}`, 'gi')
  },
  {
    id: 'slack-webhook-url',
    title: 'Slack incoming webhook URL',
    severity: 'high',
    keywords: ['hooks.slack.com'],
    pattern: rx(
      'https://hooks\\.slack\\.com/(?:services|workflows|triggers)/([A-Za-z0-9+/]{9,12}/[A-Za-z0-9+/]{9,12}/[A-Za-z0-9+/]{23,24}|[A-Za-z0-9]{9,12}/[0-9]{9,14}/[a-f0-9]{32})'
    ),
    validate: minEntropy(3.5)
  },
  {
    id: 'discord-bot-token',
    title: 'Discord bot token',
    severity: 'high',
    keywords: ['discord', 'bot '],
    pattern: rx(`${B}([MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38})${E}`),
    validate: isDiscordToken
  },
  {
    id: 'discord-webhook-url',
    title: 'Discord webhook URL',
    severity: 'high',
    keywords: ['/api/webhooks/'],
    pattern: rx(
      'https://(?:(?:ptb|canary)\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/([A-Za-z0-9_-]{60,80})'
    )
  },
  {
    id: 'telegram-bot-token',
    title: 'Telegram bot token',
    severity: 'high',
    keywords: [':aa'],
    pattern: rx(`(?<![0-9])([0-9]{8,10}:AA[0-9A-Za-z_-]{33})${E}`)
  },
  // ---- payments
  {
    id: 'stripe-secret-key',
    title: 'Stripe live secret key',
    severity: 'critical',
    keywords: ['sk_live_', 'rk_live_'],
    pattern: rx(`${B}([sr]k_live_[0-9a-zA-Z]{24,247})${E}`)
  },
  {
    id: 'stripe-test-secret-key',
    title: 'Stripe test-mode secret key',
    severity: 'low',
    keywords: ['sk_test_', 'rk_test_'],
    pattern: rx(`${B}([sr]k_test_[0-9a-zA-Z]{24,247})${E}`),
    validate: minEntropy(3.5)
  },
  {
    id: 'stripe-webhook-secret',
    title: 'Stripe webhook signing secret',
    severity: 'high',
    keywords: ['whsec_'],
    pattern: rx(`${B}(whsec_[0-9a-zA-Z]{32,64})${E}`)
  },
  {
    id: 'square-access-token',
    title: 'Square access token',
    severity: 'high',
    keywords: ['sq0atp-', 'eaaa'],
    pattern: rx(`${B}(sq0atp-[0-9A-Za-z_-]{22}|EAAA[A-Za-z0-9_-]{60})${E}`),
    validate: minEntropy(3.5)
  },
  {
    id: 'square-oauth-secret',
    title: 'Square OAuth application secret',
    severity: 'high',
    keywords: ['sq0csp-'],
    pattern: rx(`${B}(sq0csp-[0-9A-Za-z_-]{43})${E}`)
  },
  {
    id: 'paypal-braintree-access-token',
    title: 'PayPal / Braintree access token',
    severity: 'critical',
    keywords: ['access_token$'],
    pattern: rx(`(access_token\\$(?:production|sandbox)\\$[0-9a-z]{16}\\$[0-9a-f]{32})`)
  },
  // ---- messaging / email
  {
    id: 'twilio-api-key',
    title: 'Twilio API key SID with secret',
    severity: 'high',
    keywords: ['twilio'],
    pattern: rx(`${B}(SK[0-9a-fA-F]{32})${E}`),
    validate: secret => /[a-f]/i.test(secret.slice(2)) && /[0-9]/.test(secret.slice(2))
  },
  {
    id: 'twilio-auth-token',
    title: 'Twilio auth token',
    severity: 'high',
    keywords: ['twilio'],
    pattern: near('twilio[\\w]{0,20}(?:auth|token|secret)', H('32'))
  },
  {
    id: 'sendgrid-api-key',
    title: 'SendGrid API key',
    severity: 'high',
    keywords: ['sg.'],
    pattern: rx(`${B}(SG\\.[0-9A-Za-z_-]{22}\\.[0-9A-Za-z_-]{43})${E}`)
  },
  {
    id: 'mailgun-api-key',
    title: 'Mailgun API key',
    severity: 'high',
    keywords: ['key-'],
    pattern: rx(`${B}(key-[0-9a-f]{32})${E}`),
    validate: minEntropy(3.2)
  },
  {
    id: 'mailchimp-api-key',
    title: 'Mailchimp API key',
    severity: 'high',
    keywords: ['-us'],
    pattern: rx(`${B}([0-9a-f]{32}-us[0-9]{1,2})${E}`),
    validate: minEntropy(3.2)
  },
  {
    id: 'postmark-server-token',
    title: 'Postmark server token',
    severity: 'high',
    keywords: ['postmark'],
    pattern: near(
      'postmark[\\w]{0,20}(?:token|key)',
      '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
    )
  },
  // ---- package registries
  {
    id: 'npm-access-token',
    title: 'npm access token',
    severity: 'critical',
    keywords: ['npm_'],
    pattern: rx(`${B}(npm_[0-9A-Za-z]{36})${E}`),
    validate: minEntropy(3.5),
    checksum: hasBase62Crc32
  },
  {
    id: 'npmrc-auth-token',
    title: '.npmrc registry auth token',
    severity: 'critical',
    keywords: ['_authtoken', '_auth=', '_password='],
    pattern: rx(
      ':(?:_authToken|_auth|_password)\\s{0,3}=\\s{0,3}["\']?([A-Za-z0-9+/=._~-]{16,512})',
      'g'
    ),
    validate: secret => !/^npm_/.test(secret) && literal(secret) && minEntropy(3)(secret)
  },
  {
    id: 'pypi-api-token',
    title: 'PyPI API token',
    severity: 'critical',
    keywords: ['pypi-ag'],
    pattern: rx(`${B}(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,300})${E}`),
    validate: isPypiToken
  },
  {
    id: 'pypi-test-api-token',
    title: 'TestPyPI API token',
    severity: 'medium',
    keywords: ['pypi-ag'],
    pattern: rx(`${B}(pypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9_-]{50,300})${E}`)
  },
  {
    id: 'rubygems-api-key',
    title: 'RubyGems API key',
    severity: 'critical',
    keywords: ['rubygems_'],
    pattern: rx(`${B}(rubygems_[0-9a-f]{48})${E}`)
  },
  {
    id: 'nuget-api-key',
    title: 'NuGet API key',
    severity: 'critical',
    keywords: ['oy2'],
    pattern: rx(`${B}(oy2[a-z0-9]{43})${E}`),
    validate: minEntropy(3.5)
  },
  {
    id: 'dockerhub-pat',
    title: 'Docker Hub personal access token',
    severity: 'critical',
    keywords: ['dckr_pat_', 'dckr_oat_'],
    pattern: rx(`${B}(dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32})${E}`)
  },
  {
    id: 'docker-config-auth',
    title: 'Docker registry credentials (config.json auth)',
    severity: 'critical',
    keywords: ['"auth"'],
    pattern: rx('"auth"\\s{0,5}:\\s{0,5}"([A-Za-z0-9+/]{8,1024}={0,2})"'),
    validate: isDockerAuth
  },
  {
    id: 'clojars-token',
    title: 'Clojars deploy token',
    severity: 'high',
    keywords: ['clojars_'],
    pattern: rx(`${B}(CLOJARS_[a-z0-9]{60})${E}`, 'gi')
  },
  // ---- hosting / cloud
  {
    id: 'heroku-api-key',
    title: 'Heroku API key',
    severity: 'high',
    keywords: ['hrku-', 'heroku'],
    pattern: rx(
      `${B}(HRKU-AA[0-9a-zA-Z_-]{58}|HRKU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})${E}|(?:heroku[\\w]{0,20}(?:key|token|secret)[\\w]{0,10}["']?\\s{0,5}[=:]\\s{0,5}["']?)([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`,
      'gi'
    )
  },
  {
    id: 'digitalocean-token',
    title: 'DigitalOcean token',
    severity: 'critical',
    keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    pattern: rx(`${B}(do[opr]_v1_[a-f0-9]{64})${E}`)
  },
  {
    id: 'cloudflare-api-token',
    title: 'Cloudflare API token or key',
    severity: 'high',
    keywords: ['cloudflare', 'cf_api', 'cf-api'],
    pattern: near(
      'cloudflare[\\w]{0,20}(?:token|key|secret)|cf_api_(?:token|key)',
      '[A-Za-z0-9_-]{37,40}'
    ),
    validate: minEntropy(3.5)
  },
  {
    id: 'cloudflare-origin-ca-key',
    title: 'Cloudflare Origin CA key',
    severity: 'high',
    keywords: ['v1.0-'],
    pattern: rx(`${B}(v1\\.0-[a-f0-9]{24}-[a-f0-9]{146})${E}`)
  },
  {
    id: 'datadog-api-key',
    title: 'Datadog API or application key',
    severity: 'high',
    keywords: ['datadog', 'dd_api_key', 'dd_app_key', 'dd_application_key', 'dd-api-key'],
    pattern: near(
      'datadog[\\w]{0,20}(?:key|token)|dd_(?:api|app|application)_key|dd-api-key',
      '[a-f0-9]{32}|[a-f0-9]{40}'
    ),
    validate: minEntropy(3.2)
  },
  {
    id: 'newrelic-key',
    title: 'New Relic key',
    severity: 'high',
    keywords: ['nrak-', 'nrjs-', 'nrii-'],
    pattern: rx(`${B}(NRAK-[A-Z0-9]{27}|NRJS-[a-f0-9]{19}|NRII-[A-Za-z0-9_-]{32})${E}`)
  },
  {
    id: 'sentry-auth-token',
    title: 'Sentry auth token',
    severity: 'high',
    keywords: ['sntrys_', 'sntryu_'],
    pattern: rx(`${B}(sntrys_[A-Za-z0-9+/=]{60,400}_[A-Za-z0-9+/]{43}|sntryu_[a-f0-9]{64})${E}`),
    validate: s => s.startsWith('sntryu_') || isSentryOrgToken(s)
  },
  {
    id: 'sentry-dsn',
    title: 'Sentry DSN with key',
    severity: 'low',
    keywords: ['sentry.io', '@o'],
    pattern: rx(
      'https://([a-f0-9]{32})@o?[0-9]{1,12}\\.ingest(?:\\.[a-z]{2})?\\.sentry\\.io/[0-9]{1,12}'
    )
  },
  {
    id: 'shopify-token',
    title: 'Shopify access token or secret',
    severity: 'high',
    keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    pattern: rx(`${B}(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})${E}`)
  },
  {
    id: 'linear-api-key',
    title: 'Linear API key',
    severity: 'high',
    keywords: ['lin_api_'],
    pattern: rx(`${B}(lin_api_[A-Za-z0-9]{40})${E}`)
  },
  {
    id: 'notion-token',
    title: 'Notion integration token',
    severity: 'high',
    keywords: ['ntn_', 'secret_'],
    pattern: rx(`${B}(ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})${E}`),
    validate: minEntropy(4)
  },
  {
    id: 'openai-api-key',
    title: 'OpenAI API key',
    severity: 'critical',
    keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 't3blbkfj'],
    pattern: rx(
      `${B}(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{58,74}T3BlbkFJ[A-Za-z0-9_-]{58,74}|sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,74}T3BlbkFJ[A-Za-z0-9_-]{20,74})${E}`
    )
  },
  {
    id: 'openai-project-key',
    title: 'OpenAI project API key',
    severity: 'critical',
    keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-'],
    pattern: rx(`${B}(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{80,200})${E}`),
    validate: minEntropy(4.5)
  },
  {
    id: 'anthropic-api-key',
    title: 'Anthropic API key',
    severity: 'critical',
    keywords: ['sk-ant-'],
    pattern: rx(`${B}(sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA)${E}`)
  },
  {
    id: 'huggingface-token',
    title: 'Hugging Face access token',
    severity: 'high',
    keywords: ['hf_', 'api_org_'],
    pattern: rx(`${B}((?:hf_|api_org_)[A-Za-z]{34})${E}`),
    validate: s => /[A-Z]/.test(s.slice(3)) && /[a-z]/.test(s.slice(3)) && minEntropy(3.8)(s)
  },
  {
    id: 'databricks-token',
    title: 'Databricks personal access token',
    severity: 'high',
    keywords: ['dapi'],
    pattern: rx(`${B}(dapi[a-f0-9]{32}(?:-[0-9])?)${E}`),
    validate: minEntropy(3)
  },
  {
    id: 'vault-token',
    title: 'HashiCorp Vault token',
    severity: 'critical',
    keywords: ['hvs.', 'hvb.', 'hvr.'],
    pattern: rx(`${B}(hv[sbr]\\.[A-Za-z0-9_-]{24,300})${E}`),
    validate: minEntropy(3.5)
  },
  {
    id: 'terraform-cloud-token',
    title: 'Terraform Cloud / HCP Terraform API token',
    severity: 'critical',
    keywords: ['.atlasv1.'],
    pattern: rx(`${B}([A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70})${E}`)
  },
  {
    id: 'doppler-token',
    title: 'Doppler token',
    severity: 'high',
    keywords: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'],
    pattern: rx(
      `${B}(dp\\.(?:pt|st|sa|ct|scim|audit)\\.(?:[a-z0-9_-]{2,35}\\.)?[A-Za-z0-9]{40,44})${E}`
    )
  },
  {
    id: 'pulumi-access-token',
    title: 'Pulumi access token',
    severity: 'high',
    keywords: ['pul-'],
    pattern: rx(`${B}(pul-[a-f0-9]{40})${E}`),
    validate: minEntropy(3)
  },
  {
    id: 'grafana-token',
    title: 'Grafana Cloud / service-account token',
    severity: 'high',
    keywords: ['glc_', 'glsa_'],
    pattern: rx(`${B}(glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})${E}`)
  },
  {
    id: 'postman-api-key',
    title: 'Postman API key',
    severity: 'high',
    keywords: ['pmak-'],
    pattern: rx(`${B}(PMAK-[a-f0-9]{24}-[a-f0-9]{34})${E}`, 'gi')
  },
  {
    id: 'flyio-token',
    title: 'Fly.io access token',
    severity: 'high',
    keywords: ['fo1_', 'fm1', 'fm2_'],
    pattern: rx(`${B}(fo1_[A-Za-z0-9_-]{43}|fm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3})`)
  },
  {
    id: 'age-secret-key',
    title: 'age secret key',
    severity: 'critical',
    keywords: ['age-secret-key-1'],
    pattern: rx(`(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})`)
  },
  {
    id: 'okta-api-token',
    title: 'Okta API token',
    severity: 'high',
    keywords: ['okta'],
    pattern: near('okta[\\w]{0,20}(?:token|key|secret)', '00[A-Za-z0-9_-]{40}'),
    validate: minEntropy(3.5)
  },
  {
    id: 'mapbox-secret-token',
    title: 'Mapbox secret token',
    severity: 'high',
    keywords: ['sk.ey'],
    pattern: rx(`${B}(sk\\.eyJ[A-Za-z0-9_-]{50,200}\\.[A-Za-z0-9_-]{20,30})${E}`)
  },
  {
    id: 'planetscale-token',
    title: 'PlanetScale token or password',
    severity: 'high',
    keywords: ['pscale_'],
    pattern: rx(`${B}(pscale_(?:tkn|oauth|pw)_[A-Za-z0-9_.=-]{32,64})${E}`)
  },
  {
    id: 'supabase-service-key',
    title: 'Supabase secret key',
    severity: 'high',
    keywords: ['sb_secret_', 'sbp_'],
    pattern: rx(`${B}(sb_secret_[A-Za-z0-9_-]{31}|sbp_[a-f0-9]{40})${E}`)
  },
  {
    id: 'jfrog-api-key',
    title: 'JFrog Artifactory API key',
    severity: 'high',
    keywords: ['akcp', 'cmvmdg'],
    pattern: rx(`${B}(AKCp[A-Za-z0-9]{69}|cmVmdGtuOjAxOj[A-Za-z0-9]{50})${E}`)
  },
  {
    id: 'circleci-token',
    title: 'CircleCI personal API token',
    severity: 'high',
    keywords: ['ccipat_'],
    pattern: rx(`${B}(CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40})${E}`)
  },
  {
    id: 'figma-pat',
    title: 'Figma personal access token',
    severity: 'medium',
    keywords: ['figd_'],
    pattern: rx(`${B}(figd_[A-Za-z0-9_-]{40})${E}`)
  },
  {
    id: 'sonarqube-token',
    title: 'SonarQube / SonarCloud token',
    severity: 'high',
    keywords: ['squ_', 'sqp_', 'sqa_'],
    pattern: rx(`${B}(sq[upa]_[a-f0-9]{40})${E}`)
  },
  // ---- tokens with inner structure
  {
    id: 'jwt',
    title: 'JSON Web Token',
    severity: 'medium',
    keywords: ['eyj'],
    pattern: rx(
      `${B}(eyJ[A-Za-z0-9_-]{10,2000}\\.eyJ[A-Za-z0-9_-]{2,8000}\\.[A-Za-z0-9_-]{16,1000})${E}`
    ),
    validate: isJwt
  },
  // ---- URLs and well-known files
  {
    id: 'database-url-password',
    title: 'Database or message-broker URL with a password',
    severity: 'high',
    keywords: [
      'postgres',
      'mysql',
      'mariadb',
      'mongodb',
      'redis',
      'amqp',
      'mssql',
      'sqlserver',
      'jdbc:',
      'clickhouse',
      'cockroach',
      'nats://',
      'kafka',
      'couchdb',
      'neo4j',
      'oracle',
      'elastic'
    ],
    pattern: rx(
      '(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver|clickhouse|cockroachdb|nats|kafka|couchdb|neo4j(?:\\+s)?|bolt|oracle|elasticsearch|jdbc:[a-z]{2,12}(?::[a-z]{1,12})?)://[^\\s:@/"\'<>]{0,128}:([^\\s@/"\'<>]{3,128})@[A-Za-z0-9.\\[\\]_-]{1,253}',
      'gi'
    ),
    validate: urlPassword
  },
  {
    id: 'url-basic-auth',
    title: 'Password in a URL (basic auth)',
    severity: 'high',
    keywords: ['://'],
    pattern: rx(
      '(?:https?|ftps?|git|ssh|svn|smtps?|ldaps?|sftp)://[A-Za-z0-9._~%!$&*+,;=-]{1,128}:([^\\s@/"\'<>:]{3,128})@[A-Za-z0-9.-]{1,253}',
      'gi'
    ),
    validate: urlPassword
  },
  {
    id: 'netrc-password',
    title: '.netrc machine password',
    severity: 'high',
    keywords: ['machine'],
    pattern: rx(
      '(?:^|\\s)machine\\s{1,10}[^\\s]{1,253}(?:\\s{1,10}(?:login|account|port)\\s{1,10}[^\\s]{1,253}){0,3}\\s{1,10}password\\s{1,10}([^\\s]{1,256})'
    ),
    validate: secret => literal(secret) && secret.length >= 4,
    multiline: true
  },
  {
    id: 'kubernetes-secret-data',
    title: 'Kubernetes Secret with data',
    severity: 'high',
    keywords: ['kind: secret', 'kind: "secret"'],
    pattern: rx('$^'), // found by scanKubernetesSecrets (structure, not a single pattern)
    multiline: true
  }
]
