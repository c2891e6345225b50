// Our secrets scanner against gitleaks' rule samples and detect-secrets' plugin tests.
//
//   node_modules/.bin/node node_modules/.bin/tsx eval/secrets-peers.mts \
//     --gitleaks /work/.mirror/gitleaks+gitleaks/repo --detect-secrets /work/.mirror/Yelp+detect-secrets/repo
//
// Each path is a bare mirror (HEAD is measured) or an exported tree (give
// --gitleaks-commit / --detect-secrets-commit). Nothing of the peers is copied.
// --seed N (default 1) seeds the random secrets gitleaks' samples are built
// from (gitleaks draws new ones on every run; so does this, per seed).
// detect-secrets' tests are read by eval/detect-secrets-cases.py (needs python3).
//
// Every sample is one file scanned as the repository scan does
// (__tests__/helpers/secrets-scan.ts: scanText with default settings): gitleaks'
// samples as `sample` (or the path ValidateWithPaths gives), detect-secrets' as
// `mock_filename[.ext]` (the name its tests pass). A sample is "flagged" when a
// finding of ours above info remains (info = a documented example key, which
// we report as not a secret); a true-positive sample flagged counts for
// recall, a false-positive sample flagged against precision (unless the same
// text is a true-positive sample of another of the peer's rules). The figures with
// every finding (info included) and with medium and above are printed too.

import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { scanContent } from '../__tests__/helpers/secrets-scan.js'
import type { Finding } from '../src/model/finding.js'
import { readGitleaksRules, readSampleTemplates } from './gitleaks-samples.mjs'
import { openPeerTree, parseArgs, ratio } from './peer-tree.mjs'
import { seededRandom } from './regex-sample.mjs'

const args = parseArgs(process.argv.slice(2), [
  'gitleaks',
  'detect-secrets',
  'gitleaks-commit',
  'detect-secrets-commit',
  'seed',
  'misses'
])
if (!args.has('gitleaks') && !args.has('detect-secrets')) {
  console.error(
    'usage: eval/secrets-peers.mts --gitleaks <mirror or export> --detect-secrets <mirror or export> [--seed N] [--misses all|none]'
  )
  process.exit(2)
}
const SEED = Number(args.get('seed') ?? '1')
const SHOW_MISSES = args.get('misses') !== 'none'

interface Case {
  peer: string
  rule: string
  where: string
  path: string
  content: string
  expected: boolean
  /** For grouping misses: gitleaks' sample syntax, detect-secrets' test. */
  shape?: string
}

const LEVELS = {
  'above info': (f: Finding) => f.severity !== 'info',
  'any finding': () => true,
  'medium and above': (f: Finding) => ['medium', 'high', 'critical'].includes(f.severity)
} as const

interface Tally {
  tp: number
  fn: number
  fp: number
  tn: number
}
const tally = (): Tally => ({ tp: 0, fn: 0, fp: 0, tn: 0 })
function add(t: Tally, expected: boolean, got: boolean): void {
  if (expected && got) t.tp++
  else if (expected) t.fn++
  else if (got) t.fp++
  else t.tn++
}

function figures(t: Tally): string {
  return `recall ${ratio(t.tp, t.tp + t.fn)} (${t.tp}/${t.tp + t.fn}), precision ${ratio(t.tp, t.tp + t.fp)} (${t.tp}/${t.tp + t.fp}; ${t.fp} of ${t.fp + t.tn} false-positive samples flagged)`
}

/** The sample's line with what we flagged masked (a flagged value is never printed in full). */
function masked(c: Case, findings: Finding[]): string {
  const lines = c.content.split('\n')
  for (const f of findings) {
    const line = (f.location.line ?? 1) - 1
    const redacted = String(f.properties?.redacted ?? '…')
    if (lines[line] === undefined || f.location.column === undefined) continue
    const start = f.location.column - 1
    const end =
      f.location.endLine === f.location.line
        ? (f.location.endColumn ?? start + 1) - 1
        : lines[line].length
    lines[line] = lines[line].slice(0, start) + `⟨${redacted}⟩` + lines[line].slice(end)
  }
  return short(lines.join('\n'))
}

function short(text: string): string {
  const json = JSON.stringify(text)
  return json.length > 200 ? json.slice(0, 197) + '…"' : json
}

function measure(peer: string, commit: string, all: Case[], notes: string[]): void {
  // A peer's false-positive sample is a near miss for *its* rule; the same
  // text can be another rule's true positive (gitleaks' cloudflare-api-key
  // rule lists the global API keys as its false positives). Those are neither.
  const positives = new Set(all.filter(c => c.expected).map(c => c.content))
  const cases = all.filter(c => c.expected || !positives.has(c.content))
  notes = [
    ...notes,
    `${all.length - cases.length} false-positive samples are another rule's true-positive sample and are not counted`
  ]
  const results = cases.map(c => scanContent(c.path, c.content).findings)
  console.log(`\n## ${peer} (${commit})`)
  for (const note of notes) console.log(note)
  for (const [level, counts] of Object.entries(LEVELS)) {
    const t = tally()
    cases.forEach((c, i) => {
      add(t, c.expected, results[i].some(counts))
    })
    console.log(
      `${level === 'above info' ? '**' : ''}${level}${level === 'above info' ? '**' : ''}: ${figures(t)}`
    )
  }
  const flagged = (i: number) => results[i].some(LEVELS['above info'])
  const byRule = new Map<string, Tally>()
  cases.forEach((c, i) => {
    const t = byRule.get(c.rule) ?? tally()
    byRule.set(c.rule, t)
    add(t, c.expected, flagged(i))
  })
  console.log('\nrule | positives | recall | negatives | flagged negatives | precision')
  for (const [rule, t] of [...byRule].sort(([a], [b]) => (a < b ? -1 : 1)))
    console.log(
      `${rule} | ${t.tp + t.fn} | ${ratio(t.tp, t.tp + t.fn)} | ${t.tn + t.fp} | ${t.fp} | ${ratio(t.tp, t.tp + t.fp)}`
    )
  const misses = cases.flatMap((c, i) => (c.expected && !flagged(i) ? [{ c, i }] : []))
  const falseAlarms = cases.flatMap((c, i) => (!c.expected && flagged(i) ? [{ c, i }] : []))
  const byShape = new Map<string, number>()
  for (const { c } of misses) byShape.set(c.shape ?? '-', (byShape.get(c.shape ?? '-') ?? 0) + 1)
  console.log(`\n### ${peer} misses by shape`)
  for (const [shape, n] of [...byShape].sort((a, b) => b[1] - a[1])) console.log(`- ${shape}: ${n}`)
  if (!SHOW_MISSES) return
  console.log(`\n### ${peer} misses (${misses.length})`)
  for (const { c, i } of misses) {
    const low = results[i].map(f => `${f.ruleId}:${f.severity}`).join(',')
    console.log(
      `- ${c.rule} ${c.where}${c.shape ? ` [${c.shape}]` : ''}${low ? ` (ours: ${low})` : ''} ${short(c.content)}`
    )
  }
  console.log(`\n### ${peer} false alarms (${falseAlarms.length})`)
  for (const { c, i } of falseAlarms) {
    const ours = results[i].filter(LEVELS['above info']).map(f => `${f.ruleId}:${f.severity}`)
    console.log(`- ${c.rule} ${c.where} (ours: ${ours.join(',')}) ${masked(c, results[i])}`)
  }
}

function gitleaks(root: string): void {
  const tree = openPeerTree(root, args.get('gitleaks-commit'))
  const templates = readSampleTemplates(tree.read('cmd/generate/config/utils/generate.go'))
  const files = tree
    .list('cmd/generate/config/rules', /\.go$/)
    .filter(path => !path.endsWith('_test.go'))
    .map(path => ({ path, source: tree.read(path) }))
  const { samples, skipped, rules } = readGitleaksRules(files, templates, seededRandom(SEED))
  const cases: Case[] = samples.map(s => ({
    peer: 'gitleaks',
    rule: s.rule,
    where: `${s.file}:${s.line}`,
    path: s.path ?? 'sample',
    content: s.content,
    expected: s.expected,
    shape: s.template ?? (s.path !== undefined ? `path ${s.path}` : 'literal sample')
  }))
  measure('gitleaks', tree.commit, cases, [
    `${samples.length} samples (${samples.filter(s => s.expected).length} true, ${samples.filter(s => !s.expected).length} false) of ${rules} rule validations in ${files.length} files, ${templates.length} GenerateSampleSecrets syntaxes, seed ${SEED}; ${skipped.length} expressions not evaluated (their samples are not counted):`,
    ...skipped.map(s => `  not evaluated: ${s.rule} ${s.file}:${s.line}: ${s.why}`)
  ])
}

interface DetectSecretsCase {
  file: string
  line: number
  test: string
  rule: string
  path: string
  content: string
  expected: boolean
}

function detectSecrets(root: string): void {
  const tree = openPeerTree(root, args.get('detect-secrets-commit'))
  const sources: Record<string, string> = {}
  for (const path of tree.list('tests/plugins', /_test\.py$/)) sources[path] = tree.read(path)
  const reader = join(dirname(fileURLToPath(import.meta.url)), 'detect-secrets-cases.py')
  const out = JSON.parse(
    execFileSync('python3', [reader], {
      input: JSON.stringify(sources),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024
    })
  ) as {
    cases: DetectSecretsCase[]
    notDetection: { file: string; test: string; params: string[] }[]
    failed: { file: string; why: string }[]
  }
  const cases: Case[] = out.cases.map(c => ({
    peer: 'detect-secrets',
    rule: c.rule,
    where: `${c.file}:${c.line}`,
    path: c.path,
    content: c.content,
    expected: c.expected,
    shape: `${c.rule} ${c.test}`
  }))
  const other = new Map<string, number>()
  for (const o of out.notDetection) {
    const key = `${o.file} ${o.test} (${o.params.join(', ')})`
    other.set(key, (other.get(key) ?? 0) + 1)
  }
  measure('detect-secrets', tree.commit, cases, [
    `${cases.length} parametrized cases (${cases.filter(c => c.expected).length} should flag, ${cases.filter(c => !c.expected).length} should not) from ${Object.keys(sources).length} test modules; not detection cases: ${out.notDetection.length}; modules not read: ${out.failed.length}`,
    ...[...other].map(([key, n]) => `  not a detection case: ${key} ×${n}`),
    ...out.failed.map(f => `  not read: ${f.file}: ${f.why}`)
  ])
}

if (args.has('gitleaks')) gitleaks(args.get('gitleaks')!)
if (args.has('detect-secrets')) detectSecrets(args.get('detect-secrets')!)
