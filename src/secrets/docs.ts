// Renders the rule table and the built-in path lists of docs/secrets.md from the rule
// definitions (src/secrets/rules/*.ts, meta.ts) and settings.ts, so the page always lists
// every rule with its real provider, pattern, severity and example shape.
// `UPDATE_DOCS=1 npm test -- __tests__/secrets/docs` rewrites the generated sections.
// Not imported by the action or the CLI.
import { replaceMarkedSection } from '../util/generated-section.js'
import { B, E, type SecretRule } from './rules/define.js'
import { providerRules } from './rules/index.js'
import { secretRules } from './meta.js'
import { DEFAULT_NOISE_PATHS, DEFAULT_SKIP_PATHS } from './settings.js'

export const RULES_START = '<!-- secrets-rules:start (generated from src/secrets/rules/*.ts) -->'
export const RULES_END = '<!-- secrets-rules:end -->'
export const PATHS_START = '<!-- secrets-paths:start (generated from src/secrets/settings.ts) -->'
export const PATHS_END = '<!-- secrets-paths:end -->'

/** What each structural detector (structured.ts) reads. */
const STRUCTURED: Record<NonNullable<SecretRule['structured']>, string> = {
  'private-key':
    'a PEM private key block (`-----BEGIN … PRIVATE KEY-----`, RSA, EC, DSA, OpenSSH, PGP), also across lines and JSON-escaped',
  netrc:
    'a `.netrc` `password` for a `machine` (weak and default passwords are low `weak-default-credential`)',
  'kubernetes-secret':
    'a credential-named key of a Kubernetes `Secret`’s `data` (base64) or `stringData`; `host`, `port` and the like are not findings',
  jwk: 'a JSON Web Key with private parameters (`d`, `p`, `q`, …)',
  'curl-user': 'a password in `curl -u user:password` (or `--user`)',
  'curl-header': 'a credential in `curl -H "Authorization: …"` (or another auth header)',
  pkcs12: 'a PKCS#12 keystore (`.p12`, `.pfx`) referenced or present in the tree'
}

/** A code span that survives a GFM table: pipes escaped, backticks fenced by longer runs. */
function code(text: string): string {
  const escaped = text.replace(/\|/g, '\\|')
  const fence = escaped.includes('`') ? '``' : '`'
  const pad = fence === '``' ? ' ' : ''
  return `${fence}${pad}${escaped}${pad}${fence}`
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

/** The token's own regex, without the boundary guards every token rule gets. */
function tokenBody(rule: SecretRule): string {
  let source = rule.pattern!.source
  if (source.startsWith(B)) source = source.slice(B.length)
  if (source.endsWith(E)) source = source.slice(0, -E.length)
  if (source.startsWith('(') && source.endsWith(')')) source = source.slice(1, -1)
  return source
}

/** What the rule matches, in one cell. */
export function describeMatch(rule: SecretRule): string {
  let text: string
  if (rule.structured) text = STRUCTURED[rule.structured]
  else if (rule.pattern) text = code(tokenBody(rule))
  else {
    const value = rule.assigned!.value.source.replace(/^\^\(\?:/, '').replace(/\)\$$/, '')
    const names = rule.keywords.map(k => code(k)).join(', ')
    text = `${code(value)} assigned to a name with ${names}`
  }
  if (rule.checksum) text += '; checksum verified'
  if (rule.publicByDesign) text += `. Public by design: ${rule.publicByDesign}`
  if (rule.weakerEvidence) text += `. At low: ${rule.weakerEvidence.reason}`
  return text
}

/**
 * The first true example as a shape, never a credential: its templates (`{alnum:36}`,
 * `{ghcrc}`) are written `<ALNUM_36>`, `<GHCRC>`, the form every scanner (this one too)
 * reads as a placeholder, so the page itself is not a list of findings.
 */
export function exampleShape(rule: SecretRule): string {
  const first = (rule.examples.tp[0] ?? '').replace(
    /\{([a-z0-9]+)(?::([^}]*))?\}/gi,
    (_, kind: string, arg?: string) =>
      `<${[kind, arg]
        .filter(Boolean)
        .join('_')
        .toUpperCase()
        .replace(/[^A-Z0-9]+/g, '_')}>`
  )
  const oneLine = first
    .trim()
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean)
    .join(' ⏎ ')
  // Long lines are cut, never before the first template (it is the shape).
  const template = /<[A-Z0-9_]+>/.exec(oneLine)
  const keep = Math.max(89, template ? template.index + template[0].length : 0)
  return oneLine.length > keep + 1 ? `${oneLine.slice(0, keep)}…` : oneLine
}

function ruleRow(rule: SecretRule): string {
  const aliases = (rule.aliases ?? []).map(code).join(', ')
  return `| <a id="${rule.id}"></a>${code(rule.id)} | ${cell(rule.provider)} | ${describeMatch(rule)} | ${rule.severity} | ${code(exampleShape(rule))} | ${aliases} |`
}

/** The rule table: provider rules by provider, then the three detectors. */
export function renderSecretRulesMarkdown(): string {
  const rows = [...providerRules]
    .sort((a, b) => a.provider.localeCompare(b.provider, 'en') || a.id.localeCompare(b.id, 'en'))
    .map(ruleRow)
  const providerIds = new Set(providerRules.map(r => r.id))
  const detectors = secretRules
    .filter(r => !providerIds.has(r.id))
    .map(
      r =>
        `| <a id="${r.id}"></a>${code(r.id)} | ${cell(r.title)} | ${r.defaultSeverity} | ${(r.aliases ?? []).map(code).join(', ')} | ${cell(r.help?.split('. ')[0] ?? '')}. |`
    )
  return [
    RULES_START,
    '',
    `${providerRules.length} provider rules from ${new Set(providerRules.map(r => r.provider)).size} providers, and ${detectors.length} detectors.`,
    '',
    '| rule | provider | matches | severity | example shape | other tools’ ids |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Detectors that are not tied to a provider:',
    '',
    '| rule | title | severity | other tools’ ids | matches |',
    '| --- | --- | --- | --- | --- |',
    ...detectors,
    '',
    RULES_END
  ].join('\n')
}

export function renderSecretPathsMarkdown(): string {
  const list = (paths: readonly string[]) => paths.map(p => `- ${code(p)}`).join('\n')
  return [
    PATHS_START,
    '',
    'Built-in `skip-paths` (never scanned):',
    '',
    list(DEFAULT_SKIP_PATHS),
    '',
    'Built-in `noise-paths` (provider rules only; the generic and entropy detectors are off):',
    '',
    list(DEFAULT_NOISE_PATHS),
    '',
    PATHS_END
  ].join('\n')
}

/** `markdown` with both generated sections replaced by what the rules say now. */
export function replaceGeneratedSections(markdown: string): string {
  const swap = (text: string, start: string, end: string, body: string): string => {
    const replaced = replaceMarkedSection(text, start, end, body)
    if (replaced === undefined) throw new Error(`docs/secrets.md has no ${start} … ${end}`)
    return replaced
  }
  return swap(
    swap(markdown, RULES_START, RULES_END, renderSecretRulesMarkdown()),
    PATHS_START,
    PATHS_END,
    renderSecretPathsMarkdown()
  )
}
