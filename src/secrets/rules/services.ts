// E-mail, monitoring and observability services.
import { isSentryOrgToken, minEntropy } from '../checks.js'
import { named, token, type SecretRule } from './define.js'

export const serviceRules: SecretRule[] = [
  token({
    id: 'sendgrid-api-key',
    title: 'SendGrid API key',
    provider: 'Twilio SendGrid',
    severity: 'high',
    body: 'SG\\.[0-9A-Za-z_-]{22}\\.[0-9A-Za-z_-]{43}',
    keywords: ['sg.'],
    validate: minEntropy(3.5),
    aliases: ['sendgrid-api-token', 'SendGridDetector'],
    reference: 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys',
    tp: ['SENDGRID_API_KEY=SG.{b64url:22}.{b64url:43}'],
    fp: ['SG.short.value']
  }),
  token({
    id: 'sendinblue-api-token',
    title: 'Brevo (Sendinblue) API key',
    provider: 'Brevo',
    severity: 'high',
    body: 'xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}',
    validate: minEntropy(3),
    tp: ['BREVO_API_KEY=xkeysib-{hex:64}-{alnum:16}'],
    fp: ['xkeysib-short']
  }),
  named({
    id: 'mailgun-api-key',
    title: 'Mailgun API key',
    provider: 'Mailgun',
    severity: 'high',
    names: ['mailgun', 'mg_api', 'mg-api'],
    value: '[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}|[0-9a-f]{32}',
    validate: minEntropy(3.2),
    aliases: ['mailgun-signing-key'],
    tp: ['MAILGUN_SIGNING_KEY={hex:32}-{hex:8}-{hex:8}', 'MAILGUN_API_KEY={hex:32}'],
    fp: ['mailgun_domain = "mg.example.com"']
  }),
  token({
    id: 'mailgun-key',
    title: 'Mailgun API key (key- format)',
    provider: 'Mailgun',
    severity: 'high',
    body: 'key-[0-9a-f]{32}',
    validate: minEntropy(3.2),
    aliases: ['mailgun-private-api-token'],
    tp: ['api_key = "key-{hex:32}"'],
    fp: ['key-' + '0'.repeat(32)]
  }),
  named({
    id: 'mailgun-pub-key',
    title: 'Mailgun public validation key',
    provider: 'Mailgun',
    severity: 'low',
    publicByDesign: 'the public key only validates addresses from the browser',
    names: ['mailgun', 'mg_'],
    value: 'pubkey-[a-f0-9]{32}',
    tp: ['MAILGUN_PUBLIC_KEY=pubkey-{hex:32}'],
    fp: ['mailgun_pub = "pubkey-"']
  }),
  token({
    id: 'mailchimp-api-key',
    title: 'Mailchimp API key',
    provider: 'Intuit Mailchimp',
    severity: 'high',
    body: '[0-9a-f]{32}-us[0-9]{1,2}',
    keywords: ['-us'],
    validate: minEntropy(3.2),
    aliases: ['MailchimpDetector'],
    tp: ['MAILCHIMP_API_KEY={hex:32}-us18', 'MailchimpSDK.initialize(token: {hex:32}-us6)'],
    fp: ['MAILCHIMP_API_KEY=' + '0'.repeat(32) + '-us1']
  }),
  named({
    id: 'postmark-server-token',
    title: 'Postmark server token',
    provider: 'ActiveCampaign Postmark',
    severity: 'high',
    names: ['postmark'],
    value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    validate: minEntropy(3),
    tp: ['POSTMARK_SERVER_TOKEN={uuid}'],
    fp: ['postmark_stream = "outbound"']
  }),
  named({
    id: 'datadog-api-key',
    title: 'Datadog API or application key',
    provider: 'Datadog',
    severity: 'high',
    names: [
      'datadog',
      'dd_api_key',
      'dd_app_key',
      'dd_application_key',
      'dd-api-key',
      'dd-application-key',
      'ddapikey'
    ],
    keywords: ['datadog', 'dd_api', 'dd_app', 'dd-api', 'dd-app', 'ddapi'],
    value: '[a-f0-9]{32}|[a-f0-9]{40}|[a-z0-9]{40}',
    validate: minEntropy(3.2),
    aliases: ['datadog-access-token'],
    tp: ['DD_API_KEY={hex:32}', 'DATADOG_APP_KEY={alnumlower:40}'],
    fp: ['DD_API_KEY=' + '0'.repeat(32), 'DD_API_KEY=<your key>']
  }),
  token({
    id: 'newrelic-key',
    title: 'New Relic key',
    provider: 'New Relic',
    severity: 'high',
    body: 'NRAK-[A-Z0-9]{27}|NRJS-[a-f0-9]{19}|NRII-[A-Za-z0-9_-]{32}|NRAA-[a-f0-9]{27}|[a-f0-9]{36}NRAL',
    keywords: ['nrak-', 'nrjs-', 'nrii-', 'nraa-', 'nral'],
    validate: minEntropy(3),
    aliases: ['new-relic-user-api-key', 'new-relic-browser-api-token', 'new-relic-insert-key'],
    reference: 'https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/',
    tp: ['NEW_RELIC_API_KEY=NRAK-{alnumupper:27}', 'NEW_RELIC_LICENSE_KEY={hex:36}NRAL'],
    fp: ['NRAK-short']
  }),
  named({
    id: 'new-relic-user-api-id',
    title: 'New Relic account or user API id',
    provider: 'New Relic',
    severity: 'high',
    names: ['new-relic', 'newrelic', 'new_relic'],
    value: '[a-z0-9]{64}',
    validate: minEntropy(3),
    tp: ['NEW_RELIC_USER_KEY={alnumlower:64}'],
    fp: ['newrelic_app_name = "api"']
  }),
  token({
    id: 'sentry-auth-token',
    title: 'Sentry auth token',
    provider: 'Sentry',
    severity: 'high',
    body: 'sntrys_[A-Za-z0-9+/=]{60,400}_[A-Za-z0-9+/]{43}|sntryu_[a-f0-9]{64}',
    keywords: ['sntrys_', 'sntryu_'],
    validate: s => (s.startsWith('sntryu_') ? minEntropy(3.5)(s) : isSentryOrgToken(s)),
    aliases: ['sentry-org-token', 'sentry-user-token'],
    reference: 'https://docs.sentry.io/account/auth-tokens/',
    tp: ['SENTRY_AUTH_TOKEN=sntryu_{hex:64}', 'SENTRY_AUTH_TOKEN={sentry-org}'],
    fp: ['sntryu_' + 'a'.repeat(64)]
  }),
  named({
    id: 'sentry-access-token',
    title: 'Sentry auth token, legacy format',
    provider: 'Sentry',
    severity: 'high',
    names: ['sentry'],
    value: '[a-f0-9]{64}',
    validate: minEntropy(3),
    tp: ['SENTRY_AUTH_TOKEN={hex:64}'],
    fp: ['sentry_org = "acme"']
  }),
  token({
    id: 'sentry-dsn',
    title: 'Sentry DSN',
    provider: 'Sentry',
    severity: 'info',
    publicByDesign:
      "a DSN's key only submits events: Sentry documents it as safe to ship in client code",
    body: 'https://([a-f0-9]{32})@o?[0-9]{1,12}\\.ingest(?:\\.[a-z]{2})?\\.sentry\\.io/[0-9]{1,12}',
    keywords: ['sentry.io'],
    tp: ['SENTRY_DSN=https://{hex:32}@o{digits:6}.ingest.sentry.io/{digits:7}'],
    fp: ['https://sentry.io/organizations/acme/']
  }),
  token({
    id: 'grafana-token',
    title: 'Grafana Cloud or service-account token',
    provider: 'Grafana Labs',
    severity: 'high',
    body: 'glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}',
    keywords: ['glc_', 'glsa_'],
    validate: minEntropy(3.5),
    aliases: ['grafana-cloud-api-token', 'grafana-service-account-token'],
    tp: ['GRAFANA_TOKEN=glsa_{alnum:32}_{hex:8}', 'GRAFANA_CLOUD_TOKEN=glc_{b64:48}'],
    fp: ['API_KEY="glc_111111111111111111111111111111111111111111="']
  }),
  token({
    id: 'grafana-api-key',
    title: 'Grafana API key (legacy)',
    provider: 'Grafana Labs',
    severity: 'high',
    body: 'eyJrIjoi[A-Za-z0-9]{70,400}={0,3}',
    keywords: ['eyjrijoi'],
    validate: minEntropy(3.5),
    tp: ['GRAFANA_API_KEY=eyJrIjoi{alnum:80}'],
    fp: ['eyJrIjoi' + 'A'.repeat(80)]
  }),
  named({
    id: 'sumologic-access-id',
    title: 'Sumo Logic access id',
    provider: 'Sumo Logic',
    severity: 'low',
    publicByDesign: 'the access id names the key; the access key is the credential',
    names: ['sumo'],
    value: 'su[a-zA-Z0-9]{12}',
    validate: minEntropy(3),
    tp: ['SUMO_ACCESS_ID=su{alnum:12}'],
    fp: ['sumo_category = "prod/app"']
  }),
  named({
    id: 'sumologic-access-token',
    title: 'Sumo Logic access key',
    provider: 'Sumo Logic',
    severity: 'high',
    names: ['sumo'],
    value: '[A-Za-z0-9]{64}',
    validate: minEntropy(3.5),
    tp: ['SUMO_ACCESS_KEY={alnum:64}'],
    fp: ['sumo_endpoint = "https://api.sumologic.com"']
  }),
  named({
    id: 'launchdarkly-access-token',
    title: 'LaunchDarkly access token or SDK key',
    provider: 'LaunchDarkly',
    severity: 'high',
    names: ['launchdarkly', 'launch_darkly', 'ld_sdk', 'ld_api'],
    keywords: ['launchdarkly', 'launch_darkly', 'ld_sdk', 'ld_api'],
    value: '[a-z0-9=_-]{40}',
    validate: minEntropy(3),
    tp: ['LAUNCHDARKLY_ACCESS_TOKEN={alnumlower:40}'],
    fp: ['launchdarkly_project = "default"']
  }),
  token({
    id: 'launchdarkly-key',
    title: 'LaunchDarkly API access token or SDK key',
    provider: 'LaunchDarkly',
    severity: 'high',
    body: '(?:api|sdk)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    keywords: ['api-', 'sdk-'],
    validate: minEntropy(3),
    tp: ['token = "api-{uuid}"'],
    fp: ['api-00000000-0000-0000-0000-000000000000']
  })
]
