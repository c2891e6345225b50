// `npm run lint`: no import cycle between modules (dependency-cruiser, type-only
// imports included) and none between the folders of src/ (files at the root of
// src/ — the engine, the registry, the entries — may import any folder).
import { cruise } from 'dependency-cruiser'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const config = require('../.dependency-cruiser.cjs')
const result = await cruise(
  ['src'],
  { ...config.options, validate: true, ruleSet: config },
  undefined,
  {
    tsConfig: { fileName: 'tsconfig.json' }
  }
)
const output = result.output
const problems = []
for (const v of output.summary.violations ?? []) {
  const cycle = (v.cycle ?? []).map(step => step.name ?? step)
  problems.push(`module cycle: ${[v.from, ...cycle].join(' → ')}`)
}

const folderOf = path => /^src\/([^/]+)\//.exec(path)?.[1]
const edges = new Map()
for (const mod of output.modules) {
  const from = folderOf(mod.source)
  if (!from) continue
  for (const dep of mod.dependencies) {
    const to = folderOf(dep.resolved)
    if (!to || to === from) continue
    if (!edges.has(from)) edges.set(from, new Map())
    if (!edges.get(from).has(to)) edges.get(from).set(to, `${mod.source} → ${dep.resolved}`)
  }
}
// Tarjan's strongly connected components: each component of more than one folder is a cycle.
let index = 0
const stack = []
const state = new Map()
const components = []
function visit(node) {
  state.set(node, { index, low: index, onStack: true })
  index++
  stack.push(node)
  for (const next of edges.get(node)?.keys() ?? []) {
    if (!state.has(next)) {
      visit(next)
      state.get(node).low = Math.min(state.get(node).low, state.get(next).low)
    } else if (state.get(next).onStack) {
      state.get(node).low = Math.min(state.get(node).low, state.get(next).index)
    }
  }
  if (state.get(node).low === state.get(node).index) {
    const component = []
    let member
    do {
      member = stack.pop()
      state.get(member).onStack = false
      component.push(member)
    } while (member !== node)
    if (component.length > 1) components.push(component.sort())
  }
}
for (const node of [...edges.keys()].sort()) if (!state.has(node)) visit(node)
for (const component of components) {
  const inside = component.flatMap(from =>
    [...(edges.get(from) ?? [])]
      .filter(([to]) => component.includes(to))
      .map(([, why]) => `    ${why}`)
  )
  problems.push(`folder cycle: ${component.join(', ')}\n${inside.join('\n')}`)
}

if (problems.length > 0) {
  console.error(problems.join('\n'))
  process.exit(1)
}
console.log(`no import cycles (${output.summary.totalCruised} modules)`)
