// Renders the rule reference of docs/rules.md from the rule table, so the docs
// always list every rule with its real default severity and aliases.
// `UPDATE_DOCS=1 npm test -- __tests__/dockerfile/docs` rewrites the section.

import { BUILDKIT_CHECKS, DOCKERFILE_RULES } from './rules-meta.js'

/** BuildKit's spelling of its check names (the table keys are lower case). */
const BUILDKIT_NAMES: Record<string, string> = {
  secretsusedinargorenv: 'SecretsUsedInArgOrEnv',
  undefinedarginfrom: 'UndefinedArgInFrom',
  duplicatestagename: 'DuplicateStageName',
  jsonargsrecommended: 'JSONArgsRecommended',
  workdirrelativepath: 'WorkdirRelativePath',
  maintainerdeprecated: 'MaintainerDeprecated',
  legacykeyvalueformat: 'LegacyKeyValueFormat'
}

export const DOCS_START =
  '<!-- dockerfile-rules:start (generated from src/dockerfile/rules-meta.ts) -->'
export const DOCS_END = '<!-- dockerfile-rules:end -->'

export function renderDockerfileRulesMarkdown(): string {
  const out: string[] = [DOCS_START, '']
  out.push('| id | default severity | hadolint alias | title |', '| --- | --- | --- | --- |')
  for (const rule of DOCKERFILE_RULES) {
    out.push(
      `| [\`${rule.id}\`](#${rule.id}) | ${rule.defaultSeverity} | ${rule.aliases?.join(', ') ?? '—'} | ${rule.title} |`
    )
  }
  for (const rule of DOCKERFILE_RULES) {
    out.push('', `### ${rule.id}`, '')
    const facts = [`**${rule.title}.** Default severity: **${rule.defaultSeverity}**.`]
    if (rule.aliases)
      facts.push(
        `hadolint: ${rule.aliases.map(a => `\`${a}\``).join(', ')} (honoured in \`# hadolint ignore=\`).`
      )
    const buildkit = Object.entries(BUILDKIT_CHECKS)
      .filter(([, ids]) => ids.includes(rule.id))
      .map(([name]) => BUILDKIT_NAMES[name] ?? name)
    if (buildkit.length > 0) {
      facts.push(
        `BuildKit: ${buildkit.map(n => `\`${n}\``).join(', ')} (honoured in \`# check=skip=\`).`
      )
    }
    if (rule.seeAlso) facts.push(`Compare: ${rule.seeAlso}.`)
    out.push(
      facts.join(' '),
      '',
      rule.help,
      '',
      'Example:',
      '',
      '```dockerfile',
      rule.example,
      '```',
      '',
      'Fix:',
      '',
      '```dockerfile',
      rule.fixed,
      '```'
    )
  }
  out.push('', DOCS_END)
  return out.join('\n')
}

/** Replaces the generated section of a docs file (or appends it). */
export function replaceGeneratedSection(document: string): string {
  const start = document.indexOf(DOCS_START)
  const end = document.indexOf(DOCS_END)
  const section = renderDockerfileRulesMarkdown()
  if (start < 0 || end < start) return `${document.trimEnd()}\n\n${section}\n`
  return document.slice(0, start) + section + document.slice(end + DOCS_END.length)
}
