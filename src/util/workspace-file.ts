// Reading a file of the checkout that a pull request controls (a Dockerfile,
// the config file): the PR can commit a symbolic link to anywhere
// (/etc/shadow, ~/.docker/config.json, /dev/zero) or a named pipe. So: a link
// that leads out of the workspace is not followed, only regular files are
// read, and never more than a bound. Errors name the file and the reason,
// never its content.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { InputError } from '../model/errors.js'

export interface WorkspaceReadOptions {
  /** The workspace (checkout) root: no link may lead outside it. */
  root: string
  /** Read at most this many bytes; a larger file is an error. */
  maxBytes: number
  /** How the file is named in errors, e.g. `config file .container-gate.yml`. */
  label: string
}

/** The Dockerfile and config readers' bound: far above any real one, far below memory trouble. */
export const DEFAULT_MAX_TEXT_FILE_BYTES = 4 * 1024 * 1024

/**
 * The bytes of `path` (relative to the root, or absolute). A path inside the
 * root must stay inside it once every symbolic link is resolved; a path the
 * user gave outside the root is read as given (they chose it), with the same
 * checks on what it is and how big.
 */
export function readWorkspaceFile(path: string, opts: WorkspaceReadOptions): Buffer {
  const root = resolve(opts.root)
  const full = resolve(root, path)
  let real: string
  try {
    real = realpathSync(full)
  } catch (error) {
    throw new InputError(`${opts.label}: cannot read it (${codeOf(error)})`)
  }
  if (isInside(root, full) && !isInside(realRoot(root), real)) {
    throw new InputError(
      `${opts.label}: a symbolic link that leads outside the workspace; not followed`
    )
  }
  let fd: number
  try {
    // O_NONBLOCK: opening a named pipe must not wait for a writer. O_NOFOLLOW: the resolved
    // path has no link left; if one appeared since, refuse it rather than follow.
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0))
  } catch (error) {
    throw new InputError(`${opts.label}: cannot read it (${codeOf(error)})`)
  }
  try {
    const info = fstatSync(fd)
    if (!info.isFile()) {
      throw new InputError(`${opts.label}: not a regular file (${kindOf(info)}); not read`)
    }
    const tooBig = (): InputError =>
      new InputError(
        `${opts.label}: larger than ${opts.maxBytes} bytes; not read (a real one is far smaller)`
      )
    if (info.size > opts.maxBytes) throw tooBig()
    // The size can lie (procfs says 0, a file can grow): read to the bound plus one byte.
    const buffer = Buffer.alloc(Math.min(opts.maxBytes + 1, Math.max(info.size + 1, 64 * 1024)))
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null)
      if (n === 0) break
      total += n
      if (total > opts.maxBytes) throw tooBig()
      chunks.push(Buffer.from(buffer.subarray(0, n)))
    }
    return Buffer.concat(chunks, total)
  } catch (error) {
    if (error instanceof InputError) throw error
    throw new InputError(`${opts.label}: cannot read it (${codeOf(error)})`)
  } finally {
    closeSync(fd)
  }
}

/** readWorkspaceFile as UTF-8 text. */
export function readWorkspaceText(path: string, opts: WorkspaceReadOptions): string {
  return readWorkspaceFile(path, opts).toString('utf8')
}

function realRoot(root: string): string {
  try {
    return realpathSync(root)
  } catch {
    return root
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}

/** An error code (ENOENT, EACCES, ELOOP…), never a message that could quote anything else. */
function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? 'error'
}

function kindOf(info: import('node:fs').Stats): string {
  if (info.isDirectory()) return 'a directory'
  if (info.isCharacterDevice()) return 'a character device'
  if (info.isBlockDevice()) return 'a block device'
  if (info.isFIFO()) return 'a named pipe'
  if (info.isSocket()) return 'a socket'
  return 'not a file'
}
