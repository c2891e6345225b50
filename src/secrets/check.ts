// The secrets check as the engine runs it: the image's files (during the one
// image pass), its config and history, the repository paths, and the commits
// of a pull request — one result, the image and history counters prefixed.
import type { Check } from '../model/check.js'
import type { Finding } from '../model/finding.js'
import type { SuppressedFinding } from '../model/ignore.js'
import { createImageSecretScanner } from './image.js'
import { secretRules } from './meta.js'
import { scanSecretsInHistory } from './history.js'
import { scanSecretsInPaths } from './paths.js'
import { parseSecretsSettings, type SecretsSettings } from './settings.js'

type ImageSecretScanner = ReturnType<typeof createImageSecretScanner>

export const secretsCheck: Check<SecretsSettings, ImageSecretScanner, 'secrets'> = {
  id: 'secrets',
  rules: secretRules,
  parseSettings: parseSecretsSettings,
  needs: 'paths to scan (the secrets-path input, --secrets-path)',
  enabled: options => options.secretsPaths.length > 0,
  imageHook: (settings, options, context) =>
    createImageSecretScanner({
      ...settings,
      ignoreByValue: context.ignoreByValue,
      fingerprintKey: options.fingerprintKey
    }),
  async run({ settings: fileSettings, options, image, imageHook, context }) {
    const settings = {
      ...fileSettings,
      ignoreByValue: context.ignoreByValue,
      fingerprintKey: options.fingerprintKey
    }
    const findings: Finding[] = []
    const suppressed: SuppressedFinding[] = []
    const warnings: string[] = []
    let stats: Record<string, number> = {}

    if (image && imageHook) {
      const found = imageHook.finish({
        existsInFinal: path => image.existsInFinal(path),
        isOsOwned: image.isOsOwned ? path => image.isOsOwned!(path) : undefined,
        env: image.config.env,
        history: image.history
      })
      findings.push(...found.findings)
      suppressed.push(...found.suppressed)
      stats = { ...stats, ...prefixKeys('image', found.stats) }
    }

    const scanned = await scanSecretsInPaths(options.secretsPaths, settings, { cwd: options.cwd })
    findings.push(...scanned.result.findings)
    suppressed.push(...scanned.suppressed)
    warnings.push(...scanned.result.warnings)
    stats = { ...stats, ...scanned.result.stats }
    context.log(`Scanned ${scanned.result.stats.files ?? 0} file(s) for secrets`)

    const range = options.secretsHistory
    if (range) {
      const history = await scanSecretsInHistory(range, options.secretsPaths, settings, {
        cwd: options.cwd
      })
      if (!history.available) {
        const line = `secrets history: the commits of ${range.base}..${range.head} are not in this checkout (actions/checkout with fetch-depth: 0 brings them); only the files were scanned`
        if (range.automatic) context.log(line)
        else warnings.push(line)
      } else {
        // A secret still in the files is reported once, by the file scan (same fingerprint).
        const inFiles = new Set([
          ...scanned.result.findings.map(f => f.fingerprint),
          ...scanned.suppressed.map(s => s.finding.fingerprint)
        ])
        findings.push(...history.findings.filter(f => !inFiles.has(f.fingerprint)))
        suppressed.push(...history.suppressed.filter(s => !inFiles.has(s.finding.fingerprint)))
        warnings.push(...history.warnings)
        stats = { ...stats, ...prefixKeys('history', history.stats) }
        context.log(
          `Scanned ${history.stats.commits ?? 0} commit(s) of ${range.base}..${range.head} for secrets`
        )
      }
    }
    return { check: 'secrets', findings, suppressed, rules: secretRules, warnings, stats }
  }
}

function prefixKeys(prefix: string, stats: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [key, value] of Object.entries(stats))
    out[prefix + key[0]!.toUpperCase() + key.slice(1)] = value
  return out
}
