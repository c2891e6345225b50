// The detection core: text in, candidate secrets out (offsets, rule, value).
// Pure, with no state beyond one Detector (a run's name cache): no I/O, no
// settings beyond the switches passed in. scan.ts and value.ts turn
// candidates into findings and matches.
//
// One pass of a keyword automaton finds every place a rule could match (the
// prefilter); each rule runs only there: token rules on the line, named rules
// and the generic detector on the assignment around the hit, structured
// detectors on a bounded window. The entropy detector runs on quoted strings.
import { API_EXAMPLE_REASON, isApiDescription, isUnderApiExample } from './api-examples.js'
import { isSavedWebPage, SAVED_PAGE_REASON } from './saved-pages.js'
import { SEVERITY_RANK, type Severity } from '../model/finding.js'
import {
  assignmentAt,
  comparedBefore,
  isConcatenated,
  nameAround,
  type Assignment
} from './assignment.js'
import { decodeBase64 } from './checks.js'
import { charsetOf, classCount, normalisedEntropy } from './entropy.js'
import { KeywordAutomaton } from './prefilter.js'
import { providerRules, type SecretRule } from './rules/index.js'
import { runStructured, StructuredState, type StructuredHit } from './structured.js'
import {
  classifyName,
  classifyValue,
  CREDENTIAL_KEYWORDS,
  isKnownExample,
  isTemplate,
  equalsName,
  NameCache,
  nameWords
} from './vocabulary/index.js'
import { isWordy } from './vocabulary/words.js'

export const GENERIC_RULE = {
  id: 'generic-credential-assignment',
  title: 'Hardcoded credential',
  severity: 'high' as Severity
}
export const WEAK_RULE = {
  id: 'weak-default-credential',
  title: 'Weak or default credential',
  severity: 'low' as Severity
}
export const ENTROPY_RULE = {
  id: 'high-entropy-string',
  title: 'High-entropy string',
  severity: 'medium' as Severity
}

export interface Candidate {
  ruleId: string
  title: string
  severity: Severity
  /** Offsets of the secret in the text. */
  start: number
  end: number
  secret: string
  kind: 'provider' | 'generic' | 'weak' | 'entropy'
  /** A documented example key: reported at info or dropped. */
  example: boolean
  /** Why the severity is what it is, when it is not the rule's plain verdict (public by design, a default). */
  reason?: string
  /** Set when the format has a checksum: whether it verified. */
  checksum?: boolean
  /** Priority for overlaps: lower wins. */
  priority: number
  /** The credential name, for assignments. */
  name?: string
}

export interface DetectOptions {
  path?: string
  generic: boolean
  entropy: boolean
  disabled?: ReadonlySet<string>
}

// ---------------------------------------------------------------- the prefilter

interface KeywordTargets {
  rules: number[]
  generic: boolean
}
const keywordIndex = new Map<string, KeywordTargets>()
providerRules.forEach((rule, index) => {
  for (const keyword of rule.keywords) {
    const entry = keywordIndex.get(keyword) ?? { rules: [], generic: false }
    if (!entry.rules.includes(index)) entry.rules.push(index)
    keywordIndex.set(keyword, entry)
  }
})
for (const keyword of CREDENTIAL_KEYWORDS) {
  const entry = keywordIndex.get(keyword) ?? { rules: [], generic: false }
  entry.generic = true
  keywordIndex.set(keyword, entry)
}
const keywordList = [...keywordIndex.keys()]
const keywordTargets = keywordList.map(k => keywordIndex.get(k)!)
const keywordLengths = keywordList.map(k => k.length)
const automaton = new KeywordAutomaton(keywordList)

/** Every keyword of the prefilter (tests check that each rule is behind it). */
export const PREFILTER_KEYWORDS: readonly string[] = keywordList

const CODE_EXTENSIONS =
  /\.(?:[cm]?[jt]sx?|py|pyi|go|java|kt|kts|scala|groovy|rb|php|cs|fs|vb|swift|rs|c|cc|cpp|h|hpp|m|mm|dart|lua|pl|pm|r|ex|exs|erl|clj|elm|hs|cls|tf|hcl)$/i

const C_FAMILY = /\.(?:c|h|cc|cpp|cxx|hpp|hh|m|mm|cs)$/i

export function isCodePath(path: string | undefined): boolean {
  return path !== undefined && CODE_EXTENSIONS.test(path)
}

/** A redacted preview this tool wrote (`abcd…(22 chars)`): never a secret, whatever rule looks at it. */
const REDACTED_PREVIEW = /…\(\d+ chars\)/

/** One run's detector: the rules are static; the name cache lives as long as this object. */
export class Detector {
  private readonly names = new NameCache()

  /** Everything the detectors find in `text` (one char per byte: latin1; `bytes` is the same content). */
  detect(
    text: string,
    options: DetectOptions,
    bytes: Uint8Array = Buffer.from(text, 'latin1')
  ): Candidate[] {
    const out: Candidate[] = []
    const hits = automaton.scan(bytes)
    const inCode = isCodePath(options.path)
    // The line each rule was last tried on: hits arrive in order, so one slot per rule dedupes.
    const triedLine = new Int32Array(providerRules.length).fill(-1)
    const structuredState = new StructuredState()
    const triedStructured = new Set<number>()
    let genericDoneUntil = -1
    let lineStart = 0
    let lineEnd = -1
    for (let h = 0; h < hits.length; h += 2) {
      const keyword = hits[h]!
      const hitEnd = hits[h + 1]!
      const targets = keywordTargets[keyword]!
      const hitStart = hitEnd - keywordLengths[keyword]!
      if (hitStart >= lineEnd) {
        lineStart = text.lastIndexOf('\n', hitStart) + 1
        lineEnd = text.indexOf('\n', hitEnd)
        if (lineEnd < 0) lineEnd = text.length
      }
      for (const ruleIndex of targets.rules) {
        const rule = providerRules[ruleIndex]!
        if (options.disabled?.has(rule.id)) continue
        if (rule.exactKeywords && !rule.exactKeywords.has(text.slice(hitStart, hitEnd))) continue
        if (rule.structured) {
          const key = ruleIndex * 0x10000000 + hitStart
          if (triedStructured.has(key)) continue
          triedStructured.add(key)
          for (const hit of runStructured(
            rule,
            text,
            hitStart,
            lineStart,
            lineEnd,
            structuredState
          ))
            this.pushStructured(rule, ruleIndex, hit, out)
        } else if (rule.pattern) {
          if (triedLine[ruleIndex] === lineStart) continue
          triedLine[ruleIndex] = lineStart
          this.runOnLine(rule, ruleIndex, text, lineStart, lineEnd, options, out)
        } else if (rule.assigned) {
          const span = nameAround(text, hitStart, hitEnd, lineStart, lineEnd)
          if (!span || !rule.assigned.name.test(span.name)) continue
          const found = assignmentAt(text, span, lineStart, lineEnd)
          if (!found || !rule.assigned.value.test(found.value)) continue
          this.pushProvider(
            rule,
            ruleIndex,
            found.value,
            found.start,
            text.slice(lineStart, lineEnd),
            options,
            out
          )
        }
      }
      if (
        targets.generic &&
        options.generic &&
        hitStart >= genericDoneUntil &&
        !options.disabled?.has(GENERIC_RULE.id)
      ) {
        const span = nameAround(text, hitStart, hitEnd, lineStart, lineEnd)
        if (!span) continue
        // Several keywords in one name (token_secret_key) are one assignment.
        genericDoneUntil = span.end
        const nameVerdict = this.names.classify(decodeUtf8(span.name))
        if (!nameVerdict.credential && !nameVerdict.qualified) continue
        const found =
          assignmentAt(text, span, lineStart, lineEnd) ??
          comparedBefore(text, span.name, span.start, span.end, lineStart)
        if (found) {
          genericDoneUntil = Math.max(genericDoneUntil, found.end)
          this.pushGeneric(
            found,
            text,
            lineStart,
            lineEnd,
            inCode,
            nameVerdict.qualified === true,
            options,
            out
          )
        }
      }
    }
    if (options.entropy && !options.disabled?.has(ENTROPY_RULE.id)) {
      findHighEntropy(text, out)
      if (options.path && ENV_FILE.test(options.path)) findUnquotedEnvValues(text, out)
    }
    const found = resolveOverlaps(out)
    lowerLeads(found, text, options.path)
    return found
  }

  private runOnLine(
    rule: SecretRule,
    ruleIndex: number,
    text: string,
    lineStart: number,
    lineEnd: number,
    options: DetectOptions,
    out: Candidate[]
  ): void {
    const line = text.slice(lineStart, lineEnd)
    const pattern = rule.pattern!
    pattern.lastIndex = 0
    let m: RegExpExecArray | null
    while ((m = pattern.exec(line)) !== null) {
      if (m[0].length === 0) {
        pattern.lastIndex++
        continue
      }
      // Group 1 is the token (define.ts wraps the body); a deeper group, when the body has one, is the secret part.
      let secret = m[1] ?? m[0]
      let offset = m.index + m[0].indexOf(secret)
      for (let g = 2; g < m.length; g++) {
        if (m[g] !== undefined) {
          secret = m[g]!
          offset = m.index + m[0].lastIndexOf(secret)
          break
        }
      }
      this.pushProvider(rule, ruleIndex, secret, lineStart + offset, line, options, out)
    }
  }

  private pushProvider(
    rule: SecretRule,
    ruleIndex: number,
    secret: string,
    start: number,
    line: string,
    options: DetectOptions,
    out: Candidate[]
  ): void {
    const example = isKnownExample(secret)
    if (!example) {
      if (isFillerToken(secret)) return
      if (rule.validate && !rule.validate(secret, line)) return
    }
    const base: Candidate = {
      ruleId: rule.id,
      title: rule.title,
      severity: rule.severity,
      start,
      end: start + secret.length,
      secret,
      kind: 'provider',
      example,
      checksum: rule.checksum ? rule.checksum(secret) : undefined,
      priority: ruleIndex
    }
    const chosen =
      example || !rule.password
        ? undefined
        : rule.password === true
          ? secret
          : rule.password(secret)
    if (chosen !== undefined) {
      // A URL's password is percent-encoded: `one+two%3F` is the password `one+two?`.
      const verdict = classifyValue(percentDecoded(decodeUtf8(chosen)), { quoted: true })
      if (verdict.verdict === 'none') return
      if (verdict.verdict === 'weak') {
        out.push(weakCandidate(base, rule, verdict.reason, ruleIndex))
        return
      }
    }
    if (!example && rule.weakerEvidence?.test(secret)) {
      base.severity = 'low'
      base.reason = rule.weakerEvidence.reason
    }
    if (rule.publicByDesign) base.reason = rule.publicByDesign
    const publicHere = publicContext(rule, line, options.path)
    if (publicHere) {
      base.severity = 'info'
      base.reason = publicHere
    }
    out.push(base)
  }

  private pushStructured(
    rule: SecretRule,
    ruleIndex: number,
    hit: StructuredHit,
    out: Candidate[]
  ): void {
    const base: Candidate = {
      ruleId: rule.id,
      title: hit.title ?? rule.title,
      severity: hit.severity ?? rule.severity,
      start: hit.start,
      end: hit.end,
      secret: hit.secret,
      kind: 'provider',
      example: hit.example ?? isKnownExample(hit.secret),
      priority: ruleIndex,
      name: hit.name
    }
    if (base.example) {
      out.push(base)
      return
    }
    let weak = hit.weak === true
    let reason = 'a default or made-up value'
    if (hit.password) {
      const verdict = classifyValue(decodeUtf8(hit.secret), { quoted: true })
      if (verdict.verdict === 'none') return
      weak = verdict.verdict === 'weak'
      reason = verdict.reason
    }
    if (weak) out.push(weakCandidate(base, rule, reason, ruleIndex))
    else out.push(base)
  }

  private pushGeneric(
    found: Assignment,
    text: string,
    lineStart: number,
    lineEnd: number,
    inCode: boolean,
    qualified: boolean,
    options: DetectOptions,
    out: Candidate[]
  ): void {
    const value = decodeUtf8(found.value)
    // A minified bundle or stylesheet line: generated code, not configuration.
    if (lineEnd - lineStart > 8192) return
    // C, C++, Objective-C and C#: '…' is a character, not a string.
    if (found.quote === "'" && options.path !== undefined && C_FAMILY.test(options.path)) return
    if (REDACTED_PREVIEW.test(value)) return
    // YAML `key: a plain scalar` runs to the end of the line: `mountain_pass: Pt-br:Key:mountain pass`
    // is text with spaces, not the first word of it.
    if (!found.quoted && options.path !== undefined && YAML_FILE.test(options.path)) {
      const rest = text.slice(found.end, lineEnd).trim()
      if (
        rest !== '' &&
        !rest.startsWith('#') &&
        text.slice(found.nameEnd, found.start).includes(':')
      )
        return
    }
    const before = found.nameStart > lineStart ? text[found.nameStart - 1] : ''
    // `'_token' => …` in form data: the CSRF field of Laravel and Symfony forms, a per-session nonce
    // (unquoted, `this._token` is a field like any other).
    if (found.name === '_token' && (before === '"' || before === "'")) return
    const example = isKnownExample(found.value)
    const verdict = example
      ? { verdict: 'secret' as const, reason: 'a documented example' }
      : classifyValue(value, { name: found.name, quoted: found.quoted, code: inCode })
    if (verdict.verdict === 'none') return
    // In source code a plain word ('header', "Group", 'same-origin') is a symbol or a label far more
    // often than a password; only the well-known defaults stay (password = 'secret', 'changeme').
    if (
      inCode &&
      verdict.verdict === 'weak' &&
      !WELL_KNOWN_WEAK.test(value) &&
      /^(?:[A-Za-z]{1,16})(?:[-_ ][A-Za-z]{1,16}){0,3}$/.test(value)
    )
      return
    // An enum member is a constant name, not a hardcoded credential (enum Providers { LastPass = "…" }).
    if (inCode && insideEnum(text, found.nameStart)) return
    // A qualified name (password_super_secure) counts only with a generated-looking value.
    if (qualified && verdict.verdict !== 'secret') return
    // In a URL query (?token=…) only a long random value counts: badges and examples carry short public ones.
    if ((before === '?' || before === '&') && (verdict.verdict !== 'secret' || value.length < 20))
      return
    const candidate: Candidate = {
      ruleId: GENERIC_RULE.id,
      title: GENERIC_RULE.title,
      severity: GENERIC_RULE.severity,
      start: found.start,
      end: found.end,
      secret: found.value,
      kind: 'generic',
      example,
      priority: 10000,
      name: found.name
    }
    if (verdict.verdict === 'weak') {
      if (options.disabled?.has(WEAK_RULE.id)) return
      out.push({
        ...candidate,
        ruleId: WEAK_RULE.id,
        title: WEAK_RULE.title,
        severity: WEAK_RULE.severity,
        kind: 'weak',
        reason: verdict.reason,
        priority: 10001
      })
      return
    }
    const publicHere = publicAssignmentContext(found.name, text, lineStart, lineEnd)
    if (publicHere) {
      candidate.severity = 'info'
      candidate.reason = publicHere
    }
    out.push(candidate)
  }
}

/** Private keys stay findings wherever they are: nobody serves or documents a real one by mistake. */
const PRIVATE_KEY_RULES = /private-key|jwk|service-account/

/**
 * What the file says about the candidates at medium and above, lowered to leads (low, with the
 * reason): all but private keys in a saved copy of another site's page (saved-pages.ts), and values
 * judged only by their name or look under an example of an OpenAPI description (api-examples.ts).
 * The files are judged only when there is something to lower.
 */
function lowerLeads(found: Candidate[], text: string, path: string | undefined): void {
  const eligible = found.filter(c => SEVERITY_RANK[c.severity] >= SEVERITY_RANK.medium)
  if (eligible.length === 0) return
  const savedPage = isSavedWebPage(path, text)
  const apiDescription = !savedPage && isApiDescription(path, text)
  if (!savedPage && !apiDescription) return
  for (const c of eligible) {
    const reason = savedPage
      ? PRIVATE_KEY_RULES.test(c.ruleId)
        ? undefined
        : SAVED_PAGE_REASON
      : (c.kind === 'generic' || c.kind === 'entropy') && isUnderApiExample(text, c.start)
        ? API_EXAMPLE_REASON
        : undefined
    if (reason === undefined) continue
    c.severity = 'low'
    c.reason = reason
  }
}

function weakCandidate(
  base: Candidate,
  rule: SecretRule,
  reason: string,
  ruleIndex: number
): Candidate {
  return {
    ...base,
    ruleId: WEAK_RULE.id,
    title: `${WEAK_RULE.title} (${rule.title.replace(/^./, c => c.toLowerCase())})`,
    severity: WEAK_RULE.severity,
    kind: 'weak',
    reason,
    checksum: undefined,
    priority: providerRules.length + ruleIndex
  }
}

function percentDecoded(value: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(value)) return value
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

function decodeUtf8(latin1: string): string {
  return /[\x80-\xff]/.test(latin1) ? Buffer.from(latin1, 'latin1').toString('utf8') : latin1
}

/** Defaults that stay weak findings even in source code. */
const WELL_KNOWN_WEAK =
  /^(?:password|passw0rd|secret|changeme|change_me|admin|root|toor|letmein|qwerty|guest|postgres|mysql|redis|default|welcome|test|demo)$/i

/** The name sits in the body of an enum (TypeScript, C#, Java, Kotlin, Swift), within 4 KiB. */
function insideEnum(text: string, at: number): boolean {
  const from = Math.max(0, at - 4096)
  const before = text.slice(from, at)
  const open = before.search(/\benum\s+(?:class\s+)?[A-Za-z_]\w*(?:\s*:\s*[\w.]+)?\s*\{[^{}]*$/)
  return open >= 0
}

/** A provider-shaped token whose body is filler (`ghp_xxxxxxxx…`, `sk_live_000…`) or a template. */
export function isFillerToken(secret: string): boolean {
  const lower = secret.toLowerCase()
  return (
    // abc123xyz789: a stand-in typed by a person (no generator writes these runs).
    /x{6,}|\*{4,}|0{8,}|123456789|abcdefghij|abc123|xyz789|qwerty|asdfgh|\.\.\.|…|<|>|\{\{/.test(
      lower
    ) ||
    (lower.includes('${') && isTemplate(secret)) ||
    /(?:example|placeholder|redacted|changeme|your_?token|your_?key|dummy|sample|notreal|fake)/.test(
      lower
    )
  )
}

/** Google API keys in browser or mobile client configuration are public by design. */
function publicContext(
  rule: SecretRule,
  line: string,
  path: string | undefined
): string | undefined {
  if (rule.id !== 'gcp-api-key') return undefined
  if (
    (path !== undefined &&
      /(?:^|\/)(?:google-services\.json|GoogleService-Info\.plist|firebase[\w.-]*\.(?:js|ts|json))$/i.test(
        path
      )) ||
    (path !== undefined && MAP_PATH.test(path)) ||
    /firebase|authDomain|messagingSenderId|maps\.googleapis|google_?maps|gm_?api_?key|NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|NG_APP_/i.test(
      line
    )
  )
    return 'a Google API key in browser or mobile client configuration (Firebase, Maps) is public by design: restrict it by referrer or app, and rotate it only if it is unrestricted'
  return undefined
}

/** A file of a map widget or provider (google-map.ts, maps/map.models.ts, route_map___google.json). */
const MAP_PATH = /(?:^|[/_.-])(?:google[-_]?)?maps?(?:[/_.-]|$)/i
/** Map providers whose keys a browser sends with every tile or script request. */
const MAP_PROVIDER =
  /\b(?:here|tencent|baidu|amap|yandex|tomtom|mapbox|google|bing|arcgis|openlayers|leaflet)[\w ]{0,20}maps?\b|\bmaps?[\w ]{0,20}(?:here|tencent|baidu|amap|yandex|tomtom|mapbox|google|bing|arcgis)\b|MapProvider/i

/**
 * Keys meant for browsers, told by their name and what surrounds them: Algolia DocSearch keys
 * (search-only, shipped to every visitor) and map providers' keys in a map's settings.
 */
function publicAssignmentContext(
  name: string,
  text: string,
  lineStart: number,
  lineEnd: number
): string | undefined {
  if (/^(?:x-)?algolia-api-key$/i.test(name))
    return 'an Algolia API key sent by the browser (x-algolia-api-key) is a search-only key, public by design'
  if (/(?:^|[^a-z])(?:[a-z]{1,8}_?)?(?:api_?key|app_?code|app_?id)$/i.test(name)) {
    const around = text.slice(Math.max(0, lineStart - 400), Math.min(text.length, lineEnd + 400))
    if (MAP_PROVIDER.test(around))
      return "a map provider's key in a map's settings is sent by every visitor's browser, public by design: restrict it by referrer"
  }
  if (!/^(?:api_?key|search_?(?:only_?)?(?:api_?)?key)$/i.test(name)) return undefined
  const window = text.slice(Math.max(0, lineStart - 400), Math.min(text.length, lineEnd + 400))
  if (/docsearch|algolia/i.test(window))
    return 'an Algolia search-only key in a DocSearch configuration is public by design (it is sent to every visitor)'
  return undefined
}

// ---------------------------------------------------------------- entropy

// Quoted base64/hex-charset strings. The quote-to-quote span is bounded, so a
// long unterminated run costs at most 256 steps per opening quote.
const QUOTED = /["'`]([A-Za-z0-9+/=_-]{20,256})["'`]/g
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DIGEST_HEX_LENGTHS = new Set([32, 40, 56, 64, 96, 128])
const HASH_CONTEXT =
  /integrity|checksum|sha(?:1|256|384|512)|digest|hash|commit|revision|\brev\b|etag|nonce|fingerprint|W\/"/i
/** Names whose values are identifiers, hashes or public material, not secrets. */
const NOT_SECRET_NAME_WORDS = new Set([
  'id',
  'ids',
  'uuid',
  'guid',
  'hash',
  'sha',
  'digest',
  'checksum',
  'etag',
  'nonce',
  'integrity',
  'version',
  'revision',
  'commit',
  'ref',
  'sku',
  'slug',
  'name',
  'kid',
  'x5t',
  'n',
  'e',
  'x',
  'y',
  'crv',
  'alg',
  'iv',
  'public',
  'pub',
  'code',
  'state',
  'image',
  'src',
  'path',
  'file',
  'url',
  'class',
  'style',
  'type',
  'label',
  'title',
  'key' // a bare `key:` names a map key or a cache key far more often than a credential
])
const PUBLIC_OR_STAND_IN = new Set([
  'public',
  'publishable',
  'pub',
  'wrong',
  'invalid',
  'fake',
  'dummy',
  'mock',
  'example',
  'sample',
  'bad',
  'incorrect',
  'expected'
])
const CREDENTIAL_CONTEXT =
  /secret|token|passw|pwd|api[_-]?key|apikey|private|credential|auth(?!or(?!iz))|bearer|access[_-]?key|signing/i

function findHighEntropy(text: string, out: Candidate[]): void {
  QUOTED.lastIndex = 0
  let lineStart = 0
  let lineEnd = -1
  let lineVerdict = true // the current line may hold a secret
  let m: RegExpExecArray | null
  while ((m = QUOTED.exec(text)) !== null) {
    let value = m[1]!
    // Step back so a closing quote can open the next string.
    QUOTED.lastIndex = m.index + m[0].length - 1
    let start = m.index + 1
    // 'prefix-' + random(): a fragment of a computed string.
    if (isConcatenated(text, m.index + m[0].length, text.length)) continue
    // 'NAME=value' in one string (env lists, command lines): only the value can be the secret.
    const assignment = /^[A-Za-z_][A-Za-z0-9_]*=/.exec(value)
    if (assignment) {
      value = value.slice(assignment[0].length)
      start += assignment[0].length
      if (value.length < 20) continue
    }
    if (start >= lineEnd) {
      // Matches arrive in order: each line is measured and classified once.
      lineStart = text.lastIndexOf('\n', start) + 1
      lineEnd = text.indexOf('\n', start)
      if (lineEnd < 0) lineEnd = text.length
      // Minified bundles and source maps have kilobyte lines; hashes, public keys and data URIs have their markers.
      lineVerdict =
        lineEnd - lineStart <= 4096 && !NOT_SECRET_LINE.test(text.slice(lineStart, lineEnd))
    }
    if (!lineVerdict || !isHighEntropySecret(value)) continue
    // The name the string is assigned to, if any: an id, a hash, a public JWK member are not secrets.
    const head = text.slice(lineStart, m.index)
    const named = /["']?([A-Za-z_$][\w$.-]{0,63})["']?\s*(?:=>|[:=])\s*$/.exec(head)
    if (named) {
      const words = nameWords(named[1]!)
      if (words.length > 0 && NOT_SECRET_NAME_WORDS.has(words[words.length - 1]!)) continue
      // A public or stand-in name (publicToken, wrongLength), or the value spelling its own name.
      if (words.some(w => PUBLIC_OR_STAND_IN.has(w)) || equalsName(value, named[1]!)) continue
    }
    // A list of such strings in a row (protobuf descriptors, certificate chains split over lines).
    if (
      /^\s*["'`][A-Za-z0-9+/=_-]{40,}["'`]\s*[,+]?\s*$/.test(text.slice(lineStart, lineEnd)) &&
      continuesBlob(text, lineStart, lineEnd)
    )
      continue
    const line = text.slice(lineStart, lineEnd)
    // The name the string is assigned to says what it is; without one, the text just around it
    // does (a long line of minified HTML or JS names a token somewhere far from this string).
    const at = start - lineStart
    const context = named
      ? namedContext(named[1]!)
      : line.slice(Math.max(0, at - 80), at) + line.slice(at + value.length, at + value.length + 40)
    out.push({
      ruleId: ENTROPY_RULE.id,
      title: ENTROPY_RULE.title,
      // A random string with no credential word around it is a lead, not an alarm.
      severity: CREDENTIAL_CONTEXT.test(context) ? ENTROPY_RULE.severity : 'low',
      start,
      end: start + value.length,
      secret: value,
      kind: 'entropy',
      example: isKnownExample(value),
      priority: 20000,
      reason: CREDENTIAL_CONTEXT.test(context)
        ? undefined
        : 'random-looking, but nothing on the line names a credential'
    })
  }
}

/**
 * What a name says about its string: all of a credential name (or one with a qualifier), else only
 * its last word (`oauth_application` names an OAuth application, its client id, not a credential).
 */
function namedContext(name: string): string {
  const verdict = classifyName(name)
  if (verdict.credential || verdict.qualified) return name
  return nameWords(name).pop() ?? name
}

/** The line before or after is another quoted blob of the same shape: one long encoded value split over lines. */
function continuesBlob(text: string, lineStart: number, lineEnd: number): boolean {
  const blob = /^\s*["'`][A-Za-z0-9+/=_-]{40,}["'`]\s*[,+)]?\s*$/
  const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1
  const nextEnd = text.indexOf('\n', lineEnd + 1)
  return (
    (lineStart > 0 && blob.test(text.slice(prevStart, lineStart - 1))) ||
    (lineEnd < text.length &&
      blob.test(text.slice(lineEnd + 1, nextEnd < 0 ? text.length : nextEnd)))
  )
}

const YAML_FILE = /\.ya?ml$/i

const NOT_SECRET_LINE = new RegExp(
  `${HASH_CONTEXT.source}|ssh-(?:rsa|ed25519|dss)|ecdsa-sha2|PUBLIC KEY|CERTIFICATE|data:[a-z]+/[a-z0-9.+-]+;base64|csrf|xsrf|authenticity_token|__RequestVerificationToken|site-verification|verification_token`,
  'i'
)

// .env files: values are unquoted, so the entropy detector also reads `NAME=value` lines there.
const ENV_FILE = /(?:^|\/)\.env(?:\.[\w-]+)?$|\.env$/
const ENV_LINE =
  /^[ \t]{0,8}(?:export[ \t]{1,4})?([A-Za-z_][A-Za-z0-9_]{0,127})[ \t]{0,4}=[ \t]{0,4}([A-Za-z0-9+/=_-]{20,256})[ \t]{0,64}\r?$/gm

function findUnquotedEnvValues(text: string, out: Candidate[]): void {
  ENV_LINE.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = ENV_LINE.exec(text)) !== null) {
    const value = m[2]!
    if (!isHighEntropySecret(value)) continue
    const words = nameWords(m[1]!)
    if (NOT_SECRET_NAME_WORDS.has(words[words.length - 1] ?? '')) continue
    const start = m.index + m[0].lastIndexOf(value)
    out.push({
      ruleId: ENTROPY_RULE.id,
      title: ENTROPY_RULE.title,
      severity: CREDENTIAL_CONTEXT.test(m[1]!) ? ENTROPY_RULE.severity : 'low',
      start,
      end: start + value.length,
      secret: value,
      kind: 'entropy',
      example: isKnownExample(value),
      priority: 20000
    })
  }
}

/** The entropy detector's test on a quoted string (exported for the tests). */
export function isHighEntropySecret(value: string): boolean {
  const charset = charsetOf(value)
  if (charset === 'hex') {
    if (DIGEST_HEX_LENGTHS.has(value.length)) return false
    if (value.length < 32 || /^[0-9]+$/.test(value)) return false
    return normalisedEntropy(value, 'hex') >= 0.78 && !isFillerToken(value)
  }
  // Base64: random strings mix cases and digits; identifiers and words do not.
  if (classCount(value.replace(/[+/=_-]/g, '')) < 3) return false
  if (UUID.test(value)) return false
  if (/^sha(?:1|256|384|512)-/.test(value)) return false
  if (/^AAAA[A-Z0-9]/.test(value)) return false // SSH public-key wire format
  if (/^MI[IG]|^MF[kYw]/.test(value)) return false // DER (certificates, public keys) in base64
  if (/(.)\1{4}/.test(value)) return false // runs (AAAAA): encoded binary structure, not a key
  if (isWordy(value)) return false
  // A compound identifier (MenuItemV1alpha1Console): mostly capitalised or lower-case runs of letters.
  const humps = value.match(/[A-Z][a-z]{2,}|[a-z]{3,}/g) ?? []
  if (humps.length >= 3 && humps.join('').length / value.length >= 0.7) return false
  if (normalisedEntropy(value, 'base64') < 0.8) return false
  if (isFillerToken(value)) return false
  if (classifyValue(value, { quoted: true }).verdict === 'none') return false
  if (decodesToText(value)) return false
  if (
    /^(?:[a-z0-9_.-]+|[A-Z][a-z]+(?:[A-Z][a-z]+)*)(?:\/(?:[a-z0-9_.-]+|[A-Z][a-z]+(?:[A-Z][a-z]+)*))+$/.test(
      value
    )
  )
    return false // a path
  if (/^[A-Za-z]+(?:[_-][A-Za-z]+)+$/.test(value)) return false // words
  // A URL path (/v1/vulns/GHSA-…): slashes between segments, one of them a word.
  if (/^\/(?:[\w.-]+\/)+[\w.-]*$/.test(value) && /(?:^|\/)[a-z]{3,}(?:\/|$)/.test(value))
    return false
  return true
}

/**
 * Base64 of text (`ZmFrZS11c2VyOjE3…` is "fake-user:17…", a GraphQL global id
 * `UHJvZHVjdFZhcmlhbnQ6Mg` is "ProductVariant:2"): encoded data, not a key.
 * Random keys decode to binary.
 */
function decodesToText(value: string): boolean {
  const decoded = decodeBase64(
    value.replace(/=+$/, '') + '='.repeat((4 - (value.replace(/=+$/, '').length % 4)) % 4)
  )
  if (!decoded || decoded.length < 8) return false
  let printable = 0
  for (const b of decoded)
    if ((b >= 0x20 && b < 0x7f) || b === 9 || b === 10 || b === 13) printable++
  return printable / decoded.length >= 0.85
}

// ---------------------------------------------------------------- overlaps

/** Keep the most specific detection of each span: provider, then generic, then entropy. */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  if (candidates.length <= 1) return candidates
  const byPriority = [...candidates].sort(
    (a, b) => a.priority - b.priority || a.start - b.start || b.end - a.end
  )
  const kept: Candidate[] = []
  for (const c of byPriority) {
    if (kept.some(k => c.start < k.end && k.start < c.end)) continue
    kept.push(c)
  }
  return kept.sort((a, b) => a.start - b.start || a.priority - b.priority)
}
