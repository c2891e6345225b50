// The image side: the layer reader calls wants()/file() for every regular file
// of every layer, then finish() with what only the whole image knows (final
// filesystem, OS-owned files, config Env, history).
import type { Finding } from '../model/finding.js'
import type { ImageFileVisit } from '../model/image.js'
import { makeFingerprint, secretHash, type FingerprintKey } from '../model/fingerprint.js'
import { redactSecret } from '../model/redact.js'
import { Detector } from './detect.js'
import { secretRules } from './meta.js'
import { allowedBy, scanText, type SecretSuppressed } from './scan.js'
import { resolveSecretsSettings, type SecretsSettings } from './settings.js'
import { detectSecretsInValue } from './value.js'

export type { ImageFileVisit }

export interface ImageFacts {
  existsInFinal(path: string): boolean
  isOsOwned?(path: string): boolean
  env: string[]
  history: { createdBy: string; emptyLayer: boolean; layerIndex?: number }[]
}

/** Directories of OS data that never hold an application's secrets. */
const OS_DATA_DIRS =
  /^\/?(?:proc|sys|dev|usr\/share\/(?:doc|man|info|locale|zoneinfo|i18n|mime|icons|fonts|terminfo|perl5?|X11)|usr\/include|usr\/lib\/locale|var\/lib\/(?:dpkg|apt|rpm|apk)|var\/cache|var\/log|lib\/modules|lib\/firmware|usr\/lib\/(?:modules|firmware))\//
const BINARY_EXTENSIONS =
  /\.(?:so(?:\.[0-9.]+)?|a|o|ko|bin|exe|dll|dylib|class|jar|war|ear|pyc|pyo|whl|egg|gz|tgz|bz2|xz|zst|zip|7z|rar|tar|png|jpe?g|gif|bmp|ico|webp|tiff?|woff2?|ttf|otf|eot|mp[34]|wav|ogg|webm|avi|mov|pdf|mo|db|sqlite3?|node|wasm)$/i

const HELP = new Map(secretRules.map(r => [r.id, r.help]))

export function createImageSecretScanner(settings: SecretsSettings): {
  wants(path: string, size: number): boolean
  file(visit: ImageFileVisit, content: Buffer): void
  finish(image: ImageFacts): {
    findings: Finding[]
    suppressed: SecretSuppressed[]
    /** files/bytes scanned, binaries skipped: for CheckResult.stats. */
    stats: Record<string, number>
  }
} {
  const resolved = resolveSecretsSettings(settings)
  const found: { finding: Finding; visit: ImageFileVisit; suppressed?: SecretSuppressed }[] = []
  const lastLayerOf = new Map<string, number>()
  const stats = { files: 0, bytes: 0, skippedBinary: 0 }

  return {
    wants(path, size) {
      return (
        size > 0 &&
        size <= resolved.maxFileSize &&
        !BINARY_EXTENSIONS.test(path) &&
        !OS_DATA_DIRS.test(path) &&
        !resolved.isSkipped(path)
      )
    },
    file(visit, content) {
      lastLayerOf.set(visit.path, Math.max(lastLayerOf.get(visit.path) ?? -1, visit.layerIndex))
      const out = scanText(visit.path, content, resolved)
      if (out.binary) stats.skippedBinary++
      else {
        stats.files++
        stats.bytes += content.length
      }
      for (const finding of out.findings) found.push({ finding, visit })
      for (const s of out.suppressed) found.push({ finding: s.finding, visit, suppressed: s })
    },
    finish(image) {
      const findings: Finding[] = []
      const suppressed: SecretSuppressed[] = []
      // One report per fingerprint (rule + path + secret): the earliest layer that has it.
      const groups = new Map<
        string,
        { finding: Finding; visit: ImageFileVisit; suppressed?: SecretSuppressed }[]
      >()
      for (const item of found) {
        const list = groups.get(item.finding.fingerprint) ?? []
        list.push(item)
        groups.set(item.finding.fingerprint, list)
      }
      for (const list of groups.values()) {
        list.sort((a, b) => a.visit.layerIndex - b.visit.layerIndex)
        const first = list[0]!
        const latest = list[list.length - 1]!
        const path = first.visit.path
        const inFinal =
          image.existsInFinal(path) && lastLayerOf.get(path) === latest.visit.layerIndex
        const createdBy = first.visit.createdBy
          ? sanitize(first.visit.createdBy, resolved.detector)
          : undefined
        const where = inFinal
          ? ` (in layer ${first.visit.layerIndex}${createdBy ? `, created by \`${createdBy}\`` : ''})`
          : `; the file is gone from the final image but still extractable from layer ${first.visit.layerIndex}${createdBy ? ` (created by \`${createdBy}\`)` : ''}`
        const finding: Finding = {
          ...first.finding,
          message: first.finding.message.replace(/\.$/, `${where}.`),
          properties: {
            ...first.finding.properties,
            layerIndex: first.visit.layerIndex,
            layerDigest: first.visit.layerDigest,
            ...(createdBy ? { createdBy } : {}),
            inFinalImage: inFinal,
            imagePath: `/${path.replace(/^\/+/, '')}`
          }
        }
        if (first.suppressed) suppressed.push({ ...first.suppressed, finding })
        else if (resolved.skipOsFiles && image.isOsOwned?.(path))
          suppressed.push({
            finding,
            reason: 'the file belongs to an OS package (checks.secrets.skip-os-files)',
            source: 'config'
          })
        else findings.push(finding)
      }
      const seenSecrets = new Set<string>()
      for (const entry of image.env) {
        const eq = entry.indexOf('=')
        if (eq <= 0) continue
        const key = entry.slice(0, eq)
        const value = entry.slice(eq + 1)
        for (const m of detectSecretsInValue(value, { key, detector: resolved.detector })) {
          const secret = value.slice(m.start, m.end)
          seenSecrets.add(secret)
          const finding = imageFinding(
            resolved.fingerprintKey,
            m.ruleId,
            m.title,
            m.severity,
            `image config Env ${key}`,
            secret,
            `${m.title} in the image config's Env ${key}: ${m.redacted}; anyone who can pull the image reads it (docker inspect).`,
            { variable: key, imagePath: `config/Env/${key}` }
          )
          place(finding, secret, findings, suppressed)
        }
      }
      image.history.forEach((step, index) => {
        const text = Buffer.from(step.createdBy, 'utf8').toString('latin1')
        for (const c of resolved.detector.detect(text, {
          generic: true,
          entropy: false,
          disabled: resolved.disable
        })) {
          const secret = Buffer.from(c.secret, 'latin1').toString('utf8')
          if (seenSecrets.has(secret)) continue // already reported from Env
          seenSecrets.add(secret)
          const layer = step.layerIndex
          const finding = imageFinding(
            resolved.fingerprintKey,
            c.ruleId,
            c.title,
            c.example ? 'info' : c.severity,
            `image history ${index}`,
            secret,
            `${c.title} ${redactSecret(secret)} in the image history (step ${index}${layer !== undefined ? `, layer ${layer}` : ''}): build args and RUN lines are recorded there and readable with docker history.`,
            {
              historyIndex: index,
              imagePath: `history/${index}`,
              ...(layer !== undefined ? { layerIndex: layer } : {}),
              createdBy: sanitize(step.createdBy, resolved.detector)
            }
          )
          if (c.example && resolved.exampleSecrets === 'drop') continue
          place(finding, secret, findings, suppressed)
        }
      })
      return { findings, suppressed, stats: { ...stats } }
    }
  }

  function place(
    finding: Finding,
    secret: string,
    findings: Finding[],
    suppressed: SecretSuppressed[]
  ): void {
    if (resolved.disable.has(finding.ruleId)) return
    const reason = allowedBy(finding, secret, resolved)
    if (reason) suppressed.push({ finding, reason, source: 'config' })
    else findings.push(finding)
  }
}

function imageFinding(
  key: FingerprintKey,
  ruleId: string,
  title: string,
  severity: Finding['severity'],
  path: string,
  secret: string,
  message: string,
  extra: NonNullable<Finding['properties']>
): Finding {
  return {
    check: 'secrets',
    ruleId,
    severity,
    title,
    message,
    location: { path },
    help: HELP.get(ruleId),
    fingerprint: makeFingerprint(ruleId, path, key.digest(secret)),
    properties: { redacted: redactSecret(secret), secretHash: secretHash(key, secret), ...extra }
  }
}

/** A created_by line with every detected secret replaced by its redacted form. */
export function sanitize(createdBy: string, detector: Detector = new Detector()): string {
  const text = Buffer.from(createdBy, 'utf8').toString('latin1')
  const found = detector.detect(text, { generic: true, entropy: true })
  const utf8 = (from: number, to?: number): string =>
    Buffer.from(text.slice(from, to), 'latin1').toString('utf8')
  let result = ''
  let at = 0
  for (const c of found) {
    result += utf8(at, c.start) + redactSecret(utf8(c.start, c.end))
    at = c.end
  }
  result += utf8(at)
  return result.length > 300 ? `${result.slice(0, 297)}...` : result
}
