// Renders the rule reference of docs/rules.md from the rule files, so the docs
// always list every rule with its real default severity, aliases, example and fix.
// `UPDATE_DOCS=1 npm test -- __tests__/dockerfile/docs` rewrites the section.

import { replaceMarkedSection } from '../util/generated-section.js'
import { RULES, buildkitNames, hadolintCodes } from './registry.js'
import type { RuleExample } from './types.js'

export const DOCS_START =
  '<!-- dockerfile-rules:start (generated from src/dockerfile/rules/*.ts) -->'
export const DOCS_END = '<!-- dockerfile-rules:end -->'

const text = (example: string | RuleExample): string =>
  typeof example === 'string' ? example : example.text

/** Every DL rule of hadolint 2.15 (src/Hadolint/Rule/DL*.hs). */
export const HADOLINT_DL_RULES = [
  'DL1001',
  'DL3000',
  'DL3001',
  'DL3002',
  'DL3003',
  'DL3004',
  'DL3006',
  'DL3007',
  'DL3008',
  'DL3009',
  'DL3010',
  'DL3011',
  'DL3012',
  'DL3013',
  'DL3014',
  'DL3015',
  'DL3016',
  'DL3018',
  'DL3019',
  'DL3020',
  'DL3021',
  'DL3022',
  'DL3023',
  'DL3024',
  'DL3025',
  'DL3026',
  'DL3027',
  'DL3028',
  'DL3029',
  'DL3030',
  'DL3032',
  'DL3033',
  'DL3034',
  'DL3035',
  'DL3036',
  'DL3037',
  'DL3038',
  'DL3040',
  'DL3041',
  'DL3042',
  'DL3043',
  'DL3044',
  'DL3045',
  'DL3046',
  'DL3047',
  'DL3048',
  'DL3049',
  'DL3050',
  'DL3051',
  'DL3052',
  'DL3053',
  'DL3054',
  'DL3055',
  'DL3056',
  'DL3057',
  'DL3058',
  'DL3059',
  'DL3060',
  'DL3061',
  'DL3062',
  'DL3063',
  'DL3064',
  'DL3065',
  'DL3066',
  'DL3067',
  'DL4000',
  'DL4001',
  'DL4003',
  'DL4004',
  'DL4005',
  'DL4006'
]

/** Every build check of BuildKit (frontend/dockerfile/linter/ruleset.go). */
export const BUILDKIT_CHECK_NAMES = [
  'ConsistentInstructionCasing',
  'CopyIgnoredFile',
  'DuplicateStageName',
  'ExposeInvalidFormat',
  'ExposeProtoCasing',
  'FromAsCasing',
  'FromPlatformFlagConstDisallowed',
  'InvalidBaseImagePlatform',
  'InvalidDefaultArgInFrom',
  'InvalidDefinitionDescription',
  'JSONArgsRecommended',
  'LegacyKeyValueFormat',
  'MaintainerDeprecated',
  'MultipleInstructionsDisallowed',
  'NoEmptyContinuation',
  'RedundantTargetPlatform',
  'ReservedStageName',
  'SecretsUsedInArgOrEnv',
  'StageNameCasing',
  'UndefinedArgInFrom',
  'UndefinedVar',
  'WorkdirRelativePath'
]

/** Our rules for a peer id (a DL code or a BuildKit name). */
export function counterparts(peerId: string): string[] {
  return RULES.filter(rule => rule.aliases?.includes(peerId)).map(rule => rule.id)
}

function counterpartTables(): string[] {
  const link = (id: string) => `[\`${id}\`](#${id})`
  const out = ['#### hadolint and BuildKit checks → container-gate rules', '']
  out.push('| hadolint | rule | | BuildKit | rule |', '| --- | --- | --- | --- | --- |')
  const rows = Math.max(HADOLINT_DL_RULES.length, BUILDKIT_CHECK_NAMES.length)
  for (let i = 0; i < rows; i++) {
    const dl = HADOLINT_DL_RULES[i]
    const bk = BUILDKIT_CHECK_NAMES[i]
    out.push(
      `| ${dl ? `\`${dl}\`` : ''} | ${dl ? counterparts(dl).map(link).join(', ') : ''} | | ${bk ? `\`${bk}\`` : ''} | ${bk ? counterparts(bk).map(link).join(', ') : ''} |`
    )
  }
  out.push(
    '',
    'ShellCheck: every `SC` code, as its own rule id (`SC2086`), when shellcheck is installed.',
    ''
  )
  return out
}

export function renderDockerfileRulesMarkdown(): string {
  const out: string[] = [DOCS_START, '', ...counterpartTables(), '#### Rules', '']
  out.push(
    '| id | default severity | hadolint | BuildKit | title |',
    '| --- | --- | --- | --- | --- |'
  )
  for (const rule of RULES) {
    const dl = hadolintCodes(rule)
    const bk = buildkitNames(rule)
    const opt = rule.optIn ? ' (opt-in)' : rule.needsLabelSchema ? ' (with label-schema)' : ''
    out.push(
      `| [\`${rule.id}\`](#${rule.id}) | ${rule.severity}${opt} | ${dl.join(', ') || '—'} | ${bk.join(', ') || '—'} | ${rule.title} |`
    )
  }
  for (const rule of RULES) {
    out.push('', `### ${rule.id}`, '')
    const facts = [`**${rule.title}.** Default severity: **${rule.severity}**.`]
    const dl = hadolintCodes(rule)
    const bk = buildkitNames(rule)
    const former = (rule.aliases ?? []).filter(a => !dl.includes(a) && !bk.includes(a))
    if (dl.length > 0)
      facts.push(
        `hadolint: ${dl.map(a => `\`${a}\``).join(', ')} (honoured in \`# hadolint ignore=\` and \`.hadolint.yaml\`).`
      )
    if (bk.length > 0)
      facts.push(`BuildKit: ${bk.map(n => `\`${n}\``).join(', ')} (honoured in \`# check=skip=\`).`)
    if (former.length > 0) facts.push(`Former id: ${former.map(n => `\`${n}\``).join(', ')}.`)
    if (rule.optIn) facts.push('Off unless enabled (`checks.dockerfile.enable`).')
    if (rule.needsLabelSchema)
      facts.push(
        'Only with `checks.dockerfile.label-schema` (or `label-schema` in `.hadolint.yaml`).'
      )
    out.push(
      facts.join(' '),
      '',
      rule.help,
      '',
      `Fix: ${rule.fix}`,
      '',
      'Example:',
      '',
      '```dockerfile',
      text(rule.examples.fires[0]),
      '```',
      '',
      'Fixed:',
      '',
      '```dockerfile',
      text(rule.examples.passes[0]),
      '```'
    )
  }
  out.push('', DOCS_END)
  return out.join('\n')
}

/** Replaces the generated section of a docs file (or appends it). */
export function replaceGeneratedSection(document: string): string {
  const section = renderDockerfileRulesMarkdown()
  return (
    replaceMarkedSection(document, DOCS_START.slice(0, 30), DOCS_END, section) ??
    `${document.trimEnd()}\n\n${section}\n`
  )
}
