// Every rule on adversarial input (its keyword + long runs of its charset,
// repeated keywords, 512 KiB lines). The bound is generous for linear work
// and fails on super-linear behaviour: 8× the input may cost at most ~24× the
// time (a quadratic rule costs 64×), plus slack for a busy machine.
import { describe, expect, it } from '@jest/globals'
import { adversarialInputs } from '../../src/secrets/corpus/adversarial.js'
import { detectCandidates } from '../../src/secrets/detect.js'

function cost(text: string): number {
  const started = performance.now()
  detectCandidates(text, { path: 'adversarial.txt', generic: true, entropy: true })
  return performance.now() - started
}

describe('ReDoS safety', () => {
  it('every rule stays linear on adversarial input', () => {
    const small = adversarialInputs(64 * 1024)
    const large = adversarialInputs(512 * 1024)
    expect(large.length).toBeGreaterThan(190)
    const slow: string[] = []
    for (let i = 0; i < small.length; i++) {
      const base = Math.min(cost(small[i]!.text), cost(small[i]!.text))
      const big = cost(large[i]!.text)
      if (big > 24 * base + 250) {
        // Re-measure once before calling it super-linear (the machine is shared).
        const again = cost(large[i]!.text)
        if (again > 24 * base + 250)
          slow.push(`${large[i]!.name}: ${base.toFixed(1)} ms → ${again.toFixed(1)} ms`)
      }
    }
    expect(slow).toEqual([])
  })
})
