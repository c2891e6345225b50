import { mkdtemp, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { InputError } from '../model/errors.js'
import { imageTempRoot } from './decompress.js'
import type { ReadImageOptions, ResolvedImage } from './types.js'
import { pullFromRegistry, parseReference } from './registry.js'

/** A reference split into its parts, as written (nothing validated or normalised but the registry). */
export interface ImageReferenceParts {
  /** The registry host (`ghcr.io`, `registry:5000`), or `docker.io` when the reference names none. */
  registry: string
  /** Whether the reference names its registry. */
  explicitRegistry: boolean
  /** The path after the registry (`library/node` is written `node`). */
  repository: string
  tag?: string
  digest?: string
}

/**
 * The one image-reference parser: `registry:5000/ns/name:tag@sha256:…` → parts.
 * A first path component is a registry when it has a `.` or a `:` or is
 * `localhost` (as Docker decides); a `:` after the last `/` starts the tag, so
 * a registry port is not a tag. It never throws: a Dockerfile reference can
 * hold variables or be invalid, and callers judge the parts.
 */
export function splitImageReference(text: string): ImageReferenceParts {
  let rest = text.trim()
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at !== -1) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
  }
  let tag: string | undefined
  const lastSlash = rest.lastIndexOf('/')
  const colon = rest.lastIndexOf(':')
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
  }
  const slash = rest.indexOf('/')
  const first = slash === -1 ? '' : rest.slice(0, slash)
  const explicitRegistry =
    first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost')
  return {
    registry: explicitRegistry ? first.toLowerCase() : 'docker.io',
    explicitRegistry,
    repository: explicitRegistry ? rest.slice(slash + 1) : rest,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {})
  }
}

// distribution/reference's grammar (what BuildKit's ParseNormalizedNamed accepts).
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])'
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*'
const REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,})?$`
)

/** Whether `text` is a valid image reference (`name[:tag][@digest]`, with an optional registry). */
export function isValidImageReference(text: string): boolean {
  return text.length <= 512 && REFERENCE.test(text)
}

type LocalResolver = (source: string, options: ReadImageOptions) => Promise<ResolvedImage>

/** A path (file, dir, or `dir:tag` of an existing dir) is read locally; anything else is a reference. */
async function isLocalPath(source: string): Promise<boolean> {
  if (await stat(source).catch(() => undefined)) return true
  const colon = source.lastIndexOf(':')
  if (colon > 0 && (await stat(source.slice(0, colon)).catch(() => undefined))?.isDirectory())
    return true
  // Looks like a path the user meant: say it is missing rather than asking a registry.
  return source.startsWith('/') || source.startsWith('.') || /\.(tar|tgz|tar\.gz)$/.test(source)
}

/** What the local Docker engine gave: the saved archive, or why it had nothing (for the error). */
type LocalEngine = { file: string } | { why: string }

/** `docker save` into a private temp file when a Docker engine here has the image. */
async function dockerSave(reference: string, tempRoot: string): Promise<LocalEngine> {
  let exec: typeof import('@actions/exec')
  try {
    exec = await import('@actions/exec')
  } catch {
    return { why: 'no Docker CLI' }
  }
  const quiet = { silent: true, ignoreReturnCode: true, outStream: undefined, errStream: undefined }
  try {
    const inspect = await exec.getExecOutput(
      'docker',
      ['image', 'inspect', '--format', '{{.Id}}', '--', reference],
      quiet
    )
    if (inspect.exitCode !== 0) return { why: engineMiss(inspect.stderr) }
  } catch {
    return { why: 'no docker CLI on PATH' }
  }
  const dir = await mkdtemp(join(tempRoot, 'container-gate-'))
  const file = join(dir, 'image.tar')
  // `--`: a reference is never read as an option.
  const saved = await exec.getExecOutput(
    'docker',
    ['save', '--output', file, '--', reference],
    quiet
  )
  if (saved.exitCode !== 0) {
    await rm(dir, { recursive: true, force: true })
    throw new InputError(
      `docker save ${reference} failed: ${saved.stderr.trim().split('\n').pop() ?? ''}`
    )
  }
  return { file }
}

/** `docker image inspect`'s failure in a few words: no engine, or no such image in it. */
function engineMiss(stderr: string): string {
  const text = stderr.trim()
  if (/cannot connect to the docker daemon|docker daemon running|connection refused/i.test(text))
    return 'no Docker engine is running'
  if (/no such (image|object)/i.test(text)) return 'the local Docker engine does not have it'
  const last = text
    .split('\n')
    .pop()
    ?.replace(/^Error( response from daemon)?:\s*/i, '')
  return `docker image inspect failed${last ? `: ${last.slice(0, 200)}` : ''}`
}

export async function resolveImageReference(
  source: string,
  options: ReadImageOptions,
  local: LocalResolver
): Promise<ResolvedImage> {
  if (!source.trim()) throw new InputError('image: empty image name or path')
  if (await isLocalPath(source)) return local(source, options)
  const ref = parseReference(source)
  const engine = await dockerSave(source, imageTempRoot(options.tempDir))
  if ('file' in engine) {
    const saved = engine.file
    const image = await local(saved, options)
    return {
      ...image,
      reference: source,
      dispose: () => rm(join(saved, '..'), { recursive: true, force: true })
    }
  }
  try {
    return await pullFromRegistry(ref, options)
  } catch (error) {
    // Both places were tried: say so, or "cannot connect" reads as if the engine was never asked.
    if (!(error instanceof InputError)) throw error
    throw new InputError(
      `image ${source}: not found in a local Docker engine (${engine.why}) nor pulled from its registry: ${error.message}`
    )
  }
}
