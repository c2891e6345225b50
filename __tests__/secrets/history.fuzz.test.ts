// Property-based test of the history scan's patch parser (untrusted input: the
// commits of a pull request). Short seeded budget here; `npm run fuzz` for a long run.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { InputError } from '../../src/model/errors.js'
import { addedLines } from '../../src/secrets/history.js'
import { fuzzBudget } from '../fuzz/budget.js'

const { numRuns: RUNS, seed: SEED } = fuzzBudget(300)

/** Lines that look like a patch (headers, hunks with lying counts, content) mixed with noise. */
const patchLine = fc.oneof(
  fc.constantFrom(
    'diff --git a/x b/x',
    '--- a/x',
    '+++ b/x',
    '+++ /dev/null',
    '+++ "b/we\\"ird"\t',
    '+++ b/with space\t',
    '++ /dev/null',
    '\\ No newline at end of file',
    ''
  ),
  fc
    .tuple(fc.nat(1e9), fc.nat(20), fc.nat(1e9), fc.nat(20))
    .map(([a, b, c, d]) => `@@ -${a},${b} +${c},${d} @@`),
  fc.tuple(fc.constantFrom('+', '-', ' ', '@', '\\', '"'), fc.string()).map(([k, t]) => k + t),
  fc.string()
)

describe('addedLines on arbitrary patches', () => {
  it('never throws anything but InputError, and its output is bounded by its input', () => {
    fc.assert(
      fc.property(fc.array(patchLine, { maxLength: 200 }), lines => {
        const patch = lines.join('\n')
        let files: ReturnType<typeof addedLines>
        try {
          files = addedLines(patch)
        } catch (error) {
          expect(error).toBeInstanceOf(InputError)
          return
        }
        let chars = 0
        let count = 0
        for (const file of files) {
          expect(file.lines.length).toBe(file.lineNumbers.length)
          expect(file.lines.length).toBeGreaterThan(0)
          for (const n of file.lineNumbers) expect(Number.isSafeInteger(n)).toBe(true)
          chars += file.path.length + file.lines.reduce((s, l) => s + l.length, 0)
          count += file.lines.length
        }
        // Every added line comes from one input line: never more lines or text than went in.
        expect(count).toBeLessThanOrEqual(lines.length)
        expect(chars).toBeLessThanOrEqual(patch.length)
      }),
      { seed: SEED, numRuns: RUNS }
    )
  })

  it('terminates on a huge hunk count over a short body', () => {
    const files = addedLines(`+++ b/x\n@@ -0,0 +1,${Number.MAX_SAFE_INTEGER} @@\n+a\n+b`)
    expect(files).toEqual([{ path: 'x', lines: ['a', 'b'], lineNumbers: [1, 2] }])
  })
})
