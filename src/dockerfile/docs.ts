// Renders the rule reference of docs/rules.md from the rule files, so the docs
// always list every rule with its real default severity, aliases, example and fix.
// `UPDATE_DOCS=1 npm test -- __tests__/dockerfile/docs` rewrites the section.

import { RULES, buildkitNames, hadolintCodes } from './registry.js'
import type { RuleExample } from './types.js'

export const DOCS_START = '<!-- dockerfile-rules:start (generated from src/dockerfile/rules/*.ts) -->'
export const DOCS_END = '<!-- dockerfile-rules:end -->'

const text = (example: string | RuleExample): string => (typeof example === 'string' ? example : example.text)

export function renderDockerfileRulesMarkdown(): string {
  const out: string[] = [DOCS_START, '']
  out.push('| id | default severity | hadolint | BuildKit | title |', '| --- | --- | --- | --- | --- |')
  for (const rule of RULES) {
    const dl = hadolintCodes(rule)
    const bk = buildkitNames(rule)
    const opt = rule.optIn ? ' (opt-in)' : rule.needsLabelSchema ? ' (with label-schema)' : ''
    out.push(`| [\`${rule.id}\`](#${rule.id}) | ${rule.severity}${opt} | ${dl.join(', ') || '—'} | ${bk.join(', ') || '—'} | ${rule.title} |`)
  }
  for (const rule of RULES) {
    out.push('', `### ${rule.id}`, '')
    const facts = [`**${rule.title}.** Default severity: **${rule.severity}**.`]
    const dl = hadolintCodes(rule)
    const bk = buildkitNames(rule)
    const former = (rule.aliases ?? []).filter(a => !dl.includes(a) && !bk.includes(a))
    if (dl.length > 0) facts.push(`hadolint: ${dl.map(a => `\`${a}\``).join(', ')} (honoured in \`# hadolint ignore=\` and \`.hadolint.yaml\`).`)
    if (bk.length > 0) facts.push(`BuildKit: ${bk.map(n => `\`${n}\``).join(', ')} (honoured in \`# check=skip=\`).`)
    if (former.length > 0) facts.push(`Former id: ${former.map(n => `\`${n}\``).join(', ')}.`)
    if (rule.optIn) facts.push('Off unless enabled (`checks.dockerfile.enable`).')
    if (rule.needsLabelSchema) facts.push('Only with `checks.dockerfile.label-schema` (or `label-schema` in `.hadolint.yaml`).')
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
  const start = document.indexOf(DOCS_START.slice(0, 30))
  const end = document.indexOf(DOCS_END)
  const section = renderDockerfileRulesMarkdown()
  if (start < 0 || end < start) return `${document.trimEnd()}\n\n${section}\n`
  return document.slice(0, start) + section + document.slice(end + DOCS_END.length)
}
