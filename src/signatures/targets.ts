// Which images to verify: every image a linted Dockerfile pulls (FROM, COPY
// --from=<image>, RUN --mount=from=<image>), read from the Dockerfile model,
// and the scanned image when it comes from a registry or carries a digest.

import { parseDockerfile } from '../dockerfile/index.js'
import { errorMessage } from '../model/errors.js'
import { parseReference } from '../image/registry.js'
import { imageName } from './policy.js'

/** BuildKit sets these per platform; a FROM that uses them is decided at build time. */
const PLATFORM_ARGS = new Set([
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT'
])

export interface ImageTarget {
  /** As the Dockerfile names it, ARG defaults expanded. */
  reference: string
  registry: string
  repository: string
  tag?: string
  /** The pinned digest, when the reference has one. */
  digest?: string
  /** `registry/repository` as policies match it. */
  name: string
  /** Where findings go: the first line that uses the image in that Dockerfile. */
  path: string
  line?: number
  /** Other lines of the same file that use it. */
  alsoOn: number[]
  via: 'from' | 'copy-from' | 'mount-from' | 'image'
}

export interface DockerfileText {
  path: string
  text: string
}

export function imagesToVerify(
  dockerfiles: readonly DockerfileText[],
  scanned?: { reference: string; digest?: string }
): { targets: ImageTarget[]; warnings: string[] } {
  const targets: ImageTarget[] = []
  const warnings: string[] = []
  for (const { path, text } of dockerfiles) {
    const seen = new Map<string, ImageTarget>()
    for (const use of parseDockerfile(text).images) {
      if (use.ref.kind !== 'image') continue
      const line = use.instruction.line
      if (use.ref.unset.length > 0 || use.ref.undeclared.length > 0) {
        const names = [...use.ref.unset, ...use.ref.undeclared]
        const why = names.every(n => PLATFORM_ARGS.has(n))
          ? `is chosen by the build platform (${names.join(', ')}), often a stage`
          : `depends on ${names.join(', ')} with no default`
        warnings.push(
          `${path}:${line}: signatures: image "${use.ref.written}" ${why}; not verified`
        )
        continue
      }
      const target = toTarget(use.ref.resolved, path, line, use.via, warnings)
      if (!target) continue
      const key = `${target.name}@${target.digest ?? target.tag}`
      const earlier = seen.get(key)
      if (earlier) earlier.alsoOn.push(line)
      else {
        seen.set(key, target)
        targets.push(target)
      }
    }
  }
  if (scanned) {
    const target = toTarget(scanned.reference, scanned.reference, undefined, 'image', warnings)
    if (target) {
      // The digest of what was actually scanned is what must be signed.
      if (scanned.digest && !target.digest) {
        target.digest = scanned.digest
        delete target.tag
      }
      targets.push(target)
    }
  }
  return { targets, warnings }
}

function toTarget(
  reference: string,
  path: string,
  line: number | undefined,
  via: ImageTarget['via'],
  warnings: string[]
): ImageTarget | undefined {
  try {
    const ref = parseReference(reference)
    return {
      reference,
      registry: ref.registry,
      repository: ref.repository,
      ...(ref.tag !== undefined && !ref.digest ? { tag: ref.tag } : {}),
      ...(ref.digest !== undefined ? { digest: ref.digest } : {}),
      name: imageName(ref.registry, ref.repository),
      path,
      ...(line !== undefined ? { line } : {}),
      alsoOn: [],
      via
    }
  } catch (error) {
    // parseReference speaks to the image input ("…or an existing path"); here it is a Dockerfile word.
    const why = errorMessage(error).replace(/ or an existing path$/, '')
    warnings.push(`${path}${line ? `:${line}` : ''}: signatures: ${why}; not verified`)
    return undefined
  }
}
