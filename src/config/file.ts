import { LineCounter, parseDocument } from 'yaml'
import { ALL_RULES_INDEX, CHECK_REGISTRY, type CheckSettings } from '../checks.js'
import { errorMessage, InputError } from '../model/errors.js'
import { SEVERITIES, type CheckId, type Severity } from '../model/finding.js'
import type { IgnoreRule } from '../model/ignore.js'
import { ConfigNode } from '../model/config-node.js'
import { readWorkspaceText } from '../util/workspace-file.js'
import { compileSafeRegex } from '../util/safe-regex.js'

export type { IgnoreRule } from '../model/ignore.js'

/** The parsed `.container-gate.yml`. */
export interface FileConfig {
  /** Every ignore entry, whatever key it was written under (`ignore:`, `checks.secrets.allow`). */
  ignores: IgnoreRule[]
  /** Rule id (or alias) → severity: the one override map (`severity:`, `checks.dockerfile.severity`). */
  severity: Map<string, Severity>
  checks: CheckSettings
  /** Deprecated keys that still work, one line each with the file and line. */
  warnings: string[]
  /** `file:line` of each `checks.<id>` section written (a check set up but not run is warned about). */
  sections?: Partial<Record<CheckId, string>>
}

function parseChecks(section: (id: CheckId) => ConfigNode): CheckSettings {
  const out: Record<string, unknown> = {}
  for (const check of CHECK_REGISTRY) out[check.id] = check.parseSettings(section(check.id))
  return out as CheckSettings
}

export const EMPTY_FILE_CONFIG: FileConfig = {
  ignores: [],
  severity: new Map(),
  checks: parseChecks(id => ConfigNode.empty(`checks.${id}`)),
  warnings: []
}

/** Config files are a few KiB; this bounds what a hostile one can cost. */
const MAX_CONFIG_BYTES = 1024 * 1024

/**
 * `shownAs`: the name used in messages and ignore reasons (the path as the user gave it).
 * `root`: the workspace; a config file committed as a link out of it is not followed, and
 * only a regular file of at most MAX_CONFIG_BYTES is read (not /dev/zero, not a pipe).
 */
export function loadConfigFile(
  path: string,
  shownAs: string = path,
  root: string = process.cwd()
): FileConfig {
  const text = readWorkspaceText(path, {
    root,
    maxBytes: MAX_CONFIG_BYTES,
    label: `config file ${shownAs}`
  })
  return parseConfigFile(text, shownAs)
}

const TOP_KEYS = ['ignore', 'severity', 'checks'] as const
const IGNORE_KEYS = [
  'rule',
  'path',
  'fingerprint',
  'vulnerability',
  'package',
  'value-regex',
  'reason',
  'expires'
]

/** Parse and validate; errors name the file, the line and the key. */
export function parseConfigFile(text: string, file: string): FileConfig {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length > 0) {
    const error = doc.errors[0]
    const what = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
    const line = lines.linePos(yamlErrorOffset(text, error.pos[0], what)).line
    throw new InputError(`${file}:${line}: invalid YAML: ${what}`)
  }
  const root = new ConfigNode(doc.contents as never, '', file, lines)
  if (root.missing) return EMPTY_FILE_CONFIG
  const top = root.entries(TOP_KEYS)
  const warnings: string[] = []

  const ignoreNodes = top.get('ignore')?.list() ?? []
  const ignores = ignoreNodes.map(entry => parseIgnore(entry, file))

  const severity = new Map<string, Severity>()
  const severityKeys: [string, ConfigNode][] = []
  for (const [rule, node] of top.get('severity')?.entries() ?? []) {
    severity.set(rule, node.oneOf(SEVERITIES))
    severityKeys.push([rule, node])
  }

  const checks = top.get('checks') ?? root.get('checks')
  const checkNodes = checks.entries(CHECK_REGISTRY.map(c => c.id))
  const section = (name: string) => checkNodes.get(name) ?? checks.get(name)
  const parsed = parseChecks(section)
  const sections: Partial<Record<CheckId, string>> = {}
  for (const [id, node] of checkNodes) sections[id as CheckId] = `${file}:${node.line}`

  // The older spellings map onto the one ignore model and the one override map.
  const allow = section('secrets').get('allow')
  const allowNodes = allow.missing ? [] : allow.list()
  for (const [i, entry] of (parsed.secrets.allow ?? []).entries()) {
    const where = `${file}:${allowNodes[i]?.line ?? allow.line}`
    const label = `checks.secrets.allow[${i}]${entry.reason ? `: ${entry.reason}` : ''}`
    ignores.push({
      rule: entry.rule,
      path: entry.path,
      fingerprint: entry.fingerprint,
      valueRegex: entry.regex,
      checks: ['secrets'],
      reason: entry.reason ?? '',
      where,
      label
    })
  }
  if (allowNodes.length > 0) {
    warnings.push(
      `${file}:${allow.line}: checks.secrets.allow is deprecated and still applies; write these entries under ignore: (value-regex: for regex)`
    )
  }
  parsed.secrets = { ...parsed.secrets, allow: undefined }
  const dockerSeverity = parsed.dockerfile.severity
  if (dockerSeverity && Object.keys(dockerSeverity).length > 0) {
    const node = section('dockerfile').get('severity')
    for (const [rule, value] of Object.entries(dockerSeverity))
      if (!severity.has(rule)) severity.set(rule, value)
    warnings.push(
      `${file}:${node.line}: checks.dockerfile.severity is deprecated and still applies; write these under severity:`
    )
  }
  parsed.dockerfile = { ...parsed.dockerfile, severity: undefined }

  // Rule ids are checked against every check's rules once the whole file parsed.
  for (const [i, rule] of ignores.entries()) {
    if (rule.rule !== undefined && !ALL_RULES_INDEX.has(rule.rule)) {
      const node = i < ignoreNodes.length ? ignoreNodes[i]!.get('rule') : undefined
      const where = node ? `${file}:${node.line}: ${node.key}` : `${rule.where}: ${rule.label}`
      throw new InputError(`${where}: ${ALL_RULES_INDEX.unknown(rule.rule)}`)
    }
  }
  for (const [rule, node] of severityKeys) {
    if (!ALL_RULES_INDEX.has(rule)) node.fail(ALL_RULES_INDEX.unknown(rule))
  }
  return { ignores, severity, checks: parsed, warnings, sections }
}

/**
 * Where a YAML error belongs. The parser notices an unclosed quote or flow collection
 * where it ends (the next line, or the end of the file): point at its opening character
 * instead, and never at a blank line after the content.
 */
function yamlErrorOffset(text: string, offset: number, message: string): number {
  const opener =
    /Missing closing (["'])/.exec(message)?.[1] ?? /end with an? ([\]}])/.exec(message)?.[1]
  if (opener) {
    const open = opener === ']' ? '[' : opener === '}' ? '{' : opener
    const at = text.lastIndexOf(open, Math.min(offset, text.length) - 1)
    if (at !== -1) return at
  }
  // Past the content (an unclosed construct at the end): the last line that has any.
  return Math.min(offset, Math.max(0, text.trimEnd().length - 1))
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
    valueRegex: get('value-regex'),
    reason: '',
    expires: undefined,
    where: `${file}:${node.line}`
  }
  for (const key of Object.keys(rule) as (keyof IgnoreRule)[])
    if (rule[key] === undefined) delete rule[key]
  if (!rule.rule && !rule.path && !rule.fingerprint && !rule.vulnerability && !rule.valueRegex) {
    node.fail('an ignore needs at least one of rule, path, fingerprint, vulnerability, value-regex')
  }
  if (rule.package && !rule.vulnerability) {
    fields.get('package')!.fail('package only applies together with vulnerability')
  }
  if (rule.valueRegex !== undefined) {
    try {
      compileSafeRegex(rule.valueRegex) // linear-time: it runs on scanned text
    } catch (error) {
      fields.get('value-regex')!.fail(errorMessage(error))
    }
  }
  const reason = fields.get('reason')
  if (!reason || reason.missing) node.fail('an ignore needs a reason (say why it is accepted)')
  if (reason.string().trim() === '')
    reason.fail('an ignore needs a reason (say why it is accepted)')
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
