// scanText: one file's bytes → findings (and inline/config-suppressed ones).
import picomatch from 'picomatch'
import type { Finding, Severity } from '../model/finding.js'
import type { SuppressedFinding } from '../model/ignore.js'
import { makeFingerprint, secretHash } from '../model/fingerprint.js'
import { redactSecret } from '../model/redact.js'
import type { Candidate } from './detect.js'
import { secretRules } from './meta.js'
import { compileSafeRegex } from '../util/safe-regex.js'
import { isOwnReport } from './own-output.js'
import type { ResolvedSecretsSettings } from './settings.js'

/** What the secrets scan suppresses itself: `config` (a `checks.secrets` setting) or `inline` (an allow comment). */
export type SecretSuppressed = SuppressedFinding & { source: 'config' | 'inline' }

export interface ScanOutput {
  findings: Finding[]
  suppressed: SecretSuppressed[]
  /** The content has a NUL byte in its first 8 KiB: not scanned. */
  binary: boolean
}

const HELP = new Map(secretRules.map(r => [r.id, r.help]))
const INLINE_ALLOW =
  /container-gate:allow|gitleaks:allow|pragma: ?allowlist secret|trufflehog:ignore/
const NEXTLINE_ALLOW = /pragma: ?allowlist nextline secret/
/** Keystores: the file itself is the secret (binary, so only its name tells). */
const PKCS12_FILE = /\.(?:p12|pfx)$/i

export interface ScanExtra {
  properties?: Finding['properties']
  messageSuffix?: string
  /** Lines before `content` in the file (when a large file is scanned in chunks). */
  lineOffset?: number
}

export function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8192).includes(0)
}

/** Findings for one file. `text` is the content as latin1 (one char per byte). */
export function scanText(
  path: string,
  content: Buffer,
  settings: ResolvedSecretsSettings,
  extra: ScanExtra = {}
): ScanOutput {
  const empty: ScanOutput = { findings: [], suppressed: [], binary: false }
  if (settings.isSkipped(path)) return empty
  if (PKCS12_FILE.test(path) && content.length > 0 && (extra.lineOffset ?? 0) === 0)
    return keystoreFinding(path, content, settings)
  if (isBinary(content)) return { ...empty, binary: true }
  const text = content.toString('latin1')
  const noise = settings.isNoise(path)
  const candidates = settings.detector.detect(
    text,
    {
      path,
      generic: settings.generic && !noise,
      entropy: settings.entropy && !noise,
      disabled: settings.disable
    },
    content
  )
  if (candidates.length === 0) return empty
  const ownReport =
    (extra.lineOffset ?? 0) === 0 && isOwnReport(content.subarray(0, 65536).toString('utf8'))
  const out: ScanOutput = { findings: [], suppressed: [], binary: false }
  const lines = new LineIndex(text)
  for (const candidate of candidates) {
    if (candidate.example && settings.exampleSecrets === 'drop') continue
    const finding = toFinding(path, candidate, lines, extra, settings)
    const suppressed = ownReport
      ? {
          reason:
            'the file is a container-gate report (SARIF, JSON, SBOM or summary): its values are redacted previews',
          source: 'config' as const
        }
      : suppression(finding, candidate, text, lines, settings)
    if (suppressed) out.suppressed.push({ finding, ...suppressed })
    else out.findings.push(finding)
  }
  return out
}

function keystoreFinding(
  path: string,
  content: Buffer,
  settings: ResolvedSecretsSettings
): ScanOutput {
  const out: ScanOutput = { findings: [], suppressed: [], binary: false }
  if (settings.disable.has('pkcs12-file')) return out
  const finding: Finding = {
    check: 'secrets',
    ruleId: 'pkcs12-file',
    severity: 'high',
    title: 'PKCS#12 keystore file',
    message: `${path} is a PKCS#12 keystore (.p12/.pfx): it bundles a certificate with its private key.`,
    location: { path },
    help: HELP.get('pkcs12-file'),
    fingerprint: makeFingerprint(
      'pkcs12-file',
      path,
      settings.fingerprintKey.digest(content.toString('latin1'))
    ),
    properties: { redacted: `(${content.length} bytes)` }
  }
  const reason = allowedBy(finding, '', settings)
  if (reason) out.suppressed.push({ finding, reason, source: 'config' })
  else out.findings.push(finding)
  return out
}

function toFinding(
  path: string,
  c: Candidate,
  lines: LineIndex,
  extra: ScanExtra,
  settings: ResolvedSecretsSettings
): Finding {
  const secret = Buffer.from(c.secret, 'latin1').toString('utf8')
  const redacted = redactSecret(secret)
  const start = lines.position(c.start)
  const end = lines.position(c.end)
  start.line += extra.lineOffset ?? 0
  end.line += extra.lineOffset ?? 0
  const severity: Severity = c.example ? 'info' : c.severity
  const suffix = extra.messageSuffix ?? ''
  const name = c.name ? Buffer.from(c.name, 'latin1').toString('utf8') : undefined
  const message = c.example
    ? `${c.title} ${redacted}: a documented example value, not a live credential.`
    : c.kind === 'generic' && name
      ? c.reason
        ? `${name} holds ${redacted}${suffix}: ${c.reason}.`
        : `${name} is assigned a hardcoded credential ${redacted}${suffix}.`
      : c.kind === 'weak'
        ? `${name ? `${name} holds` : 'A credential here is'} ${redacted}: ${c.reason ?? 'a default or made-up value'}${suffix}; if it is a real password it is a weak one.`
        : c.reason
          ? `${c.title} ${redacted}${suffix}: ${c.reason}.`
          : `${c.title} ${redacted} is hardcoded here${suffix}.`
  const properties: NonNullable<Finding['properties']> = {
    redacted,
    secretHash: secretHash(settings.fingerprintKey, secret),
    ...(extra.properties ?? {})
  }
  if (c.example) properties.example = true
  if (c.checksum !== undefined) properties.checksum = c.checksum ? 'valid' : 'not verified'
  if (name) properties.name = name
  if (c.reason && !c.example) properties.reason = c.reason
  return {
    check: 'secrets',
    ruleId: c.ruleId,
    severity,
    title: c.example ? `Example ${c.title.toLowerCase()}` : c.title,
    message,
    location: {
      path,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column
    },
    help: HELP.get(c.ruleId),
    // Keyed: the preview and length beside it must not let a guess be checked (FingerprintKey).
    fingerprint: makeFingerprint(c.ruleId, path, settings.fingerprintKey.digest(secret)),
    properties
  }
}

function suppression(
  finding: Finding,
  c: Candidate,
  text: string,
  lines: LineIndex,
  settings: ResolvedSecretsSettings
): Omit<SecretSuppressed, 'finding'> | undefined {
  if (settings.inlineIgnores) {
    const line = lines.lineText(text, c.start)
    if (INLINE_ALLOW.test(line))
      return { reason: 'inline allow comment on the line', source: 'inline' }
    const previous = lines.previousLineText(text, c.start)
    if (previous !== undefined && NEXTLINE_ALLOW.test(previous))
      return { reason: 'inline allow comment on the previous line', source: 'inline' }
  }
  const reason = allowedBy(finding, Buffer.from(c.secret, 'latin1').toString('utf8'), settings)
  return reason ? { reason, source: 'config' } : undefined
}

/** The config allow entry that matches a finding, as a reason. */
export function allowedBy(
  finding: Finding,
  secret: string,
  settings: ResolvedSecretsSettings
): string | undefined {
  const byValue = settings.ignoreByValue?.(finding, secret)
  if (byValue) return byValue.reason
  for (let i = 0; i < settings.allow.length; i++) {
    const entry = settings.allow[i]!
    if (entry.rule !== undefined && entry.rule !== finding.ruleId) continue
    if (entry.rules !== undefined && !entry.rules.includes(finding.ruleId)) continue
    if (entry.fingerprint !== undefined && entry.fingerprint !== finding.fingerprint) continue
    if (
      entry.path !== undefined &&
      !picomatch.isMatch(
        finding.location.path.replace(/^\.?\//, ''),
        entry.path.replace(/^\.?\//, ''),
        {
          dot: true
        }
      )
    )
      continue
    if (entry.regex !== undefined && !compileSafeRegex(entry.regex).test(secret)) continue
    return `checks.secrets.allow[${i}]${entry.reason ? `: ${entry.reason}` : ''}`
  }
  return undefined
}

/** Offsets → 1-based line/column, with columns counted in characters (UTF-8 decoded). */
class LineIndex {
  private starts: number[] | undefined
  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (!this.starts) {
      const starts = [0]
      let i = -1
      while ((i = this.text.indexOf('\n', i + 1)) >= 0) starts.push(i + 1)
      this.starts = starts
    }
    return this.starts
  }

  private lineOf(offset: number): number {
    const starts = this.lineStarts()
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return lo
  }

  position(offset: number): { line: number; column: number } {
    const index = this.lineOf(offset)
    const start = this.lineStarts()[index]!
    const prefix = Buffer.from(this.text.slice(start, offset), 'latin1').toString('utf8')
    return { line: index + 1, column: prefix.length + 1 }
  }

  lineText(text: string, offset: number): string {
    const starts = this.lineStarts()
    const index = this.lineOf(offset)
    const end = starts[index + 1] ?? text.length + 1
    return text.slice(starts[index], end - 1)
  }

  previousLineText(text: string, offset: number): string | undefined {
    const index = this.lineOf(offset)
    if (index === 0) return undefined
    const starts = this.lineStarts()
    return text.slice(starts[index - 1], starts[index]! - 1)
  }
}
