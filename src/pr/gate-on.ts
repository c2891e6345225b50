import type { GateOutcome } from '../gate/evaluate.js'
import { InputError } from '../model/errors.js'
import type { Finding } from '../model/finding.js'

/** `all`: every finding can fail the gate. `new`: only findings absent from the baseline. */
export type GateOn = 'all' | 'new'

export function parseGateOn(value: string, where = "input 'gate-on'"): GateOn {
  const v = value.trim().toLowerCase()
  if (v === '' || v === 'all') return 'all'
  if (v === 'new') return 'new'
  throw new InputError(`${where} has value "${value}"; allowed: all, new`)
}

/**
 * The verdict when only new findings count: the same thresholds, tripped only
 * by findings in `added` (identity, as splitNewExisting returns them). Counts
 * and totals still describe every finding, so the summary stays complete.
 */
export function gateOnNewFindings(gate: GateOutcome, added: readonly Finding[]): GateOutcome {
  const isNew = new Set(added)
  const tripped = gate.tripped.filter(f => isNew.has(f))
  return { ...gate, passed: tripped.length === 0, tripped }
}
