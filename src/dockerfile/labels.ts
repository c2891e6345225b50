// LABEL reading for the label rules (hadolint's DL3048–DL3058): every label
// of every LABEL instruction, and the value checks of the label schema types.

import parseSpdx from 'spdx-expression-parse'
import semver from 'semver'
import { parseAssignments, type Instruction } from './model.js'
import type { LabelType } from './settings.js'
import type { RuleInput } from './types.js'

export interface LabelUse {
  instruction: Instruction
  stage: number
  key: string
  value: string
}

export function labels(input: RuleInput): LabelUse[] {
  const out: LabelUse[] = []
  for (const facts of input.stages)
    for (const instruction of facts.stage.instructions) {
      const target = instruction.trigger ?? instruction
      if (target.keyword !== 'LABEL') continue
      for (const { key, value } of parseAssignments(target.rest, 'LABEL', input.model.escape))
        out.push({ instruction, stage: facts.stage.index, key, value: value ?? '' })
    }
  return out
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/

/** Whether a value fits its schema type (empty values are DL3051's, not these). */
export function fitsType(type: LabelType, value: string): boolean {
  switch (type) {
    case 'text':
      return true
    case 'url':
      try {
        const url = new URL(value)
        return (
          /^[a-z][a-z0-9+.-]*:$/.test(url.protocol) &&
          (url.host !== '' || url.protocol === 'mailto:')
        )
      } catch {
        return false
      }
    case 'rfc3339':
      return RFC3339.test(value) && !Number.isNaN(Date.parse(value.replace(' ', 'T')))
    case 'spdx':
      try {
        parseSpdx(value)
        return true
      } catch {
        return false
      }
    case 'hash':
      return /^[0-9a-f]{7,40}$/.test(value) || /^[0-9a-f]{64}$/.test(value)
    case 'semver':
      return semver.valid(value) !== null
    case 'email':
      return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(value)
  }
}
