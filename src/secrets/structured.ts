// Detectors that read structure rather than one line: private-key blocks,
// .netrc entries, Kubernetes Secret documents, JWKs with a private part, and
// curl command lines (which may continue over `\` lines). Each is driven from a
// keyword hit and reads a bounded window around it, so a hit costs O(window),
// never O(file).
import { decodeBase64 } from './checks.js'
import type { SecretRule } from './rules/index.js'
import { classifyName, classifyValue, isKnownExample } from './vocabulary/index.js'

/** What a structured detector reports; detect.ts turns it into a candidate. */
export interface StructuredHit {
  start: number
  end: number
  secret: string
  title?: string
  severity?: SecretRule['severity']
  /** The secret is a password a person may have chosen: judge it with the value vocabulary. */
  password?: boolean
  /** Already judged by the vocabulary: a default or made-up value (reported as weak-default-credential). */
  weak?: boolean
  name?: string
  example?: boolean
}

/** Per-file memory of the structured detectors (a document is read once however many hits it has). */
export class StructuredState {
  readonly seenDocuments = new Set<number>()
  readonly nextEnd = new Map<string, number>()
  readonly seenCurl = new Set<number>()
  readonly jwkLines = new Set<number>()
}

export function runStructured(
  rule: SecretRule,
  text: string,
  hitStart: number,
  lineStart: number,
  lineEnd: number,
  state: StructuredState
): StructuredHit[] {
  switch (rule.structured) {
    case 'private-key':
      return privateKey(text, hitStart, state)
    case 'netrc':
      return netrc(text, hitStart, lineStart)
    case 'kubernetes-secret':
      return kubernetesSecret(text, lineStart, state)
    case 'jwk':
      return jwk(text, lineStart, lineEnd, state)
    case 'curl-user':
      return curl(text, hitStart, lineStart, state, 'user')
    case 'curl-header':
      return curl(text, hitStart, lineStart, state, 'header')
    default:
      return []
  }
}

// ---------------------------------------------------------------- private keys

const PRIVATE_KEY_BLOCK =
  /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED |ED25519 |)PRIVATE KEY(?: BLOCK)?)-----/y

function privateKey(text: string, hitStart: number, state: StructuredState): StructuredHit[] {
  // Bounded look-behind and look-ahead: a hit costs O(key size), never O(file).
  const back = Math.max(0, hitStart - 40)
  const found = text.slice(back, hitStart).lastIndexOf('-----BEGIN ')
  if (found < 0) return []
  const begin = back + found
  PRIVATE_KEY_BLOCK.lastIndex = begin
  const m = PRIVATE_KEY_BLOCK.exec(text)
  if (!m) return []
  const endMarker = `-----END ${m[1]}-----`
  // The next END of this type, searched once per file and reused by every BEGIN before it.
  let end = state.nextEnd.get(endMarker)
  if (end === undefined || (end >= 0 && end < begin)) {
    end = text.indexOf(endMarker, begin)
    state.nextEnd.set(endMarker, end)
  }
  if (end < 0 || end - begin > 65536) return []
  const block = text.slice(begin, end + endMarker.length)
  const body = block.slice(m[0].length, block.length - endMarker.length)
  if (!/[A-Za-z0-9+/]{40}/.test(body.replace(/\\n|\\r|[\r\n\s"',+]/g, ''))) return []
  if (/\.\.\.|…|<[a-z ]+>|x{8,}/i.test(body)) return []
  if (isFillerBody(body)) return []
  const encrypted = /ENCRYPTED/.test(m[1]!) || /Proc-Type:\s*4,ENCRYPTED/.test(body)
  const kind = m[1]!.replace(' PRIVATE KEY', '').replace(' BLOCK', '').trim() || 'PKCS#8'
  return [
    {
      start: begin,
      end: begin + block.length,
      secret: block,
      title: `${encrypted ? 'Encrypted private' : 'Private'} key (${kind})`,
      severity: encrypted ? 'high' : 'critical',
      example: isKnownExample(block)
    }
  ]
}

/**
 * A stand-in body (`privatekeyprivatekey…`, `AAAA…`, `abcdabcd…`): a real key's
 * base64 uses most of the 64 characters within its first 40, a stand-in only
 * the few letters of its word.
 */
function isFillerBody(body: string): boolean {
  const compact = body.replace(/[^A-Za-z0-9+/=]/g, '')
  return new Set(compact).size < 16 || /^(.{1,24}?)\1+.{0,24}$/s.test(compact.slice(0, 4096))
}

// ---------------------------------------------------------------- .netrc

const NETRC =
  /machine[ \t\r\n]{1,10}[^\s]{1,253}(?:[ \t\r\n]{1,10}(?:login|account|port)[ \t\r\n]{1,10}[^\s]{1,253}){0,3}[ \t\r\n]{1,10}password[ \t\r\n]{1,10}([^\s]{1,256})/y

function netrc(text: string, hitStart: number, lineStart: number): StructuredHit[] {
  // `machine` starts an entry: at the line start or after whitespace.
  if (hitStart > lineStart && !/\s/.test(text[hitStart - 1]!)) return []
  NETRC.lastIndex = hitStart
  const m = NETRC.exec(text)
  if (!m) return []
  const secret = m[1]!
  const start = m.index + m[0].length - secret.length
  return [{ start, end: start + secret.length, secret, password: true, name: 'password' }]
}

// ---------------------------------------------------------------- Kubernetes

/**
 * A `kind: Secret` document: the entries under `data:` (base64) or
 * `stringData:` (plain) whose KEY names a credential (the value then decides,
 * through the vocabulary), and any `data` value that decodes to a private key.
 * `host`, `port`, `username`, `db_schema` are configuration, not findings.
 */
function kubernetesSecret(text: string, kindLine: number, state: StructuredState): StructuredHit[] {
  const out: StructuredHit[] = []
  // Documents are bounded (1 MiB) and each is read once, however many hits it has.
  const back = Math.max(0, kindLine - (1 << 20))
  const before = text.slice(back, kindLine).lastIndexOf('\n---')
  const docStart = before < 0 ? back : back + before + 1
  if (state.seenDocuments.has(docStart)) return out
  state.seenDocuments.add(docStart)
  const after = text.slice(kindLine, kindLine + (1 << 20)).indexOf('\n---')
  const docEnd = after < 0 ? Math.min(text.length, kindLine + (1 << 20)) : kindLine + after
  const doc = text.slice(docStart, docEnd)
  // A Secret manifest, not a document that merely mentions one (a Role's `kind: Secret` rule, a list).
  if (!/^(?:apiVersion:|kind:|metadata:)/m.test(doc)) return out
  let offset = docStart
  let section: 'data' | 'stringData' | undefined
  let sectionIndent = -1
  const lines = doc.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    const lineOffset = offset
    offset += line.length + 1
    const indent = line.length - line.trimStart().length
    const trimmed = line.trim()
    if (!trimmed || trimmed.startsWith('#')) continue
    const header = /^["']?(data|stringData)["']?:\s*$/.exec(trimmed)
    if (header) {
      section = header[1] as 'data' | 'stringData'
      sectionIndent = indent
      continue
    }
    if (section && indent <= sectionIndent) section = undefined
    if (!section) continue
    let key: string
    let raw: string
    let start: number
    const entry =
      /^["']?([A-Za-z0-9._-]{1,253})["']?:[ \t]{1,8}["']?([^"'\s#]{1,8192})["']?\s*$/.exec(trimmed)
    if (entry) {
      key = entry[1]!
      raw = entry[2]!
      start = lineOffset + line.lastIndexOf(raw)
    } else {
      // A block scalar (`.dockercfg: |` or `>`): the value is the more indented line below.
      const block = /^["']?([A-Za-z0-9._-]{1,253})["']?:[ \t]*[|>][-+]?\s*$/.exec(trimmed)
      const next = lines[index + 1]
      if (!block || next === undefined || next.trim() === '') continue
      if (next.length - next.trimStart().length <= indent) continue
      key = block[1]!
      raw = next.trim()
      start = offset + next.indexOf(raw)
    }
    let plain = raw
    if (section === 'data') {
      const decoded = decodeBase64(raw)
      if (!decoded || decoded.length < 4) continue
      plain = decoded.toString('latin1')
    }
    const hit = {
      start,
      end: start + raw.length,
      secret: raw,
      name: key,
      title: `Kubernetes Secret ${key}`
    }
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(plain)) {
      out.push({ ...hit, title: `Private key in Kubernetes Secret ${key}`, severity: 'critical' })
      continue
    }
    // Registry credentials: a .dockercfg / .dockerconfigjson with an `auth` or a password.
    if (/^\.?docker(?:cfg|configjson)$/i.test(key) && /"(?:auth|password)"\s*:/.test(plain)) {
      out.push({ ...hit, title: `Registry credentials in Kubernetes Secret ${key}` })
      continue
    }
    const credentialKey = classifyName(key).credential
    // `user:password` under any key (basic-auth entries): the password decides.
    const pair = /^([^:\s]{1,128}):(\S{3,256})$/.exec(plain)
    if (pair && !credentialKey && !/^(?:https?|ftp|redis|postgres\w*|mysql)$/i.test(pair[1]!)) {
      const verdict = classifyValue(pair[2]!, { name: 'password', quoted: true })
      if (verdict.verdict !== 'none') out.push({ ...hit, weak: verdict.verdict === 'weak' })
      continue
    }
    if (!credentialKey && !/(?:^|[._-])(?:key|pem)$/.test(key)) continue
    if (/[^\x20-\x7e\r\n\t]/.test(plain)) {
      // Binary: a generated key (tls.key, a keystore) if the name says so and it is long enough.
      if (plain.length >= 16) out.push({ ...hit, severity: 'high' })
      continue
    }
    if (/-----BEGIN [A-Z ]*(?:CERTIFICATE|PUBLIC KEY)-----/.test(plain)) continue
    const verdict = classifyValue(plain, { name: key, quoted: true })
    if (verdict.verdict === 'none') continue
    out.push({ ...hit, weak: verdict.verdict === 'weak' })
  }
  return out
}

// ---------------------------------------------------------------- JWK

/**
 * A JSON Web Key with a private member (`d`): an RSA, EC or OKP private key in
 * JSON. Read once per line (JWKs are one-line JSON in most files); the key
 * type may sit on a neighbouring line of a pretty-printed object.
 */
function jwk(
  text: string,
  lineStart: number,
  lineEnd: number,
  state: StructuredState
): StructuredHit[] {
  if (state.jwkLines.has(lineStart)) return []
  state.jwkLines.add(lineStart)
  const window = text.slice(Math.max(0, lineStart - 2048), Math.min(text.length, lineEnd + 2048))
  // Key type names as RFC 7517 writes them (kty) and as .NET serialises them (Kty).
  if (!/["']kty["']\s*:\s*["'](?:RSA|EC|OKP)["']/i.test(window)) return []
  const line = text.slice(lineStart, lineEnd)
  const member = /["']d["']\s*:\s*["']([A-Za-z0-9_-]{32,2048})["']/i.exec(line)
  if (!member) return []
  // One finding for the whole key: the object around the private member (its other members are the same key).
  const at = lineStart + member.index
  const open = text.lastIndexOf('{', at)
  const close = text.indexOf('}', at)
  const start = open >= lineStart - 2048 && open >= 0 ? open : at
  const end = close >= 0 && close - at < 8192 ? close + 1 : at + member[0].length
  return [{ start, end, secret: text.slice(start, end) }]
}

// ---------------------------------------------------------------- curl

/** A curl command: its text up to the end of the line, and up to 5 continuation lines (`\`). */
function curlCommand(text: string, lineStart: number): { start: number; end: number } {
  let end = text.indexOf('\n', lineStart)
  if (end < 0) end = text.length
  for (
    let n = 0;
    n < 5 && end < text.length && /\\\r?$/.test(text.slice(Math.max(lineStart, end - 2), end));
    n++
  ) {
    const next = text.indexOf('\n', end + 1)
    end = next < 0 ? text.length : next
  }
  return { start: lineStart, end }
}

const CURL_USER =
  /(?:^|\s)(?:-u|--user)(?:=|[ \t]{1,5})(?:"([^"\n]{3,512})"(?::"([^"\n]{3,256})")?|'([^'\n]{3,512})'|([^\s"'`;|&<>:]{1,128}:(?:'[^'\n]{3,256}'|"[^"\n]{3,256}"))|([^\s"'`;|&<>]{3,512}))/g
const CURL_HEADER =
  /(?:^|\s)(?:-H|--header)(?:=|[ \t]{1,5})(?:"([^"\n]{3,1024})"|'([^'\n]{3,1024})')/g
const AUTH_HEADER =
  /^(Authorization|Proxy-Authorization|[\w-]*(?:api[_-]?key|token|secret|auth)[\w-]*)[ \t]*:[ \t]*(?:([A-Za-z][\w-]{1,20})[ \t]+)?(\S{8,1024})$/i

function curl(
  text: string,
  hitStart: number,
  lineStart: number,
  state: StructuredState,
  kind: 'user' | 'header'
): StructuredHit[] {
  // `curl` as a command word, not inside a longer word (curlify, libcurl).
  if (
    /[A-Za-z0-9_-]/.test(text[hitStart - 1] ?? '') ||
    /[A-Za-z0-9_-]/.test(text[hitStart + 4] ?? '')
  )
    return []
  // One pass per command line, whatever the number of `curl` words on it.
  const key = lineStart * 2 + (kind === 'user' ? 0 : 1)
  if (state.seenCurl.has(key)) return []
  state.seenCurl.add(key)
  const command = curlCommand(text, lineStart)
  const body = text.slice(hitStart, command.end)
  return kind === 'user' ? curlUser(body, hitStart) : curlHeader(body, hitStart)
}

function curlUser(body: string, offset: number): StructuredHit[] {
  const out: StructuredHit[] = []
  CURL_USER.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = CURL_USER.exec(body)) !== null) {
    let user: string
    let password: string
    if (m[2] !== undefined) {
      user = m[1]!
      password = m[2]
    } else {
      const value = (m[1] ?? m[3] ?? m[4] ?? m[5])!
      const colon = value.indexOf(':')
      if (colon < 0 || colon === value.length - 1) continue // no password: curl prompts for it
      user = value.slice(0, colon)
      password = value.slice(colon + 1)
    }
    user = user.replace(/^["']|["']$/g, '')
    password = password.replace(/^["']|["']$/g, '')
    if (password.length < 3) continue
    if (user === password && classifyValue(password).verdict !== 'secret') continue // test:test
    const start = offset + m.index + m[0].lastIndexOf(password)
    out.push({
      start,
      end: start + password.length,
      secret: password,
      password: true,
      name: 'password'
    })
  }
  return out
}

function curlHeader(body: string, offset: number): StructuredHit[] {
  const out: StructuredHit[] = []
  CURL_HEADER.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = CURL_HEADER.exec(body)) !== null) {
    const value = (m[1] ?? m[2])!
    const header = AUTH_HEADER.exec(value.trim())
    if (!header) continue
    const secret = header[3]!
    let verdict = classifyValue(secret, { quoted: true })
    if (/^basic$/i.test(header[2] ?? '')) {
      // Basic credentials: base64 of user:password; the password decides.
      const decoded = decodeBase64(secret)?.toString('latin1') ?? ''
      const colon = decoded.indexOf(':')
      if (colon < 0 || colon === decoded.length - 1) continue
      verdict = classifyValue(decoded.slice(colon + 1), { name: 'password', quoted: true })
    }
    if (verdict.verdict === 'none') continue
    const start = offset + m.index + m[0].lastIndexOf(secret)
    out.push({
      start,
      end: start + secret.length,
      secret,
      name: header[1],
      weak: verdict.verdict === 'weak'
    })
  }
  return out
}
