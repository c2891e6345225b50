// Our Dockerfile linter against hadolint's and BuildKit's own test suites.
//
//   node_modules/.bin/node node_modules/.bin/tsx eval/dockerfile-peers.mts \
//     --hadolint /work/.mirror/hadolint+hadolint/repo --buildkit /work/.mirror/moby+buildkit/repo
//
// Each path is a bare mirror (HEAD is measured) or an exported tree (give
// --hadolint-commit / --buildkit-commit to record what it is). Nothing of the
// peers is copied: their test files are read where they are.
//
// hadolint: one case per ruleCatches / ruleCatchesNot / onBuildRuleCatches(Not) /
// assertChecks call of test/Hadolint/Rule/*Spec.hs and test/Hadolint/PragmaSpec.hs:
// positive when it expects the code, negative when it expects none. The
// Dockerfile is linted with the spec's `?config` (allowedRegistries,
// labelSchema, strictLabels) and the code under test enabled (hadolint's
// off-by-default DL1001/DL3057 are on in their specs); it "fires" when a
// finding comes from one of our rules that alias the code. ShellCheck cases
// (failsShellcheck / passesShellcheck) run the installed shellcheck.
//
// BuildKit: one Dockerfile per checkLinterWarnings call of
// frontend/dockerfile/dockerfile_check_test.go (plus the parser's
// empty-continuation test), judged for every BuildKit check that is an alias
// of one of our rules: positive when BuildKit expects that check's warning,
// negative when it does not.

import { dockerfileRules, lintDockerfiles } from '../src/dockerfile/index.js'
import type { DockerfileSettings, LabelType } from '../src/dockerfile/settings.js'
import type { Finding } from '../src/model/finding.js'
import {
  readBuildkitChecks,
  readBuildkitParserContinuation,
  type BuildkitCase
} from './buildkit-checks.mjs'
import { readHadolintSpec, type HadolintCase } from './hadolint-specs.mjs'
import { openPeerTree, parseArgs, ratio } from './peer-tree.mjs'

const args = parseArgs(process.argv.slice(2), [
  'hadolint',
  'buildkit',
  'hadolint-commit',
  'buildkit-commit',
  'from-line'
])
const FROM_BASE = args.get('from-line') ?? 'scratch'
if (!args.has('hadolint') && !args.has('buildkit')) {
  console.error(
    'usage: eval/dockerfile-peers.mts --hadolint <mirror or export> --buildkit <mirror or export>'
  )
  process.exit(2)
}

/** Peer id (upper case) → our rule ids that carry it as an alias. */
const OURS = new Map<string, string[]>()
for (const rule of dockerfileRules)
  for (const alias of rule.aliases ?? [])
    OURS.set(alias.toUpperCase(), [...(OURS.get(alias.toUpperCase()) ?? []), rule.id])

const SC = /^SC\d{4}$/

function fires(findings: readonly Finding[], peerRule: string): boolean {
  if (peerRule === 'ShellCheck') return findings.some(f => SC.test(f.ruleId))
  const ids = OURS.get(peerRule.toUpperCase()) ?? []
  return findings.some(f => ids.includes(f.ruleId))
}

interface Tally {
  tp: number
  fn: number
  tn: number
  fp: number
}
const tally = (): Tally => ({ tp: 0, fn: 0, tn: 0, fp: 0 })
function add(t: Tally, expected: boolean, got: boolean): void {
  if (expected && got) t.tp++
  else if (expected) t.fn++
  else if (got) t.fp++
  else t.tn++
}

function printTallies(peer: string, commit: string, byRule: Map<string, Tally>, extra: string[]) {
  const all = tally()
  for (const t of byRule.values()) {
    all.tp += t.tp
    all.fn += t.fn
    all.tn += t.tn
    all.fp += t.fp
  }
  console.log(`\n## ${peer} (${commit})`)
  for (const line of extra) console.log(line)
  console.log(
    `recall ${ratio(all.tp, all.tp + all.fn)} (${all.tp}/${all.tp + all.fn}), ` +
      `specificity ${ratio(all.tn, all.tn + all.fp)} (${all.tn}/${all.tn + all.fp})`
  )
  console.log('\nrule | ours | positives | recall | negatives | specificity')
  for (const [rule, t] of [...byRule].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const ours = rule === 'ShellCheck' ? 'SC codes' : (OURS.get(rule.toUpperCase()) ?? []).join(',')
    console.log(
      `${rule} | ${ours || '(none)'} | ${t.tp + t.fn} | ${ratio(t.tp, t.tp + t.fn)} | ${t.tn + t.fp} | ${ratio(t.tn, t.tn + t.fp)}`
    )
  }
}

function show(text: string): string {
  const json = JSON.stringify(text)
  return json.length > 240 ? json.slice(0, 237) + '…"' : json
}

/**
 * hadolint lints instructions that come before any FROM as one stage; BuildKit
 * (and we) do not build them (`instruction-before-from`). Their specs mostly
 * give bare instructions (`RUN apt-get install python`), so such a Dockerfile
 * is linted with a neutral `FROM BASE` line put before it (line numbers shift by one; no
 * rule under test looks at that line). BASE is --from-line (default `scratch`).
 */
function withFrom(text: string, rule: string): string {
  // DL3061 is about instructions before FROM.
  if (rule === 'DL3061') return text
  const first = text
    .split('\n')
    .map(line => line.trim())
    .find(line => line !== '' && !line.startsWith('#') && !/^arg(\s|$)/i.test(line))
  if (first === undefined || /^from(\s|$)/i.test(first)) return text
  // Parser directives (`# syntax=`, `# escape=`) must stay first.
  const directives = /^(#\s*[a-z]+\s*=.*\n)*/i.exec(text)![0]
  return `${directives}FROM ${FROM_BASE}\n${text.slice(directives.length)}`
}

/** hadolint's onBuild helpers wrap every RUN instruction in ONBUILD. */
function wrapRunsInOnbuild(text: string): string {
  const lines = text.split('\n')
  let continued = false
  let heredoc: string | undefined
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (heredoc !== undefined) {
      if (line.replace(/^\t+/, '') === heredoc) heredoc = undefined
      continue
    }
    if (!continued && !/^\s*#/.test(line)) {
      lines[i] = line.replace(/^(\s*)(run)(\s|$)/i, '$1ONBUILD $2$3')
      const marker = /<<-?(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(line)
      if (marker && /^\s*(run|copy|add)\b/i.test(line)) heredoc = marker[2]
    }
    if (!/^\s*#/.test(line) || !continued) continued = /\\\s*$/.test(line)
  }
  return lines.join('\n')
}

function hadolintSettings(c: HadolintCase): DockerfileSettings {
  return {
    enable: c.rule === 'ShellCheck' ? [] : [c.rule],
    shellcheck: c.rule === 'ShellCheck' ? 'required' : 'off',
    ...(c.config.trustedRegistries ? { trustedRegistries: c.config.trustedRegistries } : {}),
    ...(c.config.labelSchema
      ? { labelSchema: c.config.labelSchema as Record<string, LabelType> }
      : {}),
    ...(c.config.strictLabels !== undefined ? { strictLabels: c.config.strictLabels } : {})
  }
}

/** Lints many files, one lintDockerfiles call (and so one ShellCheck batch) per distinct settings. */
async function lintAll(
  items: { text: string; settings: DockerfileSettings; dockerignore?: string }[]
): Promise<Finding[][]> {
  const groups = new Map<string, number[]>()
  items.forEach((item, i) => {
    const key = JSON.stringify(item.settings)
    groups.set(key, [...(groups.get(key) ?? []), i])
  })
  const out: Finding[][] = items.map(() => [])
  for (const [key, indexes] of groups) {
    const linted = await lintDockerfiles(
      indexes.map(i => ({
        path: `case-${i}/Dockerfile`,
        text: items[i].text,
        context: items[i].dockerignore !== undefined ? { dockerignore: items[i].dockerignore } : {}
      })),
      JSON.parse(key) as DockerfileSettings
    )
    linted.results.forEach((result, k) => (out[indexes[k]] = result.findings))
  }
  return out
}

async function hadolint(root: string): Promise<void> {
  const tree = openPeerTree(root, args.get('hadolint-commit'))
  const files = [
    ...tree.list('test/Hadolint/Rule', /Spec\.hs$/),
    ...tree.list('test/Hadolint', /^PragmaSpec\.hs$/)
  ]
  const cases: HadolintCase[] = []
  const skipped: string[] = []
  for (const file of files) {
    const read = readHadolintSpec(file, tree.read(file))
    cases.push(...read.cases)
    skipped.push(...read.skipped.map(s => `${s.file}:${s.line}: ${s.why}`))
  }
  const noCounterpart = new Set(
    cases.filter(c => c.rule !== 'ShellCheck' && !OURS.has(c.rule.toUpperCase())).map(c => c.rule)
  )
  const measured = cases.filter(c => !noCounterpart.has(c.rule))
  const findings = await lintAll(
    measured.map(c => ({
      text: withFrom(
        c.onbuild ? wrapRunsInOnbuild(c.dockerfile + '\n') : c.dockerfile + '\n',
        c.rule
      ),
      settings: hadolintSettings(c)
    }))
  )
  const byRule = new Map<string, Tally>()
  const disagreements: string[] = []
  measured.forEach((c, i) => {
    const got = fires(findings[i], c.rule)
    const t = byRule.get(c.rule) ?? tally()
    byRule.set(c.rule, t)
    add(t, c.expected, got)
    if (got !== c.expected) {
      const ours = findings[i].map(f => `${f.ruleId}@${f.location.line}`).join(' ')
      disagreements.push(
        `${c.file}:${c.line} ${c.rule}${c.onbuild ? ' (onbuild)' : ''} "${c.name}": hadolint ${c.expected ? 'fires' : 'silent'}, we ${got ? 'fire' : 'are silent'} [ours: ${ours || '-'}] ${show(c.dockerfile)}`
      )
    }
  })
  printTallies('hadolint', tree.commit, byRule, [
    `${cases.length} cases from ${files.length} spec files (${measured.length} of rules we alias, ${byRule.size} rules); ${skipped.length} calls not read`,
    ...(noCounterpart.size > 0 ? [`no counterpart: ${[...noCounterpart].join(', ')}`] : []),
    ...skipped.map(s => `  not read: ${s}`)
  ])
  console.log(`\n### hadolint disagreements (${disagreements.length})`)
  for (const d of disagreements) console.log(`- ${d}`)
}

async function buildkit(root: string): Promise<void> {
  const tree = openPeerTree(root, args.get('buildkit-commit'))
  const cases: BuildkitCase[] = []
  const skipped: string[] = []
  const sources: [string, typeof readBuildkitChecks][] = [
    ['frontend/dockerfile/dockerfile_check_test.go', readBuildkitChecks],
    ['frontend/dockerfile/parser/parser_test.go', readBuildkitParserContinuation]
  ]
  for (const [file, read] of sources) {
    const got = read(file, tree.read(file))
    cases.push(...got.cases)
    skipped.push(...got.skipped.map(s => `${s.file}:${s.line}: ${s.why}`))
  }
  const checks = [
    ...new Set(
      dockerfileRules.flatMap(rule => (rule.aliases ?? []).filter(a => /^[A-Z][A-Za-z]+$/.test(a)))
    )
  ].sort()
  const expectedElsewhere = new Set(
    cases.flatMap(c => c.warnings.map(w => w.rule)).filter(rule => !checks.includes(rule))
  )
  const findings = await lintAll(
    cases.map(c => ({
      text: c.dockerfile,
      settings: { shellcheck: 'off' },
      ...(c.dockerignore !== undefined ? { dockerignore: c.dockerignore } : {})
    }))
  )
  const byRule = new Map<string, Tally>(checks.map(check => [check, tally()]))
  const disagreements: string[] = []
  const lineDifferences: string[] = []
  cases.forEach((c, i) => {
    for (const check of checks) {
      const expectedLines = c.warnings.filter(w => w.rule === check).map(w => w.line)
      const ids = OURS.get(check.toUpperCase()) ?? []
      const ourLines = findings[i].filter(f => ids.includes(f.ruleId)).map(f => f.location.line)
      const expected = expectedLines.length > 0
      const got = ourLines.length > 0
      add(byRule.get(check)!, expected, got)
      const where = `${c.file}:${c.line} (${c.test}) ${check}`
      if (expected !== got) {
        const args = Object.keys(c.buildArgs)
        disagreements.push(
          `${where}: BuildKit ${expected ? `warns at ${expectedLines.join(',')}` : 'silent'}, we ${
            got
              ? `fire at ${ourLines.join(',')} (${findings[i]
                  .filter(f => ids.includes(f.ruleId))
                  .map(f => f.ruleId)
                  .join(',')})`
              : 'are silent'
          }${args.length > 0 ? ` [build args ${args.join(',')}]` : ''} ${show(c.dockerfile)}`
        )
      } else if (
        expected &&
        [...new Set(expectedLines)].sort().join(',') !== [...new Set(ourLines)].sort().join(',')
      ) {
        lineDifferences.push(
          `${where}: BuildKit lines ${expectedLines.join(',')}, ours ${ourLines.join(',')}`
        )
      }
    }
  })
  printTallies('BuildKit', tree.commit, byRule, [
    `${cases.length} Dockerfiles × ${checks.length} checks we alias; ${skipped.length} calls not read`,
    ...(expectedElsewhere.size > 0
      ? [`expected checks with no counterpart here: ${[...expectedElsewhere].join(', ')}`]
      : []),
    ...skipped.map(s => `  not read: ${s}`)
  ])
  console.log(`\n### BuildKit disagreements (${disagreements.length})`)
  for (const d of disagreements) console.log(`- ${d}`)
  console.log(`\n### BuildKit: same verdict, different lines (${lineDifferences.length})`)
  for (const d of lineDifferences) console.log(`- ${d}`)
}

if (args.has('hadolint')) await hadolint(args.get('hadolint')!)
if (args.has('buildkit')) await buildkit(args.get('buildkit')!)
