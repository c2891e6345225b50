import picomatch from 'picomatch'
import type { ConfigNode } from '../model/config-node.js'
import type { Finding } from '../model/finding.js'
import { UNKEYED, type FingerprintKey } from '../model/fingerprint.js'
import type { SuppressedFinding } from '../model/ignore.js'
import { errorMessage } from '../model/errors.js'
import { RuleIndex } from '../util/rule-index.js'
import { compileSafeRegex } from '../util/safe-regex.js'
import { Detector } from './detect.js'
import { secretRuleAliases, secretRuleIds, secretRules } from './meta.js'

/**
 * `checks.secrets` in .container-gate.yml. Every default is visible here and
 * in docs/secrets.md. `skip-paths` and `noise-paths` ADD to the built-in
 * lists; `skip-defaults: false` drops the built-in lists (then only what you
 * write applies):
 *
 * ```yaml
 * checks:
 *   secrets:
 *     max-file-size: 10MiB          # bigger files are skipped and counted
 *     example-secrets: info         # info | drop: documented example keys (AKIA…EXAMPLE)
 *     generic: true                 # password = "…" style assignments
 *     entropy: true                 # quoted high-entropy strings
 *     skip-paths: [...]             # never scanned, added to the built-in (vendored deps)
 *     noise-paths: [...]            # generic + entropy off, added to the built-in (lockfiles, minified, maps, svg)
 *     skip-defaults: true           # false: the built-in skip and noise lists do not apply
 *     skip-os-files: true           # image: files owned by OS packages
 *     disable: [high-entropy-string] # rule ids (or a gitleaks/detect-secrets id)
 *     allow:
 *       - rule: jwt
 *         path: "test/fixtures/**"
 *       - regex: "^AKIA.{12}TEST$"  # matched against the secret
 *       - fingerprint: 3f2a…
 *         reason: rotated 2026-01
 * ```
 */
export interface SecretsSettings {
  maxFileSize?: number
  exampleSecrets?: 'info' | 'drop'
  generic?: boolean
  entropy?: boolean
  skipPaths?: string[]
  noisePaths?: string[]
  /** false: the built-in skip and noise lists do not apply (default true). */
  skipDefaults?: boolean
  skipOsFiles?: boolean
  disable?: string[]
  allow?: SecretAllowEntry[]
  /** Honour inline `container-gate:allow` / `gitleaks:allow` / `pragma: allowlist secret` (default true). */
  inlineIgnores?: boolean
  /**
   * Not from the file: the run's ignore entries that need the detected value
   * (`value-regex`), as the engine's one ignore model matches them.
   */
  ignoreByValue?: (finding: Finding, value: string) => SuppressedFinding | undefined
  /** Not from the file: the run's key for the secret part of fingerprints (ScanOptions). */
  fingerprintKey?: FingerprintKey
}

/** Suppresses the findings that match every field given. */
export interface SecretAllowEntry {
  rule?: string
  /** Set instead of `rule` when the config named an alias that stands for several rules. */
  rules?: string[]
  path?: string
  regex?: string
  fingerprint?: string
  reason?: string
}

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024

/** Vendored dependencies and VCS internals: third-party code, not the repository's own secrets. */
export const DEFAULT_SKIP_PATHS = [
  '**/.git/**',
  '**/node_modules/**',
  '**/vendor/**',
  '**/bower_components/**',
  '**/.venv/**',
  '**/site-packages/**',
  '**/.yarn/cache/**',
  '**/.pnpm-store/**'
]

/**
 * Files full of hashes and encoded blobs: only the generic and entropy
 * detectors are off here; provider rules (a real `ghp_…`) still run.
 */
export const DEFAULT_NOISE_PATHS = [
  '**/package-lock.json',
  '**/npm-shrinkwrap.json',
  '**/yarn.lock',
  '**/pnpm-lock.yaml',
  '**/bun.lock',
  '**/deno.lock',
  '**/go.sum',
  '**/Cargo.lock',
  '**/poetry.lock',
  '**/Pipfile.lock',
  '**/uv.lock',
  '**/composer.lock',
  '**/Gemfile.lock',
  '**/Podfile.lock',
  '**/packages.lock.json',
  '**/gradle.lockfile',
  // Translation catalogs: UI text in every language ("password" = "Contraseña"), no credentials.
  '**/locale/**',
  '**/locales/**',
  '**/lang/**',
  '**/i18n/**',
  '**/translations/**',
  '**/*.po',
  '**/*.pot',
  '**/*.xliff',
  '**/*.xlf',
  '**/*.min.js',
  '**/*.min.css',
  '**/*.map',
  '**/*.svg'
]

const KEYS = [
  'max-file-size',
  'example-secrets',
  'generic',
  'entropy',
  'skip-paths',
  'noise-paths',
  'skip-defaults',
  'skip-os-files',
  'disable',
  'allow',
  'inline-ignores'
]

export function parseSecretsSettings(node: ConfigNode): SecretsSettings {
  const entries = node.entries(KEYS)
  const settings: SecretsSettings = {}
  const size = entries.get('max-file-size')
  if (size && !size.missing) settings.maxFileSize = parseSize(size)
  const examples = entries.get('example-secrets')
  if (examples && !examples.missing)
    settings.exampleSecrets = examples.oneOf(['info', 'drop'] as const)
  for (const [key, field] of [
    ['generic', 'generic'],
    ['entropy', 'entropy'],
    ['skip-os-files', 'skipOsFiles'],
    ['skip-defaults', 'skipDefaults'],
    ['inline-ignores', 'inlineIgnores']
  ] as const) {
    const value = entries.get(key)?.optionalBoolean()
    if (value !== undefined) settings[field] = value
  }
  for (const [key, field] of [
    ['skip-paths', 'skipPaths'],
    ['noise-paths', 'noisePaths']
  ] as const) {
    const value = entries.get(key)
    if (value) settings[field] = value.stringList()
  }
  const disable = entries.get('disable')
  if (disable) {
    settings.disable = (disable.missing ? [] : disable.list()).flatMap(item => knownRules(item))
  }
  const allow = entries.get('allow')
  if (allow) {
    settings.allow = allow.list().map(item => {
      const fields = item.entries(['rule', 'path', 'regex', 'fingerprint', 'reason'])
      if (fields.size === 0) item.fail('an allow entry needs rule, path, regex or fingerprint')
      const entry: SecretAllowEntry = {}
      for (const key of ['rule', 'path', 'regex', 'fingerprint', 'reason'] as const) {
        const value = fields.get(key)?.optionalString()
        if (value !== undefined) entry[key] = value
      }
      if (!entry.rule && !entry.path && !entry.regex && !entry.fingerprint) {
        item.fail(
          'an allow entry needs rule, path, regex or fingerprint (reason alone matches everything)'
        )
      }
      if (entry.rule !== undefined) {
        const ids = knownRules(fields.get('rule')!)
        // An alias (a gitleaks id, a retired id) allows what it stands for.
        if (ids.length === 1) entry.rule = ids[0]
        else entry.rules = ids
      }
      if (entry.regex !== undefined) {
        try {
          compileSafeRegex(entry.regex) // linear-time: it runs on scanned text
        } catch (error) {
          fields.get('regex')!.fail(errorMessage(error))
        }
      }
      if (entry.path !== undefined && picomatch.scan(entry.path).isGlob === undefined) {
        fields.get('path')!.fail('not a valid glob')
      }
      return entry
    })
  }
  return settings
}

/** A rule id, or the ids an alias (another tool's id, a retired id) stands for; an unknown id is an error. */
function knownRules(node: ConfigNode): string[] {
  const id = node.string()
  if (secretRuleIds.has(id)) return [id]
  const aliased = secretRuleAliases.get(id)
  if (aliased) return [...aliased]
  node.fail(
    `${SECRET_RULE_INDEX.unknown(id, 'secrets rule')} (every rule id is listed in docs/secrets.md#rules)`
  )
}

/** Rule ids and other tools' ids, for the "did you mean" of a misspelt one. */
const SECRET_RULE_INDEX = new RuleIndex(secretRules)

function parseSize(node: ConfigNode): number {
  const raw = node.missing ? '' : node.string()
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*(B|KB|KiB|MB|MiB|GB|GiB)?\s*$/i.exec(raw)
  if (!m) node.fail('expected a size such as 10MiB, 512KiB or a number of bytes')
  const unit = (m[2] ?? 'B').toLowerCase()
  const factor =
    unit === 'b' ? 1 : unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 ** 2 : 1024 ** 3
  const bytes = Math.floor(Number(m[1]) * factor)
  if (bytes <= 0) node.fail('must be more than 0')
  return bytes
}

/** Settings with every default filled in. */
export interface ResolvedSecretsSettings {
  maxFileSize: number
  exampleSecrets: 'info' | 'drop'
  generic: boolean
  entropy: boolean
  skipPaths: string[]
  noisePaths: string[]
  skipOsFiles: boolean
  disable: Set<string>
  allow: SecretAllowEntry[]
  inlineIgnores: boolean
  ignoreByValue?: (finding: Finding, value: string) => SuppressedFinding | undefined
  fingerprintKey: FingerprintKey
  isSkipped: (path: string) => boolean
  isNoise: (path: string) => boolean
  /** The run's detector (its name cache lives as long as these settings). */
  detector: Detector
}

export function resolveSecretsSettings(settings: SecretsSettings = {}): ResolvedSecretsSettings {
  const defaults = settings.skipDefaults !== false
  const skipPaths = [...(defaults ? DEFAULT_SKIP_PATHS : []), ...(settings.skipPaths ?? [])]
  const noisePaths = [...(defaults ? DEFAULT_NOISE_PATHS : []), ...(settings.noisePaths ?? [])]
  const skip = skipPaths.length > 0 ? picomatch(skipPaths, { dot: true }) : () => false
  const noise = noisePaths.length > 0 ? picomatch(noisePaths, { dot: true }) : () => false
  const strip = (path: string): string => path.replace(/^\.?\//, '')
  return {
    maxFileSize: settings.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    exampleSecrets: settings.exampleSecrets ?? 'info',
    generic: settings.generic ?? true,
    entropy: settings.entropy ?? true,
    skipPaths,
    noisePaths,
    skipOsFiles: settings.skipOsFiles ?? true,
    disable: new Set(settings.disable ?? []),
    allow: settings.allow ?? [],
    inlineIgnores: settings.inlineIgnores ?? true,
    ignoreByValue: settings.ignoreByValue,
    fingerprintKey: settings.fingerprintKey ?? UNKEYED,
    isSkipped: path => skip(strip(path)),
    isNoise: path => noise(strip(path)),
    detector: new Detector()
  }
}
