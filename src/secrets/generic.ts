// The generic assignment detector: a credential-like name assigned a literal
// that looks like a secret, in any of the usual syntaxes (code, YAML, JSON,
// TOML, INI/properties, XML, .env, shell). Driven from keyword hits, so the
// name is found by scanning identifier characters around the hit (linear),
// and the value by a sticky, bounded regex right after the name.
import { classCount, isWordy, looksRandom, normalisedEntropy } from './entropy.js'
import { isPlaceholder } from './placeholders.js'

/** Prefilter keywords: any credential-like name contains one of these. */
export const GENERIC_KEYWORDS = [
  'pass',
  'pwd',
  'secret',
  'token',
  'apikey',
  'api_key',
  'api-key',
  'credential',
  'creds',
  'auth',
  'private_key',
  'privatekey',
  '_key',
  '-key',
  'key='
]

const SECRET_LAST_WORDS = new Set([
  'password',
  'passwd',
  'passphrase',
  'pass',
  'pwd',
  'pw',
  'secret',
  'token',
  'credential',
  'credentials',
  'creds',
  'apikey',
  'authkey',
  'auth',
  'pat',
  'accesstoken',
  'authtoken',
  'secretkey',
  'privatekey',
  'accesskey',
  'apitoken',
  'apisecret',
  'clientsecret'
])
const SECRET_KEY_QUALIFIERS = new Set([
  'api',
  'private',
  'secret',
  'access',
  'signing',
  'sign',
  'master',
  'encryption',
  'encrypt',
  'client',
  'auth',
  'app',
  'account',
  'service',
  'hmac',
  'jwt',
  'session',
  'webhook',
  'license',
  'admin',
  'crypt',
  'cipher',
  'aes',
  'storage',
  'shared',
  'root'
])
/** Single lowercase words that end in a credential word but are not one. */
const NOT_SECRET_WORDS = /(?:bypass|compass|surpass|overpass|underpass|trespass|encompass)$/

/** Splits `dbPassword`, `DB_PASSWORD`, `db.password`, `db-password` into lowercase words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
}

/** True when a key name says it holds a credential (`DB_PASSWORD`, `apiKey`, `client_secret`). */
const nameVerdicts = new Map<string, boolean>()

export function isCredentialName(name: string): boolean {
  let verdict = nameVerdicts.get(name)
  if (verdict === undefined) {
    verdict = classifyName(name)
    if (nameVerdicts.size > 10000) nameVerdicts.clear()
    nameVerdicts.set(name, verdict)
  }
  return verdict
}

/**
 * Trailing words that qualify a credential name without changing what it
 * holds: DB_PASSWORD_2, API_TOKEN_PROD, SECRET_KEY_V2, admin_password_old.
 */
const NAME_QUALIFIER_SUFFIX =
  /^(?:\d+|v\d+|prod|production|dev|development|stage|staging|test|qa|uat|old|new|backup|bak|primary|secondary|local|default|live)$/

function classifyName(name: string): boolean {
  const words = nameWords(name)
  while (words.length > 1 && NAME_QUALIFIER_SUFFIX.test(words[words.length - 1]!)) words.pop()
  const last = words[words.length - 1]
  if (!last) return false
  if (SECRET_LAST_WORDS.has(last)) return true
  if (last === 'key' && words.length >= 2 && SECRET_KEY_QUALIFIERS.has(words[words.length - 2]!))
    return true
  // One-word names such as PGPASSWORD, DBPASS, MYSQLPWD, APPSECRET.
  if (words.length === 1 && !NOT_SECRET_WORDS.test(last)) {
    return (
      /(?:password|passwd|passphrase|secret|token|apikey|secretkey|privatekey|accesskey|pwd)$/.test(
        last
      ) || /^(?:db|my|root|admin|user)pass$/.test(last)
    )
  }
  return false
}

/** [A-Za-z0-9_.-] */
function isIdentChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 46 ||
    c === 45
  )
}
const CODE_EXTENSIONS =
  /\.(?:[cm]?[jt]sx?|py|go|java|kt|kts|scala|groovy|rb|php|cs|fs|vb|swift|rs|c|cc|cpp|h|hpp|m|mm|dart|lua|pl|pm|r|ex|exs|erl|clj|elm|hs)$/i

export function isCodePath(path: string | undefined): boolean {
  return path !== undefined && CODE_EXTENSIONS.test(path)
}

// After the name: optional closing quote, an assignment operator, the value.
// Every quantifier is bounded, and the regex is sticky: cost is O(1) per hit.
const ASSIGNMENT =
  /["']?\]?[ \t]{0,8}(?:=>|:=|\?=|\|\|=|\+=|=(?![=~])|:(?!:)|\((?=[ \t]{0,3}["'])|,(?=[ \t]{0,3}["']))[ \t]{0,8}(?:"((?:[^"\\\n]|\\.){1,512})"|'((?:[^'\\\n]|\\.){1,512})'|`([^`\n]{1,512})`|([^\s"'`,;()<>{}[\]]{1,512}))/y
// XML element: <password>value</password>
const XML_ELEMENT = />([^<>\s]{1,512})<\//y
// XML attribute pair: key="Password" value="…"
const XML_VALUE_ATTR = /["'][ \t]{1,8}value[ \t]{0,3}=[ \t]{0,3}["']([^"'<>\n]{1,512})["']/y
// Shell flags: --password=x / --password x
const FLAG_VALUE = /[ \t]{1,4}([^\s"'`;|&<>$-][^\s"'`;|&<>]{0,511})/y

export interface GenericCandidate {
  name: string
  value: string
  /** Offsets of the value in the text. */
  start: number
  end: number
  quoted: boolean
}

/**
 * The assignment whose name contains the keyword hit at [hitStart, hitEnd), if any.
 * `lineStart`/`lineEnd` bound the search to the line.
 */
export function assignmentAt(
  text: string,
  hitStart: number,
  hitEnd: number,
  lineStart: number,
  lineEnd: number
): GenericCandidate | undefined {
  let nameStart = hitStart
  const minStart = Math.max(lineStart, hitStart - 64)
  while (nameStart > minStart && isIdentChar(text.charCodeAt(nameStart - 1))) nameStart--
  let nameEnd = hitEnd
  const maxEnd = Math.min(lineEnd, hitEnd + 64)
  while (
    nameEnd < maxEnd &&
    isIdentChar(text.charCodeAt(nameEnd)) &&
    text.charCodeAt(nameEnd) !== 46
  )
    nameEnd++
  // Cheap first: an assignment needs an operator (or `>`/quote/bracket) right after the name.
  let probe = nameEnd
  while (probe < lineEnd && probe < nameEnd + 10) {
    const c = text.charCodeAt(probe)
    if (c !== 32 && c !== 9 && c !== 34 && c !== 39 && c !== 93) break
    probe++
  }
  const next = text.charCodeAt(probe)
  // = : ( , > and the space before a flag's value (--password value)
  if (
    next !== 61 &&
    next !== 58 &&
    next !== 40 &&
    next !== 44 &&
    next !== 62 &&
    next !== 63 &&
    next !== 124 &&
    next !== 43 &&
    probe === nameEnd
  )
    return undefined
  while (
    nameStart < nameEnd &&
    (text.charCodeAt(nameStart) === 46 || text.charCodeAt(nameStart) === 45)
  )
    nameStart++
  const name = text.slice(nameStart, nameEnd)
  if (!name || !isCredentialName(name)) return undefined
  const before = nameStart > lineStart ? text[nameStart - 1] : ''
  // In a URL query (?token=…) only a long random value counts: badges and examples carry short public ones.
  const inQuery = before === '?' || before === '&'
  const flag = text.slice(Math.max(lineStart, nameStart - 2), nameStart) === '--'

  if (before === '<') {
    XML_ELEMENT.lastIndex = nameEnd
    const m = XML_ELEMENT.exec(text)
    if (m && m.index + m[0].length <= lineEnd) {
      const start = nameEnd + 1
      return { name, value: m[1]!, start, end: start + m[1]!.length, quoted: true }
    }
    return undefined
  }
  XML_VALUE_ATTR.lastIndex = nameEnd
  const attr = XML_VALUE_ATTR.exec(text)
  if (attr && attr.index + attr[0].length <= lineEnd) {
    const end = attr.index + attr[0].length - 1
    return { name, value: attr[1]!, start: end - attr[1]!.length, end, quoted: true }
  }
  ASSIGNMENT.lastIndex = nameEnd
  const m = ASSIGNMENT.exec(text)
  // The call form counts only for setters/builders (setPassword("…"), withToken("…")), not any x.pwd("…").
  const call = m !== null && /^["'\]]?[ \t]*\(/.test(m[0])
  if (call && !/^(?:set|with|use)[A-Z_]/.test(name.slice(name.lastIndexOf('.') + 1)))
    return undefined
  if (m && m.index + m[0].length <= lineEnd) {
    const group = m[1] ?? m[2] ?? m[3] ?? m[4]!
    const quoted = m[4] === undefined
    if (inQuery && !(group.length >= 20 && looksRandom(group, 0.8, 20))) return undefined
    const end = m.index + m[0].length - (quoted ? 1 : 0)
    // 'prefix-' + random(): a fragment of a computed value, not a hardcoded one.
    if (quoted && isConcatenated(text, end + 1, lineEnd)) return undefined
    return { name, value: group, start: end - group.length, end, quoted }
  }
  // Dockerfile's legacy form `ENV NAME value` takes the rest after a space, like a flag.
  const legacyEnv =
    nameStart - lineStart <= 16 && /^[ \t]*ENV[ \t]+$/i.test(text.slice(lineStart, nameStart))
  if (flag || legacyEnv) {
    FLAG_VALUE.lastIndex = nameEnd
    const f = FLAG_VALUE.exec(text)
    if (f && f.index + f[0].length <= lineEnd) {
      const end = f.index + f[0].length
      return { name, value: f[1]!, start: end - f[1]!.length, end, quoted: false }
    }
  }
  return undefined
}

/** A value built around the credential word itself is a stand-in: secret123, user:password, mytoken. */
function mentionsItsOwnKind(value: string): boolean {
  const lower = value.toLowerCase()
  const m = /password|passwd|secret|token|apikey|api_key|credential/.exec(lower)
  return m !== null && lower.length - m[0].length < 10
}

const IDENTIFIER_LIKE = [
  /^[a-z]+(?:[A-Z][a-z0-9]+)+$/, // camelCase
  /^[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+$/, // PascalCase
  /^[a-z]+(?:_[a-z0-9]+)+$/, // snake_case
  /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/, // UPPER_SNAKE (an env var name)
  /^[a-z]+(?:-[a-z0-9]+)+$/, // kebab-case
  /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?:\(\))?$/, // a.b.c member access
  /^[A-Za-z_$][\w$]*\(.*\)?$/ // call
]

/** A string literal followed by `+` (JS, Java, Python, C#…) or ` . ` (PHP, Perl) on its line. */
export function isConcatenated(text: string, afterQuote: number, lineEnd: number): boolean {
  let i = afterQuote
  while (i < lineEnd && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++
  const c = text[i]
  if (c === '+') return true
  // PHP/Perl: 'a' . $b or 'a'.$b; a sentence's full stop ('…'. Next) is not one.
  return c === '.' && (text[i + 1] === '$' || (i > afterQuote && text[i + 1] === ' '))
}

/**
 * Whether an assigned value looks like a real secret rather than a
 * placeholder, reference, identifier, path, URL, or prose.
 */
export function looksLikeSecretValue(value: string, quoted: boolean, inCode: boolean): boolean {
  const v = value.trim()
  if (v.length < 6 || v.length > 512) return false
  if (/\s/.test(v)) return false // prose and commands, not secrets
  if (v.includes('://')) return false // URLs: credentials in them have their own rules
  if (/^(?:\/|\.\.?\/|~\/|[A-Za-z]:\\)/.test(v)) return false // a path
  if (
    /\.(?:pem|key|crt|cer|p12|pfx|jks|json|ya?ml|txt|env|conf|cfg|ini|xml|properties|gpg|asc)$/i.test(
      v
    )
  )
    return false // a file name that holds the secret, not the secret
  if (/^-?[0-9]{1,10}(?:\.[0-9]+)?$/.test(v)) return false // a number (length, port, timeout)
  if (/^\$|^@|^%\w|^&/.test(v)) return false // a variable or reference in some syntax
  if (/^(?:sha(?:1|256|384|512)|md5)[-:]/i.test(v)) return false // a digest
  if (/^\$(?:2[abxy]?|argon2|pbkdf2|scrypt|[156])\$/.test(v)) return false // a password hash
  for (const pattern of IDENTIFIER_LIKE) if (pattern.test(v)) return false
  if (/\\(?:u001[bB]|x1[bB]|033|e\[)/.test(v)) return false // an ANSI escape (colour codes)
  if (/^\[[^\]]{1,40}\][{*+?]|\\[dwsS]|\(\?[:=!]/.test(v)) return false // a regular expression
  if (v.startsWith('*')) return false // a glob or wildcard (*_ACCESS_KEY, *.pem)
  if (/^[\w.-]+(?:\/[\w.-]+)+\.[A-Za-z][A-Za-z0-9]{0,5}$/.test(v)) return false // a relative file path
  if (isPlaceholder(v)) return false
  if (!quoted && inCode) {
    // Unquoted in code is an expression; only something random is worth reporting.
    return looksRandom(v, 0.8, 16) && classCount(v) >= 3 && !isWordy(v) && /^[A-Za-z0-9]/.test(v)
  }
  if (!quoted && (!/^[A-Za-z0-9_.~+/-]/.test(v) || /&&|\|\||==|=>|\?\./.test(v))) return false // an expression
  if (/^[a-z]+$/.test(v) && v.length < 16) return false // a lowercase word
  if (mentionsItsOwnKind(v)) return false // secret123, user:password, my-token
  if (/^[A-Z][a-z]+$/.test(v)) return false // a capitalised word
  const classes = classCount(v)
  if (v.length >= 8 && classes >= 2) return normalisedEntropy(v) >= 0.55
  if (classes >= 3) return true
  return v.length >= 16 && normalisedEntropy(v) >= 0.7
}
