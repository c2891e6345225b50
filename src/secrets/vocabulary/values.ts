// What a credential VALUE is. Given the value assigned to a credential name
// (or found inside a URL, a Kubernetes Secret, an image's Env), one verdict:
//
//   secret  it has the shape of a real credential (random-looking)      → high
//   weak    a literal, but a default, a dictionary word or a made-up
//           test value (postgres, changeme, hunter2, foobar123)          → low
//   none    not a hardcoded credential at all: a template or reference,
//           code, a placeholder, an identifier, text, a number, a path or
//           URL, a hash, an encrypted blob, the name itself
//
// The order of the tests matters and is the documentation: the first class a
// value falls in decides, with its reason.
import { classCount, normalisedEntropy, shannonEntropy } from '../entropy.js'
import { nameWords } from './names.js'
import { isTemplate } from './templates.js'
import { isWordy } from './words.js'

export type ValueVerdict = 'secret' | 'weak' | 'none'

export interface ValueClass {
  verdict: ValueVerdict
  reason: string
}

export interface ValueContext {
  /** The name the value is assigned to (a value equal to its own name is not a secret). */
  name?: string
  /** The value was a string literal (quoted). */
  quoted?: boolean
  /** The file is source code: an unquoted value there is an expression. */
  code?: boolean
}

const none = (reason: string): ValueClass => ({ verdict: 'none', reason })
const weak = (reason: string): ValueClass => ({ verdict: 'weak', reason })
const SECRET: ValueClass = { verdict: 'secret', reason: 'looks like a real credential' }

/** Literal words that are settings or types, never a credential. */
const NON_SECRET_WORDS = new Set([
  'true',
  'false',
  'yes',
  'no',
  'y',
  'n',
  'on',
  'off',
  'null',
  'nil',
  'none',
  'undefined',
  'nan',
  'required',
  'optional',
  'empty',
  'disabled',
  'enabled',
  'enable',
  'disable',
  'hidden',
  'masked',
  'mask',
  'unset',
  'string',
  'str',
  'text',
  'bool',
  'boolean',
  'int',
  'integer',
  'number',
  'bytes',
  'object',
  'any',
  'varchar',
  'char',
  'secretstr',
  'securestring',
  'sensitive',
  'env',
  'environ',
  'environment',
  'vault',
  'keychain',
  'keyring',
  'file',
  'prompt',
  'ask',
  'auto',
  'inherit',
  'generate',
  'generated',
  'random',
  'basic',
  'bearer',
  'digest',
  'oauth',
  'oauth2',
  'none',
  'plain',
  'md5',
  'sha1',
  'sha256',
  'scram-sha-256',
  'trust',
  'peer',
  'ident',
  // Severity and log levels: a rule's level (`github-pat: critical` in a scanner's own config).
  'critical',
  'high',
  'medium',
  'moderate',
  'low',
  'info',
  'informational',
  'warning',
  'warn',
  'error',
  'notice',
  'debug',
  'trace',
  // Keywords: an expression, not a value (`credentials: new Foo(…)`).
  'new',
  'await',
  'function',
  'lambda',
  'return',
  'this',
  'self',
  'static',
  'const',
  'let',
  'var',
  'async',
  'typeof',
  'require',
  'import',
  // Settings that read like words: fetch credentials modes, permission levels, cast types.
  'same-origin',
  'include',
  'omit',
  'read',
  'write',
  'readonly',
  'read-only',
  'encrypted',
  'hashed',
  'unused',
  'non-used',
  'not-used'
])

/** Defaults and dictionary passwords: a literal, but not one that proves a leak. */
const WEAK_DEFAULTS = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'token',
  'admin',
  'administrator',
  'root',
  'toor',
  'guest',
  'user',
  'test',
  'tester',
  'testing',
  'demo',
  'default',
  'changeme',
  'changeit',
  'change_me',
  'change-me',
  'letmein',
  'welcome',
  'qwerty',
  'abc123',
  'admin123',
  'password1',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  's3cr3t',
  'secret123',
  'mypassword',
  'mysecret',
  'supersecret',
  'topsecret',
  'postgres',
  'postgresql',
  'mysql',
  'mariadb',
  'redis',
  'mongo',
  'mongodb',
  'rabbitmq',
  'minio',
  'minioadmin',
  'elastic',
  'kibana',
  'oracle',
  'sa',
  'docker',
  'jenkins',
  'gitlab',
  'keycloak',
  'vagrant',
  'ubuntu',
  'raspberry'
])

/** Lower-case fragments that mark a stand-in value. */
const PLACEHOLDER_FRAGMENTS = [
  'example',
  'placeholder',
  'your_',
  'your-',
  'yourpass',
  'yourtoken',
  'yoursecret',
  'yourkey',
  'yourapi',
  'insert',
  'replace',
  'redacted',
  'dummy',
  'notasecret',
  'not_a_secret',
  'not-a-secret',
  'notreal',
  'not_real',
  'notapassword',
  'not_a_password',
  'fake',
  'sample',
  'xxxx',
  '****',
  '...',
  '…',
  'todo',
  'fixme',
  'tbd',
  '_here',
  '-here',
  'put_your',
  'enter_your',
  'enter-your',
  'fill_in',
  'fill-in',
  'fillme',
  'set_me',
  'setme',
  'goes_here',
  'obfuscated',
  'hidden',
  'masked',
  'omitted',
  'removed',
  'invalid',
  'wrong',
  'incorrect'
]

/** Sequences that only a person typing filler writes. */
const FILLER_SEQUENCES =
  /1234567|abcdefg|qwertyu|asdfgh|zxcvbn|0123456|9876543|aaaaaa|abcabc|abc123/i
/** Runs no generator produces: the value is filler around them. */
const LONG_FILLER = /1234567890|0123456789|abcdefghij|qwertyuiop|zyxwvutsrq/i
/** Shorter runs that still give filler away in a short value. */
const SHORT_FILLER = /123|abcd|qwer|asdf|zxcv|0000|1111|xyz|abc123|foobar|foo|bar\b/i

/** Words of a UI label or a sentence about credentials, not of a passphrase. */
const UI_WORDS =
  /\b(?:pass\w*|secret|token|key|your|enter|new|old|confirm|reset|forgot|change|please|the|is|are|must|invalid|incorrect|required|user\w*|login|sign|log|account)\b/

/** Password hash formats: the stored form of a password, not the password (an htpasswd `user:` before it). */
const PASSWORD_HASH =
  /^(?:[\w.@-]{1,64}:)?(?:\$(?:2[abxy]?|argon2(?:id|i|d)?|pbkdf2(?:-sha\d+)?|scrypt|[156]|y|sha1|md5|bcrypt|apr1)\$|(?:pbkdf2_sha\d+|bcrypt(?:_sha256)?|argon2|md5|sha1|sha256|crypt|unsalted_md5|unsalted_sha1|scrypt)\$|\{(?:SSHA|SHA|SSHA256|SSHA512|SHA256|SHA512|MD5|SMD5|CRYPT|bcrypt|noop|PBKDF2|ARGON2)\}|sha(?:1|256|512):\d+:)/i

/** Digests with their algorithm named. */
const DIGEST = /^(?:sha(?:1|224|256|384|512)|md5|blake2b?|xxh\d+)[-:$]/i

/** Digests of the empty input (SHA-256, MD5, SHA-1, SHA-512): constants tests use as stand-in tokens. */
const EMPTY_INPUT_DIGESTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'd41d8cd98f00b204e9800998ecf8427e',
  'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e'
]

/** The value is one of those digests or a prefix of one (16 hex digits or more). */
function isEmptyInputDigest(value: string): boolean {
  const lower = value.toLowerCase()
  return lower.length >= 16 && EMPTY_INPUT_DIGESTS.some(d => d.startsWith(lower))
}

/** Values stored encrypted (ejson, sops, Ansible Vault, Vault transit, PGP, Jasypt). */
const ENCRYPTED =
  /^(?:EJ\[\d:|ENC\[(?:AES|PGP|KMS)|\$ANSIBLE_VAULT;|!vault|vault:v\d+:|-----BEGIN PGP MESSAGE|ENC\(|AQICAH|cipher:|encrypted:|kms:)/

/** HTTP header names and header-like field names (`Access-Control-Allow-Credentials`, `X-Auth-Token`). */
const HEADER_NAME =
  /^(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)+|[Xx]-[A-Za-z]+(?:-[A-Za-z]+)*|[Aa]uthorization|[Pp]roxy-[Aa]uthorization)$/

const PREFIXED_UUID =
  /^[a-z]{2,16}(?:[-_][a-z]{2,16}){0,3}[-_][0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** An authentication scheme before the credential (`Bearer abc…`, `Basic dXNl…`). */
const AUTH_SCHEME =
  /^(?:Bearer|Basic|Token|Bot|ApiKey|Api-Key|Key|Digest|SSWS|GenieKey|Splunk)\s+(\S+)$/i

/**
 * The verdict on a value (see the file comment). `raw` is the value as
 * written, without surrounding quotes; it may be UTF-8 decoded or not.
 */
export function classifyValue(raw: string, context: ValueContext = {}): ValueClass {
  const value = raw.trim()
  if (value === '') return none('empty')
  if (value.length > 1024) return none('too long for a password or token (a blob)')
  const scheme = AUTH_SCHEME.exec(value)
  if (scheme) {
    if (/^basic$/i.test(value.slice(0, 5)) && !isBasicCredential(scheme[1]!))
      return none('not a Basic credential (RFC 7617: base64 of user:password)')
    return classifyValue(scheme[1]!, { ...context, name: undefined })
  }
  if (PASSWORD_HASH.test(value)) return none('a password hash (the stored form, not the password)')
  const pem = base64Pem(value)
  if (pem && !/PRIVATE KEY/.test(pem))
    return none(`base64 of a PEM ${pem.toLowerCase()} (public material)`)
  if (isTemplate(value)) return none('a template or variable reference, filled in at run time')
  const code = codeReason(value, context)
  if (code) return none(code)
  const lower = value.toLowerCase()
  if (NON_SECRET_WORDS.has(lower)) return none(`"${lower}" is a setting, not a credential`)
  if (/^(.)\1*$/s.test(value)) return none('one repeated character')
  if (DIGEST.test(value)) return none('a digest with its algorithm')
  if (isEmptyInputDigest(value)) return none('the digest of an empty input (a well-known constant)')
  if (ENCRYPTED.test(value)) return none('an encrypted value (ejson, sops, Ansible Vault, …)')
  if (/\s/.test(value)) {
    // A passphrase (all lower-case words, none of them about credentials or a UI label) is a literal;
    // anything else with spaces is a sentence, a command or a label.
    if (context.quoted && /^[a-z]{2,12}(?: [a-z]{1,12}){2,7}$/.test(value) && !UI_WORDS.test(value))
      return weak('a passphrase of dictionary words')
    return none('text with spaces (a sentence, a command, a label)')
  }
  if (/[\p{L}\p{M}]/u.test(value.replace(/[A-Za-z]/g, '')))
    return none('natural-language text (non-ASCII letters)')
  if (!/[A-Za-z0-9]/.test(value)) return none('no letter or digit')
  const shape = shapeReason(value)
  if (shape) return none(shape)
  // A default password stays one even when it repeats the name (password: password, admin_pw: admin).
  if (WEAK_DEFAULTS.has(lower) || WEAK_DEFAULTS.has(deLeet(lower)))
    return weak('a default or well-known password')
  if (context.name && equalsName(value, context.name)) return none('the value is its own name')
  if (context.name && echoesName(value, context.name))
    return none('a placeholder: its own name with my/your/key around it')
  if (HEADER_NAME.test(value) && (/^[Xx]-/.test(value) || isWordy(value)))
    return none('a header or field name')
  for (const fragment of PLACEHOLDER_FRAGMENTS)
    if (containsFragment(lower, fragment)) return none(`a placeholder ("${fragment}")`)
  if (/<[A-Za-z][\w .-]{0,40}>/.test(value)) return none('a placeholder (<…>)')
  if (/^-?[0-9]{1,6}(?:\.[0-9]+)?$/.test(value)) return none('a number (a length, port or timeout)')
  if (UUID.test(value) && context.name && /(?:^|[^a-z])(?:id|uuid|guid)$/i.test(context.name))
    return none('an id')
  // A base64 value that decodes to text (`YWRtaW4=` is "admin") is judged as the text.
  const decoded = decodedText(value)
  if (decoded !== undefined) {
    const inner = classifyValue(decoded, { ...context, name: undefined, quoted: true })
    return inner.verdict === 'none' ? none(`base64 of ${inner.reason}`) : inner
  }
  if (WEAK_DEFAULTS.has(lower) || WEAK_DEFAULTS.has(deLeet(lower)))
    return weak('a default or well-known password')
  // P@ssw0rd123!, Admin2024#: a default disguised, with a number or a symbol after it.
  // The tail may be a whole row of the keyboard's symbols (P@ssword!@#$%^&*()).
  const stem = value.replace(/(?<=[A-Za-z].*)[^A-Za-z]{1,40}$/, '')
  if (stem !== value && WEAK_DEFAULTS.has(deLeet(stem.toLowerCase())))
    return weak('a default or well-known password with a number after it')
  if (dominantShare(value) >= 0.6) return none('a placeholder (one character makes most of it)')
  // Separators do not hide a sequence (AbC-dEf5 is abcdef5).
  const joined = value.replace(/[-_.:]/g, '')
  if (
    LONG_FILLER.test(joined) ||
    FILLER_SEQUENCES.test(joined) ||
    (value.length < 24 && SHORT_FILLER.test(joined))
  )
    return weak('a keyboard or counting sequence')
  if (isRepetition(value)) return weak('a repeated pattern')
  if (isInterleavedSequence(value)) return weak('a keyboard or counting sequence')
  if (isKeyboardWalk(value)) return weak('a keyboard walk (keys typed next to each other)')
  if (value.length < 8) return weak('too short to be a generated credential')
  if (isHumanChosen(value)) return weak('made of words and digits (a person chose it)')
  // access-sandbox-<uuid> (Plaid), live-<uuid>: a word prefix dilutes the entropy of the random part.
  if (PREFIXED_UUID.test(value)) return SECRET
  if (!looksGenerated(value)) return weak('not random enough to be a generated credential')
  return SECRET
}

/** Code and references: why the value is not a literal, or undefined. */
function codeReason(value: string, context: ValueContext): string | undefined {
  if (/^\$[A-Za-z_{]|^%[A-Za-z_]\w*%$|^@[A-Za-z_]/.test(value)) return 'a variable reference'
  // `x=":$(encode "$PASS")"`: the inner quote cut the value inside a shell command substitution.
  if (/\$\([A-Za-z_][\w-]*(?:\s|$)/.test(value) && !/\$\([^()]*\)/.test(value))
    return 'shell code (a command substitution)'
  if (
    /\b(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|getenv|System\.getenv|Environment\.GetEnvironmentVariable|ENV\[|ENV\.fetch|env\(|config\(|settings\.|Deno\.env|System\.getProperty)/.test(
      value
    )
  )
    return 'an environment or config lookup'
  if (/^(?:secrets|vars|env|inputs|steps|needs|github|matrix)\.[A-Za-z0-9_.-]+$/.test(value))
    return 'a CI context reference'
  if (
    /^(?:var|local|data|module|random_password|random_string|aws_[a-z_]+|azurerm_[a-z_]+|google_[a-z_]+)\.[\w.[\]"-]+$/.test(
      value
    )
  )
    return 'a Terraform reference'
  if (/^[A-Za-z_]\w*(?:::[A-Za-z_]\w*)+$/.test(value)) return 'a constant reference (A::B)'
  if (/^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+(?:\(.*\))?!?$/.test(value))
    return 'a member access (a.b.c), not a literal'
  if (/^[A-Za-z_$][\w$.]*\(.*\)?$/.test(value)) return 'a function call'
  // `==` only between operands: base64 padding (`…Zw==`) ends a bare value too.
  if (
    !context.quoted &&
    /^new\s|^await\s|^lambda\b|=>|&&|\|\||[\w)\]'"\s]!?===?\s*[\w('"$-]/.test(value)
  )
    return 'an expression'
  if (context.code && !context.quoted) {
    // Unquoted in source code is an expression (an identifier, a call), unless it is a bare token.
    if (!/^[A-Za-z0-9][A-Za-z0-9+/=_.-]{15,}$/.test(value) || isWordy(value))
      return 'an unquoted expression in source code'
  }
  if (/^\[|^\{|^\(/.test(value) && !context.quoted) return 'a list, map or group, not a scalar'
  return undefined
}

/** Identifiers, paths, URLs, hosts and other shapes that are not credentials. */
function shapeReason(value: string): string | undefined {
  if (value.includes('://')) return 'a URL (its credentials, if any, are checked by the URL rules)'
  if (/\\(?:u001[bB]|x1[bB]|033|e\[)/.test(value)) return 'an ANSI escape (colour codes)'
  if (/^\^.+\$$|^\[[^\]]{1,40}\][{*+?]|\\[dwsSbB]|\(\?[:=!<]|\[\^?[^\]]*-[^\]]*\][*+{]/.test(value))
    return 'a regular expression'
  if (/^\*|\*\*\/|\/\*$|^\*\.[a-z]+$/.test(value)) return 'a glob or wildcard'
  if (/^(?:\/|\.\.?\/|~\/|[A-Za-z]:\\)/.test(value)) return 'a path'
  if (
    /\.(?:pem|key|crt|cer|der|p8|p12|pfx|jks|keystore|json|ya?ml|txt|env|conf|cfg|ini|xml|properties|gpg|asc|pub|toml|sh|py|js|ts|rb)$/i.test(
      value
    )
  )
    return 'a file name (where the secret is kept)'
  if (/^[\w.-]+(?:\/[\w.-]+)+$/.test(value) && isWordy(value.replace(/\//g, ' ')))
    return 'a path or a route'
  if (/^[a-z_][\w/]*#[a-z_]\w*$/i.test(value)) return 'a route target (controller#action)'
  // `vpp_rkrga=format=bgra:afbc=1`, `w=1280:h=720`: option pairs (a filter graph, a query), not a key.
  if (
    /^[\w.-]+=(?:[\w.-]+=)?[\w.-]+(?:[:,&;][\w.-]+=[\w.,-]*)+$/.test(value) &&
    /[a-z]{3,}=/.test(value)
  )
    return 'key=value options (a filter graph or a query string)'
  if (/^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/.test(value)) return 'an e-mail address'
  if (/^(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?$/.test(value)) return 'an IP address'
  if (/^[a-z0-9-]+(?:\.[a-z0-9-]+){2,}(?::\d+)?$/.test(value) && /[a-z]{2,}(?::\d+)?$/.test(value))
    return 'a host name'
  if (/^[\w.-]+:\d{2,5}$/.test(value)) return 'a host and port'
  if (/^\d+(?:\.\d+){1,3}(?:[-+][\w.]+)?$/.test(value)) return 'a version number'
  if (/^(?:[<>=~^!]=?|==)\s*v?\d+(?:\.\d+)*/.test(value)) return 'a version constraint'
  if (/^[A-Z][a-z]+(?:_[A-Z][a-z]+)+$/.test(value)) return 'a Capitalised_Snake identifier'
  if (/^v?\d+\.\d+/.test(value) && value.length < 24 && !/[A-Z]/.test(value)) return 'a version'
  if (/^[a-z]+\/[a-z0-9.+-]+$/i.test(value) && isWordy(value)) return 'a media type'
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return 'a date'
  if (/^[0-9]{4}_[a-z0-9_]+$/.test(value)) return 'a migration name'
  // Identifiers: a variable or field name, not a value.
  if (
    /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(value) &&
    (isWordy(value) || /^[a-z]{1,12}(?:_[a-z]{1,12})+$/.test(value))
  )
    return 'a snake_case identifier'
  if (
    /^_*[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+_*$/.test(value) &&
    (isWordy(value.toLowerCase()) || /^_*[A-Z]{1,12}(?:_[A-Z]{1,12})+_*$/.test(value))
  )
    return 'an UPPER_SNAKE identifier (an environment variable name)'
  if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\/[\w./-]+$/.test(value))
    return 'a module or import path (domain/path)'
  if (
    /^(?:[a-z]+|[A-Z][a-z]+)(?:[A-Z][a-z]+)+$/.test(value) &&
    isWordy(value) &&
    mentionsCredential(value)
  )
    return 'an identifier naming a credential (a field or variable name)'
  if (
    /^\[?(?:String|Int|Float|Boolean|ID|UUID|JSON|JSONString|DateTime|Date|Upload|[A-Z][A-Za-z]*(?:Input|Type|Filter|Payload|Connection|Edge|Enum|Kind|Error))!?\]?!?$/.test(
      value
    )
  )
    return 'a type (GraphQL)'
  if (/^(?:[a-z]+\.){1,}[a-z_]+$/i.test(value) && isWordy(value.replace(/\./g, ' ')))
    return 'a dotted identifier (a key path or a package)'
  if (/^[A-Za-z]+(?:[._:-][A-Za-z]+)+[._:-]?$/.test(value) && value.length > 20 && isWordy(value))
    return 'words (a label or a key), not a secret'
  if (/^(?:[A-Z][a-z]+){3,}$/.test(value) && isWordy(value))
    return 'a sentence in PascalCase (a label)'
  return undefined
}

/** The value contains a credential word (user_password, apiKey, DB_PASSWORD). */
function mentionsCredential(value: string): boolean {
  return /pass|secret|token|key|cred|auth|pwd/i.test(value)
}

/** Case- and punctuation-insensitive: the value repeats its name or the name's last words. */
export function equalsName(value: string, name: string): boolean {
  const full = value.toLowerCase().replace(/[^a-z0-9]/g, '')
  const v = full.replace(/\d+$/, '')
  if (v.length < 3) return false
  const words = nameWords(name)
  for (let i = 0; i < words.length; i++) {
    const tail = words.slice(i).join('')
    if (tail === v || tail === full) return true
  }
  // refresh_token = "refresh2": a word of the name and a counter.
  return words.length > 1 && words.some(w => w.length >= 4 && w === v)
}

/** Words a placeholder puts around a name: `my-access-key-id`, `myScylladbPasswordKey`. */
const ECHO_PREFIX = /^(?:my|your|the|some|test|dummy|sample)/
const ECHO_SUFFIX = /(?:key|name|ref|value|here)$/

/** The value is the name's own words with a filler word before and/or a key word after it. */
function echoesName(value: string, name: string): boolean {
  const full = value.toLowerCase().replace(/[^a-z0-9]/g, '')
  const stripped = full.replace(ECHO_PREFIX, '')
  const candidates = [stripped, stripped.replace(ECHO_SUFFIX, ''), full.replace(ECHO_SUFFIX, '')]
  const words = nameWords(name)
  for (const v of candidates) {
    if (v === full || v.length < 6) continue
    for (let i = 0; i < words.length - 1; i++) if (words.slice(i).join('') === v) return true
    if (words.length === 1 && words[0] === v) return true
  }
  return false
}

/** The PEM label (CERTIFICATE, PUBLIC KEY, …) of base64-encoded PEM text (kubeconfig `certificate-authority-data`). */
function base64Pem(value: string): string | undefined {
  if (!value.startsWith('LS0tLS1CRUdJTi')) return undefined
  const head = Buffer.from(value.slice(0, 80), 'base64').toString('latin1')
  return /^-----BEGIN ([A-Z0-9 ]{3,40})-----/.exec(head)?.[1]
}

/** Base64 (padding optional) of `user-id:password`: what the Basic scheme carries. */
function isBasicCredential(token: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token) || token.replace(/=+$/, '').length % 4 === 1)
    return false
  return Buffer.from(token, 'base64').includes(0x3a)
}

/** Printable text behind base64 (a Kubernetes Secret value, an encoded `user:password`). */
function decodedText(value: string): string | undefined {
  if (value.length < 8 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value))
    return undefined
  if (!/[0-9+/=]|[A-Z].*[a-z]|[a-z].*[A-Z]/.test(value)) return undefined
  const bytes = Buffer.from(value, 'base64')
  if (bytes.length === 0) return undefined
  for (const b of bytes) if (b < 0x20 || b > 0x7e) return undefined
  const text = bytes.toString('latin1')
  // Random bytes are rarely all printable; text has letters and reads as words or a pair.
  return /[A-Za-z]{3}/.test(text) ? text : undefined
}

/** 0→o 1→i 3→e 4→a 5→s 7→t @→a $→s !→i: how people disguise words. */
function deLeet(lower: string): string {
  return lower
    .replace(/0/g, 'o')
    .replace(/1/g, 'i')
    .replace(/3/g, 'e')
    .replace(/4/g, 'a')
    .replace(/5/g, 's')
    .replace(/7/g, 't')
    .replace(/@/g, 'a')
    .replace(/\$/g, 's')
    .replace(/!/g, 'i')
}

/** `abcd1234abcd1234…`, `xyzxyzxyz`: a short unit repeated over most of the value (case aside). */
function isRepetition(value: string): boolean {
  const lower = value.toLowerCase()
  for (let unit = 1; unit <= 8 && unit * 2 <= lower.length; unit++) {
    let run = 0
    for (let i = unit; i < lower.length && lower[i] === lower[i % unit]; i++) run++
    if ((run + unit) / lower.length >= 0.7) return true
  }
  return false
}

/** The share of the value taken by its most frequent character. */
function dominantShare(value: string): number {
  if (value.length < 8) return 0
  const counts = new Map<string, number>()
  let max = 0
  for (const c of value) {
    const n = (counts.get(c) ?? 0) + 1
    counts.set(c, n)
    if (n > max) max = n
  }
  return max / value.length
}

/** Words (possibly disguised with digits and symbols) plus a few digits: what a person picks. */
function isHumanChosen(value: string): boolean {
  const letters = value.replace(/[^A-Za-z]/g, '')
  if (letters.length === 0) return false
  // Words joined by separators (new-password-duck, Palavra-passe, hmac-sha1): every part is a word or a number.
  const parts = value.split(/[-_.\s:/+]+/).filter(Boolean)
  const words = parts.filter(p => /[A-Za-z]/.test(p))
  if (
    parts.length >= 2 &&
    parts.every(p =>
      /^(?:[A-Z]?[a-z]{1,14}|[A-Z]{2,14})\d{0,4}$|^\d{1,6}$|^[a-z]\d{1,2}[a-z]{1,2}$/.test(p)
    ) &&
    words.reduce((n, p) => n + p.replace(/\d/g, '').length, 0) / words.length >= 4
  )
    return true
  // One word, letters only, with the case of a word (Benutzerpasswort), not of a random string.
  if (/^[A-Za-z]+$/.test(value) && (value.length < 20 || caseChanges(value) < 4)) return true
  // A word and a number (devstackpostgres123, Summer2024!).
  if (/^[A-Za-z]{3,}\d{1,4}[!?.#$*]?$/.test(value)) return true
  // Mostly letters that read as words, even after undoing leetspeak (S3cr3tP4ss → SecretPass).
  const plain = deLeet(value.toLowerCase()).replace(/[^a-z]+/g, ' ')
  const wordy = isWordy(value) || isWordy(plain)
  if (!wordy) return false
  // A long random token can contain a few syllables; a person's password is mostly words.
  return letters.length / value.length >= 0.5 || value.length <= 16
}

/** Key positions (column with the row's stagger, row) on QWERTY and QWERTZ keyboards. */
const KEYBOARDS: readonly ReadonlyMap<string, readonly [number, number]>[] = [
  ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'],
  ['1234567890', 'qwertzuiop', 'asdfghjkl', 'yxcvbnm']
].map(rows => {
  const stagger = [0, 0.5, 0.75, 1.25]
  const keys = new Map<string, readonly [number, number]>()
  rows.forEach((row, y) => [...row].forEach((c, x) => keys.set(c, [x + stagger[y]!, y])))
  return keys
})

/**
 * A run typed by sliding over the keyboard (`nbvfdswe34567ujko098765`, `wertwertwegsdfbdf…`): the
 * mean distance between consecutive keys is at most 1.8 keys. Random letters and digits average 3.3;
 * in 20,000 random strings of 20 or more characters none came under 1.9.
 */
function isKeyboardWalk(value: string): boolean {
  const lower = value.toLowerCase()
  if (
    !/^[a-z0-9]*$/.test(lower.replace(/[-_.]/g, '')) ||
    lower.replace(/[^a-z0-9]/g, '').length < 20
  )
    return false
  return KEYBOARDS.some(keys => {
    let sum = 0
    let pairs = 0
    let previous: readonly [number, number] | undefined
    for (const c of lower) {
      const at = keys.get(c)
      if (!at) continue
      if (previous) {
        sum += Math.hypot(at[0] - previous[0], at[1] - previous[1])
        pairs++
      }
      previous = at
    }
    return pairs > 0 && sum / pairs <= 1.8
  })
}

/**
 * A three-letter fragment (`tbd`) counts only where a letter does not touch it: random keys hold
 * one in a few hundred (`TWQcy9bJRWE6rbtweVNJEZtbDA4b1Vf`). Longer ones count anywhere.
 */
function containsFragment(lower: string, fragment: string): boolean {
  if (!/^[a-z]{1,3}$/.test(fragment)) return lower.includes(fragment)
  for (let at = lower.indexOf(fragment); at !== -1; at = lower.indexOf(fragment, at + 1)) {
    const before = lower[at - 1] ?? ''
    const after = lower[at + fragment.length] ?? ''
    if (!/[a-z]/.test(before) && !/[a-z]/.test(after)) return true
  }
  return false
}

/** Letters and digits that each count up (a1B2c3D4e5F6, 1a2b3c4d): a stand-in, not a generated key. */
function isInterleavedSequence(value: string): boolean {
  const letters = value.toLowerCase().replace(/[^a-z]/g, '')
  const digits = value.replace(/[^0-9]/g, '')
  if (letters.length < 3 || digits.length < 3 || letters.length + digits.length < value.length - 2)
    return false
  const ascending = (run: string): boolean => {
    for (let i = 1; i < run.length; i++)
      if (run.charCodeAt(i) !== run.charCodeAt(i - 1) + 1) return false
    return true
  }
  return ascending(letters) && ascending(digits)
}

function caseChanges(value: string): number {
  let changes = 0
  for (let i = 1; i < value.length; i++)
    if (/[a-z]/.test(value[i - 1]!) !== /[a-z]/.test(value[i]!)) changes++
  return changes
}

/** Enough character variety and entropy for a machine-generated secret. */
function looksGenerated(value: string): boolean {
  const classes = classCount(value)
  const ratio = normalisedEntropy(value)
  if (value.length >= 16 && classes >= 2) return ratio >= 0.7 && shannonEntropy(value) >= 3
  if (classes >= 3) return ratio >= 0.75
  return false
}
