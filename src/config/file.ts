import { readFileSync } from 'node:fs'
import { LineCounter, parseDocument } from 'yaml'
import { InputError } from '../model/errors.js'
import { SEVERITIES, type Severity } from '../model/finding.js'
import { parseDockerfileSettings, type DockerfileSettings } from '../dockerfile/settings.js'
import { parseSecretsSettings, type SecretsSettings } from '../secrets/settings.js'
import { parseVulnerabilitySettings, type VulnerabilitySettings } from '../vulns/settings.js'
import { ConfigNode } from './node.js'

/** One `ignore:` entry. Every criterion given must match; at least one is required. */
export interface IgnoreRule {
  /** A rule id or one of its aliases (e.g. DL3007). */
  rule?: string
  /** Glob on the finding's path (picomatch syntax; in-image paths start with /). */
  path?: string
  fingerprint?: string
  /** A vulnerability id or any of its aliases (CVE-…, GHSA-…, DSA-…). */
  vulnerability?: string
  /** With `vulnerability`: only for this package. */
  package?: string
  reason: string
  /** YYYY-MM-DD: from the day after, the ignore stops applying and a warning says so. */
  expires?: string
  /** Where the entry is, for warnings: `file:line`. */
  where: string
}

/** The parsed `.container-gate.yml`. */
export interface FileConfig {
  ignores: IgnoreRule[]
  /** Rule id (or alias) → severity. */
  severity: Map<string, Severity>
  checks: {
    dockerfile: DockerfileSettings
    secrets: SecretsSettings
    vulnerabilities: VulnerabilitySettings
  }
}

export const EMPTY_FILE_CONFIG: FileConfig = {
  ignores: [],
  severity: new Map(),
  checks: {
    dockerfile: parseDockerfileSettings(ConfigNode.empty('checks.dockerfile')),
    secrets: parseSecretsSettings(ConfigNode.empty('checks.secrets')),
    vulnerabilities: parseVulnerabilitySettings(ConfigNode.empty('checks.vulnerabilities'))
  }
}

/** `shownAs`: the name used in messages and ignore reasons (the path as the user gave it). */
export function loadConfigFile(path: string, shownAs: string = path): FileConfig {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new InputError(`config file ${shownAs}: cannot read it (${code ?? 'error'})`)
  }
  return parseConfigFile(text, shownAs)
}

const TOP_KEYS = ['ignore', 'severity', 'checks'] as const
const IGNORE_KEYS = ['rule', 'path', 'fingerprint', 'vulnerability', 'package', 'reason', 'expires']

/** Parse and validate; errors name the file, the line and the key. */
export function parseConfigFile(text: string, file: string): FileConfig {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length > 0) {
    const error = doc.errors[0]
    const line = error.linePos?.[0]?.line ?? lines.linePos(error.pos[0]).line
    const what = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
    throw new InputError(`${file}:${line}: invalid YAML: ${what}`)
  }
  const root = new ConfigNode(doc.contents as never, '', file, lines)
  if (root.missing) return EMPTY_FILE_CONFIG
  const top = root.entries(TOP_KEYS)

  const ignores = (top.get('ignore')?.list() ?? []).map(entry => parseIgnore(entry, file))

  const severity = new Map<string, Severity>()
  for (const [rule, node] of top.get('severity')?.entries() ?? []) {
    severity.set(rule, node.oneOf(SEVERITIES))
  }

  const checks = top.get('checks') ?? root.get('checks')
  const checkNodes = checks.entries(['dockerfile', 'secrets', 'vulnerabilities'])
  const section = (name: string) => checkNodes.get(name) ?? checks.get(name)
  return {
    ignores,
    severity,
    checks: {
      dockerfile: parseDockerfileSettings(section('dockerfile')),
      secrets: parseSecretsSettings(section('secrets')),
      vulnerabilities: parseVulnerabilitySettings(section('vulnerabilities'))
    }
  }
}

function parseIgnore(node: ConfigNode, file: string): IgnoreRule {
  const fields = node.entries(IGNORE_KEYS)
  const get = (key: string) => fields.get(key)?.optionalString()
  const rule: IgnoreRule = {
    rule: get('rule'),
    path: get('path'),
    fingerprint: get('fingerprint'),
    vulnerability: get('vulnerability'),
    package: get('package'),
    reason: '',
    expires: undefined,
    where: `${file}:${node.line}`
  }
  if (!rule.rule && !rule.path && !rule.fingerprint && !rule.vulnerability) {
    node.fail('an ignore needs at least one of rule, path, fingerprint, vulnerability')
  }
  if (rule.package && !rule.vulnerability) {
    fields.get('package')!.fail('package only applies together with vulnerability')
  }
  const reason = fields.get('reason')
  if (!reason || reason.missing || reason.string().trim() === '') {
    node.fail('an ignore needs a reason (say why it is accepted)')
  }
  rule.reason = reason.string().trim()
  const expires = fields.get('expires')
  if (expires && !expires.missing) {
    const value = expires.string()
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
      expires.fail(`"${value}" is not a date; write YYYY-MM-DD`)
    }
    rule.expires = value
  }
  return rule
}
