// One file's content through the secrets check, as the repository scan runs it
// (scanText with fully resolved settings): the tests' and benches' entry point
// for a single file.
import type { Finding } from '../../src/model/finding.js'
import { Detector, type Candidate, type DetectOptions } from '../../src/secrets/detect.js'
import { scanText, type SecretSuppressed } from '../../src/secrets/scan.js'
import { resolveSecretsSettings, type SecretsSettings } from '../../src/secrets/settings.js'

export function scanContent(
  path: string,
  content: Buffer | string,
  settings: SecretsSettings = {}
): { findings: Finding[]; suppressed: SecretSuppressed[] } {
  const buffer = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
  const { findings, suppressed } = scanText(path, buffer, resolveSecretsSettings(settings))
  return { findings, suppressed }
}

/** The raw candidates of one text (latin1: one char per byte). */
export function detectCandidates(text: string, options: DetectOptions): Candidate[] {
  return new Detector().detect(text, options)
}
