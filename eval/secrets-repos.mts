// Runs the bundled CLI's secrets check on real repositories and writes every
// finding at medium and above to a TSV for hand labelling (issue 12).
//
//   npm run bundle
//   node_modules/.bin/node node_modules/.bin/tsx eval/secrets-repos.mts \
//     [--tsv OUT.tsv] [--labels LABELS.tsv] DIR...
//
// Each DIR is scanned with itself as the working directory (as the action runs
// in a checkout). Prints counts per repository, rule and severity. The TSV has
// one row per medium+ finding: repo, severity, rule, path:line, name, redacted
// preview, fingerprint and the line's shape (the line with the value replaced
// by its redacted preview, never the value itself). With --labels (a TSV of
// fingerprint<TAB>label<TAB>note, label credential|not), it also prints the
// labelled counts and lists the findings that have no label yet.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

interface Finding {
  check: string
  ruleId: string
  severity: string
  path?: string
  line?: number
  column?: number
  fingerprint: string
  properties?: { redacted?: string; name?: string }
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'dist', 'cli', 'index.js')
const node = join(root, 'node_modules', '.bin', 'node')
const RANK: Record<string, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 }

const args = process.argv.slice(2)
let tsvOut = 'secrets-findings.tsv'
let labelsFile = ''
const dirs: string[] = []
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--tsv') tsvOut = args[++i] ?? tsvOut
  else if (args[i] === '--labels') labelsFile = args[++i] ?? ''
  else dirs.push(args[i]!)
}
if (dirs.length === 0 || !existsSync(cli)) {
  console.error(
    existsSync(cli)
      ? 'usage: secrets-repos.mts [--tsv OUT] [--labels FILE] DIR...'
      : 'run npm run bundle first'
  )
  process.exit(2)
}

/** The line with the flagged value replaced by its redacted preview. */
function shape(dir: string, f: Finding): string {
  if (!f.path || !f.line) return ''
  let text: string
  try {
    text = readFileSync(join(dir, f.path), 'utf8').split(/\r?\n/)[f.line - 1] ?? ''
  } catch {
    return ''
  }
  const redacted = f.properties?.redacted ?? ''
  const m = /\((\d+) chars\)$/.exec(redacted)
  if (m && f.column) {
    const start = f.column - 1
    text = text.slice(0, start) + `<${redacted}>` + text.slice(start + Number(m[1]))
  }
  text = text.trim().replace(/\t/g, ' ')
  return text.length > 220 ? `${text.slice(0, 220)}…` : text
}

const labels = new Map<string, string>()
if (labelsFile && existsSync(labelsFile)) {
  for (const row of readFileSync(labelsFile, 'utf8').split('\n')) {
    const [fp, label] = row.split('\t')
    if (fp && label) labels.set(fp, label)
  }
}

const rows: string[] = ['repo\tseverity\trule\tlocation\tname\tredacted\tfingerprint\tshape']
const byLabel: Record<string, Record<string, number>> = {}
const unlabelled: string[] = []
for (const d of dirs) {
  const dir = resolve(d)
  const repo = basename(dir)
  let out: string
  try {
    out = execFileSync(
      node,
      [cli, '--format', 'json', '--no-color', '--verify-signatures', 'off', '--secrets-path', '.'],
      { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] }
    )
  } catch (e) {
    // Exit 1 is a failed gate: the report is still on stdout.
    const err = e as { status?: number; stdout?: string; stderr?: string }
    if (err.status !== 1 || !err.stdout) {
      console.error(
        `${repo}: ${
          String(err.stderr ?? e)
            .trim()
            .split('\n')[0]
        }`
      )
      continue
    }
    out = err.stdout
  }
  const findings = (JSON.parse(out) as { findings: Finding[] }).findings.filter(
    f => f.check === 'secrets'
  )
  const counts = new Map<string, number>()
  for (const f of findings)
    counts.set(`${f.severity} ${f.ruleId}`, (counts.get(`${f.severity} ${f.ruleId}`) ?? 0) + 1)
  const medium = findings.filter(f => (RANK[f.severity] ?? 0) >= RANK.medium!)
  console.log(`${repo}: ${findings.length} findings, ${medium.length} at medium and above`)
  for (const [k, n] of [...counts].sort()) console.log(`  ${String(n).padStart(5)}  ${k}`)
  for (const f of medium) {
    const loc = `${f.path ?? ''}:${f.line ?? ''}`
    rows.push(
      [
        repo,
        f.severity,
        f.ruleId,
        loc,
        f.properties?.name ?? '',
        f.properties?.redacted ?? '',
        f.fingerprint,
        shape(dir, f)
      ].join('\t')
    )
    const label = labels.get(f.fingerprint) ?? ''
    if (!label) unlabelled.push(`${repo}\t${f.ruleId}\t${loc}\t${f.fingerprint}`)
    const per = (byLabel[repo] ??= {})
    per[label || 'unlabelled'] = (per[label || 'unlabelled'] ?? 0) + 1
  }
}
writeFileSync(tsvOut, `${rows.join('\n')}\n`)
console.log(`wrote ${rows.length - 1} medium+ findings to ${tsvOut}`)
if (labelsFile) {
  for (const [repo, per] of Object.entries(byLabel)) console.log(`${repo}\t${JSON.stringify(per)}`)
  if (unlabelled.length > 0) console.log(`unlabelled:\n${unlabelled.join('\n')}`)
}
