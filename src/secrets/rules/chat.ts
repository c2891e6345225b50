// Messaging, social and support platforms.
import { isDiscordToken, minEntropy } from '../checks.js'
import { named, token, type SecretRule } from './define.js'

/** The first 4 base64 characters of a Discord bot token: the base64 of its snowflake id's first three digits. */
const DISCORD_PREFIXES = Array.from({ length: 900 }, (_, i) =>
  Buffer.from(String(100 + i), 'latin1').toString('base64')
)

export const chatRules: SecretRule[] = [
  token({
    id: 'slack-bot-token',
    title: 'Slack bot token',
    provider: 'Slack',
    severity: 'high',
    body: 'xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[a-zA-Z0-9]{18,40}',
    validate: minEntropy(3),
    aliases: ['slack-token', 'slack-legacy-bot-token', 'SlackDetector'],
    reference: 'https://api.slack.com/authentication/token-types#bot',
    tp: [
      'SLACK_BOT_TOKEN=xoxb-{digits:12}-{digits:13}-{alnum:24}',
      'token: xoxb-{digits:11}-{alnum:24}'
    ],
    fp: ['xoxb-123-short']
  }),
  token({
    id: 'slack-user-token',
    title: 'Slack user token',
    provider: 'Slack',
    severity: 'high',
    body: 'xoxp-[0-9]{1,14}-[0-9]{1,14}-[0-9]{1,14}-[a-zA-Z0-9]{16,40}',
    validate: minEntropy(3),
    aliases: ['slack-token', 'SlackDetector'],
    reference: 'https://api.slack.com/authentication/token-types#user',
    tp: ['SLACK_USER_TOKEN=xoxp-{digits:12}-{digits:12}-{digits:13}-{hex:32}'],
    fp: ['xoxp-1-2-3-x']
  }),
  token({
    id: 'slack-legacy-token',
    title: 'Slack legacy token',
    provider: 'Slack',
    severity: 'high',
    body: 'xox[os]-[0-9]{1,14}-[0-9]{1,14}-[0-9]{1,14}-[a-fA-F0-9]{8,64}',
    keywords: ['xoxo-', 'xoxs-'],
    validate: minEntropy(3),
    aliases: ['slack-token', 'SlackDetector'],
    reference: 'https://api.slack.com/authentication/token-types#legacy',
    tp: ['SLACK_TOKEN=xoxs-{digits:10}-{digits:10}-{digits:12}-{hex:64}'],
    fp: ['xoxs-1-2-3-0']
  }),
  token({
    id: 'slack-legacy-workspace-token',
    title: 'Slack legacy workspace token',
    provider: 'Slack',
    severity: 'high',
    body: 'xox[ar]-(?:\\d-)?[0-9a-zA-Z-]{8,64}',
    keywords: ['xoxa-', 'xoxr-'],
    validate: secret => minEntropy(2.5)(secret) && /[0-9]/.test(secret.slice(5)),
    aliases: ['slack-token', 'SlackDetector'],
    reference: 'https://api.slack.com/authentication/token-types#workspace',
    tp: ['SLACK_TOKEN=xoxa-2-{alnum:40}', 'token = "xoxr-{digits:9}-{digits:11}-{hex:18}"'],
    fp: ['xoxa-short']
  }),
  token({
    id: 'slack-config-access-token',
    title: 'Slack configuration access token',
    provider: 'Slack',
    severity: 'high',
    body: 'xoxe\\.xox[bp]-\\d-[A-Za-z0-9]{160,170}',
    keywords: ['xoxe.xox'],
    aliases: ['slack-token'],
    tp: ['SLACK_CONFIG_TOKEN=xoxe.xoxp-1-{alnumupper:164}'],
    fp: ['xoxe.xoxp-1-short']
  }),
  token({
    id: 'slack-config-refresh-token',
    title: 'Slack configuration refresh token',
    provider: 'Slack',
    severity: 'high',
    body: 'xoxe-\\d-[A-Za-z0-9]{140,150}',
    keywords: ['xoxe-'],
    aliases: ['slack-token'],
    tp: ['SLACK_REFRESH=xoxe-1-{alnumupper:146}'],
    fp: ['xoxe-1-short']
  }),
  token({
    id: 'slack-app-token',
    title: 'Slack app-level token',
    provider: 'Slack',
    severity: 'high',
    body: 'xapp-\\d-[A-Z0-9]{9,12}-[0-9]{10,14}-[a-z0-9]{32,64}',
    flags: 'gi',
    tp: ['SLACK_APP_TOKEN=xapp-1-{alnumupper:11}-{digits:13}-{hex:64}'],
    fp: ['xapp-1-short']
  }),
  token({
    id: 'slack-webhook-url',
    title: 'Slack incoming webhook or workflow URL',
    provider: 'Slack',
    severity: 'high',
    body: '(?:https?://)?hooks\\.slack\\.com/(?:services|workflows|triggers)/([A-Za-z0-9]{8,12}/[A-Za-z0-9]{8,12}/(?:[0-9]{15,20}/)?[A-Za-z0-9+/]{20,32}|[A-Za-z0-9+/]{40,56})',
    keywords: ['hooks.slack.com'],
    validate: minEntropy(3.2),
    aliases: ['SlackDetector'],
    tp: [
      'SLACK_WEBHOOK=https://hooks.slack.com/services/T{alnumupper:8}/B{alnumupper:10}/{alnum:24}',
      'url: hooks.slack.com/workflows/T{alnumupper:10}/A{alnumupper:10}/{digits:18}/{alnum:24}'
    ],
    fp: ['https://hooks.slack.com/services/Txxxxxxxx/Bxxxxxxxx/xxxxxxxxxxxxxxxxxxxxxxxx']
  }),
  token({
    id: 'discord-bot-token',
    title: 'Discord bot token',
    provider: 'Discord',
    severity: 'high',
    body: '[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}',
    keywords: DISCORD_PREFIXES.map(k => k.toLowerCase()),
    exactKeywords: new Set(DISCORD_PREFIXES),
    validate: isDiscordToken,
    aliases: ['DiscordBotTokenDetector'],
    reference: 'https://discord.com/developers/docs/reference#authentication',
    tp: ['DISCORD_TOKEN={discord}'],
    fp: ['MTk4NjIyNDgzNDcxOTI1MjQ4.short.x']
  }),
  token({
    id: 'discord-webhook-url',
    title: 'Discord webhook URL',
    provider: 'Discord',
    severity: 'high',
    body: 'https://(?:(?:ptb|canary)\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/([A-Za-z0-9_-]{60,80})',
    keywords: ['/api/webhooks/'],
    tp: ['DISCORD_WEBHOOK=https://discord.com/api/webhooks/{digits:18}/{b64url:68}'],
    fp: ['https://discord.com/api/webhooks/123/short']
  }),
  named({
    id: 'discord-api-token',
    title: 'Discord application public key or token',
    provider: 'Discord',
    severity: 'high',
    names: ['discord'],
    value: '[a-f0-9]{64}',
    validate: minEntropy(3),
    tp: ['DISCORD_TOKEN={hex:64}'],
    fp: ['discord_guild = "1234"']
  }),
  named({
    id: 'discord-client-id',
    title: 'Discord client id',
    provider: 'Discord',
    severity: 'low',
    publicByDesign: 'a client id identifies the app; the client secret is the credential',
    names: ['discord'],
    value: '[0-9]{17,19}',
    validate: minEntropy(2),
    tp: ['DISCORD_CLIENT_ID={digits:18}'],
    fp: ['discord_port = 443']
  }),
  named({
    id: 'discord-client-secret',
    title: 'Discord client secret',
    provider: 'Discord',
    severity: 'high',
    names: ['discord'],
    value: '[a-zA-Z0-9=_-]{32}',
    validate: minEntropy(3.5),
    tp: ['DISCORD_CLIENT_SECRET={b64url:32}'],
    fp: ['discord_channel_name = "general-announcements"']
  }),
  token({
    id: 'telegram-bot-token',
    title: 'Telegram bot token',
    provider: 'Telegram',
    severity: 'high',
    body: '[0-9]{5,16}:A[A-Za-z0-9_-]{34}',
    keywords: [':aa', ':ab', ':ac', ':ad', ':ae', ':af', ':ag', ':ah'],
    validate: secret => minEntropy(3)(secret) && /:AA/.test(secret),
    aliases: ['telegram-bot-api-token', 'TelegramBotTokenDetector'],
    reference: 'https://core.telegram.org/bots/api#authorizing-your-bot',
    tp: ['TELEGRAM_BOT_TOKEN={digits:10}:AA{b64url:33}'],
    fp: ['arn:aws:sns:aaa:111122223333:aaaaaaaaaaaaaaaaaaassssssddddddddddddd']
  }),
  token({
    id: 'microsoft-teams-webhook',
    title: 'Microsoft Teams incoming webhook URL',
    provider: 'Microsoft',
    severity: 'high',
    body: 'https://[a-z0-9-]+\\.webhook\\.office\\.com/webhookb2/[a-f0-9-]{36}@[a-f0-9-]{36}/IncomingWebhook/[a-z0-9]{32}/[a-f0-9-]{36}(?:/[A-Za-z0-9_-]{20,})?',
    flags: 'gi',
    keywords: ['webhook.office.com'],
    tp: [
      'TEAMS_WEBHOOK=https://acme.webhook.office.com/webhookb2/{uuid}@{uuid}/IncomingWebhook/{hex:32}/{uuid}'
    ],
    fp: ['https://acme.webhook.office.com/webhookb2/']
  }),
  named({
    id: 'mattermost-access-token',
    title: 'Mattermost access token',
    provider: 'Mattermost',
    severity: 'high',
    names: ['mattermost'],
    value: '[a-z0-9]{26}',
    validate: minEntropy(3),
    tp: ['MATTERMOST_TOKEN={alnumlower:26}'],
    fp: ['mattermost_team = "engineering"']
  }),
  named({
    id: 'twilio-api-key',
    title: 'Twilio API key SID',
    provider: 'Twilio',
    severity: 'high',
    names: ['twilio'],
    value: 'SK[0-9a-fA-F]{32}',
    validate: secret => /[a-f]/i.test(secret.slice(2)) && /[0-9]/.test(secret.slice(2)),
    aliases: ['TwilioKeyDetector'],
    tp: ['TWILIO_API_KEY=SK{hex:32}'],
    fp: ['TWILIO_API_KEY=SK' + 'x'.repeat(32)]
  }),
  named({
    id: 'twilio-account-sid',
    title: 'Twilio account SID',
    provider: 'Twilio',
    severity: 'low',
    publicByDesign: 'the account SID names the account; its auth token is the credential',
    names: ['twilio', 'account_sid', 'accountsid'],
    value: 'AC[0-9a-f]{32}',
    validate: minEntropy(3),
    aliases: ['TwilioKeyDetector'],
    tp: ['TWILIO_ACCOUNT_SID=AC{hex:32}'],
    fp: ['TWILIO_ACCOUNT_SID=ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx']
  }),
  named({
    id: 'twilio-auth-token',
    title: 'Twilio auth token',
    provider: 'Twilio',
    severity: 'high',
    names: ['twilio'],
    nameAlso: 'auth|token|secret',
    value: '[0-9a-f]{32}',
    validate: minEntropy(3),
    tp: ['TWILIO_AUTH_TOKEN={hex:32}', 'twilio_auth_token = "{hex:32}"'],
    fp: ['TWILIO_AUTH_TOKEN=' + '0'.repeat(32)]
  }),
  named({
    id: 'messagebird-api-token',
    title: 'MessageBird (Bird) API key',
    provider: 'MessageBird',
    severity: 'high',
    names: ['messagebird', 'message_bird', 'message-bird'],
    value: '[A-Za-z0-9]{25}',
    validate: minEntropy(3),
    tp: ['MESSAGEBIRD_API_KEY={alnum:25}'],
    fp: ['messagebird_originator = "MyCompany"']
  }),
  named({
    id: 'messagebird-client-id',
    title: 'MessageBird (Bird) client id',
    provider: 'MessageBird',
    severity: 'low',
    publicByDesign: 'a client id identifies the integration; the API key is the credential',
    names: ['messagebird', 'message_bird', 'message-bird'],
    value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    tp: ['MESSAGEBIRD_CLIENT_ID={uuid}'],
    fp: ['messagebird_client_id = "${ID}"']
  }),
  named({
    id: 'sendbird-access-id',
    title: 'Sendbird application id',
    provider: 'Sendbird',
    severity: 'low',
    publicByDesign: 'the application id is public; the API token is the credential',
    names: ['sendbird'],
    value: '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
    tp: ['SENDBIRD_APP_ID={uuid}'],
    fp: ['sendbird_region = "us-1"']
  }),
  named({
    id: 'sendbird-access-token',
    title: 'Sendbird API token',
    provider: 'Sendbird',
    severity: 'high',
    names: ['sendbird'],
    value: '[a-f0-9]{40}',
    validate: minEntropy(3),
    tp: ['SENDBIRD_API_TOKEN={hex:40}'],
    fp: ['sendbird_api_token = "' + '0'.repeat(40) + '"']
  }),
  named({
    id: 'twitch-api-token',
    title: 'Twitch API token',
    provider: 'Twitch',
    severity: 'high',
    names: ['twitch'],
    value: '[a-z0-9]{30}',
    validate: minEntropy(3),
    tp: ['TWITCH_CLIENT_SECRET={alnumlower:30}'],
    fp: ['twitch_channel = "somestreamer"']
  }),
  named({
    id: 'twitter-api-key',
    title: 'Twitter (X) API key',
    provider: 'X',
    severity: 'high',
    names: ['twitter'],
    value: '[A-Za-z0-9]{25}',
    validate: minEntropy(3.5),
    tp: ['TWITTER_API_KEY={alnum:25}'],
    fp: ['twitter_handle = "@someone"']
  }),
  named({
    id: 'twitter-api-secret',
    title: 'Twitter (X) API secret',
    provider: 'X',
    severity: 'high',
    names: ['twitter'],
    value: '[A-Za-z0-9]{50}',
    validate: minEntropy(3.5),
    tp: ['TWITTER_API_SECRET={alnum:50}'],
    fp: ['twitter_url = "https://x.com/someone"']
  }),
  named({
    id: 'twitter-access-token',
    title: 'Twitter (X) access token',
    provider: 'X',
    severity: 'high',
    names: ['twitter'],
    value: '[0-9]{15,25}-[a-zA-Z0-9]{20,40}',
    validate: minEntropy(3.5),
    tp: ['TWITTER_ACCESS_TOKEN={digits:19}-{alnum:30}'],
    fp: ['twitter_id = "1234567890"']
  }),
  named({
    id: 'twitter-access-secret',
    title: 'Twitter (X) access token secret',
    provider: 'X',
    severity: 'high',
    names: ['twitter'],
    value: '[A-Za-z0-9]{45}',
    validate: minEntropy(3.5),
    tp: ['TWITTER_ACCESS_TOKEN_SECRET={alnum:45}'],
    fp: ['twitter_card = "summary_large_image"']
  }),
  named({
    id: 'twitter-bearer-token',
    title: 'Twitter (X) bearer token',
    provider: 'X',
    severity: 'high',
    names: ['twitter'],
    value: 'A{22}[a-zA-Z0-9%]{80,100}',
    tp: [`TWITTER_BEARER_TOKEN=${'A'.repeat(22)}{alnum:90}`],
    fp: ['twitter_bearer_token = "AAAA"']
  }),
  token({
    id: 'facebook-access-token',
    title: 'Facebook app access token',
    provider: 'Meta',
    severity: 'high',
    body: '[0-9]{15,16}(?:\\||%7C)[0-9a-zA-Z_-]{27,40}',
    keywords: ['facebook', 'fb_', 'graph.facebook'],
    validate: secret => minEntropy(3)(secret) && /[A-Za-z]/.test(secret),
    reference:
      'https://developers.facebook.com/docs/facebook-login/guides/access-tokens/#apptokens',
    tp: ['FB_APP_TOKEN={digits:16}|{b64url:27}', 'facebook_token = "{digits:15}%7C{alnum:32}"'],
    fp: ['ids = "1234567890123456|1234567890123456"']
  }),
  token({
    id: 'facebook-page-access-token',
    title: 'Facebook page or user access token',
    provider: 'Meta',
    severity: 'high',
    body: 'EAA[A-Za-z0-9]{100,}',
    keywords: ['eaa'],
    validate: minEntropy(4),
    reference:
      'https://developers.facebook.com/docs/facebook-login/guides/access-tokens/#pagetokens',
    tp: ['FB_PAGE_TOKEN=EAAC{alnum:160}'],
    fp: ['EAA' + 'A'.repeat(120)]
  }),
  named({
    id: 'facebook-secret',
    title: 'Facebook app secret',
    provider: 'Meta',
    severity: 'high',
    names: ['facebook', 'fb_app_secret', 'fb_secret', 'fbsecret'],
    keywords: ['facebook', 'fb_'],
    value: '[a-f0-9]{32}',
    validate: minEntropy(3),
    tp: ['FACEBOOK_APP_SECRET={hex:32}', 'fb_app_secret: "{hex:32}"'],
    fp: ['facebook_app_id = "1234567890"']
  }),
  named({
    id: 'linkedin-client-id',
    title: 'LinkedIn client id',
    provider: 'LinkedIn',
    severity: 'low',
    publicByDesign: 'a client id identifies the app; the client secret is the credential',
    names: ['linkedin', 'linked_in', 'linked-in'],
    value: '[a-z0-9]{14}',
    validate: minEntropy(2.5),
    tp: ['LINKEDIN_CLIENT_ID={alnumlower:14}'],
    fp: ['linkedin_url = "https://linkedin.com"']
  }),
  named({
    id: 'linkedin-client-secret',
    title: 'LinkedIn client secret',
    provider: 'LinkedIn',
    severity: 'high',
    names: ['linkedin', 'linked_in', 'linked-in'],
    value: '[a-zA-Z0-9]{16}',
    validate: minEntropy(3),
    tp: ['LINKEDIN_CLIENT_SECRET={alnum:16}'],
    fp: ['linkedin_company = "acme"']
  }),
  named({
    id: 'intercom-api-key',
    title: 'Intercom access token',
    provider: 'Intercom',
    severity: 'high',
    names: ['intercom'],
    value: '[a-zA-Z0-9=_-]{60}',
    validate: minEntropy(3.5),
    tp: ['INTERCOM_ACCESS_TOKEN={b64url:60}'],
    fp: ['intercom_app_id = "abc123"']
  }),
  named({
    id: 'zendesk-secret-key',
    title: 'Zendesk API token',
    provider: 'Zendesk',
    severity: 'high',
    names: ['zendesk'],
    value: '[a-zA-Z0-9]{40}',
    validate: minEntropy(3.5),
    tp: ['ZENDESK_API_TOKEN={alnum:40}'],
    fp: ['zendesk_subdomain = "acme"']
  })
]
