// Payments, commerce, shipping and finance.
import { minEntropy } from '../checks.js'
import { named, token, type SecretRule } from './define.js'

export const paymentRules: SecretRule[] = [
  token({
    id: 'stripe-secret-key',
    title: 'Stripe live secret or restricted key',
    provider: 'Stripe',
    severity: 'critical',
    body: '[sr]k_(?:live|prod)_[0-9a-zA-Z]{10,247}',
    keywords: ['sk_live_', 'rk_live_', 'sk_prod_', 'rk_prod_'],
    validate: minEntropy(3),
    aliases: ['stripe-access-token', 'StripeDetector'],
    reference: 'https://docs.stripe.com/keys',
    tp: [
      "const stripe = require('stripe')('sk_live_{alnum:32}')",
      'STRIPE_SECRET_KEY=rk_live_{alnum:99}'
    ],
    fp: [
      'STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
      '<input placeholder="Your Bearer Token (e.g. sk_live_abc123xyz789)">'
    ]
  }),
  token({
    id: 'stripe-test-secret-key',
    title: 'Stripe test-mode secret key',
    provider: 'Stripe',
    severity: 'low',
    help: 'A test-mode key reads and writes only test data, but it belongs to a real account: rotate it if it is not a documentation example.',
    body: '[sr]k_test_[0-9a-zA-Z]{10,247}',
    keywords: ['sk_test_', 'rk_test_'],
    validate: minEntropy(3.5),
    aliases: ['stripe-access-token'],
    tp: ['STRIPE_SECRET_KEY=sk_test_{alnum:32}'],
    fp: ['sk_test_xxxxxxxxxxxxxxxxxxxxxxxx']
  }),
  token({
    id: 'stripe-publishable-key',
    title: 'Stripe publishable key',
    provider: 'Stripe',
    severity: 'info',
    publicByDesign: 'publishable keys are meant to be embedded in web pages and apps',
    body: 'pk_(?:live|test)_[0-9a-zA-Z]{24,247}',
    keywords: ['pk_live_', 'pk_test_'],
    validate: minEntropy(3.5),
    tp: ['STRIPE_PUBLISHABLE_KEY=pk_live_{alnum:32}'],
    fp: ['pk_live_short']
  }),
  token({
    id: 'stripe-client-secret',
    title: 'Stripe PaymentIntent or SetupIntent client secret',
    provider: 'Stripe',
    severity: 'info',
    publicByDesign:
      "a PaymentIntent or SetupIntent client secret is public by design: Stripe hands it to the customer's browser to confirm that one payment, and it reads or charges nothing else",
    body: '(?:pi|seti)_[0-9A-Za-z]{14,40}_secret_[0-9A-Za-z]{10,40}',
    keywords: ['_secret_'],
    validate: minEntropy(3),
    reference:
      'https://docs.stripe.com/api/payment_intents/object#payment_intent_object-client_secret',
    tp: [
      '"client_secret": "pi_3{alnum:23}_secret_{alnum:25}",',
      'setup_intent_client_secret: "seti_1{alnum:23}_secret_{alnum:32}"'
    ],
    fp: ['client_secret: pi_123_secret_456']
  }),
  token({
    id: 'stripe-ephemeral-key',
    title: 'Stripe ephemeral key',
    provider: 'Stripe',
    severity: 'low',
    help: "An ephemeral key is short-lived and scoped to one customer's objects (the mobile SDKs' key): it has likely expired, but it is still an account's key.",
    body: 'ek_(?:live|test)_[0-9A-Za-z_]{20,200}',
    keywords: ['ek_live_', 'ek_test_'],
    validate: minEntropy(3.5),
    reference: 'https://docs.stripe.com/api/customer_sessions',
    tp: ['"secret": "ek_test_{alnum:86}"'],
    fp: ['ek_test_xxxxxxxxxxxxxxxxxxxxxxxx']
  }),
  token({
    id: 'stripe-webhook-secret',
    title: 'Stripe webhook signing secret',
    provider: 'Stripe',
    severity: 'high',
    body: 'whsec_[0-9a-zA-Z]{32,64}',
    validate: minEntropy(3.5),
    tp: ['STRIPE_WEBHOOK_SECRET=whsec_{alnum:32}'],
    fp: ['whsec_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx']
  }),
  token({
    id: 'square-access-token',
    title: 'Square access token',
    provider: 'Block',
    severity: 'high',
    body: 'sq0atp-[0-9A-Za-z_-]{22,60}|EAAA[A-Za-z0-9_-]{22,60}',
    keywords: ['sq0atp-', 'eaaa'],
    validate: minEntropy(3.5),
    reference: 'https://developer.squareup.com/docs/build-basics/access-tokens',
    tp: ['SQUARE_ACCESS_TOKEN=EAAA{b64url:60}', 'token: sq0atp-{b64url:22}'],
    fp: ['EAAAshort']
  }),
  token({
    id: 'square-oauth-secret',
    title: 'Square OAuth application secret',
    provider: 'Block',
    severity: 'high',
    body: 'sq0csp-[0-9A-Za-z_-]{43}',
    aliases: ['square-secret', 'SquareOAuthDetector'],
    tp: ['SQUARE_APP_SECRET=sq0csp-{b64url:43}'],
    fp: ['sq0csp-short']
  }),
  token({
    id: 'paypal-braintree-access-token',
    title: 'PayPal / Braintree access token',
    provider: 'PayPal',
    severity: 'critical',
    body: 'access_token\\$(?:production|sandbox)\\$[0-9a-z]{16}\\$[0-9a-f]{32}',
    keywords: ['access_token$'],
    tp: ['BRAINTREE_TOKEN=access_token$production${alnumlower:16}${hex:32}'],
    fp: ['access_token$production$short']
  }),
  named({
    id: 'plaid-api-token',
    title: 'Plaid access token',
    provider: 'Plaid',
    severity: 'high',
    names: ['plaid'],
    value:
      'access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    tp: ['PLAID_ACCESS_TOKEN=access-production-{uuid}'],
    fp: ['plaid_env = "sandbox"']
  }),
  named({
    id: 'plaid-client-id',
    title: 'Plaid client id',
    provider: 'Plaid',
    severity: 'low',
    publicByDesign: 'the client id names the account; the secret is the credential',
    names: ['plaid'],
    value: '[a-z0-9]{24}',
    validate: minEntropy(3),
    tp: ['PLAID_CLIENT_ID={alnumlower:24}'],
    fp: ['plaid_products = "transactions"']
  }),
  named({
    id: 'plaid-secret-key',
    title: 'Plaid secret',
    provider: 'Plaid',
    severity: 'high',
    names: ['plaid'],
    value: '[a-z0-9]{30}',
    validate: minEntropy(3.5),
    tp: ['PLAID_SECRET={alnumlower:30}'],
    fp: ['plaid_country_codes = "US,CA"']
  }),
  token({
    id: 'flutterwave-secret-key',
    title: 'Flutterwave secret key',
    provider: 'Flutterwave',
    severity: 'high',
    body: 'FLWSECK(?:_TEST)?-[a-hA-H0-9]{32}-X',
    keywords: ['flwseck'],
    validate: minEntropy(3),
    tp: ['FLW_SECRET_KEY=FLWSECK_TEST-{hex:32}-X'],
    fp: ['FLWSECK_TEST-short-X']
  }),
  token({
    id: 'flutterwave-encryption-key',
    title: 'Flutterwave encryption key',
    provider: 'Flutterwave',
    severity: 'high',
    body: 'FLWSECK(?:_TEST)?-?[a-hA-H0-9]{12}',
    keywords: ['flwseck'],
    validate: minEntropy(2.5),
    tp: ['FLW_ENCRYPTION_KEY=FLWSECK_TEST{hex:12}', 'FLW_ENCRYPTION_KEY=FLWSECK_TEST-{hex:12}'],
    fp: ['FLWSECK_TEST']
  }),
  token({
    id: 'flutterwave-public-key',
    title: 'Flutterwave public key',
    provider: 'Flutterwave',
    severity: 'info',
    publicByDesign: 'public keys are used in the browser checkout',
    body: 'FLWPUBK(?:_TEST)?-[a-hA-H0-9]{32}-X',
    keywords: ['flwpubk'],
    validate: minEntropy(3),
    tp: ['FLW_PUBLIC_KEY=FLWPUBK_TEST-{hex:32}-X'],
    fp: ['FLWPUBK_TEST-short-X']
  }),
  named({
    id: 'gocardless-api-token',
    title: 'GoCardless access token',
    provider: 'GoCardless',
    severity: 'high',
    names: ['gocardless'],
    value: '(?:live|sandbox)_[A-Za-z0-9_=-]{40}',
    validate: minEntropy(3),
    tp: ['GOCARDLESS_ACCESS_TOKEN=live_{b64url:40}'],
    fp: ['gocardless_env = "live"']
  }),
  ...(
    [
      ['shopify-access-token', 'Shopify access token', 'shpat_'],
      ['shopify-custom-access-token', 'Shopify custom app access token', 'shpca_'],
      ['shopify-private-app-access-token', 'Shopify private app access token', 'shppa_'],
      ['shopify-shared-secret', 'Shopify shared secret', 'shpss_']
    ] as const
  ).map(([id, title, prefix]) =>
    token({
      id,
      title,
      provider: 'Shopify',
      severity: 'high',
      body: `${prefix}[a-fA-F0-9]{32}`,
      validate: minEntropy(3),
      aliases: ['shopify-token'],
      reference: 'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens',
      tp: [`SHOPIFY_TOKEN=${prefix}{hex:32}`],
      fp: [`${prefix}${'0'.repeat(32)}`]
    })
  ),
  named({
    id: 'coinbase-access-token',
    title: 'Coinbase access token',
    provider: 'Coinbase',
    severity: 'high',
    names: ['coinbase'],
    value: '[a-z0-9_-]{64}',
    flags: 'i',
    validate: minEntropy(3.5),
    tp: ['COINBASE_ACCESS_TOKEN={word:64}'],
    fp: ['coinbase_currency = "BTC"']
  }),
  named({
    id: 'kraken-access-token',
    title: 'Kraken API key',
    provider: 'Kraken',
    severity: 'high',
    names: ['kraken'],
    value: '[a-zA-Z0-9/=_+-]{80,90}',
    validate: minEntropy(4),
    tp: ['KRAKEN_API_SECRET={b64:88}'],
    fp: ['kraken_pair = "XBTUSD"']
  }),
  named({
    id: 'kucoin-access-token',
    title: 'KuCoin API key',
    provider: 'KuCoin',
    severity: 'high',
    names: ['kucoin'],
    value: '[a-f0-9]{24}',
    validate: minEntropy(3),
    tp: ['KUCOIN_API_KEY={hex:24}'],
    fp: ['kucoin_symbol = "BTC-USDT"']
  }),
  named({
    id: 'kucoin-secret-key',
    title: 'KuCoin API secret',
    provider: 'KuCoin',
    severity: 'high',
    names: ['kucoin'],
    value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    tp: ['KUCOIN_API_SECRET={uuid}'],
    fp: ['kucoin_api_secret = "${SECRET}"']
  }),
  named({
    id: 'bittrex-secret-key',
    title: 'Bittrex API secret',
    provider: 'Bittrex',
    severity: 'high',
    names: ['bittrex'],
    nameAlso: 'secret',
    value: '[a-z0-9]{32}',
    validate: minEntropy(3),
    tp: ['BITTREX_API_SECRET={alnumlower:32}'],
    fp: ['bittrex_secret = "' + '0'.repeat(32) + '"']
  }),
  named({
    id: 'bittrex-access-key',
    title: 'Bittrex API key',
    provider: 'Bittrex',
    severity: 'high',
    names: ['bittrex'],
    nameAlso: 'key|access',
    value: '[a-z0-9]{32}',
    validate: minEntropy(3),
    tp: ['BITTREX_API_KEY={alnumlower:32}'],
    fp: ['bittrex_market = "BTC-ETH"']
  }),
  named({
    id: 'finicity-api-token',
    title: 'Finicity app key',
    provider: 'Mastercard',
    severity: 'high',
    names: ['finicity'],
    value: '[a-f0-9]{32}',
    validate: minEntropy(3),
    tp: ['FINICITY_APP_KEY={hex:32}'],
    fp: ['finicity_partner = "acme"']
  }),
  named({
    id: 'finicity-client-secret',
    title: 'Finicity partner secret',
    provider: 'Mastercard',
    severity: 'high',
    names: ['finicity'],
    value: '[a-z0-9]{20}',
    validate: minEntropy(3),
    tp: ['FINICITY_PARTNER_SECRET={alnumlower:20}'],
    fp: ['finicity_region = "us-east"']
  }),
  token({
    id: 'freemius-secret-key',
    title: 'Freemius secret key',
    provider: 'Freemius',
    severity: 'high',
    boundary: false,
    body: '["\']secret_key["\']\\s{0,5}=>\\s{0,5}["\'](sk_[\\S]{29})["\']',
    flags: 'gi',
    keywords: ['secret_key'],
    validate: minEntropy(3),
    tp: ["$config = array('secret_key' => 'sk_{alnum:29}');"],
    fp: ["'secret_key' => 'sk_short'"]
  }),
  token({
    id: 'duffel-api-token',
    title: 'Duffel API token',
    provider: 'Duffel',
    severity: 'high',
    body: 'duffel_(?:test|live)_[A-Za-z0-9_=-]{43}',
    keywords: ['duffel_'],
    validate: minEntropy(3),
    tp: ['DUFFEL_TOKEN=duffel_live_{b64url:43}'],
    fp: ['duffel_test_short']
  }),
  token({
    id: 'easypost-api-token',
    title: 'EasyPost production API key',
    provider: 'EasyPost',
    severity: 'high',
    body: 'EZAK[A-Za-z0-9]{54}',
    validate: minEntropy(3),
    tp: ['EASYPOST_API_KEY=EZAK{alnum:54}'],
    fp: ['EZAK' + 'x'.repeat(54)]
  }),
  token({
    id: 'easypost-test-api-token',
    title: 'EasyPost test API key',
    provider: 'EasyPost',
    severity: 'low',
    body: 'EZTK[A-Za-z0-9]{54}',
    validate: minEntropy(3),
    tp: ['EASYPOST_TEST_KEY=EZTK{alnum:54}'],
    fp: ['EZTK' + 'x'.repeat(54)]
  }),
  token({
    id: 'shippo-api-token',
    title: 'Shippo API token',
    provider: 'Shippo',
    severity: 'high',
    body: 'shippo_(?:live|test)_[a-fA-F0-9]{40}',
    keywords: ['shippo_'],
    validate: minEntropy(3),
    tp: ['SHIPPO_API_TOKEN=shippo_live_{hex:40}'],
    fp: ['shippo_live_' + '0'.repeat(40)]
  }),
  named({
    id: 'lob-api-key',
    title: 'Lob API key',
    provider: 'Lob',
    severity: 'high',
    names: ['lob'],
    value: '(?:live|test)_[a-f0-9]{35}',
    tp: ['LOB_API_KEY=live_{hex:35}'],
    fp: ['lob_address = "185 Berry St"']
  }),
  named({
    id: 'lob-pub-api-key',
    title: 'Lob publishable API key',
    provider: 'Lob',
    severity: 'info',
    publicByDesign: 'publishable keys are meant for client-side address verification',
    names: ['lob'],
    value: '(?:live|test)_pub_[a-f0-9]{31}',
    tp: ['LOB_PUBLISHABLE_KEY=test_pub_{hex:31}'],
    fp: ['lob_pub = "x"']
  }),
  named({
    id: 'etsy-access-token',
    title: 'Etsy API key',
    provider: 'Etsy',
    severity: 'high',
    names: ['etsy'],
    value: '[a-z0-9]{24}',
    validate: minEntropy(3),
    tp: ['ETSY_API_KEY={alnumlower:24}'],
    fp: ['etsy_shop = "myshop"']
  }),
  token({
    id: 'razorpay-key',
    title: 'Razorpay live key id',
    provider: 'Razorpay',
    severity: 'high',
    body: 'rzp_live_[A-Za-z0-9]{14}',
    validate: minEntropy(3),
    tp: ['RAZORPAY_KEY_ID=rzp_live_{alnum:14}'],
    fp: ['rzp_live_short']
  })
]
