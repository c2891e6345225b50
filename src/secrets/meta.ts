// RuleMeta for every secrets rule (SARIF descriptors, docs, config validation).
import type { RuleMeta } from '../model/finding.js'
import { ENTROPY_RULE, GENERIC_RULE, WEAK_RULE } from './detect.js'
import { providerRules } from './rules/index.js'

const ROTATE =
  'Treat it as leaked: revoke or rotate it at the provider first, then remove it from the file (and from git history or the image layer, which still hold it). Load it at run time from a secret store or CI secret instead. If it is a test fixture or a documented example, add `container-gate:allow` on the line or an `allow` entry in `checks.secrets`.'

/** The detectors: rules that judge a value by its name or its look, not by a provider's format. */
export const DETECTOR_RULE_IDS: ReadonlySet<string> = new Set([
  GENERIC_RULE.id,
  WEAK_RULE.id,
  ENTROPY_RULE.id
])

export const secretRules: RuleMeta[] = [
  ...providerRules.map((rule): RuleMeta => ({
    id: rule.id,
    check: 'secrets',
    title: rule.title,
    defaultSeverity: rule.severity,
    help: `${rule.help ?? `The value matches the ${rule.title} format${rule.checksum ? ' (whether its checksum verified is in properties.checksum)' : ''}.`}${rule.publicByDesign ? ` Reported at ${rule.severity}: ${rule.publicByDesign}.` : ''} ${ROTATE} Rule reference: docs/secrets.md.`,
    ...(rule.aliases && rule.aliases.length > 0 ? { aliases: [...rule.aliases] } : {}),
    // A format with a checksum is confirmed by it; other provider formats are distinctive.
    precision: rule.checksum ? 'very-high' : 'high'
  })),
  {
    id: GENERIC_RULE.id,
    check: 'secrets',
    title: GENERIC_RULE.title,
    defaultSeverity: GENERIC_RULE.severity,
    help: `A credential name (password, secret, token, api_key, …) is assigned a literal with the shape of a generated credential (not a placeholder, reference, identifier, hash, path or text). ${ROTATE}`,
    aliases: ['generic-api-key', 'KeywordDetector'],
    precision: 'medium'
  },
  {
    id: WEAK_RULE.id,
    check: 'secrets',
    title: WEAK_RULE.title,
    defaultSeverity: WEAK_RULE.severity,
    help: `A credential name, a URL or a .netrc holds a literal that is a default (postgres, admin, changeme), a dictionary word or a made-up test value. It proves little on its own — CI services and local compose files use such values — but if it is a real password, it is a weak one: change it and load it from a secret store. ${ROTATE}`,
    precision: 'low'
  },
  {
    id: ENTROPY_RULE.id,
    check: 'secrets',
    title: ENTROPY_RULE.title,
    defaultSeverity: ENTROPY_RULE.severity,
    help: `A quoted string with the character mix and entropy of a random key (thresholds normalised by length and charset; UUIDs, digests, integrity hashes, public keys, encoded text, ids, data URIs and minified lines are skipped). Medium when the line names a credential, low otherwise. ${ROTATE} Turn this detector off with \`checks.secrets.entropy: false\`.`,
    aliases: ['Base64HighEntropyString', 'HexHighEntropyString'],
    precision: 'low'
  }
]

export const secretRuleIds = new Set(secretRules.map(r => r.id))

/**
 * Other tools' rule ids (and retired ids of ours) → our rule ids, so a config
 * written for gitleaks or detect-secrets, or for an older container-gate, keeps working.
 */
export const secretRuleAliases: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>()
  const add = (alias: string, id: string): void => {
    if (secretRuleIds.has(alias)) return
    const list = map.get(alias) ?? []
    if (!list.includes(id)) list.push(id)
    map.set(alias, list)
  }
  for (const rule of secretRules) for (const alias of rule.aliases ?? []) add(alias, rule.id)
  // Ids container-gate used before the rules were split by format.
  for (const id of [
    'slack-bot-token',
    'slack-user-token',
    'slack-legacy-token',
    'slack-legacy-workspace-token',
    'slack-config-access-token',
    'slack-config-refresh-token'
  ])
    add('slack-token', id)
  for (const id of [
    'shopify-access-token',
    'shopify-custom-access-token',
    'shopify-private-app-access-token',
    'shopify-shared-secret'
  ])
    add('shopify-token', id)
  add('twilio-api-key-sid', 'twilio-api-key')
  return map
})()
