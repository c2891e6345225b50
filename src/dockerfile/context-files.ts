// The files next to a Dockerfile that change how it is linted, read at the
// edge of the check: `.hadolint.yaml` (so a hadolint user's config keeps
// working) and the build context's `.dockerignore` (BuildKit's
// CopyIgnoredFile). Every read is bounded, regular files only, and never
// follows a symlink out of the workspace.

import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { LineCounter, parseDocument } from 'yaml'
import { InputError } from '../model/errors.js'
import type { Severity, Threshold } from '../model/finding.js'
import { resolveRuleIds } from './registry.js'
import { LABEL_TYPES, type DockerfileSettings, type LabelType } from './settings.js'

/** Larger than any real config or ignore file; a bigger one is refused, not read. */
export const MAX_CONTEXT_FILE_BYTES = 1024 * 1024

/**
 * The text of `path` when it is a regular file inside `root` (after
 * resolving symlinks) and at most MAX_CONTEXT_FILE_BYTES; undefined when
 * there is no such file. A file that escapes the root or is too big is an
 * input error that names it as given.
 */
export function readBoundedFile(path: string, root: string, shownAs: string): string | undefined {
  let real: string
  try {
    real = realpathSync(path)
  } catch {
    return undefined
  }
  const inside = relative(realpathSync(root), real)
  if (inside.split(sep)[0] === '..' || isAbsolute(inside))
    throw new InputError(`${shownAs}: is a link that leaves the workspace; not read`)
  let fd: number
  try {
    fd = openSync(real, 'r')
  } catch {
    return undefined
  }
  try {
    const info = fstatSync(fd)
    if (!info.isFile()) throw new InputError(`${shownAs}: not a regular file; not read`)
    if (info.size > MAX_CONTEXT_FILE_BYTES)
      throw new InputError(
        `${shownAs}: larger than ${MAX_CONTEXT_FILE_BYTES / 1024 / 1024} MiB; not read`
      )
    const buffer = Buffer.alloc(Math.min(info.size, MAX_CONTEXT_FILE_BYTES) + 1)
    const length = readSync(fd, buffer, 0, buffer.length, 0)
    if (length > MAX_CONTEXT_FILE_BYTES)
      throw new InputError(
        `${shownAs}: larger than ${MAX_CONTEXT_FILE_BYTES / 1024 / 1024} MiB; not read`
      )
    return buffer.subarray(0, length).toString('utf8')
  } finally {
    closeSync(fd)
  }
}

export interface HadolintConfig {
  /** What the file sets, in our settings' terms (ours win where both say something). */
  settings: DockerfileSettings
  /** hadolint's failure-threshold (or no-fail) as our gate threshold for the Dockerfile check. */
  failOn?: Threshold
  /** The file read, as the user would name it. */
  file: string
  warnings: string[]
}

/** hadolint's levels → ours: error fails a default gate, style never does. */
const LEVELS: Record<string, Severity> = {
  error: 'high',
  warning: 'medium',
  info: 'low',
  style: 'info'
}
const THRESHOLDS: Record<string, Threshold> = {
  error: 'high',
  warning: 'medium',
  info: 'low',
  style: 'low',
  ignore: 'none',
  none: 'none'
}

/** hadolint's config file names in a working directory, in the order it looks for them. */
export const HADOLINT_CONFIG_FILES = ['.hadolint.yaml', '.hadolint.yml'] as const

/** `.hadolint.yaml` (or `.hadolint.yml`) in the working directory, as hadolint finds it first. */
export function readHadolintConfig(cwd: string): HadolintConfig | undefined {
  for (const name of HADOLINT_CONFIG_FILES) {
    const text = readBoundedFile(join(cwd, name), cwd, name)
    if (text !== undefined) return parseHadolintConfig(text, name)
  }
  return undefined
}

export function parseHadolintConfig(text: string, file: string): HadolintConfig {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false })
  if (doc.errors.length > 0) {
    const line = lines.linePos(doc.errors[0].pos[0]).line
    throw new InputError(`${file}:${line}: invalid YAML: ${doc.errors[0].message.split('\n')[0]}`)
  }
  let raw: unknown
  try {
    // Unresolved aliases (`*x`) and alias bombs stop here.
    raw = doc.toJS({ maxAliasCount: 100 })
  } catch (error) {
    throw new InputError(
      `${file}: invalid YAML: ${error instanceof Error ? error.message.split('\n')[0] : 'cannot be read'}`
    )
  }
  const config: HadolintConfig = { settings: {}, file, warnings: [] }
  if (raw === null || raw === undefined) return config
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new InputError(`${file}: not a mapping of settings`)
  const data = raw as Record<string, unknown>
  const strings = (key: string, value: unknown): string[] => {
    const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : undefined
    if (!list || !list.every(v => typeof v === 'string'))
      throw new InputError(`${file}: "${key}" must be a list of strings`)
    return list as string[]
  }
  const known = (key: string, codes: string[]): string[] =>
    codes.filter(code => {
      if (resolveRuleIds(code).length > 0) return true
      config.warnings.push(
        `${file}: "${key}" names ${code.slice(0, 40)}, which no Dockerfile rule has`
      )
      return false
    })
  if (data.ignored !== undefined)
    config.settings.disable = known('ignored', strings('ignored', data.ignored))
  if (data.override !== undefined) {
    if (typeof data.override !== 'object' || data.override === null)
      throw new InputError(`${file}: "override" must be a mapping`)
    const severity: Record<string, Severity> = {}
    for (const [level, codes] of Object.entries(data.override as Record<string, unknown>)) {
      const ours = LEVELS[level]
      if (!ours)
        throw new InputError(`${file}: override.${level}: not one of error, warning, info, style`)
      for (const code of known(`override.${level}`, strings(`override.${level}`, codes)))
        severity[code] = ours
    }
    config.settings.severity = severity
  }
  const registries = data.trustedRegistries ?? data['trusted-registries']
  if (registries !== undefined)
    config.settings.trustedRegistries = strings('trustedRegistries', registries).map(r =>
      r.trim().toLowerCase()
    )
  if (data['label-schema'] !== undefined) {
    const schema = data['label-schema']
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
      throw new InputError(`${file}: "label-schema" must be a mapping of label to type`)
    config.settings.labelSchema = {}
    for (const [label, type] of Object.entries(schema as Record<string, unknown>)) {
      if (typeof type !== 'string' || !(LABEL_TYPES as readonly string[]).includes(type))
        throw new InputError(`${file}: label-schema.${label}: not one of ${LABEL_TYPES.join(', ')}`)
      config.settings.labelSchema[label] = type as LabelType
    }
  }
  if (typeof data['strict-labels'] === 'boolean')
    config.settings.strictLabels = data['strict-labels']
  if (data['disable-ignore-pragma'] === true) config.settings.hadolintPragmas = false
  const threshold = data['failure-threshold']
  if (threshold !== undefined) {
    const ours = typeof threshold === 'string' ? THRESHOLDS[threshold] : undefined
    if (!ours)
      throw new InputError(
        `${file}: failure-threshold: not one of ${Object.keys(THRESHOLDS).join(', ')}`
      )
    config.failOn = ours
  }
  if (data['no-fail'] === true) config.failOn = 'none'
  return config
}

/** Our settings over hadolint's: a key set in .container-gate.yml wins; lists of ignores add up. */
export function mergeSettings(
  hadolint: DockerfileSettings,
  ours: DockerfileSettings
): DockerfileSettings {
  return {
    ...hadolint,
    ...ours,
    disable: [...(hadolint.disable ?? []), ...(ours.disable ?? [])],
    severity: { ...(hadolint.severity ?? {}), ...(ours.severity ?? {}) }
  }
}

/**
 * The build context's ignore file for a Dockerfile, as BuildKit picks it:
 * `<Dockerfile>.dockerignore` next to it, else `.dockerignore` in its
 * directory (taken as the context, as `docker build -f dir/Dockerfile dir` does).
 */
export function readDockerignore(dockerfile: string, cwd: string): string | undefined {
  const full = resolve(cwd, dockerfile)
  const own = `${full}.dockerignore`
  const shownOwn = `${dockerfile}.dockerignore`
  const text = readBoundedFile(own, cwd, shownOwn)
  if (text !== undefined) return text
  const dir = dirname(full)
  return readBoundedFile(
    join(dir, '.dockerignore'),
    cwd,
    relative(cwd, join(dir, '.dockerignore')) || '.dockerignore'
  )
}
