// Does a variable NAME say it holds a credential? The peers match a credential
// word anywhere in the name and drown users in false positives
// (PASSWORD_MIN_LENGTH, KMS_KEY_ALIAS, AWS_WEB_IDENTITY_TOKEN_FILE, GOPRIVATE,
// AUTH_MODE). We look at the ROLE of the name: the credential word must be the
// name's last part. Anything after it (`_FILE`, `_PATH`, `_URL`, `_LENGTH`,
// `_ALIAS`, `_NAME`, `_ID`…) makes it a reference to or a property of a secret,
// not the secret. The few exceptions are listed below with the reason.

/** Last parts (one or two words) that name a credential. */
const CREDENTIAL_LAST_WORDS = new Set([
  'PASSWORD',
  'PASSWORDS',
  'PASSWD',
  'PASS',
  'PSW', // Jenkins credentials binding: FOO_PSW (buildkit#6064)
  'PASSPHRASE',
  'SECRET',
  'SECRETS',
  'TOKEN',
  'TOKENS',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
  'CREDS'
])

/** Two-word endings: `<first>_KEY` is a credential only for these first words (GPG_KEY is a key id). */
const KEY_QUALIFIERS = new Set([
  'API',
  'PRIVATE',
  'ACCESS',
  'SECRET',
  'ENCRYPTION',
  'MASTER',
  'SIGNING',
  'CLIENT',
  'APP',
  'ACCOUNT',
  'LICENSE',
  'AUTH',
  'SERVICE',
  'SESSION',
  'STORAGE',
  'SSH'
])

/** Names that end in a qualifier but still hold a credential. */
const EXACT_CREDENTIAL_NAMES = new Set([
  'SECRET_KEY_BASE', // Rails: the app's master secret
  'PGPASSFILE_CONTENT'
])

/**
 * `*_ID` normally names an identifier (CLIENT_ID, APP_ID, KMS_KEY_ID), but two IDs
 * are one half of a credential pair: the AWS access key id (what AWS's own leak
 * scanning alerts on) and Vault AppRole's SECRET_ID (a secret by definition).
 */
const CREDENTIAL_ID_PREFIXES = [['ACCESS', 'KEY'], ['SECRET']]

/** A word anywhere in the name that says the value is meant to be public. */
const PUBLIC_WORDS = new Set(['PUBLIC', 'PUBLISHABLE', 'PUB'])

/** Splits `dbPassword`, `DB_PASSWORD`, `db-password`, `db.password` into upper-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(word => word.toUpperCase())
}

export interface NameVerdict {
  secret: boolean
  /** Why (shown in docs/tests; e.g. "ends in TOKEN", "qualifier _FILE: a reference"). */
  reason: string
}

export function classifySecretName(name: string): NameVerdict {
  const words = nameWords(name)
  if (words.length === 0) return { secret: false, reason: 'empty name' }
  const joined = words.join('_')
  if (EXACT_CREDENTIAL_NAMES.has(joined))
    return { secret: true, reason: `${joined} is a credential` }
  const publicWord = words.find(word => PUBLIC_WORDS.has(word))
  if (publicWord) return { secret: false, reason: `${publicWord}: meant to be public` }
  const last = words[words.length - 1]
  const previous = words[words.length - 2]
  if (CREDENTIAL_LAST_WORDS.has(last)) {
    if (last === 'PASS' && words.length === 1)
      return { secret: false, reason: 'PASS alone is ambiguous' }
    return { secret: true, reason: `ends in ${last}` }
  }
  if ((last === 'KEY' || last === 'KEYS') && previous && KEY_QUALIFIERS.has(previous)) {
    return { secret: true, reason: `ends in ${previous}_${last}` }
  }
  if (last === 'PWD' && words.length > 1 && previous !== 'OLD') {
    return { secret: true, reason: 'ends in PWD' }
  }
  // One-word names such as PGPASSWORD, MYSQLPASSWORD, GHTOKEN, OPENAIAPIKEY.
  if (
    /^[A-Z0-9]+(PASSWORD|PASSWD|APIKEY|ACCESSKEY|SECRETKEY)$/.test(last) ||
    /^[A-Z0-9]{2,}TOKEN$/.test(last)
  ) {
    return { secret: true, reason: `ends in a credential word (${last})` }
  }
  if (last === 'ID') {
    const before = words.slice(0, -1)
    for (const prefix of CREDENTIAL_ID_PREFIXES) {
      const tail = before.slice(-prefix.length)
      if (tail.length === prefix.length && tail.every((word, i) => word === prefix[i])) {
        return { secret: true, reason: `${prefix.join('_')}_ID is half of a credential pair` }
      }
    }
  }
  const credentialWord = words.findIndex(
    (word, i) =>
      CREDENTIAL_LAST_WORDS.has(word) || (word === 'KEY' && KEY_QUALIFIERS.has(words[i - 1] ?? ''))
  )
  if (credentialWord >= 0) {
    return {
      secret: false,
      reason: `_${words.slice(credentialWord + 1).join('_')} after ${words[credentialWord]}: names a property of or a reference to a secret`
    }
  }
  return { secret: false, reason: 'no credential word at the end' }
}

/**
 * Values that cannot be a hardcoded credential: empty, a pure `$VAR` reference,
 * a boolean or a small number, a file path (`/run/secrets/x`: the name points at
 * a file), or an obvious placeholder (`<token>`, `changeme`-style fillers are NOT
 * placeholders: they are real, weak passwords and stay flagged).
 */
export function isNonSecretValue(value: string): boolean {
  const trimmed = value.trim()
  if (trimmed === '') return true
  if (/^(\$[A-Za-z_][A-Za-z0-9_]*|\$\{[^}]*\})+$/.test(trimmed)) return true
  if (/^(true|false|yes|no|on|off|y|n|none|null|nil|undefined)$/i.test(trimmed)) return true
  if (/^\d{1,6}$/.test(trimmed)) return true
  if (/^(\/|\.\.?\/|~\/)[\w.\-/]*$/.test(trimmed) && /[A-Za-z]/.test(trimmed)) return true
  if (/^[A-Za-z]:\\[\w.\-\\ ]*$/.test(trimmed)) return true
  if (
    /^<[^<>]*>$/.test(trimmed) ||
    /^\{\{[^{}]*\}\}$/.test(trimmed) ||
    /^%[A-Za-z_]+%$/.test(trimmed)
  )
    return true
  if (/^(x+|\*+|\.+|-+|_+|#+)$/i.test(trimmed)) return true
  if (/^(your|insert|enter|put|replace)[-_ ]?\w*([-_ ]?here)?$/i.test(trimmed)) return true
  if (/^(placeholder|redacted|dummy|todo|tbd|fixme)$/i.test(trimmed)) return true
  return false
}
