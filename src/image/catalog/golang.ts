import type { Cataloger, ParsedFile, RawPackage } from './types.js'

// Go binaries: the build info blob that `go version -m` prints. Since Go 1.18 it is inline after
// a 32-byte header that starts with "\xff Go buildinf:" (flag bit 2): two varint-prefixed strings,
// the Go version and the module info (path/mod/dep/=> lines between 16-byte sentinels).
// Older binaries keep pointers instead; those, and binaries without build info, give nothing.

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1')
const ELF = Buffer.from('\x7fELF', 'latin1')

function readVarint(data: Buffer, offset: number): [number, number] | undefined {
  let value = 0
  let shift = 0
  for (let i = offset; i < data.length && i < offset + 10; i++) {
    const b = data[i]
    value += (b & 0x7f) * 2 ** shift
    if ((b & 0x80) === 0) return [value, i + 1]
    shift += 7
  }
  return undefined
}

export interface GoBuildInfo {
  goVersion: string
  main?: { path: string; version: string }
  deps: { path: string; version: string }[]
}

export function readGoBuildInfo(data: Buffer): GoBuildInfo | undefined {
  let at = data.indexOf(MAGIC)
  while (at !== -1 && at % 16 !== 0) at = data.indexOf(MAGIC, at + 1)
  if (at === -1 || at + 32 > data.length) return undefined
  const flags = data[at + 15]
  if ((flags & 2) === 0) return undefined
  let pos = at + 32
  const strings: string[] = []
  for (let i = 0; i < 2; i++) {
    const v = readVarint(data, pos)
    if (!v || v[1] + v[0] > data.length) return undefined
    strings.push(data.toString('utf8', v[1], v[1] + v[0]))
    pos = v[1] + v[0]
  }
  const goVersion = strings[0]
  let mod = strings[1]
  if (mod.length >= 33 && mod[mod.length - 17] === '\n') mod = mod.slice(16, -16)
  const info: GoBuildInfo = { goVersion, deps: [] }
  for (const line of mod.split('\n')) {
    const f = line.split('\t')
    if (f[0] === 'mod' && f.length >= 3) info.main = { path: f[1], version: f[2] }
    else if (f[0] === 'dep' && f.length >= 3) info.deps.push({ path: f[1], version: f[2] })
    else if (f[0] === '=>' && f.length >= 3 && info.deps.length > 0) {
      // A replacement: a module replacement has a version; a local directory does not, and then
      // the dependency keeps the version it was required at.
      if (f[2] && f[2] !== '(devel)')
        info.deps[info.deps.length - 1] = { path: f[1], version: f[2] }
    }
  }
  return info
}

export function goPackages(info: GoBuildInfo): RawPackage[] {
  const out: RawPackage[] = []
  if (info.main) out.push({ type: 'golang', name: info.main.path, version: info.main.version })
  for (const dep of info.deps) out.push({ type: 'golang', name: dep.path, version: dep.version })
  // go1.22.3, go1.21rc2, go1.22beta1; a suffix after a space or `-` (`go1.22.3 X:boringcrypto`,
  // `go1.23.0-devel`) is not part of the release.
  const go = /^go(\d+(?:\.\d+)*(?:(?:rc|beta)\d+)?)/.exec(info.goVersion)
  if (go) out.push({ type: 'golang', name: 'stdlib', version: go[1] })
  return out
}

const KEEP_AFTER_MAGIC = 1024 * 1024

/**
 * Find the build info while the binary streams by: only the bytes from the (16-byte aligned)
 * magic on are kept, so a 200 MB binary costs no more memory than a small one.
 */
export function goBuildInfoStream(): { write(chunk: Buffer): void; end(): ParsedFile } {
  let head = Buffer.alloc(0)
  let elf: boolean | undefined
  let carry = Buffer.alloc(0)
  let carryOffset = 0
  let found: Buffer[] | undefined
  let foundBytes = 0
  return {
    write(chunk) {
      if (elf === false) return
      if (found) {
        if (foundBytes < KEEP_AFTER_MAGIC) {
          found.push(Buffer.from(chunk))
          foundBytes += chunk.length
        }
        return
      }
      if (elf === undefined) {
        head = Buffer.concat([head, chunk.subarray(0, 4 - head.length)])
        if (head.length >= 4) elf = head.equals(ELF)
        if (elf === false) return
      }
      const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk
      let at = buf.indexOf(MAGIC)
      while (at !== -1 && (carryOffset + at) % 16 !== 0) at = buf.indexOf(MAGIC, at + 1)
      if (at !== -1) {
        found = [Buffer.from(buf.subarray(at))]
        foundBytes = buf.length - at
        return
      }
      const keep = Math.min(buf.length, MAGIC.length - 1)
      carry = Buffer.from(buf.subarray(buf.length - keep))
      carryOffset += buf.length - keep
    },
    end() {
      if (!elf || !found) return { packages: [] }
      const info = readGoBuildInfo(Buffer.concat(found))
      return { packages: info ? goPackages(info) : [] }
    }
  }
}

export const golangCataloger: Cataloger = {
  name: 'golang',
  // Executables only; the content is scanned as it streams, never held whole.
  wants: (_path, size, mode) => (mode & 0o111) !== 0 && size > 1024,
  parse(_path, content): ParsedFile {
    if (!content.subarray(0, 4).equals(ELF)) return { packages: [] }
    const info = readGoBuildInfo(content)
    return { packages: info ? goPackages(info) : [] }
  },
  stream: () => goBuildInfoStream()
}
