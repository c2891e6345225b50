// RuleMeta for every secrets rule (SARIF descriptors, docs).
import type { RuleMeta } from '../model/finding.js'
import { ENTROPY_RULE, GENERIC_RULE } from './detect.js'
import { providerRules } from './rules.js'

const ROTATE =
  'Treat it as leaked: revoke or rotate it at the provider first, then remove it from the file (and from git history or the image layer, which still hold it). Load it at run time from a secret store or CI secret instead. If it is a test fixture or a documented example, add `container-gate:allow` on the line or an `allow` entry in `checks.secrets`.'

export const secretRules: RuleMeta[] = [
  ...providerRules.map((rule): RuleMeta => ({
    id: rule.id,
    check: 'secrets',
    title: rule.title,
    defaultSeverity: rule.severity,
    help: `${rule.help ?? `The value matches the ${rule.title} format${rule.checksum ? ' (whether its checksum verified is in properties.checksum)' : ''}.`} ${ROTATE}`
  })),
  {
    id: GENERIC_RULE.id,
    check: 'secrets',
    title: GENERIC_RULE.title,
    defaultSeverity: GENERIC_RULE.severity,
    help: `A credential-like name (password, secret, token, api_key, …) is assigned a literal that looks like a real secret (not a placeholder, reference, path, or identifier). ${ROTATE}`
  },
  {
    id: ENTROPY_RULE.id,
    check: 'secrets',
    title: ENTROPY_RULE.title,
    defaultSeverity: ENTROPY_RULE.severity,
    help: `A quoted string with the character mix and entropy of a random key (thresholds normalised by length and charset; UUIDs, digests, integrity hashes, public keys, data URIs and minified lines are skipped). ${ROTATE} Turn this detector off with \`checks.secrets.entropy: false\`.`
  }
]

export const secretRuleIds = new Set(secretRules.map(r => r.id))
