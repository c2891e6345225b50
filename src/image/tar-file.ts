import { open, stat } from 'node:fs/promises'
import { InputError } from '../model/errors.js'
import { fileRange, MAX_METADATA_BYTES } from './blob.js'
import { MAX_ARCHIVE_MEMBERS } from './limits.js'
import { indexTarFile, normalizeImagePath, TarFormatError, type TarIndexEntry } from './tar.js'
import type { Blob } from './types.js'

/** A tar file seen as a set of named members that can be read or streamed from their offsets. */
export class TarFile {
  private constructor(
    readonly path: string,
    readonly members: Map<string, TarIndexEntry>,
    /** The name in messages: the user's path, also when `path` is its decompressed copy. */
    readonly shownAs: string
  ) {}

  static async open(path: string, shownAs = path): Promise<TarFile> {
    const info = await stat(path)
    const handle = await open(path, 'r')
    try {
      const entries = await indexTarFile(
        async (position, length) => {
          const buffer = Buffer.alloc(length)
          const { bytesRead } = await handle.read(buffer, 0, length, position)
          return buffer.subarray(0, bytesRead)
        },
        info.size,
        MAX_ARCHIVE_MEMBERS
      )
      const members = new Map<string, TarIndexEntry>()
      for (const entry of entries) {
        const name = normalizeImagePath(entry.name).slice(1)
        if (entry.type === 'file') members.set(name, entry)
        else if (entry.type === 'symlink' || entry.type === 'hardlink') members.set(name, entry)
      }
      return new TarFile(path, members, shownAs)
    } catch (error) {
      if (error instanceof TarFormatError) throw new InputError(`${shownAs}: ${error.message}`)
      throw error
    } finally {
      await handle.close()
    }
  }

  has(name: string): boolean {
    return this.members.has(name)
  }

  async text(name: string): Promise<string> {
    return (await this.bytes(name)).toString('utf8')
  }

  /** A small member (image metadata) read whole. */
  async bytes(name: string): Promise<Buffer> {
    const entry = this.members.get(name)
    if (!entry) throw new InputError(`${this.shownAs}: no ${name} in the archive`)
    if (entry.size > MAX_METADATA_BYTES) {
      throw new InputError(
        `${this.shownAs}: ${name} is ${entry.size} bytes, too large for image metadata`
      )
    }
    const handle = await open(this.path, 'r')
    try {
      const buffer = Buffer.alloc(entry.size)
      const { bytesRead } = await handle.read(buffer, 0, entry.size, entry.offset)
      return buffer.subarray(0, bytesRead)
    } finally {
      await handle.close()
    }
  }

  blob(name: string): Blob {
    const entry = this.members.get(name)
    if (!entry || entry.type !== 'file')
      throw new InputError(`${this.shownAs}: layer ${name} is missing from the archive`)
    return {
      where: `${this.shownAs}:${name}`,
      size: entry.size,
      open: () => fileRange(this.path, entry.offset, entry.size)
    }
  }
}
