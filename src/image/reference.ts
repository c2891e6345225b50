import { mkdtemp, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { InputError } from '../model/errors.js'
import { imageTempRoot } from './decompress.js'
import type { ReadImageOptions, ResolvedImage } from './types.js'
import { pullFromRegistry, parseReference } from './registry.js'

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

/** `docker save` into a private temp file when a Docker engine here has the image. */
async function dockerSave(reference: string, tempRoot: string): Promise<string | undefined> {
  let exec: typeof import('@actions/exec')
  try {
    exec = await import('@actions/exec')
  } catch {
    return undefined
  }
  const quiet = { silent: true, ignoreReturnCode: true, outStream: undefined, errStream: undefined }
  try {
    const inspect = await exec.getExecOutput(
      'docker',
      ['image', 'inspect', '--format', '{{.Id}}', '--', reference],
      quiet
    )
    if (inspect.exitCode !== 0) return undefined
  } catch {
    return undefined // no docker CLI
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
  return file
}

export async function resolveImageReference(
  source: string,
  options: ReadImageOptions,
  local: LocalResolver
): Promise<ResolvedImage> {
  if (!source.trim()) throw new InputError('image: empty image name or path')
  if (await isLocalPath(source)) return local(source, options)
  const ref = parseReference(source)
  const saved = await dockerSave(source, imageTempRoot(options.tempDir))
  if (saved) {
    const image = await local(saved, options)
    return {
      ...image,
      reference: source,
      dispose: () => rm(join(saved, '..'), { recursive: true, force: true })
    }
  }
  return pullFromRegistry(ref, options)
}
