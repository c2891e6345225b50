// The detection core: text in, candidate secrets out (offsets, rule, value).
// Pure: no I/O, no settings beyond the switches passed in. scanContent and
// detectSecretsInValue turn candidates into findings / matches.
import type { Severity } from '../model/finding.js'
import { charsetOf, classCount, isWordy, normalisedEntropy } from './entropy.js'
import {
  assignmentAt,
  GENERIC_KEYWORDS,
  isCodePath,
  isConcatenated,
  looksLikeSecretValue
} from './generic.js'
import { isKnownExample, isPlaceholder } from './placeholders.js'
import { KeywordAutomaton } from './prefilter.js'
import { providerRules, type ProviderRule } from './rules.js'
import { decodeBase64 } from './checks.js'

export const GENERIC_RULE = {
  id: 'generic-credential-assignment',
  title: 'Hardcoded credential',
  severity: 'high' as Severity
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
  kind: 'provider' | 'generic' | 'entropy'
  /** A documented example key: reported at info or dropped. */
  example: boolean
  /** Set when the format has a checksum: whether it verified. */
  checksum?: boolean
  /** Priority for overlaps: lower wins. */
  priority: number
  /** The credential name, for generic assignments. */
  name?: string
}

export interface DetectOptions {
  path?: string
  generic: boolean
  entropy: boolean
  disabled?: ReadonlySet<string>
}

// One automaton for every keyword of every rule and of the generic detector.
interface KeywordTargets {
  rules: number[]
  generic: boolean
}
const keywordIndex = new Map<string, KeywordTargets>()
providerRules.forEach((rule, index) => {
  for (const keyword of rule.keywords) {
    const entry = keywordIndex.get(keyword) ?? { rules: [], generic: false }
    entry.rules.push(index)
    keywordIndex.set(keyword, entry)
  }
})
for (const keyword of GENERIC_KEYWORDS) {
  const entry = keywordIndex.get(keyword) ?? { rules: [], generic: false }
  entry.generic = true
  keywordIndex.set(keyword, entry)
}
const keywordList = [...keywordIndex.keys()]
const keywordTargets = keywordList.map(k => keywordIndex.get(k)!)
const keywordLengths = keywordList.map(k => k.length)
const automaton = new KeywordAutomaton(keywordList)

/** Everything the detectors find in `text` (one char per byte: latin1; `bytes` is the same content). */
export function detectCandidates(
  text: string,
  options: DetectOptions,
  bytes: Uint8Array = Buffer.from(text, 'latin1')
): Candidate[] {
  const out: Candidate[] = []
  const hits = automaton.scan(bytes)
  const inCode = isCodePath(options.path)
  // The line each rule was last tried on: hits arrive in order, so one slot per rule dedupes.
  const triedLine = new Int32Array(providerRules.length).fill(-1)
  const triedMultiline = new Set<string>()
  const seenDocs = new Set<number>()
  const nextEnd = new Map<string, number>()
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
      if (rule.multiline) {
        const key = `${ruleIndex}:${hitStart}`
        if (triedMultiline.has(key)) continue
        triedMultiline.add(key)
        runMultiline(rule, ruleIndex, text, hitStart, lineStart, out, seenDocs, nextEnd)
        continue
      }
      if (triedLine[ruleIndex] === lineStart) continue
      triedLine[ruleIndex] = lineStart
      runOnLine(rule, ruleIndex, text, lineStart, lineEnd, out)
    }
    if (
      targets.generic &&
      hitStart >= genericDoneUntil &&
      options.generic &&
      !options.disabled?.has(GENERIC_RULE.id)
    ) {
      const found = assignmentAt(text, hitStart, hitEnd, lineStart, lineEnd)
      // Several keywords in one name (token_secret_key) are one assignment.
      genericDoneUntil = found ? found.end : hitEnd
      if (found && looksLikeSecretValue(found.value, found.quoted, inCode)) {
        out.push({
          ruleId: GENERIC_RULE.id,
          title: GENERIC_RULE.title,
          severity: GENERIC_RULE.severity,
          start: found.start,
          end: found.end,
          secret: found.value,
          kind: 'generic',
          example: isKnownExample(found.value),
          priority: 1000,
          name: found.name
        })
      }
    }
  }
  if (options.entropy && !options.disabled?.has(ENTROPY_RULE.id)) {
    findHighEntropy(text, out)
    if (options.path && ENV_FILE.test(options.path)) findUnquotedEnvValues(text, out)
  }
  return resolveOverlaps(out)
}

function runOnLine(
  rule: ProviderRule,
  ruleIndex: number,
  text: string,
  lineStart: number,
  lineEnd: number,
  out: Candidate[]
): void {
  const line = text.slice(lineStart, lineEnd)
  const pattern = rule.pattern
  pattern.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = pattern.exec(line)) !== null) {
    if (m[0].length === 0) {
      pattern.lastIndex++
      continue
    }
    let secret = m[0]
    let offset = m.index
    for (let g = 1; g < m.length; g++) {
      if (m[g] !== undefined) {
        secret = m[g]!
        offset = m.index + m[0].lastIndexOf(secret)
        break
      }
    }
    pushProvider(rule, ruleIndex, secret, lineStart + offset, line, out)
  }
}

function pushProvider(
  rule: ProviderRule,
  ruleIndex: number,
  secret: string,
  start: number,
  line: string,
  out: Candidate[]
): void {
  const example = isKnownExample(secret)
  if (!example) {
    if (isPlaceholderToken(secret)) return
    if (rule.validate && !rule.validate(secret, line)) return
  }
  out.push({
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
  })
}

/** A provider-shaped token whose body is filler (`ghp_xxxxxxxx…`, `sk_live_000…`). */
function isPlaceholderToken(secret: string): boolean {
  const lower = secret.toLowerCase()
  return (
    /x{6,}|\*{4,}|0{8,}|1234567890|abcdefghij|\.\.\.|…|<|>|\$\{|\{\{/.test(lower) ||
    /(?:example|placeholder|redacted|changeme|your_?token|your_?key|dummy|sample)/.test(lower)
  )
}

// ---------------------------------------------------------------- multi-line

const PRIVATE_KEY_BLOCK =
  /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED |)PRIVATE KEY(?: BLOCK)?)-----/y
const NETRC =
  /machine[ \t\r\n]{1,10}[^\s]{1,253}(?:[ \t\r\n]{1,10}(?:login|account|port)[ \t\r\n]{1,10}[^\s]{1,253}){0,3}[ \t\r\n]{1,10}password[ \t\r\n]{1,10}([^\s]{1,256})/y

function runMultiline(
  rule: ProviderRule,
  ruleIndex: number,
  text: string,
  hitStart: number,
  lineStart: number,
  out: Candidate[],
  seenDocs: Set<number>,
  nextEnd: Map<string, number>
): void {
  if (rule.id === 'private-key') {
    // Bounded look-behind and look-ahead: a hit costs O(key size), never O(file).
    const back = Math.max(0, hitStart - 40)
    const found = text.slice(back, hitStart).lastIndexOf('-----BEGIN ')
    if (found < 0) return
    const begin = back + found
    PRIVATE_KEY_BLOCK.lastIndex = begin
    const m = PRIVATE_KEY_BLOCK.exec(text)
    if (!m) return
    const endMarker = `-----END ${m[1]}-----`
    // The next END of this type, searched once per file and reused by every
    // BEGIN before it; a key block is at most a few KiB (64 KiB bound).
    let end = nextEnd.get(endMarker)
    if (end === undefined || (end >= 0 && end < begin)) {
      end = text.indexOf(endMarker, begin)
      nextEnd.set(endMarker, end)
    }
    if (end < 0 || end - begin > 65536) return
    const block = text.slice(begin, end + endMarker.length)
    const body = block.slice(m[0].length, block.length - endMarker.length)
    if (!/[A-Za-z0-9+/]{40}/.test(body.replace(/\\n|\\r|[\r\n\s"',+]/g, ''))) return
    if (/\.\.\.|…|<[a-z ]+>|x{8,}/i.test(body)) return
    const encrypted = /ENCRYPTED/.test(m[1]!) || /Proc-Type:\s*4,ENCRYPTED/.test(body)
    const example = isKnownExample(block)
    out.push({
      ruleId: rule.id,
      title: `${encrypted ? 'Encrypted private' : 'Private'} key (${m[1]!.replace(' PRIVATE KEY', '').replace(' BLOCK', '').trim() || 'PKCS#8'})`,
      severity: encrypted ? 'high' : 'critical',
      start: begin,
      end: begin + block.length,
      secret: block,
      kind: 'provider',
      example,
      priority: ruleIndex
    })
    return
  }
  if (rule.id === 'netrc-password') {
    NETRC.lastIndex = hitStart
    const m = NETRC.exec(text)
    if (!m) return
    const secret = m[1]!
    if (rule.validate && !rule.validate(secret, m[0])) return
    const start = m.index + m[0].length - secret.length
    out.push({
      ruleId: rule.id,
      title: rule.title,
      severity: rule.severity,
      start,
      end: start + secret.length,
      secret,
      kind: 'provider',
      example: isKnownExample(secret),
      priority: ruleIndex
    })
    return
  }
  if (rule.id === 'kubernetes-secret-data') {
    scanKubernetesSecret(rule, ruleIndex, text, lineStart, out, seenDocs)
  }
}

/**
 * A YAML `kind: Secret` document: every entry under `data:` (base64) or
 * `stringData:` (plain) whose value is a real literal.
 */
function scanKubernetesSecret(
  rule: ProviderRule,
  ruleIndex: number,
  text: string,
  kindLine: number,
  out: Candidate[],
  seenDocs: Set<number>
): void {
  // Documents are bounded (1 MiB) and each is read once, however many hits it has.
  const back = Math.max(0, kindLine - (1 << 20))
  const before = text.slice(back, kindLine).lastIndexOf('\n---')
  const docStart = before < 0 ? back : back + before + 1
  if (seenDocs.has(docStart)) return
  seenDocs.add(docStart)
  const after = text.slice(kindLine, kindLine + (1 << 20)).indexOf('\n---')
  const docEnd = after < 0 ? Math.min(text.length, kindLine + (1 << 20)) : kindLine + after
  const doc = text.slice(docStart, docEnd)
  const lines = doc.split('\n')
  let offset = docStart
  let section: 'data' | 'stringData' | undefined
  let sectionIndent = -1
  for (const line of lines) {
    const lineOffset = offset
    offset += line.length + 1
    const indent = line.length - line.trimStart().length
    const trimmed = line.trim()
    if (!trimmed || trimmed.startsWith('#')) continue
    const header = /^(data|stringData):\s*$/.exec(trimmed)
    if (header) {
      section = header[1] as 'data' | 'stringData'
      sectionIndent = indent
      continue
    }
    if (section && indent <= sectionIndent) section = undefined
    if (!section) continue
    const entry = /^([A-Za-z0-9._-]{1,253}):[ \t]{1,8}["']?([^"'\s#]{1,8192})["']?\s*$/.exec(
      trimmed
    )
    if (!entry) continue
    const value = entry[2]!
    if (section === 'data') {
      const decoded = decodeBase64(value)
      if (!decoded || decoded.length < 4) continue
      const plain = decoded.toString('latin1')
      if (/[^\x20-\x7e\r\n\t]/.test(plain) && decoded.length < 16) continue
      if (isPlaceholder(plain)) continue
    } else if (isPlaceholder(value) || value.length < 4) continue
    const start = lineOffset + line.lastIndexOf(value)
    out.push({
      ruleId: rule.id,
      title: `${rule.title} (${entry[1]})`,
      severity: rule.severity,
      start,
      end: start + value.length,
      secret: value,
      kind: 'provider',
      example: false,
      priority: ruleIndex
    })
  }
}

// ---------------------------------------------------------------- entropy

// Quoted base64/hex-charset strings. The quote-to-quote span is bounded, so a
// long unterminated run costs at most 256 steps per opening quote.
const QUOTED = /["'`]([A-Za-z0-9+/=_-]{20,256})["'`]/g
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DIGEST_HEX_LENGTHS = new Set([32, 40, 56, 64, 96, 128])
const HASH_CONTEXT =
  /integrity|checksum|sha(?:1|256|384|512)|digest|hash|commit|revision|\brev\b|etag|nonce|fingerprint/i

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
    out.push({
      ruleId: ENTROPY_RULE.id,
      title: ENTROPY_RULE.title,
      severity: ENTROPY_RULE.severity,
      start,
      end: start + value.length,
      secret: value,
      kind: 'entropy',
      example: isKnownExample(value),
      priority: 2000
    })
  }
}

const NOT_SECRET_LINE = new RegExp(
  `${HASH_CONTEXT.source}|ssh-(?:rsa|ed25519|dss)|ecdsa-sha2|PUBLIC KEY|data:[a-z]+/[a-z0-9.+-]+;base64`,
  'i'
)

// .env files: values are unquoted, so the entropy detector also reads `NAME=value` lines there.
const ENV_FILE = /(?:^|\/)\.env(?:\.[\w-]+)?$|\.env$/
const ENV_LINE =
  /^[ \t]{0,8}(?:export[ \t]{1,4})?[A-Za-z_][A-Za-z0-9_]{0,127}[ \t]{0,4}=[ \t]{0,4}([A-Za-z0-9+/=_-]{20,256})[ \t]{0,64}\r?$/gm

function findUnquotedEnvValues(text: string, out: Candidate[]): void {
  ENV_LINE.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = ENV_LINE.exec(text)) !== null) {
    const value = m[1]!
    if (!isHighEntropySecret(value)) continue
    const start = m.index + m[0].lastIndexOf(value)
    out.push({
      ruleId: ENTROPY_RULE.id,
      title: ENTROPY_RULE.title,
      severity: ENTROPY_RULE.severity,
      start,
      end: start + value.length,
      secret: value,
      kind: 'entropy',
      example: isKnownExample(value),
      priority: 2000
    })
  }
}

/** The entropy detector's test on a quoted string (exported for the tests). */
export function isHighEntropySecret(value: string): boolean {
  const charset = charsetOf(value)
  if (charset === 'hex') {
    if (DIGEST_HEX_LENGTHS.has(value.length)) return false
    if (value.length < 32 || /^[0-9]+$/.test(value)) return false
    return normalisedEntropy(value, 'hex') >= 0.78 && !isPlaceholderToken(value)
  }
  // Base64: random strings mix cases and digits; identifiers and words do not.
  if (classCount(value.replace(/[+/=_-]/g, '')) < 3) return false
  if (UUID.test(value)) return false
  if (/^sha(?:1|256|384|512)-/.test(value)) return false
  if (/^AAAA[A-Z0-9]/.test(value)) return false // SSH public-key wire format
  if (/(.)\1{4}/.test(value)) return false // runs (AAAAA): encoded binary structure, not a key
  if (isWordy(value)) return false
  if (normalisedEntropy(value, 'base64') < 0.8) return false
  if (isPlaceholder(value) || isPlaceholderToken(value)) return false
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
