// Cloud and hosting platforms: AWS, Google Cloud, Azure, Alibaba, IBM Cloud,
// SoftLayer, Cloudant, DigitalOcean, Cloudflare, Heroku, Fly.io, Scalingo,
// Netlify, Yandex, OpenShift.
import { isAzureAccountKey, minEntropy } from '../checks.js'
import { named, token, type SecretRule } from './define.js'

export const cloudRules: SecretRule[] = [
  token({
    id: 'aws-access-key-id',
    title: 'AWS access key ID',
    provider: 'Amazon Web Services',
    severity: 'high',
    body: '(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}',
    keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'],
    validate: minEntropy(3),
    aliases: ['aws-access-token'],
    reference:
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids',
    tp: ['AWS_ACCESS_KEY_ID=AKIA{base32:16}', 'aws_access_key_id = ASIA{base32:16}'],
    fp: ['AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX', 'id = "AKIA1234"', 'XAKIAABCDEFGHIJKLMNOP2']
  }),
  named({
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    provider: 'Amazon Web Services',
    severity: 'critical',
    names: [
      'aws_secret',
      'aws-secret',
      'awssecret',
      'secret_access_key',
      'secretaccesskey',
      'secret-access-key'
    ],
    keywords: ['aws', 'secret_access', 'secretaccess', 'secret-access'],
    value: '[A-Za-z0-9/+]{40}',
    validate: minEntropy(4),
    tp: ['aws_secret_access_key = {b64:40}', 'AWS_SECRET_ACCESS_KEY: "{b64:40}"'],
    fp: [
      'aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}',
      'aws_secret_access_key = ' + 'x'.repeat(40),
      'aws_secret_access_key_file = /run/secrets/aws'
    ]
  }),
  named({
    id: 'aws-session-token',
    title: 'AWS session token',
    provider: 'Amazon Web Services',
    severity: 'high',
    names: ['session_token', 'sessiontoken', 'security_token', 'securitytoken', 'session-token'],
    value: '[A-Za-z0-9/+=]{100,1200}',
    validate: minEntropy(4.5),
    tp: ['aws_session_token = IQoJb3JpZ2luX2VjE{bytes64:300}'],
    fp: ['aws_session_token = ' + 'x'.repeat(200), 'sessionToken: getSessionToken()']
  }),
  token({
    id: 'aws-bedrock-api-key',
    title: 'Amazon Bedrock API key',
    provider: 'Amazon Web Services',
    severity: 'high',
    body: 'ABSK[A-Za-z0-9+/]{109,269}={0,2}|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=%&-]{0,2000}',
    keywords: ['absk', 'bedrock-api-key-'],
    validate: minEntropy(3),
    aliases: ['aws-amazon-bedrock-api-key-long-lived', 'aws-amazon-bedrock-api-key-short-lived'],
    reference: 'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-how.html',
    tp: [
      'AWS_BEARER_TOKEN_BEDROCK=ABSK{b64:132}',
      'token = "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t{b64:40}"'
    ],
    fp: ['ABSK' + 'A'.repeat(120)]
  }),
  token({
    id: 'gcp-api-key',
    title: 'Google API key',
    provider: 'Google',
    severity: 'high',
    body: 'AIza[0-9A-Za-z_-]{35}',
    validate: minEntropy(3.5),
    reference: 'https://cloud.google.com/docs/authentication/api-keys',
    tp: ['GOOGLE_API_KEY=AIza{b64url:35}', 'key: "AIza{b64url:35}"'],
    fp: ['key: AIza' + 'x'.repeat(35), 'AIzaShort', 'AIZASYCO2CXRMC9ELSKLHLHRMBSWDEVEDZTLO2O']
  }),
  token({
    id: 'gcp-oauth-client-secret',
    title: 'Google OAuth client secret',
    provider: 'Google',
    severity: 'high',
    body: 'GOCSPX-[A-Za-z0-9_-]{28}',
    tp: ['client_secret=GOCSPX-{b64url:28}'],
    fp: ['secret=GOCSPX-short']
  }),
  token({
    id: 'azure-storage-connection-string',
    title: 'Azure storage connection string',
    provider: 'Microsoft',
    severity: 'critical',
    boundary: false,
    body: 'AccountName=[a-z0-9]{3,24};\\s{0,3}AccountKey=([A-Za-z0-9+/]{86}==)',
    flags: 'gi',
    keywords: ['accountkey='],
    validate: key => isAzureAccountKey(key) && minEntropy(4)(key),
    aliases: ['AzureStorageKeyDetector'],
    tp: [
      'conn="DefaultEndpointsProtocol=https;AccountName=store1;AccountKey={bytes64:64};EndpointSuffix=core.windows.net"'
    ],
    fp: [
      'conn="DefaultEndpointsProtocol=https;AccountName=devstoreaccount1;AccountKey=<key>"',
      `AccountName=a1b;AccountKey=${'A'.repeat(86)}==`
    ]
  }),
  named({
    id: 'azure-storage-account-key',
    title: 'Azure storage account key',
    provider: 'Microsoft',
    severity: 'critical',
    names: [
      'accountkey',
      'account_key',
      'storagekey',
      'storage_key',
      'azure_storage',
      'azurestorage',
      'storage-key'
    ],
    value: '[A-Za-z0-9+/]{86}==',
    validate: key => isAzureAccountKey(key) && minEntropy(4)(key),
    aliases: ['AzureStorageKeyDetector'],
    tp: ['AZURE_STORAGE_KEY={bytes64:64}', 'AccountKey: "{bytes64:64}"'],
    fp: [`storage_key = "${'A'.repeat(86)}=="`]
  }),
  token({
    id: 'azure-sas-token',
    title: 'Azure shared access signature',
    provider: 'Microsoft',
    severity: 'high',
    boundary: false,
    body: '[?&]s[vp]=[^&\\s"\']{1,40}&(?:[a-z]{2,4}=[^&\\s"\']{0,80}&){0,12}sig=([A-Za-z0-9%+/=]{40,100})',
    keywords: ['sig='],
    validate: sig => /%2[bBfF]|%3[dD]|[+/]/.test(sig) || sig.length >= 43,
    tp: [
      'url = "https://acct.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01&st=2024-01-01&spr=https&sig={b64:40}%3D"'
    ],
    fp: ['https://example.com/?sv=1&sig=short']
  }),
  token({
    id: 'azure-ad-client-secret',
    title: 'Azure AD (Entra ID) client secret',
    provider: 'Microsoft',
    severity: 'high',
    body: '[a-zA-Z0-9_.~-]{3}[0-9]Q~[a-zA-Z0-9_.~-]{31,34}',
    keywords: ['q~'],
    validate: minEntropy(3.5),
    aliases: ['azure-client-secret'],
    reference: 'https://learn.microsoft.com/en-us/purview/sit-defn-azure-ad-client-secret',
    tp: ['AZURE_CLIENT_SECRET={alnum:3}7Q~{alnum:34}'],
    fp: ['x = "abc7Q~short"']
  }),
  token({
    id: 'alibaba-access-key-id',
    title: 'Alibaba Cloud AccessKey ID',
    provider: 'Alibaba Cloud',
    severity: 'high',
    body: 'LTAI[A-Za-z0-9]{12,20}',
    validate: minEntropy(3),
    tp: ['ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI{alnum:20}'],
    fp: ['LTAIxxxxxxxxxxxxxxxxxxxx']
  }),
  named({
    id: 'alibaba-secret-key',
    title: 'Alibaba Cloud AccessKey secret',
    provider: 'Alibaba Cloud',
    severity: 'critical',
    names: ['alibaba', 'aliyun', 'alicloud'],
    value: '[A-Za-z0-9]{30}',
    validate: minEntropy(3.5),
    tp: ['ALIBABA_CLOUD_ACCESS_KEY_SECRET={alnum:30}'],
    fp: ['alibaba_region = "cn-hangzhou"']
  }),
  named({
    id: 'ibm-cloud-iam-key',
    title: 'IBM Cloud IAM API key',
    provider: 'IBM',
    severity: 'critical',
    names: [
      'ibm',
      'iam_api',
      'iam-api',
      'iamapi',
      'cloud_iam',
      'cloud-iam',
      'cloudiam',
      'iam_key',
      'iam-key',
      'iam_pass',
      'iam-pass'
    ],
    value: '[A-Za-z0-9_-]{44}',
    validate: minEntropy(3),
    aliases: ['IbmCloudIamDetector'],
    reference: 'https://cloud.ibm.com/docs/account?topic=account-userapikey',
    tp: ['IBM_CLOUD_API_KEY={word:44}', '"ibm_cloud_iam_api_key":"{alnum:44}"'],
    fp: ['ibm_api_key = "%s" % IBM_IAM_API_KEY_ENV', 'ibm-cloud-pwd = shorter-version']
  }),
  named({
    id: 'ibm-cos-hmac-secret',
    title: 'IBM Cloud Object Storage HMAC secret access key',
    provider: 'IBM',
    severity: 'critical',
    names: [
      'secret_access_key',
      'secretaccesskey',
      'secret-access-key',
      'cos_hmac',
      'hmac_secret',
      'hmacsecret'
    ],
    keywords: ['secret_access', 'secretaccess', 'secret-access', 'hmac'],
    value: '[a-f0-9]{48}',
    validate: minEntropy(3),
    aliases: ['IbmCosHmacDetector'],
    reference:
      'https://cloud.ibm.com/docs/cloud-object-storage?topic=cloud-object-storage-uhc-hmac-credentials-main',
    tp: ['secret_access_key = "{hex:48}"', '"cos_hmac_keys": {"secret_access_key": "{hex:48}"}'],
    fp: ['secret_access_key = "' + '0'.repeat(48) + '"']
  }),
  named({
    id: 'softlayer-api-key',
    title: 'SoftLayer (IBM Cloud classic) API key',
    provider: 'IBM',
    severity: 'critical',
    names: ['softlayer', 'sl_', 'sl-', 'slapi', 'slkey', 'slpass'],
    keywords: ['softlayer', 'sl_', 'sl-', 'slapi'],
    value: '[a-z0-9]{64}',
    flags: 'i',
    validate: minEntropy(3),
    aliases: ['SoftlayerDetector'],
    tp: ['SOFTLAYER_API_KEY={alnumlower:64}', '--softlayer-api-key "{hex:64}"'],
    fp: ['softlayer_api_key="%s" % SL_API_KEY_ENV', 'softlayer-key:=afakekey']
  }),
  token({
    id: 'softlayer-api-url',
    title: 'SoftLayer API URL with an API key',
    provider: 'IBM',
    severity: 'critical',
    body: 'https?://api\\.softlayer\\.com/soap/v3(?:\\.1)?/([a-z0-9]{64})',
    flags: 'gi',
    keywords: ['api.softlayer.com'],
    validate: minEntropy(3),
    aliases: ['SoftlayerDetector'],
    tp: ['endpoint = "https://api.softlayer.com/soap/v3/{hex:64}"'],
    fp: ['https://api.softlayer.com/soap/v3/SoftLayer_Account']
  }),
  named({
    id: 'cloudant-credential',
    title: 'IBM Cloudant password or API key',
    provider: 'IBM',
    severity: 'high',
    names: ['cloudant', 'clou_', 'cl_'],
    keywords: ['cloudant', 'clou_', 'cl_'],
    nameAlso: 'pass|pw|pwd|key|secret|token',
    value: '[0-9a-f]{64}|[a-z]{24}',
    validate: minEntropy(3),
    aliases: ['CloudantDetector'],
    tp: ['cloudant_password = "{hex:64}"', 'CLOUDANT_API_KEY={lower:24}'],
    fp: ['cloudant_password = "a-fake-tooshort-key"', 'cl_api_key = "a-fake-api-key"']
  }),
  ...(
    [
      ['digitalocean-pat', 'DigitalOcean personal access token', 'dop_v1_', 'critical'],
      ['digitalocean-access-token', 'DigitalOcean OAuth access token', 'doo_v1_', 'critical'],
      ['digitalocean-refresh-token', 'DigitalOcean OAuth refresh token', 'dor_v1_', 'high']
    ] as const
  ).map(([id, title, prefix, severity]) =>
    token({
      id,
      title,
      provider: 'DigitalOcean',
      severity,
      body: `${prefix}[a-f0-9]{64}`,
      validate: minEntropy(3),
      aliases: id === 'digitalocean-pat' ? ['digitalocean-token'] : [],
      reference: 'https://docs.digitalocean.com/reference/api/create-personal-access-token/',
      tp: [`DIGITALOCEAN_TOKEN=${prefix}{hex:64}`],
      fp: [`DO_TOKEN=${prefix}${'x'.repeat(64)}`]
    })
  ),
  named({
    id: 'cloudflare-api-token',
    title: 'Cloudflare API token',
    provider: 'Cloudflare',
    severity: 'high',
    names: ['cloudflare', 'cf_api', 'cf-api', 'cfapi'],
    value: '[A-Za-z0-9_-]{40}',
    validate: secret => minEntropy(3.5)(secret) && !/^[a-f0-9]+$/.test(secret),
    aliases: ['cloudflare-api-key'],
    tp: ['CLOUDFLARE_API_TOKEN={b64url:40}', 'cloudflare_api_key = "{alnum:40}"'],
    fp: ['CLOUDFLARE_API_TOKEN=' + 'x'.repeat(40), 'cloudflare_zone = "example.com"']
  }),
  named({
    id: 'cloudflare-global-api-key',
    title: 'Cloudflare global API key',
    provider: 'Cloudflare',
    severity: 'critical',
    names: ['cloudflare', 'cf_api', 'cf-api', 'cf_key', 'cfapi'],
    value: '[a-f0-9]{37}',
    validate: minEntropy(3),
    tp: ['CLOUDFLARE_GLOBAL_API_KEY={hex:37}', 'cf_api_key: {hex:37}'],
    fp: ['cloudflare_zone_id = "{hex:32}"']
  }),
  token({
    id: 'cloudflare-origin-ca-key',
    title: 'Cloudflare Origin CA key',
    provider: 'Cloudflare',
    severity: 'high',
    body: 'v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}',
    keywords: ['v1.0-'],
    tp: ['CF_ORIGIN_CA_KEY=v1.0-{hex:24}-{hex:146}'],
    fp: ['version v1.0-beta']
  }),
  token({
    id: 'heroku-api-key',
    title: 'Heroku API key',
    provider: 'Heroku',
    severity: 'high',
    body: 'HRKU-AA[0-9a-zA-Z_-]{58}|HRKU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    keywords: ['hrku-'],
    aliases: ['heroku-api-key-v2'],
    reference: 'https://devcenter.heroku.com/articles/authentication',
    tp: ['HEROKU_API_KEY=HRKU-AA{b64url:58}', 'HEROKU_API_KEY=HRKU-{uuid}'],
    fp: ['HEROKU_API_KEY=HRKU-xxxxxxxxxx']
  }),
  named({
    id: 'heroku-legacy-api-key',
    title: 'Heroku API key, legacy UUID format',
    provider: 'Heroku',
    severity: 'high',
    names: ['heroku'],
    value: '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
    validate: minEntropy(3),
    aliases: ['heroku-api-key'],
    tp: ['HEROKU_API_KEY={uuid}', 'heroku_token = "{uuid}"'],
    fp: ['heroku_app_id = "{uuid}"', 'HEROKU_API_KEY=00000000-0000-0000-0000-000000000000']
  }),
  token({
    id: 'flyio-token',
    title: 'Fly.io access token',
    provider: 'Fly.io',
    severity: 'high',
    body: 'fo1_[A-Za-z0-9_-]{43}|fm1[ar]_[A-Za-z0-9+/]{100,}={0,3}|fm2_[A-Za-z0-9+/]{100,}={0,3}',
    keywords: ['fo1_', 'fm1a_', 'fm1r_', 'fm2_'],
    validate: minEntropy(4),
    aliases: ['flyio-access-token'],
    reference: 'https://fly.io/docs/security/tokens/',
    tp: ['FLY_API_TOKEN=fo1_{b64url:43}', 'FLY_API_TOKEN="fm2_{b64:120}"'],
    fp: ['FLY_API_TOKEN=fo1_' + 'x'.repeat(43)]
  }),
  token({
    id: 'scalingo-api-token',
    title: 'Scalingo API token',
    provider: 'Scalingo',
    severity: 'high',
    body: 'tk-us-[A-Za-z0-9_-]{48}',
    validate: minEntropy(3),
    tp: ['SCALINGO_API_TOKEN=tk-us-{word:48}'],
    fp: ['tk-us-' + 'x'.repeat(48)]
  }),
  named({
    id: 'netlify-access-token',
    title: 'Netlify access token',
    provider: 'Netlify',
    severity: 'high',
    names: ['netlify'],
    value: '[A-Za-z0-9=_-]{40,46}',
    validate: minEntropy(3.5),
    tp: ['NETLIFY_AUTH_TOKEN={b64url:43}'],
    fp: ['netlify_site_name = "my-site"']
  }),
  token({
    id: 'netlify-pat',
    title: 'Netlify personal access token',
    provider: 'Netlify',
    severity: 'high',
    body: 'nfp_[A-Za-z0-9]{36,40}',
    validate: minEntropy(3.5),
    tp: ['token = "nfp_{alnum:40}"'],
    fp: ['nfp_' + 'x'.repeat(40)]
  }),
  named({
    id: 'yandex-access-token',
    title: 'Yandex Cloud IAM token',
    provider: 'Yandex',
    severity: 'high',
    names: ['yandex', 'yc_'],
    value: 't1\\.[A-Z0-9a-z_-]+={0,2}\\.[A-Z0-9a-z_-]{86}={0,2}',
    tp: ['YANDEX_TOKEN=t1.{b64url:24}.{b64url:86}'],
    fp: ['yandex_folder = "b1g"']
  }),
  named({
    id: 'yandex-api-key',
    title: 'Yandex Cloud API key',
    provider: 'Yandex',
    severity: 'high',
    names: ['yandex', 'yc_'],
    value: 'AQVN[A-Za-z0-9_-]{35,38}',
    tp: ['YANDEX_API_KEY=AQVN{b64url:36}'],
    fp: ['yandex_api_key = "AQVN"']
  }),
  named({
    id: 'yandex-aws-access-token',
    title: 'Yandex Cloud static access key',
    provider: 'Yandex',
    severity: 'high',
    names: ['yandex', 'yc_'],
    value: 'YC[A-Za-z0-9_-]{38}',
    validate: minEntropy(3),
    tp: ['YANDEX_SECRET_KEY=YC{b64url:38}'],
    fp: ['yandex_zone = "ru-central1-a"']
  }),
  token({
    id: 'openshift-user-token',
    title: 'OpenShift user token',
    provider: 'Red Hat',
    severity: 'high',
    body: 'sha256~[A-Za-z0-9_-]{43}',
    validate: minEntropy(3.5),
    reference:
      'https://docs.redhat.com/en/documentation/openshift_container_platform/4.10/html-single/authentication_and_authorization/index#oauth-view-details-tokens_managing-oauth-access-tokens',
    tp: ['oc login --token=sha256~{b64url:43}'],
    fp: ['sha256~' + 'x'.repeat(43)]
  })
]
