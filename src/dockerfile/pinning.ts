// Package pinning in RUN scripts (pip, npm, apk, gem, yum/dnf, zypper, go):
// one implementation of "which package words lack a version", per manager.

import { expand } from './model.js'
import { hit, posixRuns } from './rule-kit.js'
import type { ShellCommand } from './shell.js'
import type { RuleHit, RuleInput, RunFacts } from './types.js'

export interface Unpinned {
  command: ShellCommand
  packages: string[]
}

/**
 * A package word after expanding the RUN's variables: known values are
 * judged; an ARG declared anywhere in the file counts as a version the build
 * passes in (hadolint's benefit of the doubt); other variables expand to empty.
 */
export function expandPackage(word: string, run: RunFacts, input: RuleInput): string | undefined {
  if (!word.includes('$')) return word
  const expansion = expand(word, run.scope, input.model.escape)
  if (expansion.tooDeep || expansion.unset.length > 0) return undefined
  if (expansion.undeclared.some(name => declaredAnywhere(input, name))) return undefined
  return expansion.value
}

function declaredAnywhere(input: RuleInput, name: string): boolean {
  return input.model.instructions.some(instruction => {
    const target = instruction.trigger ?? instruction
    return (
      target.keyword === 'ARG' && target.rest.split(/\s+/).some(word => word.split('=')[0] === name)
    )
  })
}

export function unpinnedHits(
  input: RuleInput,
  ruleId: string,
  find: (run: RunFacts) => Unpinned[],
  message: (found: Unpinned[]) => string
): RuleHit[] {
  const hits: RuleHit[] = []
  for (const run of posixRuns(input)) {
    const found = find(run).filter(u => u.packages.length > 0)
    if (found.length === 0) continue
    hits.push(hit(ruleId, run.instruction, message(found)))
  }
  return hits
}

export function listed(found: Unpinned[]): string {
  const all = found.flatMap(u => u.packages)
  const shown = all.slice(0, 5).map(p => (p.length > 60 ? `${p.slice(0, 59)}…` : p))
  return shown.join(', ') + (all.length > 5 ? `, … (${all.length} in all)` : '')
}

/** A local file, directory or URL: not a registry package (nothing to pin by version). */
export function isLocalOrUrl(word: string): boolean {
  return (
    word === '.' ||
    word.startsWith('/') ||
    word.startsWith('./') ||
    word.startsWith('../') ||
    word.startsWith('~') ||
    /^[a-z][a-z0-9+.-]*:\/\//i.test(word)
  )
}
