import type { ConfigNode } from '../model/config-node.js'
import {
  PRESET_NAMES,
  REQUIREMENTS,
  type PresetName,
  type Requirement,
  type SignaturePolicy
} from './policy.js'
import type { TrustRootSource } from './trust.js'

/**
 * `checks.signatures` in .container-gate.yml:
 *
 * ```yaml
 * checks:
 *   signatures:
 *     policies:                                   # first match wins, before the presets
 *       - images: "cgr.dev/chainguard/*"          # glob(s) over registry/repository
 *         issuer: https://token.actions.githubusercontent.com
 *         identity: "^https://github\\.com/chainguard-images/images/"   # RE2, searched in the SAN
 *         require: [signature, provenance]        # default [signature]
 *         builders: ["^https://github\\.com/actions/runner/github-hosted$"]
 *     presets: [chainguard, github-repository]    # default both; [] turns them off
 *     unlisted-images: any-signer                 # any-signer | ignore
 *     trusted-root: [public-good, .github/trusted_root.jsonl]
 * ```
 */
export interface SignaturesSettings {
  policies: SignaturePolicy[]
  presets: PresetName[]
  /** Images no policy matches: any valid signature passes (and its signer is reported), or skip. */
  unlistedImages: 'any-signer' | 'ignore'
  trustedRoots: TrustRootSource[]
}

export const DEFAULT_SIGNATURES_SETTINGS: SignaturesSettings = {
  policies: [],
  presets: [...PRESET_NAMES],
  unlistedImages: 'any-signer',
  trustedRoots: [{ kind: 'public-good' }]
}

export function parseSignaturesSettings(node: ConfigNode): SignaturesSettings {
  const entries = node.entries(['policies', 'presets', 'unlisted-images', 'trusted-root'])
  const d = DEFAULT_SIGNATURES_SETTINGS
  const presetsNode = entries.get('presets')
  const unlisted = entries.get('unlisted-images')
  const roots = entries.get('trusted-root')
  return {
    policies: node.get('policies').list().map(parsePolicy),
    presets: presetsNode
      ? presetsNode.list().map(item => item.oneOf(PRESET_NAMES))
      : [...d.presets],
    unlistedImages: unlisted ? unlisted.oneOf(['any-signer', 'ignore'] as const) : d.unlistedImages,
    trustedRoots: roots ? parseRoots(roots) : [...d.trustedRoots]
  }
}

function parseRoots(node: ConfigNode): TrustRootSource[] {
  const values = node.stringList()
  if (values.length === 0)
    node.fail('give at least one trusted root: public-good or a trusted_root.json path')
  return values.map(value =>
    value === 'public-good'
      ? { kind: 'public-good' as const }
      : { kind: 'file' as const, path: value }
  )
}

function parsePolicy(node: ConfigNode): SignaturePolicy {
  const entries = node.entries(['images', 'issuer', 'identity', 'require', 'builders'])
  const images = node.get('images').stringList()
  if (images.length === 0) node.fail('a policy needs images: a glob such as "cgr.dev/chainguard/*"')
  const issuerNode = entries.get('issuer')
  const identityNode = entries.get('identity')
  const issuer = issuerNode?.optionalString()
  const identity = identityNode?.optionalString()
  if (issuer !== undefined && issuer.trim() === '') issuerNode!.fail('expected the OIDC issuer URL')
  // A subject is only as good as the issuer that vouched for it: anyone can run an OIDC
  // issuer that puts https://github.com/your-org/… in a certificate (Fulcio accepts
  // configured custom issuers), so an identity without an issuer is refused.
  if (identity !== undefined && issuer === undefined)
    identityNode!.fail(
      'an identity needs an issuer too (e.g. https://token.actions.githubusercontent.com)'
    )
  const requireNode = entries.get('require')
  const require: Requirement[] = requireNode
    ? [...new Set(requireNode.list().map(item => item.oneOf(REQUIREMENTS)))]
    : ['signature']
  if (requireNode && require.length === 0)
    requireNode.fail('expected signature, provenance or both (remove the policy to check nothing)')
  const buildersNode = node.get('builders')
  const builders = buildersNode.stringList()
  if (builders.length > 0 && !require.includes('provenance'))
    buildersNode.fail('builders only apply with require: [provenance]')
  return {
    name: node.key,
    images,
    ...(issuer !== undefined ? { issuer } : {}),
    ...(identity !== undefined ? { identity } : {}),
    require,
    builders,
    where: {
      ...(identityNode && identity !== undefined ? { identity: whereOf(identityNode) } : {}),
      builders: builders.map(() => whereOf(buildersNode))
    }
  }
}

/**
 * `file:line: key` of a node. Regexes are compiled (with re2js) only when verification
 * runs, to keep the cold start free of it; their errors still name the line.
 */
function whereOf(node: ConfigNode): string {
  try {
    node.fail('')
  } catch (error) {
    return (error as Error).message.replace(/: $/, '')
  }
}
