// Every provider rule, in priority order (earlier wins when two match the same
// span): specific formats first, cross-provider formats last.
import { chatRules } from './chat.js'
import { cloudRules } from './cloud.js'
import type { SecretRule } from './define.js'
import { developerRules } from './developer.js'
import { devopsRules } from './devops.js'
import { formatRules } from './formats.js'
import { paymentRules } from './payments.js'
import { saasRules } from './saas.js'
import { serviceRules } from './services.js'
import { vcsRules } from './vcs.js'

export type { SecretRule } from './define.js'

const tokenFirst = (rules: SecretRule[]): SecretRule[] => [
  ...rules.filter(r => r.pattern),
  ...rules.filter(r => !r.pattern)
]

export const providerRules: readonly SecretRule[] = [
  formatRules[0]!, // the GCP service-account JSON before the generic private-key reader
  ...tokenFirst([
    ...vcsRules,
    ...cloudRules,
    ...developerRules,
    ...devopsRules,
    ...chatRules,
    ...paymentRules,
    ...serviceRules,
    ...saasRules
  ]),
  ...formatRules.slice(1)
]

const ids = new Set<string>()
for (const rule of providerRules) {
  if (ids.has(rule.id)) throw new Error(`duplicate secrets rule id ${rule.id}`)
  ids.add(rule.id)
}
