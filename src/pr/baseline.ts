// A baseline: the findings that were already there, as fingerprints. With
// `gate-on: new` only findings absent from it fail the gate. The file holds
// no secret (a secret's part of a fingerprint is keyed: model/fingerprint.ts)
// and no line numbers, so it stays valid when code moves.
//
// Version 2 (keyed secret fingerprints) records the id of the key its
// fingerprints were made with. Version 1 files (plain-hash secret
// fingerprints) are still read, with a warning: their secret entries can no
// longer match, and silently counting those secrets as new would be a surprise.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { InputError } from '../model/errors.js'
import type { Finding } from '../model/finding.js'
import type { FingerprintKey, FingerprintKeySource } from '../model/fingerprint.js'
import { readWorkspaceText } from '../util/workspace-file.js'

export const BASELINE_VERSION = 2

export interface Baseline {
  /** 2: secret fingerprints keyed; 1 (read only): plain hashes, which no longer match. */
  version: 1 | 2
  /** The key the secret fingerprints were made with: its public id and where it came from. */
  fingerprintKey?: { id: string; source: FingerprintKeySource }
  /** Fingerprints of Dockerfile and secret findings, sorted. */
  fingerprints: string[]
  /**
   * Image vulnerabilities by package (`<ecosystem family>/<package>`, e.g.
   * `debian/openssl`) → every id and alias seen for it, sorted. A vulnerability
   * is "existing" when one of its ids is listed for the same package, so a
   * version bump that still leaves it open, or an id that became an alias,
   * does not make it new.
   */
  vulnerabilities: Record<string, string[]>
}

export const DEFAULT_BASELINE_FILE = '.container-gate-baseline.json'

/** `Debian:12` → `debian`, `PyPI` → `pypi`: the OS release is not part of "the same package". */
export function vulnerabilityPackageKey(finding: Finding): string | undefined {
  const v = finding.vulnerability
  if (!v) return undefined
  const family = (v.ecosystem.split(':')[0] || 'unknown').trim().toLowerCase()
  return `${family}/${v.package}`
}

function vulnerabilityIds(finding: Finding): string[] {
  const v = finding.vulnerability
  return v ? [v.vulnerabilityId, ...v.aliases].map(id => id.toUpperCase()) : []
}

export function buildBaseline(findings: readonly Finding[], key?: FingerprintKey): Baseline {
  const fingerprints = new Set<string>()
  const vulnerabilities = new Map<string, Set<string>>()
  for (const finding of findings) {
    const key = vulnerabilityPackageKey(finding)
    if (key === undefined) {
      fingerprints.add(finding.fingerprint)
      continue
    }
    const ids = vulnerabilities.get(key) ?? new Set<string>()
    for (const id of vulnerabilityIds(finding)) ids.add(id)
    vulnerabilities.set(key, ids)
  }
  return {
    version: BASELINE_VERSION,
    ...(key ? { fingerprintKey: { id: key.id, source: key.source } } : {}),
    fingerprints: [...fingerprints].sort(),
    vulnerabilities: Object.fromEntries(
      [...vulnerabilities.keys()].sort().map(key => [key, [...vulnerabilities.get(key)!].sort()])
    )
  }
}

const KEY_SOURCE_WORDS: Record<FingerprintKeySource, string> = {
  input: 'the configured fingerprint-key',
  'root-commits': "the repository's root commits",
  'repository-id': 'GITHUB_REPOSITORY_ID',
  none: 'no key'
}

/**
 * Why a baseline's secret fingerprints cannot match this run's, as one
 * warning line; undefined when they can. Dockerfile and vulnerability entries
 * are not keyed and keep matching either way.
 */
export function baselineKeyWarning(
  baseline: Baseline,
  key: FingerprintKey,
  shownAs: string
): string | undefined {
  if (baseline.version === 1)
    return `baseline ${shownAs} is version 1: its secret fingerprints are plain hashes, which this container-gate no longer makes (they are keyed now), so the secrets it lists count as new; regenerate it with \`container-gate baseline\``
  const made = baseline.fingerprintKey
  if (!made || made.id === key.id) return undefined
  return `baseline ${shownAs} was written with another fingerprint key (${KEY_SOURCE_WORDS[made.source] ?? made.source}, id ${made.id}) than this run's (${KEY_SOURCE_WORDS[key.source]}, id ${key.id}): the secrets it lists count as new; give both runs the same fingerprint-key, or regenerate it with \`container-gate baseline\``
}

/** Both baselines together (the committed file and the base commit's findings). */
export function mergeBaselines(...baselines: readonly Baseline[]): Baseline {
  const fingerprints = new Set<string>()
  const vulnerabilities = new Map<string, Set<string>>()
  for (const b of baselines) {
    for (const fp of b.fingerprints) fingerprints.add(fp)
    for (const [key, ids] of Object.entries(b.vulnerabilities)) {
      const set = vulnerabilities.get(key) ?? new Set<string>()
      for (const id of ids) set.add(id.toUpperCase())
      vulnerabilities.set(key, set)
    }
  }
  return {
    version: BASELINE_VERSION,
    fingerprints: [...fingerprints].sort(),
    vulnerabilities: Object.fromEntries(
      [...vulnerabilities.keys()].sort().map(key => [key, [...vulnerabilities.get(key)!].sort()])
    )
  }
}

/** The file's text: stable key order, one entry per line, so diffs of it review well. */
export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`
}

/** Parse a baseline file; errors name the file and what is wrong. */
export function parseBaseline(text: string, path: string): Baseline {
  let data: unknown
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new InputError(`baseline ${path}: not valid JSON (${jsonErrorWhere(text, error)})`)
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(
      `baseline ${path}: expected a JSON object with "version" and "fingerprints"`
    )
  }
  const obj = data as Record<string, unknown>
  if (obj.version !== 1 && obj.version !== BASELINE_VERSION) {
    throw new InputError(
      `baseline ${path}: "version" is ${JSON.stringify(obj.version) ?? 'missing'}; this container-gate reads versions 1 and ${BASELINE_VERSION} (write a new one with container-gate baseline)`
    )
  }
  const version = obj.version as 1 | 2
  const fingerprintKey = parseKeyRecord(obj.fingerprintKey, version, path)
  const fingerprints = obj.fingerprints ?? []
  if (!Array.isArray(fingerprints)) {
    throw new InputError(`baseline ${path}: "fingerprints" must be an array of strings`)
  }
  fingerprints.forEach((fp, i) => {
    if (typeof fp !== 'string' || !/^[0-9a-f]{8,64}$/.test(fp)) {
      throw new InputError(
        `baseline ${path}: "fingerprints"[${i}] is not a fingerprint (hex string): ${JSON.stringify(fp)?.slice(0, 40)}`
      )
    }
  })
  const vulns = obj.vulnerabilities ?? {}
  if (vulns === null || typeof vulns !== 'object' || Array.isArray(vulns)) {
    throw new InputError(
      `baseline ${path}: "vulnerabilities" must be an object of package → list of vulnerability ids`
    )
  }
  const vulnerabilities: Record<string, string[]> = {}
  for (const [key, ids] of Object.entries(vulns as Record<string, unknown>)) {
    if (!Array.isArray(ids) || ids.some(id => typeof id !== 'string')) {
      throw new InputError(
        `baseline ${path}: "vulnerabilities"."${key}" must be a list of vulnerability ids`
      )
    }
    vulnerabilities[key] = (ids as string[]).map(id => id.toUpperCase())
  }
  const unknown = Object.keys(obj).filter(
    k => !['version', 'fingerprintKey', 'fingerprints', 'vulnerabilities'].includes(k)
  )
  if (unknown.length > 0) {
    throw new InputError(`baseline ${path}: unknown key "${unknown[0]}"`)
  }
  return {
    version,
    ...(fingerprintKey ? { fingerprintKey } : {}),
    fingerprints: fingerprints as string[],
    vulnerabilities
  }
}

const KEY_SOURCES: readonly FingerprintKeySource[] = [
  'input',
  'root-commits',
  'repository-id',
  'none'
]

/** `"fingerprintKey": {"id": "<16 hex>", "source": "root-commits"}` (version 2 only). */
function parseKeyRecord(value: unknown, version: 1 | 2, path: string): Baseline['fingerprintKey'] {
  if (value === undefined) return undefined
  const record = value as { id?: unknown; source?: unknown }
  if (
    version === 1 ||
    value === null ||
    typeof value !== 'object' ||
    typeof record.id !== 'string' ||
    !/^[0-9a-f]{16}$/.test(record.id) ||
    !KEY_SOURCES.includes(record.source as FingerprintKeySource) ||
    Object.keys(value).some(k => k !== 'id' && k !== 'source')
  )
    throw new InputError(
      `baseline ${path}: "fingerprintKey" must be {"id": "<16 hex digits>", "source": "${KEY_SOURCES.join('" | "')}"} (in a version ${BASELINE_VERSION} file)`
    )
  return { id: record.id, source: record.source as FingerprintKeySource }
}

/** For `container-gate baseline --output FILE`: the findings after ignores, as a baseline file. */
export function writeBaselineFile(
  path: string,
  findings: readonly Finding[],
  key?: FingerprintKey
): Baseline {
  const baseline = buildBaseline(findings, key)
  try {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, serializeBaseline(baseline))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError(`baseline ${path}: cannot write it (${code ?? 'error'})`)
  }
  return baseline
}

/** `shownAs`: the path in messages, as the user gave it. */
export function readBaselineFile(
  path: string,
  shownAs: string = path,
  root: string = dirname(path)
): Baseline {
  // A pull request can commit the baseline as a link to anywhere, or a huge file: bounded, in the workspace.
  const text = readWorkspaceText(path, {
    root,
    maxBytes: MAX_BASELINE_BYTES,
    label: `baseline ${shownAs}`
  })
  return parseBaseline(text, shownAs)
}

/** A baseline holds fingerprints (33 bytes each): 64 MiB is two million findings. */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024

/**
 * `line L column C: reason` for a JSON syntax error. Node 20 puts a position
 * in JSON.parse's message and newer Nodes do not, so find the offset ourselves.
 */
function jsonErrorWhere(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
  const reason = message
    .replace(/ in JSON at position \d+.*$/, '')
    .replace(/, ".*" is not valid JSON$/, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '')
  const offset = jsonErrorOffset(text.replace(/^\uFEFF/, ''))
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  return `line ${line} column ${column}: ${reason}`
}

/** Offset of the first character where `text` stops being valid JSON. */
export function jsonErrorOffset(text: string): number {
  let i = 0
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++
  }
  const fail = (): never => {
    throw i
  }
  const value = (): void => {
    ws()
    const c = text[i]
    if (c === '{') {
      i++
      ws()
      if (text[i] === '}') return void i++
      for (;;) {
        ws()
        if (text[i] !== '"') fail()
        string()
        ws()
        if (text[i] !== ':') fail()
        i++
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === '}') return void i++
        else fail()
      }
    } else if (c === '[') {
      i++
      ws()
      if (text[i] === ']') return void i++
      for (;;) {
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === ']') return void i++
        else fail()
      }
    } else if (c === '"') {
      string()
    } else {
      const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(
        text.slice(i)
      )
      if (!m) fail()
      i += m![0].length
    }
  }
  const string = () => {
    i++
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++
      else if (text.charCodeAt(i) < 0x20) fail()
      i++
    }
    if (i >= text.length) fail()
    i++
  }
  try {
    value()
    ws()
    return i < text.length ? i : text.length
  } catch (at) {
    return typeof at === 'number' ? at : 0
  }
}

/**
 * New = not in the baseline. Vulnerabilities: new unless one of their ids is
 * listed for the same package; everything else: by fingerprint.
 */
export function splitNewExisting(
  findings: readonly Finding[],
  baseline: Baseline
): { added: Finding[]; existing: Finding[] } {
  const fingerprints = new Set(baseline.fingerprints)
  const vulns = new Map(
    Object.entries(baseline.vulnerabilities).map(([k, ids]) => [
      k,
      new Set(ids.map(id => id.toUpperCase()))
    ])
  )
  const added: Finding[] = []
  const existing: Finding[] = []
  for (const finding of findings) {
    const key = vulnerabilityPackageKey(finding)
    const known =
      key === undefined
        ? fingerprints.has(finding.fingerprint)
        : vulnerabilityIds(finding).some(id => vulns.get(key)?.has(id))
    ;(known ? existing : added).push(finding)
  }
  return { added, existing }
}
