// Robustness over the 995 real-world Dockerfiles (and templates) in
// ../shared/corpus/dockerfiles: no crash, well-formed deterministic findings,
// and the parsed instructions are well formed (in order, inside the file,
// heredoc bodies inside their instruction). Skips when ../shared is absent.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { lintDockerfile } from '../../src/dockerfile/index.js'
import { parseText, splitLines } from '../../src/dockerfile/parse.js'

const corpus = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'dockerfiles')
const present = existsSync(corpus)
if (!present) console.log(`corpus test skipped: ${corpus} not found (it lives in ../shared)`)

const names = present
  ? readdirSync(corpus)
      .filter(name => name !== 'MANIFEST.tsv')
      .sort()
  : []
const read = (name: string) => readFileSync(join(corpus, name), 'utf8')
/** Files that are not buildable on purpose: templates and BuildKit parser-only test files. */
const notBuildable = (name: string) =>
  /template|testfiles-negative|eng__dockerfile-templates|parser__testfiles__(jeztah-invalid-json|json__)/i.test(
    name
  )

;(present ? describe : describe.skip)('Dockerfile corpus', () => {
  it('has the 995 files', () => {
    expect(names).toHaveLength(995)
  })

  it('lints every file without throwing; findings are well formed and deterministic', () => {
    const problems: string[] = []
    let parseErrors = 0
    for (const name of names) {
      const text = read(name)
      const first = lintDockerfile(name, text, {})
      const lineCount = Math.max(1, splitLines(text).length)
      const fingerprints = new Set(first.findings.map(f => f.fingerprint))
      if (fingerprints.size !== first.findings.length)
        problems.push(`${name}: duplicate fingerprints`)
      for (const f of first.findings) {
        const line = f.location.line ?? 0
        if (f.check !== 'dockerfile' || f.location.path !== name)
          problems.push(`${name}: wrong check/path`)
        if (line < 1 || line > lineCount)
          problems.push(`${name}: line ${line} outside 1..${lineCount}`)
        if (!/^[0-9a-f]{32}$/.test(f.fingerprint)) problems.push(`${name}: bad fingerprint`)
      }
      // Determinism on a third of the files (the whole corpus twice is slow on a shared machine).
      if (
        names.indexOf(name) % 3 === 0 &&
        JSON.stringify(lintDockerfile(name, text, {})) !== JSON.stringify(first)
      ) {
        problems.push(`${name}: not deterministic`)
      }
      const parseError = first.findings.some(f => f.ruleId === 'dockerfile-parse-error')
      if (parseError) parseErrors++
      // Every real Dockerfile parses; the parse errors are exactly the templates and parser test files.
      if (parseError && !notBuildable(name)) problems.push(`${name}: ${first.findings[0].message}`)
    }
    expect(problems).toEqual([])
    expect(parseErrors).toBeGreaterThan(60)
  })

  it('reads every instruction in order, inside the file, with heredoc bodies inside their instruction', () => {
    const problems: string[] = []
    for (const name of names) {
      const text = read(name)
      const parsed = parseText(text)
      let previous = 0
      for (const i of parsed.instructions) {
        if (i.line <= previous || i.endLine < i.line || i.endLine > parsed.lineCount)
          problems.push(`${name}: ${i.keyword}@${i.line}-${i.endLine}`)
        for (const h of i.heredocs)
          if (h.line < i.line || h.endLine > i.endLine)
            problems.push(`${name}: heredoc ${h.delimiter}@${h.line}`)
        previous = i.endLine
      }
    }
    expect(problems).toEqual([])
  })
})
