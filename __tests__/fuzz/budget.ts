// The property-test budget: a short, seeded run in `npm test` (the same cases
// every time, so a failure reproduces), a longer one with FUZZ_RUNS set
// (e.g. FUZZ_RUNS=20000 FUZZ_SEED=$RANDOM npm test -- __tests__/fuzz).
import fc from 'fast-check'

export function fuzzBudget(defaultRuns: number): { numRuns: number; seed: number } {
  const runs = Number(process.env.FUZZ_RUNS)
  const seed = Number(process.env.FUZZ_SEED)
  return {
    numRuns: Number.isInteger(runs) && runs > 0 ? runs : defaultRuns,
    seed: Number.isInteger(seed) ? seed : 20261202
  }
}

/** fc.assert with the budget. */
export function assertProperty<T>(property: fc.IPropertyWithHooks<T>, defaultRuns: number): void {
  fc.assert(property, fuzzBudget(defaultRuns))
}
