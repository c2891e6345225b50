// What a credential NAME is. One classifier for every check: the generic
// detector (file assignments), the Kubernetes Secret reader, the image Env
// scan and the Dockerfile rules secret-in-env/secret-in-arg all ask it.
//
// The name's ROLE decides, not a credential word anywhere in it: the
// credential word must be the name's last word (after qualifiers such as
// _PROD, _V2, _2 are dropped). A word after it (`_FILE`, `_PATH`, `_URL`,
// `_LENGTH`, `_NAME`, `_ID`, …) makes the name a property of or a reference to
// a secret (PASSWORD_MIN_LENGTH, AWS_WEB_IDENTITY_TOKEN_FILE), not the secret.

export interface NameVerdict {
  credential: boolean
  /** Why, in a few words (tests, docs, Dockerfile messages): "ends in TOKEN", "_FILE after PASSWORD: …". */
  reason: string
  /** The credential word the name ends in, lower case (password, secret, token, key, …). */
  word?: string
  /**
   * Not a credential name, but a credential word followed only by words that
   * do not make it a property (`password_super_secure`, `apikey_myservice`):
   * a value with the shape of a generated secret still counts.
   */
  qualified?: boolean
}

/** Words after a credential word that make the name a property of or a reference to a secret. */
const PROPERTY_WORDS = new Set([
  'file',
  'files',
  'path',
  'paths',
  'dir',
  'directory',
  'url',
  'urls',
  'uri',
  'endpoint',
  'host',
  'port',
  'length',
  'len',
  'size',
  'min',
  'max',
  'minimum',
  'maximum',
  'count',
  'limit',
  'name',
  'names',
  'id',
  'ids',
  'type',
  'types',
  'kind',
  'class',
  'ttl',
  'expiry',
  'expires',
  'expiration',
  'expire',
  'expired',
  'timeout',
  'age',
  'lifetime',
  'time',
  'timestamp',
  'date',
  'at',
  'header',
  'headers',
  'field',
  'fields',
  'param',
  'params',
  'parameter',
  'prefix',
  'suffix',
  'env',
  'var',
  'variable',
  'ref',
  'reference',
  'hash',
  'hashed',
  'digest',
  'checksum',
  'salt',
  'policy',
  'policies',
  'rule',
  'rules',
  'regex',
  'pattern',
  'format',
  'mode',
  'method',
  'strategy',
  'provider',
  'store',
  'manager',
  'helper',
  'enabled',
  'enable',
  'disabled',
  'required',
  'optional',
  'hint',
  'label',
  'title',
  'placeholder',
  'prompt',
  'message',
  'text',
  'error',
  'errors',
  'reset',
  'change',
  'changed',
  'confirm',
  'confirmation',
  'validation',
  'validator',
  'strength',
  'generator',
  'rotation',
  'version',
  'source',
  'location',
  'arn',
  'alias',
  'list',
  'map',
  'option',
  'options',
  'config',
  'settings',
  'flag',
  'status',
  'state',
  'event',
  'events',
  'callback',
  'handler',
  'form',
  'input',
  'button',
  'link',
  'page',
  'view',
  'template',
  'schema',
  'scope',
  'scopes',
  'audience',
  'issuer',
  'algorithm',
  'alg',
  'usage',
  'user',
  'username',
  'login',
  'email',
  'index',
  'key',
  'keys',
  'value',
  'values',
  'secret',
  'secrets',
  'token',
  'tokens',
  'request',
  'response',
  'api',
  'auth',
  'client',
  'cache',
  'count',
  'response',
  'forgot',
  'forget',
  'recovery',
  'less',
  'protected',
  'visible',
  'mask',
  'masked',
  'hidden',
  'length',
  'lock',
  'locked',
  'attempts',
  'retries',
  'sent',
  'verified',
  'configuration',
  'replace',
  'get',
  'set',
  'fetch',
  'load',
  'read',
  'write',
  'call',
  'apply',
  'update',
  'create',
  'delete',
  'role',
  'roles',
  'mfa',
  'otp',
  'sha1',
  'sha256',
  'sha384',
  'sha512',
  'md5',
  'hmac'
])

/** Last words that name a credential by themselves (lower case). */
export const CREDENTIAL_WORDS: ReadonlySet<string> = new Set([
  'password',
  'passwords',
  'passwd',
  'passphrase',
  'pass',
  'pwd',
  'pw',
  'psw', // Jenkins credentials binding: FOO_PSW (buildkit#6064)
  'secret',
  'secrets',
  'token',
  'tokens',
  'apikey',
  'apikeys',
  'credential',
  'credentials',
  'creds',
  'pat', // personal access token: GITHUB_PAT, GITLAB_PAT
  'auth', // npm `_auth`, `auth: <base64>`: the value decides
  'authkey',
  'accesskey',
  'secretkey',
  'privatekey',
  'apisecret',
  'apitoken',
  'clientsecret',
  'accesstoken',
  'authtoken',
  'sessiontoken',
  'authorization',
  'secrete', // French, and detect-secrets' spelling
  'secreto', // Spanish
  'contrasena',
  'contraseña',
  'senha', // Portuguese
  'passwort', // German
  'kennwort',
  'wachtwoord', // Dutch
  'motdepasse', // French, as one word
  'haslo', // Polish
  'losenord' // Swedish
])

/** `<first>_KEY` is a credential only for these first words (GPG_KEY is a key id, SORT_KEY a column). */
export const KEY_QUALIFIERS: ReadonlySet<string> = new Set([
  'api',
  'private',
  'priv',
  'secret',
  'access',
  'signing',
  'sign',
  'master',
  'encryption',
  'encrypt',
  'crypt',
  'crypto',
  'cipher',
  'aes',
  'hmac',
  'jwt',
  'client',
  'auth',
  'oauth', // oauth_key: the OAuth client secret (openstreetmap-website's settings)
  'app',
  'application',
  'account',
  'service',
  'session',
  'webhook',
  'license',
  'licence',
  'admin',
  'storage',
  'shared',
  'root',
  'ssh',
  'deploy',
  'consumer',
  'integration',
  'fernet',
  'tls',
  'ssl',
  'server',
  'subscription',
  'management',
  'write',
  'ingest',
  'insert',
  'personal',
  'rest',
  'bot'
])

/** Names made of credential words that name something else (password managers, a bypass). */
const NOT_CREDENTIAL_NAMES = new Set([
  'onepassword',
  '1password',
  'lastpass',
  'nordpass',
  'protonpass',
  'keepass',
  'keepassxc',
  'keepassx',
  'passbolt',
  'enpass',
  'roboform',
  'passkey',
  'passkeys',
  'applepasswords',
  'keepassdx',
  'keepassium',
  'pwsafe',
  'passwordsafe',
  'bitwarden',
  'dashlane',
  'keeper',
  'proton',
  'bypass',
  'compass'
])

/** A word anywhere in the name that makes it something other than a credential. */
const NOT_CREDENTIAL_WORDS_IN_NAME = new Set([
  'csrf', // anti-forgery tokens are public per-session values, sent in every form
  'xsrf',
  'xsrf',
  'authenticity', // Rails' CSRF token
  'hashed', // a hash of a secret (detect-secrets baselines: hashed_secret)
  'hash',
  'digest',
  'checksum',
  'encrypted', // ciphertext or a password hash (Devise encrypted_password)
  'sealed',
  'from' // configFromSecret, valueFromSecret: a reference to where the secret is
])

/** Names that end in a qualifier but still hold a credential. */
const EXACT_CREDENTIALS = new Set(['secret key base', 'pgpassfile content'])

/**
 * `*_ID` normally names an identifier (CLIENT_ID, APP_ID, KMS_KEY_ID), but two IDs
 * are one half of a credential pair: the AWS access key id (what AWS's own leak
 * scanning alerts on) and Vault AppRole's SECRET_ID (a secret by definition).
 */
const CREDENTIAL_IDS: readonly (readonly string[])[] = [['access', 'key'], ['secret']]

/** A word anywhere in the name that says the value is meant to be public. */
const PUBLIC_WORDS = new Set(['public', 'publishable', 'pub'])

/** A word anywhere in the name that says the value is a stand-in. */
const STAND_IN_WORDS = new Set([
  'not',
  'non',
  'dummy',
  'fake',
  'mock',
  'example',
  'sample',
  'placeholder',
  'invalid',
  'wrong',
  'incorrect',
  'bad',
  'expired',
  'revoked',
  'malformed',
  'bogus'
])

/**
 * Trailing words that qualify a credential name without changing what it
 * holds: DB_PASSWORD_2, API_TOKEN_PROD, SECRET_KEY_V2, admin_password_old.
 */
const QUALIFIER_SUFFIX =
  /^(?:\d+|v\d+|prod|production|dev|development|stage|staging|test|testing|qa|uat|old|new|backup|bak|primary|secondary|local|default|live|main|enc|encoded|b64|base64|value|raw|str|string|plain|plaintext|hex)$/

/** One-word names such as PGPASSWORD, DBPASS, MYSQLPWD, APPSECRET, GHTOKEN. */
const GLUED =
  /^[a-z0-9]{0,24}(?:password|passwd|passphrase|secret|secretkey|privatekey|accesskey|apikey|authkey|apisecret|clientsecret)$|^[a-z0-9]{2,24}token$|^(?:db|my|root|admin|user|sql|mysql|pg|ldap|smtp|mail|ftp|sftp)(?:pass|pwd)$/
/** Single words that end in a credential word but are not one. */
const NOT_CREDENTIAL_WORDS =
  /^(?:bypass|compass|surpass|overpass|underpass|trespass|encompass|impass|morpass|wpassword|nopassword|nosecret|notoken|nopass|(?:csrf|xsrf)[a-z]*|authenticitytoken)$/

/**
 * Splits `dbPassword`, `DB_PASSWORD`, `db.password`, `db-password`, `APIKey`
 * into lower-case words (`['api', 'key']`).
 */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9ñ]+/)
    .filter(Boolean)
}

/** Does this name say its value is a credential? */
export function classifyName(name: string): NameVerdict {
  const all = nameWords(name)
  if (all.length === 0) return { credential: false, reason: 'empty name' }
  if (EXACT_CREDENTIALS.has(all.join(' ')))
    return {
      credential: true,
      reason: `${all.join('_').toUpperCase()} is a credential`,
      word: 'secret'
    }
  if (NOT_CREDENTIAL_NAMES.has(all.join('')))
    return { credential: false, reason: `${name} names a product or a mechanism, not a credential` }
  const other = all.find(w => NOT_CREDENTIAL_WORDS_IN_NAME.has(w))
  if (other) return { credential: false, reason: `${other.toUpperCase()}: not a credential itself` }
  const publicWord = all.find(w => PUBLIC_WORDS.has(w))
  if (publicWord)
    return { credential: false, reason: `${publicWord.toUpperCase()}: meant to be public` }
  const standIn = all.find(w => STAND_IN_WORDS.has(w))
  if (standIn)
    return { credential: false, reason: `${standIn.toUpperCase()}: a stand-in, not a credential` }
  const words = [...all]
  while (words.length > 1 && QUALIFIER_SUFFIX.test(words[words.length - 1]!)) words.pop()
  const last = words[words.length - 1]!
  const previous = words[words.length - 2]
  if (CREDENTIAL_WORDS.has(last)) {
    if (last === 'pass' && words.length === 1)
      return { credential: false, reason: 'PASS alone is ambiguous' }
    if ((last === 'pwd' || last === 'pw') && words.length === 1)
      return { credential: false, reason: `${last.toUpperCase()} alone is the working directory` }
    return { credential: true, reason: `ends in ${last.toUpperCase()}`, word: canonical(last) }
  }
  if ((last === 'key' || last === 'keys') && previous && KEY_QUALIFIERS.has(previous))
    return {
      credential: true,
      reason: `ends in ${previous.toUpperCase()}_${last.toUpperCase()}`,
      word: 'key'
    }
  if (words.length === 1 && GLUED.test(last) && !NOT_CREDENTIAL_WORDS.test(last))
    return {
      credential: true,
      reason: `ends in a credential word (${last.toUpperCase()})`,
      word: gluedWord(last)
    }
  if (last === 'id') {
    const before = words.slice(0, -1)
    for (const pair of CREDENTIAL_IDS) {
      const tail = before.slice(-pair.length)
      if (tail.length === pair.length && tail.every((w, i) => w === pair[i]))
        return {
          credential: true,
          reason: `${pair.join('_').toUpperCase()}_ID is half of a credential pair`,
          word: 'key'
        }
    }
  }
  const at = words.findIndex(
    (w, i) => CREDENTIAL_WORDS.has(w) || (w === 'key' && KEY_QUALIFIERS.has(words[i - 1] ?? ''))
  )
  if (
    at >= 0 &&
    words.slice(at + 1).every(w => !PROPERTY_WORDS.has(w) && !/^\d/.test(w) && w.length > 1)
  )
    return {
      credential: false,
      qualified: true,
      reason: `_${words
        .slice(at + 1)
        .join('_')
        .toUpperCase()} after ${words[at]!.toUpperCase()}: a credential word with a qualifier`
    }
  if (at >= 0)
    return {
      credential: false,
      reason: `_${words
        .slice(at + 1)
        .join('_')
        .toUpperCase()} after ${words[at]!.toUpperCase()}: names a property of or a reference to a secret`
    }
  return { credential: false, reason: 'no credential word at the end' }
}

function canonical(word: string): string {
  if (/^pass|^pw|^psw|^contras|^senha|^kennw|^wacht|^motde|^haslo|^losen/.test(word))
    return 'password'
  if (/token/.test(word)) return 'token'
  if (/key/.test(word)) return 'key'
  if (/secre/.test(word)) return 'secret'
  return word
}

function gluedWord(word: string): string {
  return canonical(/token$/.test(word) ? 'token' : word.replace(/^.*?(pass|pwd|secret|key)/, '$1'))
}

/**
 * A cache of name verdicts for one run (the same names repeat across files);
 * bounded, and owned by the caller so no state outlives a scan.
 */
export class NameCache {
  private readonly verdicts = new Map<string, NameVerdict>()
  classify(name: string): NameVerdict {
    let verdict = this.verdicts.get(name)
    if (verdict === undefined) {
      verdict = classifyName(name)
      if (this.verdicts.size >= 20000) this.verdicts.clear()
      this.verdicts.set(name, verdict)
    }
    return verdict
  }
}
