// Productivity, content, data and identity services.
import { minEntropy } from '../checks.js'
import { named, token, type SecretRule } from './define.js'

export const saasRules: SecretRule[] = [
  named({
    id: 'adafruit-api-key',
    title: 'Adafruit IO key',
    provider: 'Adafruit',
    severity: 'high',
    names: ['adafruit'],
    value: '(?:aio_)?[A-Za-z0-9_-]{28,32}',
    validate: minEntropy(3.5),
    tp: ['ADAFRUIT_IO_KEY={word:32}', 'adafruit_key = "aio_{alnum:28}"'],
    fp: ['adafruit_feed = "temperature"']
  }),
  named({
    id: 'adobe-client-id',
    title: 'Adobe client id',
    provider: 'Adobe',
    severity: 'low',
    publicByDesign:
      'a client id (API key) identifies the integration; the client secret is the credential',
    names: ['adobe'],
    value: '[a-f0-9]{32}',
    validate: minEntropy(2),
    tp: ['ADOBE_CLIENT_ID={hex:32}'],
    fp: ['adobe_org = "ABC@AdobeOrg"']
  }),
  token({
    id: 'adobe-client-secret',
    title: 'Adobe client secret',
    provider: 'Adobe',
    severity: 'high',
    body: 'p8e-[A-Za-z0-9]{32}',
    validate: minEntropy(2),
    tp: ['ADOBE_CLIENT_SECRET=p8e-{alnum:32}'],
    fp: ['p8e-short']
  }),
  named({
    id: 'airtable-api-key',
    title: 'Airtable API key (legacy)',
    provider: 'Airtable',
    severity: 'high',
    names: ['airtable'],
    value: 'key[A-Za-z0-9]{14}|[A-Za-z0-9]{17}',
    validate: minEntropy(3),
    tp: ['AIRTABLE_API_KEY=key{alnum:14}'],
    fp: ['airtable_base = "appXXXX"']
  }),
  token({
    id: 'airtable-pat',
    title: 'Airtable personal access token',
    provider: 'Airtable',
    severity: 'high',
    body: 'pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}',
    keywords: ['pat'],
    validate: minEntropy(3),
    aliases: ['airtable-personnal-access-token'],
    reference: 'https://airtable.com/developers/web/guides/personal-access-tokens',
    tp: ['AIRTABLE_TOKEN=pat{alnum:14}.{hex:64}'],
    fp: ['path.to.something']
  }),
  named({
    id: 'algolia-api-key',
    title: 'Algolia admin or write API key',
    provider: 'Algolia',
    severity: 'high',
    names: ['algolia'],
    value: '[a-z0-9]{32}',
    validate: minEntropy(3),
    tp: ['ALGOLIA_ADMIN_KEY={alnumlower:32}'],
    fp: ['algolia_index = "products"']
  }),
  named({
    id: 'asana-client-id',
    title: 'Asana client id',
    provider: 'Asana',
    severity: 'low',
    publicByDesign: 'a client id identifies the app; the client secret is the credential',
    names: ['asana'],
    value: '[0-9]{16}',
    validate: minEntropy(2),
    tp: ['ASANA_CLIENT_ID={digits:16}'],
    fp: ['asana_workspace = "acme"']
  }),
  named({
    id: 'asana-client-secret',
    title: 'Asana client secret or personal access token',
    provider: 'Asana',
    severity: 'high',
    names: ['asana'],
    value: '[a-z0-9]{32}|[0-9]/[0-9]{13,16}(?:/[0-9]{13,16})?:[a-f0-9]{32}',
    validate: minEntropy(3),
    tp: ['ASANA_CLIENT_SECRET={alnumlower:32}', 'ASANA_TOKEN=1/{digits:16}:{hex:32}'],
    fp: ['asana_project = "roadmap"']
  }),
  token({
    id: 'authress-service-client-access-key',
    title: 'Authress service client access key',
    provider: 'Authress',
    severity: 'high',
    body: '(?:sc|ext|scauth|authress)_[A-Za-z0-9]{5,30}\\.[A-Za-z0-9]{4,6}\\.acc[_-][a-z0-9-]{10,32}\\.[A-Za-z0-9+/_=-]{30,120}',
    keywords: ['sc_', 'ext_', 'scauth_', 'authress_'],
    validate: minEntropy(2),
    tp: ['AUTHRESS_KEY=sc_{alnum:10}.{alnum:5}.acc_{alnumlower:16}.{b64:60}'],
    fp: ['sc_short.x.acc_y.z']
  }),
  named({
    id: 'beamer-api-token',
    title: 'Beamer API key',
    provider: 'Beamer',
    severity: 'high',
    names: ['beamer'],
    value: 'b_[A-Za-z0-9=_-]{44}',
    tp: ['BEAMER_API_KEY=b_{b64url:44}'],
    fp: ['beamer_product = "app"']
  }),
  named({
    id: 'contentful-delivery-api-token',
    title: 'Contentful delivery or management token',
    provider: 'Contentful',
    severity: 'high',
    names: ['contentful'],
    value: '[A-Za-z0-9=_-]{43}|CFPAT-[A-Za-z0-9_-]{43}',
    validate: minEntropy(3.5),
    tp: ['CONTENTFUL_ACCESS_TOKEN={b64url:43}'],
    fp: ['contentful_space = "cfexampleapi"']
  }),
  token({
    id: 'contentful-pat',
    title: 'Contentful personal access token',
    provider: 'Contentful',
    severity: 'high',
    body: 'CFPAT-[A-Za-z0-9_-]{43}',
    validate: minEntropy(3.5),
    tp: ['CONTENTFUL_MANAGEMENT_TOKEN=CFPAT-{b64url:43}'],
    fp: ['CFPAT-short']
  }),
  named({
    id: 'dropbox-api-token',
    title: 'Dropbox API secret',
    provider: 'Dropbox',
    severity: 'high',
    names: ['dropbox'],
    value: '[a-z0-9]{15}',
    validate: minEntropy(3),
    tp: ['DROPBOX_APP_SECRET={alnumlower:15}'],
    fp: ['dropbox_folder = "/backups"']
  }),
  named({
    id: 'dropbox-long-lived-api-token',
    title: 'Dropbox long-lived access token',
    provider: 'Dropbox',
    severity: 'high',
    names: ['dropbox'],
    value: '[a-z0-9]{11}AAAAAAAAAA[a-z0-9_=-]{43}',
    flags: 'i',
    tp: ['DROPBOX_TOKEN={alnum:11}AAAAAAAAAA{b64url:43}'],
    fp: ['dropbox_token = "${DROPBOX}"']
  }),
  token({
    id: 'dropbox-short-lived-api-token',
    title: 'Dropbox short-lived access token',
    provider: 'Dropbox',
    severity: 'high',
    body: 'sl\\.[A-Za-z0-9_=-]{130,160}',
    keywords: ['sl.'],
    validate: minEntropy(4),
    tp: ['DROPBOX_TOKEN=sl.{b64url:135}'],
    fp: ['sl.' + 'a'.repeat(135)]
  }),
  token({
    id: 'figma-pat',
    title: 'Figma personal access token',
    provider: 'Figma',
    severity: 'high',
    body: 'figd_[A-Za-z0-9_-]{40}',
    validate: minEntropy(3),
    tp: ['FIGMA_TOKEN=figd_{b64url:40}'],
    fp: ['figd_short']
  }),
  token({
    id: 'frameio-api-token',
    title: 'Frame.io API token',
    provider: 'Adobe',
    severity: 'high',
    body: 'fio-u-[A-Za-z0-9_=-]{64}',
    validate: minEntropy(3),
    tp: ['FRAMEIO_TOKEN=fio-u-{b64url:64}'],
    fp: ['fio-u-short']
  }),
  named({
    id: 'freshbooks-access-token',
    title: 'FreshBooks access token',
    provider: 'FreshBooks',
    severity: 'high',
    names: ['freshbooks'],
    value: '[a-z0-9]{64}',
    validate: minEntropy(3),
    tp: ['FRESHBOOKS_TOKEN={alnumlower:64}'],
    fp: ['freshbooks_account = "abc"']
  }),
  named({
    id: 'finnhub-access-token',
    title: 'Finnhub API key',
    provider: 'Finnhub',
    severity: 'high',
    names: ['finnhub'],
    value: '[a-z0-9]{20}',
    validate: minEntropy(3),
    tp: ['FINNHUB_API_KEY={alnumlower:20}'],
    fp: ['finnhub_symbol = "AAPL"']
  }),
  named({
    id: 'flickr-access-token',
    title: 'Flickr API key',
    provider: 'Flickr',
    severity: 'high',
    names: ['flickr'],
    value: '[a-z0-9]{32}',
    validate: minEntropy(3),
    tp: ['FLICKR_API_KEY={alnumlower:32}'],
    fp: ['flickr_user = "someone"']
  }),
  named({
    id: 'hubspot-api-key',
    title: 'HubSpot API key or private app token',
    provider: 'HubSpot',
    severity: 'high',
    names: ['hubspot'],
    value: '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}',
    validate: minEntropy(3),
    tp: ['HUBSPOT_API_KEY={uuid}'],
    fp: ['hubspot_portal = "12345"']
  }),
  token({
    id: 'hubspot-private-app-token',
    title: 'HubSpot private app access token',
    provider: 'HubSpot',
    severity: 'high',
    body: 'pat-(?:na|eu)[0-9]-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    keywords: ['pat-na', 'pat-eu'],
    validate: minEntropy(3),
    tp: ['token = "pat-eu1-{uuid}"'],
    fp: ['pat-na1-00000000-0000-0000-0000-000000000000']
  }),
  token({
    id: 'intra42-client-secret',
    title: '42 Intra client secret',
    provider: '42',
    severity: 'high',
    body: 's-s4t2(?:ud|af)-[a-f0-9]{64}',
    keywords: ['s-s4t2ud-', 's-s4t2af-'],
    validate: minEntropy(3),
    tp: ['FT_SECRET=s-s4t2ud-{hex:64}'],
    fp: ['s-s4t2ud-short']
  }),
  token({
    id: 'linear-api-key',
    title: 'Linear API key',
    provider: 'Linear',
    severity: 'high',
    body: 'lin_api_[A-Za-z0-9]{40}',
    validate: minEntropy(3),
    tp: ['LINEAR_API_KEY=lin_api_{alnum:40}'],
    fp: ['lin_api_' + 'x'.repeat(40)]
  }),
  named({
    id: 'linear-client-secret',
    title: 'Linear OAuth client secret',
    provider: 'Linear',
    severity: 'high',
    names: ['linear'],
    value: '[a-f0-9]{32}',
    validate: minEntropy(3),
    tp: ['LINEAR_CLIENT_SECRET={hex:32}'],
    fp: ['linear_team = "ENG"']
  }),
  named({
    id: 'looker-client-id',
    title: 'Looker API client id',
    provider: 'Google',
    severity: 'low',
    publicByDesign: 'the client id names the API key; the client secret is the credential',
    names: ['looker'],
    value: '[a-z0-9]{20}',
    validate: minEntropy(3),
    tp: ['LOOKER_CLIENT_ID={alnumlower:20}'],
    fp: ['looker_base_url = "https://acme.looker.com"']
  }),
  named({
    id: 'looker-client-secret',
    title: 'Looker API client secret',
    provider: 'Google',
    severity: 'high',
    names: ['looker'],
    value: '[a-z0-9]{24}',
    validate: minEntropy(3),
    tp: ['LOOKER_CLIENT_SECRET={alnumlower:24}'],
    fp: ['looker_model = "ecommerce"']
  }),
  token({
    id: 'mapbox-secret-token',
    title: 'Mapbox secret token',
    provider: 'Mapbox',
    severity: 'high',
    body: 'sk\\.eyJ[A-Za-z0-9_-]{50,200}\\.[A-Za-z0-9_-]{20,30}',
    keywords: ['sk.ey'],
    tp: ['MAPBOX_SECRET_TOKEN=sk.eyJ{b64url:60}.{b64url:22}'],
    fp: ['sk.eyJshort.x']
  }),
  token({
    id: 'mapbox-public-token',
    title: 'Mapbox public token',
    provider: 'Mapbox',
    severity: 'info',
    publicByDesign:
      'Mapbox public (pk.) tokens are meant for web pages and apps; restrict them by URL',
    body: 'pk\\.eyJ[A-Za-z0-9_-]{50,200}\\.[A-Za-z0-9_-]{20,30}',
    keywords: ['pk.ey'],
    aliases: ['mapbox-api-token'],
    tp: ['mapboxgl.accessToken = "pk.eyJ{b64url:60}.{b64url:22}"'],
    fp: ['pk.eyJshort.x']
  }),
  named({
    id: 'mapbox-api-token',
    title: 'Mapbox token (legacy format)',
    provider: 'Mapbox',
    severity: 'info',
    publicByDesign: 'Mapbox public (pk.) tokens are meant for web pages and apps',
    names: ['mapbox'],
    value: 'pk\\.[a-z0-9]{60}\\.[a-z0-9]{22}',
    flags: 'i',
    tp: ['MAPBOX_TOKEN=pk.{alnumlower:60}.{alnumlower:22}'],
    fp: ['mapbox_style = "mapbox://styles/mapbox/streets-v12"']
  }),
  token({
    id: 'posthog-personal-api-key',
    title: 'PostHog personal API key',
    provider: 'PostHog',
    severity: 'high',
    body: 'phx_[A-Za-z0-9]{32,64}',
    keywords: ['phx_'],
    validate: minEntropy(3.5),
    reference: 'https://posthog.com/docs/api',
    tp: ['POSTHOG_PERSONAL_API_KEY=phx_{alnum:43}'],
    fp: ['phx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx']
  }),
  token({
    id: 'posthog-project-api-key',
    title: 'PostHog project API key',
    provider: 'PostHog',
    severity: 'info',
    publicByDesign:
      'a PostHog project key (phc_) is public by design: it only sends events and is in every page that uses PostHog; the personal key (phx_) is the credential',
    body: 'phc_[A-Za-z0-9]{32,64}',
    keywords: ['phc_'],
    validate: minEntropy(3.5),
    reference: 'https://posthog.com/docs/api',
    tp: ["posthog.init('phc_{alnum:43}', { api_host: 'https://eu.i.posthog.com' })"],
    fp: ['phc_short']
  }),
  token({
    id: 'maxmind-license-key',
    title: 'MaxMind license key',
    provider: 'MaxMind',
    severity: 'high',
    body: '[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk',
    keywords: ['_mmk'],
    validate: minEntropy(4),
    tp: ['MAXMIND_LICENSE_KEY={alnum:6}_{alnum:29}_mmk'],
    fp: ['abcdef_' + 'a'.repeat(29) + '_mmk']
  }),
  named({
    id: 'cisco-meraki-api-key',
    title: 'Cisco Meraki API key',
    provider: 'Cisco',
    severity: 'high',
    names: ['meraki'],
    value: '[0-9a-f]{40}',
    validate: minEntropy(3),
    tp: ['MERAKI_DASHBOARD_API_KEY={hex:40}'],
    fp: ['meraki_org = "123456"']
  }),
  token({
    id: 'notion-token',
    title: 'Notion integration token',
    provider: 'Notion',
    severity: 'high',
    body: 'ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43}',
    keywords: ['ntn_', 'secret_'],
    validate: minEntropy(4),
    aliases: ['notion-api-token'],
    tp: ['NOTION_TOKEN=ntn_{digits:11}{alnum:35}', 'NOTION_TOKEN=secret_{alnum:43}'],
    fp: ['secret_key_base_for_development_only_not_real']
  }),
  named({
    id: 'nytimes-access-token',
    title: 'New York Times API key',
    provider: 'The New York Times',
    severity: 'high',
    names: ['nytimes', 'new-york-times', 'newyorktimes', 'new_york_times'],
    value: '[a-z0-9=_-]{32}',
    flags: 'i',
    validate: minEntropy(3),
    tp: ['NYTIMES_API_KEY={alnum:32}'],
    fp: ['nytimes_section = "technology"']
  }),
  named({
    id: 'okta-api-token',
    title: 'Okta API token',
    provider: 'Okta',
    severity: 'high',
    names: ['okta'],
    value: '00[A-Za-z0-9_=-]{40}',
    validate: minEntropy(3.5),
    aliases: ['okta-access-token'],
    tp: ['OKTA_API_TOKEN=00{b64url:40}'],
    fp: ['okta_domain = "acme.okta.com"']
  }),
  token({
    id: 'planetscale-token',
    title: 'PlanetScale token or password',
    provider: 'PlanetScale',
    severity: 'high',
    body: 'pscale_(?:tkn|oauth|pw)_[A-Za-z0-9_.=-]{32,64}',
    keywords: ['pscale_'],
    validate: minEntropy(3),
    aliases: ['planetscale-api-token', 'planetscale-oauth-token', 'planetscale-password'],
    tp: ['PLANETSCALE_SERVICE_TOKEN=pscale_tkn_{b64url:43}', 'DB_PASSWORD=pscale_pw_{b64url:43}'],
    fp: ['pscale_tkn_short']
  }),
  named({
    id: 'rapidapi-access-token',
    title: 'RapidAPI key',
    provider: 'RapidAPI',
    severity: 'high',
    names: ['rapidapi', 'x-rapidapi-key'],
    value: '[A-Za-z0-9_-]{50}',
    validate: minEntropy(3.5),
    tp: ['RAPIDAPI_KEY={b64url:50}', '"X-RapidAPI-Key": "{alnum:50}"'],
    fp: ['x-rapidapi-host: "api.example.p.rapidapi.com"']
  }),
  token({
    id: 'readme-api-token',
    title: 'ReadMe API key',
    provider: 'ReadMe',
    severity: 'high',
    body: 'rdme_[a-z0-9]{70}',
    validate: minEntropy(3),
    tp: ['README_API_KEY=rdme_{alnumlower:70}'],
    fp: ['rdme_short']
  }),
  ...(
    [
      ['settlemint-application-access-token', 'SettleMint application access token', 'sm_aat_'],
      ['settlemint-personal-access-token', 'SettleMint personal access token', 'sm_pat_'],
      ['settlemint-service-access-token', 'SettleMint service access token', 'sm_sat_']
    ] as const
  ).map(([id, title, prefix]) =>
    token({
      id,
      title,
      provider: 'SettleMint',
      severity: 'high',
      body: `${prefix}[A-Za-z0-9]{16}`,
      validate: minEntropy(3),
      tp: [`SETTLEMINT_TOKEN=${prefix}{alnum:16}`],
      fp: [`${prefix}short`]
    })
  ),
  named({
    id: 'squarespace-access-token',
    title: 'Squarespace API key',
    provider: 'Squarespace',
    severity: 'high',
    names: ['squarespace'],
    value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    validate: minEntropy(3),
    tp: ['SQUARESPACE_API_KEY={uuid}'],
    fp: ['squarespace_site = "acme"']
  }),
  token({
    id: 'supabase-service-key',
    title: 'Supabase secret key or access token',
    provider: 'Supabase',
    severity: 'high',
    body: 'sb_secret_[A-Za-z0-9_-]{31}|sbp_[a-f0-9]{40}',
    keywords: ['sb_secret_', 'sbp_'],
    validate: minEntropy(3),
    tp: ['SUPABASE_SECRET_KEY=sb_secret_{b64url:31}', 'SUPABASE_ACCESS_TOKEN=sbp_{hex:40}'],
    fp: ['sbp_' + '0'.repeat(40)]
  }),
  token({
    id: 'typeform-api-token',
    title: 'Typeform personal access token',
    provider: 'Typeform',
    severity: 'high',
    body: 'tfp_[A-Za-z0-9_.=-]{59}',
    validate: minEntropy(3.5),
    tp: ['token = "tfp_{b64url:59}"'],
    fp: ['tfp_short']
  })
]
