// Every rule on adversarial input (its keyword + long runs of its charset,
// repeated keywords, 128 KiB lines; the bench runs 1 MiB). The bound is generous for linear work
// and fails on super-linear behaviour: 8× the input may cost at most ~24× the
// time (a quadratic rule costs 64×), plus slack for a busy machine.
import { describe, expect, it } from '@jest/globals'
import { adversarialInputs } from '../helpers/secrets-corpus/adversarial.js'
import { detectCandidates } from '../helpers/secrets-scan.js'

function timed(run: () => void): number {
  const started = performance.now()
  run()
  return performance.now() - started
}

/** Undefined when `run` scales linearly from `small` to `large` (8× bigger), else what it measured. */
function superLinear(
  run: (input: string) => void,
  small: string,
  large: string
): string | undefined {
  const base = Math.min(
    timed(() => run(small)),
    timed(() => run(small))
  )
  const limit = 24 * base + 250
  const big = timed(() => run(large))
  if (big <= limit) return undefined
  // Re-measure once before calling it super-linear (the machine is shared).
  const again = timed(() => run(large))
  return again <= limit ? undefined : `${base.toFixed(1)} ms → ${again.toFixed(1)} ms`
}

const detect = (text: string): void => {
  detectCandidates(text, { path: 'adversarial.txt', generic: true, entropy: true })
}

describe('ReDoS safety', () => {
  it('the check flags a quadratic regex and passes a linear one', () => {
    // Sizes where the quadratic cost (~2 s) clears the linear bound's 250 ms slack by 2×.
    const quadratic = (text: string) => /[a-z]*[0-9]/.test(text)
    const linear = (text: string) => /[0-9]/.test(text)
    expect(superLinear(quadratic, 'a'.repeat(8192), 'a'.repeat(65536))).toBeDefined()
    expect(superLinear(linear, 'a'.repeat(4096), 'a'.repeat(32768))).toBeUndefined()
  })

  it('every rule stays linear on adversarial input', () => {
    const small = adversarialInputs(16 * 1024)
    const large = adversarialInputs(128 * 1024)
    expect(large.length).toBeGreaterThan(300)
    const slow: string[] = []
    for (let i = 0; i < small.length; i++) {
      const verdict = superLinear(detect, small[i]!.text, large[i]!.text)
      if (verdict) slow.push(`${large[i]!.name}: ${verdict}`)
    }
    expect(slow).toEqual([])
  })
})
