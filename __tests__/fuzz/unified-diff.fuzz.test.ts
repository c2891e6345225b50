// The unified-diff parsers on hostile text (`git diff` of a pull request's
// own files, and the `patch` fields of the PR files API): they return the
// changed lines or throw InputError, never anything else, always terminate,
// and what they return is bounded by their input.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { InputError } from '../../src/model/errors.js'
import { addedLinesInPatch, parseUnifiedDiff } from '../../src/pr/diff.js'
import { assertProperty } from './budget.js'

const PATHS = [
  'a/x',
  'b/x',
  'b/dir/file name.txt',
  '"b/t\\303\\251st"',
  '"b/\\"',
  '"b/\\',
  '"',
  '""',
  '/dev/null',
  'b/x\tstamp',
  '"b/\\777\\1"',
  'b/+++ x',
  'b/@@ -1 +1 @@'
]
const HEADERS = [
  'diff --git a/x b/x',
  'diff --git "a/q" "b/q"',
  'diff --git a/x',
  'diff --git ',
  'new file mode 100644',
  'deleted file mode 100644',
  'rename from x',
  'rename to y',
  'rename to "\\"',
  'Binary files a/x and b/x differ',
  'index 0000000..1111111',
  'similarity index 90%',
  '\\ No newline at end of file'
]
const HUNKS = [
  '@@ -1 +1 @@',
  '@@ -0,0 +1,3 @@',
  '@@ -1,2 +1,2 @@ fn()',
  '@@ -99999999999999999999,1 +1,99999999999999999999 @@',
  '@@ -1,0 +0,0 @@',
  '@@ -a +b @@',
  '@@',
  '@@ -1,1 +1',
  '@@@ -1 -1 +1 @@@'
]
const BODY = [
  '+added',
  '-removed',
  ' context',
  '',
  '+++ b/fake',
  '--- a/fake',
  '++ /dev/null',
  '+@@ -1 +1 @@',
  '\\',
  '\r',
  'junk'
]

const line = fc.oneof(
  fc.constantFrom(...HEADERS),
  fc.constantFrom(...HUNKS),
  fc.constantFrom(...BODY),
  fc.constantFrom(...PATHS).map(p => `+++ ${p}`),
  fc.constantFrom(...PATHS).map(p => `--- ${p}`),
  fc.constantFrom(...PATHS).map(p => `diff --git a/x ${p}`),
  fc.string({ maxLength: 16 })
)
const diffText = fc.array(line, { maxLength: 60 }).map(lines => lines.join('\n'))

function lineCount(text: string): number {
  return text.split('\n').length
}

function expectChangedLinesOrInputError(text: string): void {
  let changed: ReturnType<typeof parseUnifiedDiff>
  try {
    changed = parseUnifiedDiff(text)
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    return
  }
  const lines = lineCount(text)
  expect(changed.size).toBeLessThanOrEqual(lines)
  const bad: string[] = []
  for (const [path, set] of changed) {
    if (typeof path !== 'string') bad.push(`path ${String(path)}`)
    if (set === 'all') continue
    if (set.size > lines) bad.push(`${path}: ${set.size} lines from a ${lines}-line diff`)
    for (const n of set) if (!Number.isSafeInteger(n) || n < 0) bad.push(`${path}: line ${n}`)
  }
  expect(bad).toEqual([])
}

function expectAddedLinesOrInputError(text: string): void {
  let added: Set<number>
  try {
    added = addedLinesInPatch(text)
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    return
  }
  expect(added.size).toBeLessThanOrEqual(lineCount(text))
}

describe('unified diffs on hostile text', () => {
  it('git diff output', () => {
    assertProperty(fc.property(diffText, expectChangedLinesOrInputError), 400)
  })

  it('PR files API patches', () => {
    assertProperty(fc.property(diffText, expectAddedLinesOrInputError), 400)
  })

  it('any text at all', () => {
    const text = fc.string({ maxLength: 300, unit: 'binary' })
    assertProperty(
      fc.property(text, t => {
        expectChangedLinesOrInputError(t)
        expectAddedLinesOrInputError(t)
      }),
      300
    )
  })

  it.each([
    [
      'a quoted path ending in a backslash',
      'diff --git a/x "b/\\"\n+++ "b/\\"\n@@ -0,0 +1 @@\n+x\n'
    ],
    ['a rename to a lone backslash-quote', 'diff --git a/x b/y\nrename to "\\"\n'],
    [
      'a hunk that claims 10^20 lines',
      '+++ b/x\n@@ -1,99999999999999999999 +1,99999999999999999999 @@\n+a\n'
    ],
    ['a hunk that starts at line 10^20', '+++ b/x\n@@ -1 +99999999999999999999 @@\n+a\n'],
    ['200,000 added lines', `+++ b/x\n@@ -0,0 +1,200000 @@\n${'+x\n'.repeat(200000)}`],
    ['200,000 hunk headers', '+++ b/x\n' + '@@ -1 +1 @@\n'.repeat(200000)]
  ])('%s', (_name, text) => {
    expectChangedLinesOrInputError(text)
    expectAddedLinesOrInputError(text)
  })
})
