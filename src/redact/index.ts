// src/redact/: the one redaction of scanned text, over the secrets detectors (its own folder:
// secrets uses util/, so util/ cannot use secrets).
// Text copied out of a scanned image (history created_by, config Env, labels,
// file names, package metadata read from file contents) or out of an OSV
// record is attacker-chosen and may carry a build secret. Before such text is
// put in a Finding, the SBOM or any report, it goes through
// redactSecretsInText: the secrets engine's own detectors find every secret
// in it, and each one is replaced by its redacted form (the first characters
// and the length, as everywhere else). One function, so every copy point
// redacts the same way.
import type { Finding, PropertyValue, VulnerabilityDetails } from '../model/finding.js'
import { redactSecret } from '../model/redact.js'
import { DETECTOR_RULE_IDS, detectSecretsInValue, type SecretMatch } from '../secrets/index.js'

/**
 * `scheme://user:password@host`: the password of a URL is a credential
 * whatever it looks like (the provider rules skip documentation hosts and
 * short words; a report must not print them either). Bounded repetitions:
 * linear on any input.
 */
const URL_PASSWORD =
  /[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/[^\s/?#@:"'<>]{0,256}:([^\s/?#"'<>]{1,256})@/g
/** A variable reference in a URL (`https://u:${TOKEN}@host`) is not a secret. */
const VARIABLE_REFERENCE = /^(?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|%[A-Za-z_][A-Za-z0-9_]*%)$/
/** A redacted form (ours or redactSecret's): redacting twice changes nothing. */
const ALREADY_REDACTED = /…\(\d+ ?chars\)/
/** Words of running text: a shell line, a label value, a sentence. */
const WORD = /[^\s"'`,;|&()<>[\]{}]+/g
/** A word this long may be a bare token (entropy, provider formats). */
const MIN_BARE_TOKEN = 16
/** Secrets shorter than this are not told apart from ordinary words. */
const MIN_TEXT = 8

const cache = new Map<string, string>()
const CACHE_ENTRIES = 20_000
const CACHE_TEXT_CHARS = 4096

/**
 * `text` with every secret the secrets detectors find replaced by its
 * redacted form, `npm_…(40chars)`: like redactSecret, but one word, so a
 * redacted `|1 NPM_TOKEN=…` build-arg or a `K=V` pair stays one word of the
 * line. Deterministic, idempotent, linear in the length of the text.
 */
export function redactSecretsInText(text: string): string {
  if (text.length < MIN_TEXT) return text
  const cached = cache.get(text)
  if (cached !== undefined) return cached
  const ranges = secretRanges(text)
  const out = ranges.length === 0 ? text : replaceRanges(text, ranges)
  remember(text, out)
  return out
}

/**
 * `text` with every secret redactSecretsInText would redact replaced by
 * `replace(secret)` instead: for fingerprints made of scanned text (a
 * Dockerfile instruction), where the secret must count as its keyed digest,
 * never as itself (a plain hash of the text would let a guess be checked).
 */
export function replaceSecretsInText(text: string, replace: (secret: string) => string): string {
  // The cached redaction answers "no secret here" for the common case.
  if (redactSecretsInText(text) === text) return text
  let out = ''
  let at = 0
  for (const [start, end] of secretRanges(text)) {
    out += text.slice(at, start) + replace(text.slice(start, end))
    at = end
  }
  return out + text.slice(at)
}

function remember(text: string, redacted: string): void {
  if (text.length > CACHE_TEXT_CHARS) return
  if (cache.size >= CACHE_ENTRIES) cache.clear()
  cache.set(text, redacted)
}

/** The redacted form of one secret inside running text (one word, see redactSecretsInText). */
export function redactInline(secret: string): string {
  return redactSecret(secret).replace(/ chars\)$/, 'chars)')
}

type Range = [start: number, end: number]

function secretRanges(text: string): Range[] {
  const ranges: Range[] = []
  detect(text, ranges, true)
  // Provider formats are matched only at a word boundary, and `/`, `-` and `+` do not end a
  // word for them (a key inside a path or a base64 blob is not a key). Text copied from an
  // image puts tokens exactly there: a file name (/app/keys/sk_live_….env), a version
  // (1.0.0-npm_…). The same text with those separators as spaces finds them; offsets are
  // unchanged. Only provider formats count in that pass.
  const relaxed = text.replace(SEPARATORS, ' ')
  if (relaxed !== text) detect(relaxed, ranges, false)
  URL_PASSWORD.lastIndex = 0
  const hasUrl = text.includes('://')
  for (let m = hasUrl ? URL_PASSWORD.exec(text) : null; m !== null; m = URL_PASSWORD.exec(text)) {
    const password = m[1] as string
    if (VARIABLE_REFERENCE.test(password) || ALREADY_REDACTED.test(password)) continue
    const end = m.index + m[0].length - 1
    ranges.push([end - password.length, end])
  }
  return merge(ranges)
}

const SEPARATORS = /[/\\+-]/g

function detect(text: string, ranges: Range[], whole: boolean): void {
  const add = (offset: number, matches: readonly SecretMatch[]): void => {
    for (const m of matches)
      // In the relaxed text (path separators made spaces) a name is a path segment (`/etc/secret:
      // permission denied` would read as an assignment) and a random-looking segment a file name:
      // only provider formats count there, not the detectors.
      if (m.end > m.start && (whole || !DETECTOR_RULE_IDS.has(m.ruleId)))
        ranges.push([offset + m.start, offset + m.end])
  }
  // The whole text: provider formats and `name = value` assignments in context.
  add(0, detectSecretsInValue(text))
  // Each line on its own too: the whole-text pass gives up on all of it when any line reads
  // as a template or an example.
  if (text.includes('\n')) {
    let start = 0
    for (const line of text.split('\n')) {
      if (line.length >= MIN_TEXT) add(start, detectSecretsInValue(line))
      start += line.length + 1
    }
  }
  // Each word on its own: the whole-text pass gives up on a text that reads as a
  // template or an example (a `${VAR}` or the word "example" anywhere in a RUN line).
  WORD.lastIndex = 0
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const word = m[0]
    const eq = word.indexOf('=')
    if (word.length === text.length) {
      // The text is this one word: the whole-text pass above was this word's pass, unless a name=.
      if (eq <= 0) continue
    }
    if (eq > 0 && word.length - eq - 1 >= 4) {
      // NAME=value, --name=value: the name says whether the value is a credential.
      const key = word.slice(0, eq).replace(/^-+/, '')
      add(m.index + eq + 1, detectSecretsInValue(word.slice(eq + 1), { key }))
    } else if (word.length >= MIN_BARE_TOKEN) {
      add(m.index, detectSecretsInValue(word))
    }
  }
}

function merge(ranges: Range[]): Range[] {
  if (ranges.length <= 1) return ranges
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const out: Range[] = [ranges[0] as Range]
  for (const range of ranges.slice(1)) {
    const last = out[out.length - 1] as Range
    if (range[0] < last[1]) last[1] = Math.max(last[1], range[1])
    else out.push([range[0], range[1]])
  }
  return out
}

function replaceRanges(text: string, ranges: readonly Range[]): string {
  let out = ''
  let at = 0
  for (const [start, end] of ranges) {
    out += text.slice(at, start) + redactInline(text.slice(start, end))
    at = end
  }
  return out + text.slice(at)
}

/** Every string inside `value` (objects, arrays) through redactSecretsInText; a new value when anything changed. */
export function redactStrings<T>(value: T): T {
  if (typeof value === 'string') return redactSecretsInText(value) as T
  if (Array.isArray(value)) {
    let changed = false
    const out = value.map(item => {
      const redacted = redactStrings(item)
      if (redacted !== item) changed = true
      return redacted
    })
    return (changed ? out : value) as T
  }
  if (value !== null && typeof value === 'object') {
    let changed = false
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      const redacted = redactStrings(item)
      if (redacted !== item) changed = true
      out[key] = redacted
    }
    return (changed ? out : value) as T
  }
  return value
}

const redactedFindings = new WeakMap<Finding, Finding>()

/**
 * The finding with every text a scan could have copied into it redacted:
 * title, message, help, location path (an in-image file name), properties and
 * the vulnerability's package, version and advisory fields. The fingerprint
 * (a hash) and our own rule id stay. The same object when nothing changed;
 * always the same result object for the same finding, so sets of findings
 * (tripped, outside the diff) still match after redaction.
 */
export function redactFinding(finding: Finding): Finding {
  const known = redactedFindings.get(finding)
  if (known) return known
  const title = redactSecretsInText(finding.title)
  const message = redactSecretsInText(finding.message)
  const help = finding.help === undefined ? undefined : redactSecretsInText(finding.help)
  const path = redactSecretsInText(finding.location.path)
  const properties = finding.properties && redactStrings(finding.properties)
  const vulnerability = finding.vulnerability && redactVulnerability(finding.vulnerability)
  const changed =
    title !== finding.title ||
    message !== finding.message ||
    help !== finding.help ||
    path !== finding.location.path ||
    properties !== finding.properties ||
    vulnerability !== finding.vulnerability
  const out: Finding = changed
    ? {
        ...finding,
        title,
        message,
        ...(help !== undefined ? { help } : {}),
        location: { ...finding.location, path },
        ...(properties ? { properties: properties as Record<string, PropertyValue> } : {}),
        ...(vulnerability ? { vulnerability } : {})
      }
    : finding
  redactedFindings.set(finding, out)
  redactedFindings.set(out, out)
  return out
}

function redactVulnerability(v: VulnerabilityDetails): VulnerabilityDetails {
  return redactStrings(v)
}
