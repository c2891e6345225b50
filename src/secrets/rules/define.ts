// The shape of a provider rule and the two ways to write one:
//
//   token()  a self-identifying format (a prefix, a length, an alphabet,
//            maybe a checksum): found wherever it appears.
//   named()  a format without a prefix (32 hex, a UUID): found only when it
//            is assigned to a name that names the provider (`ADAFRUIT_KEY = …`,
//            `<twilioToken>…</twilioToken>`), in any syntax the assignment
//            parser reads.
//
// Every rule carries its own true and false examples. True examples are
// templates (`ghp_{alnum:36}`): the tests expand them with random characters
// of the named alphabet, so no credential-shaped string sits in the source.
// Alphabets: hex HEX alnum lower upper digits alnumlower alnumupper b64 b64url
// base32 word (a-z0-9_-); generators: {ghcrc} (30 base62 + CRC32),
// {bytes64:N} (base64 of N random bytes), {uuid}, {jwt}, {pem:TYPE}.
import type { Severity } from '../../model/finding.js'

export interface SecretRule {
  id: string
  title: string
  /** The company or product that issues the credential. */
  provider: string
  severity: Severity
  /** Lower-case literals; the rule is tried only where one of them occurs (the prefilter). */
  keywords: readonly string[]
  /**
   * Keywords in their exact case (the prefilter is case-insensitive): a hit whose text differs is
   * dropped before the pattern runs. For short keywords that English words contain in lower case.
   */
  exactKeywords?: ReadonlySet<string>
  /** token rules: a global regex tried on the line; capture group 1, else the match, is the secret. */
  pattern?: RegExp
  /** named rules: the assignment's name must match `name` and its whole value `value`. */
  assigned?: { name: RegExp; value: RegExp }
  /** A multi-line or structural detector in structured.ts reads this rule. */
  structured?:
    'private-key' | 'netrc' | 'kubernetes-secret' | 'jwk' | 'curl-user' | 'curl-header' | 'pkcs12'
  /** Structure, checksum or entropy check on the secret; false drops the candidate. */
  validate?: (secret: string, line: string) => boolean
  /**
   * The format matched but the evidence is weaker than a credential's (a JWT without its
   * signature): where `test` holds, the finding is reported at low with `reason`.
   */
  weakerEvidence?: { reason: string; test: (secret: string) => boolean }
  /** A checksum the format carries: recorded as properties.checksum (valid / not verified). */
  checksum?: (secret: string) => boolean
  /**
   * The secret is (`true`) or holds (a function returning that part: the password in base64
   * `user:password`) a password a person may have chosen (in a URL, a .netrc, a curl -u): the
   * value vocabulary judges it, so a default or dictionary word becomes a low
   * `weak-default-credential` and a placeholder nothing.
   */
  password?: true | ((secret: string) => string)
  /** Meant to be public (publishable keys, client ids): reported at info with this reason. */
  publicByDesign?: string
  examples: { tp: readonly string[]; fp: readonly string[] }
  help?: string
  /** The same format's id in gitleaks, detect-secrets or TruffleHog. */
  aliases?: readonly string[]
  /** Where the provider documents the format. */
  reference?: string
}

// Boundaries: a token must not be glued to other token characters.
export const B = '(?<![A-Za-z0-9_+/.-])'
export const E = '(?![A-Za-z0-9_-])'

type Common = Omit<SecretRule, 'pattern' | 'assigned' | 'keywords' | 'examples'> & {
  keywords?: readonly string[]
  tp: readonly string[]
  fp?: readonly string[]
}

/**
 * A self-identifying token. `body` is the regex source of the token (its
 * prefix first); `keywords` default to the literal prefix before the first
 * regex metacharacter.
 */
export function token(
  rule: Common & {
    body: string
    flags?: string
    /** false: the body starts with its own delimiter (`:`, `"`, `?`). */ boundary?: boolean
  }
): SecretRule {
  const { body, flags, tp, fp, keywords, boundary, ...rest } = rule
  const prefix = literalPrefix(body)
  const words = keywords ?? (prefix.length >= 3 ? [prefix.toLowerCase()] : [])
  if (words.length === 0) throw new Error(`${rule.id}: a token rule needs keywords`)
  return {
    ...rest,
    keywords: words,
    pattern: new RegExp(`${boundary === false ? '' : B}(${body})${E}`, flags ?? 'g'),
    examples: { tp, fp: fp ?? [] }
  }
}

/** A word a credential's name carries besides the provider's (`TWILIO_AUTH_TOKEN`, `heroku_api_key`). */
const CREDENTIAL_NAME_WORD = 'key|token|secret|pass|pwd|auth|cred|signing|private|sid|access|pat'
/** The same for a client or account id (`ASANA_CLIENT_ID`, `plaidClientId`). */
const ID_NAME_WORD = 'id|key|token|client|app|account|user|sid|access'

/**
 * A credential without a prefix, assigned to a name that contains one of
 * `names` (lower-case words; also the keywords) and, unless `nameAlso` says
 * otherwise (null: nothing more), a credential word. `value` is the regex
 * source of the whole value; `flags` applies to it (the name is always
 * case-insensitive).
 */
export function named(
  rule: Common & {
    names: readonly string[]
    value: string
    flags?: string
    nameAlso?: string | null
  }
): SecretRule {
  const { names, value, flags, tp, fp, keywords, ...rest } = rule
  const nameAlso =
    rule.nameAlso === undefined
      ? rule.publicByDesign
        ? ID_NAME_WORD
        : CREDENTIAL_NAME_WORD
      : rule.nameAlso
  delete (rest as { nameAlso?: unknown }).nameAlso
  const escape = (n: string): string => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  // A provider word that already names a credential (`session_token`, `dd_api_key`) needs nothing more.
  const alone = nameAlso ? names.filter(n => new RegExp(nameAlso, 'i').test(n)) : [...names]
  const others = names.filter(n => !alone.includes(n))
  const parts: string[] = []
  if (alone.length > 0) parts.push(`(?:${alone.map(escape).join('|')})`)
  if (others.length > 0) {
    const source = others.map(escape).join('|')
    parts.push(`(?:${source})[\\s\\S]*(?:${nameAlso})`, `(?:${nameAlso})[\\s\\S]*(?:${source})`)
  }
  return {
    ...rest,
    keywords: keywords ?? names.map(n => n.toLowerCase()),
    assigned: {
      name: new RegExp(parts.join('|'), 'i'),
      value: new RegExp(`^(?:${value})$`, flags ?? '')
    },
    examples: { tp, fp: fp ?? [] }
  }
}

/** A rule read by a structural detector (structured.ts). */
export function structured(
  rule: Common & { structured: NonNullable<SecretRule['structured']>; keywords: readonly string[] }
): SecretRule {
  const { tp, fp, ...rest } = rule
  return { ...rest, examples: { tp, fp: fp ?? [] } }
}

/** The literal characters a regex source starts with (`ghp_` of `ghp_[0-9A-Za-z]{36}`). */
function literalPrefix(source: string): string {
  let out = ''
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!
    if (c === '\\') {
      const next = source[i + 1]
      if (next !== undefined && /[.\-$/+]/.test(next)) {
        out += next
        i++
        continue
      }
      break
    }
    if (/[[\](){}*+?|^$.]/.test(c)) break
    out += c
  }
  // A quantifier applies to the last literal: `ab?` keeps only `a`.
  if (/^[*+?{]/.test(source.slice(out.length).replace(/^\\./, ''))) out = out.slice(0, -1)
  return out
}
