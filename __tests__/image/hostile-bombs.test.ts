import { describe, expect, it, beforeAll, afterAll, jest } from '@jest/globals'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deflateRawSync, gzipSync } from 'node:zlib'
import { readImage } from '../../src/image/index.js'
import { readImageIsolated, type IsolatedOutcome } from './helpers/isolated.js'
import {
  bigFileHeader,
  gzipBomb,
  makeDockerArchive,
  makeTar,
  writeOciLayout
} from './tar-writer.js'
import { zstdRawFrame } from './zstd.js'

// Decompression and database bombs of every format the reader meets. Each image is a few KiB to
// a few MiB and is read in a child process; what is asserted is the outcome (a warning naming the
// bomb, the other layers' packages kept, or one InputError) and that the child stayed under
// 1 GiB of RSS, never how long it took (figures: npm run bench -- hostile, BENCHMARKS.md).

jest.setTimeout(120_000)

const GiB = 1024 ** 3
const MiB = 1024 ** 2
const DPKG = 'Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\nArchitecture: amd64\n'
const LIBC6 = 'pkg:deb/debian/libc6@2.36-9?arch=amd64'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hostile-bombs-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** An OCI layout whose layer 0 is `bomb` (stored as given) and layer 1 a plain dpkg status. */
function withBomb(name: string, bomb: Buffer): string {
  const path = join(dir, name)
  const blobs = [bomb, gzipSync(makeTar([{ name: 'var/lib/dpkg/status', content: DPKG }]))]
  let i = 0
  writeOciLayout(path, [{ layers: [Buffer.alloc(0), Buffer.alloc(0)], compress: () => blobs[i++] }])
  return path
}

function expectKept(outcome: IsolatedOutcome, warning: RegExp): void {
  if (!outcome.ok) throw new Error(`${outcome.error.name}: ${outcome.error.message}`)
  expect(outcome.packages).toContain(LIBC6)
  expect(outcome.warnings).toEqual(expect.arrayContaining([expect.stringMatching(warning)]))
  expect(outcome.maxRssMb).toBeLessThan(1024)
}

/** A tar stream of one regular file of `size` bytes whose content is `fill` repeated. */
function oneFileTar(name: string, size: number): Buffer {
  return bigFileHeader(name, size)
}

describe('decompression bombs in a layer', () => {
  it('gzip: 4 GiB of zeros in a 4 MiB layer stops at its bound, the next layer is read', () => {
    const bomb = gzipBomb(oneFileTar('big', 4 * GiB), 4 * GiB)
    const outcome = readImageIsolated(withBomb('gzip', bomb))
    expectKept(
      outcome,
      /^layer 0 .*: layer is larger than 1073741824 bytes decompressed \(the bound for [\d.]+ MiB compressed: 100 times that, at least 1 GiB; a decompression bomb\?\); the rest of this layer is not read$/
    )
  })

  it('zstd: RLE blocks (32,768:1) stop at the bound the same way', () => {
    // One frame of RLE blocks: 4 bytes each for 128 KiB of zeros.
    const head = zstdRawFrame(oneFileTar('big', 4 * GiB)) // a frame holding the tar header
    const rle: Buffer[] = []
    const blocks = (4 * GiB) / (128 * 1024)
    for (let i = 0; i < blocks; i++) {
      const last = i === blocks - 1 ? 1 : 0
      const h = last | (1 << 1) | ((128 * 1024) << 3) // block type 1: RLE
      rle.push(Buffer.from([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff, 0]))
    }
    const frame = Buffer.concat([
      Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, (17 - 10) << 3]),
      ...rle
    ])
    const bomb = Buffer.concat([head, frame])
    expectKept(
      readImageIsolated(withBomb('zstd', bomb)),
      /^layer 0 .*: layer is larger than 1073741824 bytes decompressed .*; the rest of this layer is not read$/
    )
  })

  it('zstd: a frame asking for a 2 GiB window is refused before the decoder allocates it', () => {
    const bomb = zstdRawFrame(makeTar([{ name: 'x', content: 'y' }]), 31)
    expectKept(
      readImageIsolated(withBomb('zstd-window', bomb)),
      /zstd frame needs a window larger than 128 MiB/
    )
  })
})

describe('package databases that are bombs', () => {
  it('a 2 GiB /var/lib/dpkg/status (a 2 MiB layer) is skipped with a warning naming it', () => {
    const line = Buffer.from('Package: x\n')
    const size = 2 * GiB
    // Zeros after one line: dpkg would call it garbage; the size alone refuses it.
    const bomb = gzipBomb(
      Buffer.concat([bigFileHeader('var/lib/dpkg/status', size), line]),
      size - line.length
    )
    const path = join(dir, 'dpkg-huge')
    const blobs = [bomb, gzipSync(makeTar([{ name: 'var/lib/dpkg/status', content: DPKG }]))]
    let i = 0
    writeOciLayout(path, [
      { layers: [Buffer.alloc(0), Buffer.alloc(0)], compress: () => blobs[i++] }
    ])
    expectKept(
      readImageIsolated(path),
      /^layer 0: \/var\/lib\/dpkg\/status: 2 GiB, more than the 64 MiB a dpkg database may be; skipped$/
    )
  })

  it('a dpkg status of a million tiny paragraphs (under the size bound) is read record by record and capped', () => {
    const paragraph = 'Package: p\nStatus: install ok installed\nVersion: 1\n\n'
    const count = 1_000_000
    const text = Buffer.from(paragraph.repeat(count))
    const path = join(dir, 'dpkg-paragraphs')
    const blobs = [
      gzipSync(makeTar([{ name: 'var/lib/dpkg/status', content: text }])),
      gzipSync(makeTar([{ name: 'usr/lib/os-release', content: 'ID=debian\n' }]))
    ]
    let i = 0
    writeOciLayout(path, [
      { layers: [Buffer.alloc(0), Buffer.alloc(0)], compress: () => blobs[i++] }
    ])
    const outcome = readImageIsolated(path)
    if (!outcome.ok) throw new Error(outcome.error.message)
    expect(outcome.warnings).toEqual([
      expect.stringMatching(
        /^layer 0: \/var\/lib\/dpkg\/status: corrupt dpkg database, skipped \(more than 250000 packages/
      )
    ])
    expect(outcome.maxRssMb).toBeLessThan(1024)
  })

  it('a 2 GiB apk installed database is skipped with a warning naming it', () => {
    const size = 2 * GiB
    const bomb = gzipBomb(bigFileHeader('lib/apk/db/installed', size), size)
    expectKept(
      readImageIsolated(withBomb('apk-huge', bomb)),
      /^layer 0: \/lib\/apk\/db\/installed: 2 GiB, more than the 64 MiB a apk database may be; skipped$/
    )
  })

  it('an apk record with no end (one 60 MiB line run) is refused as one record too long', () => {
    const text = Buffer.from('P:x\n' + 'R:f\n'.repeat(15 * MiB))
    const path = join(dir, 'apk-record')
    const blobs = [
      gzipSync(makeTar([{ name: 'lib/apk/db/installed', content: text }])),
      gzipSync(makeTar([{ name: 'var/lib/dpkg/status', content: DPKG }]))
    ]
    let i = 0
    writeOciLayout(path, [
      { layers: [Buffer.alloc(0), Buffer.alloc(0)], compress: () => blobs[i++] }
    ])
    expectKept(
      readImageIsolated(path),
      /^layer 0: \/lib\/apk\/db\/installed: corrupt apk database, skipped \(a record longer than 16 MiB/
    )
  })

  it('a BerkeleyDB rpmdb whose items all share one overflow chain is refused, not copied per item', () => {
    const page = 4096
    const chainPages = 128 // 128 pages * ~4 KiB = 512 KiB, referenced by every item
    const items = 400 // 400 * 512 KiB = 200 MiB if each were copied
    const hashPages = Math.ceil((items * 2 + 2) / 400)
    const file = Buffer.alloc(page * (1 + hashPages + chainPages))
    // Meta page: little-endian hash magic and the page size.
    file.writeUInt32LE(0x061561, 12)
    file.writeUInt32LE(page, 20)
    const firstChain = 1 + hashPages
    for (let c = 0; c < chainPages; c++) {
      const base = (firstChain + c) * page
      file[base + 25] = 7 // P_OVERFLOW
      file.writeUInt32LE(c + 1 < chainPages ? firstChain + c + 1 : 0, base + 16)
      file.writeUInt16LE(page - 26, base + 22)
    }
    const length = chainPages * (page - 26)
    let item = 0
    for (let h = 0; h < hashPages; h++) {
      const base = (1 + h) * page
      file[base + 25] = 13 // P_HASH
      const onPage = Math.min(200, items - item)
      file.writeUInt16LE(onPage * 2, base + 20)
      for (let k = 0; k < onPage; k++, item++) {
        // key (unused) then the value: an H_OFFPAGE item pointing at the one chain
        const keyAt = page - 16 * (k + 1)
        file.writeUInt16LE(keyAt, base + 26 + k * 4)
        file.writeUInt16LE(keyAt + 4, base + 26 + k * 4 + 2)
        file[base + keyAt + 4] = 3 // H_OFFPAGE
        file.writeUInt32LE(firstChain, base + keyAt + 4 + 4)
        file.writeUInt32LE(length, base + keyAt + 4 + 8)
      }
    }
    const path = join(dir, 'rpm-bdb')
    const blobs = [
      gzipSync(makeTar([{ name: 'var/lib/rpm/Packages', content: file }])),
      gzipSync(makeTar([{ name: 'var/lib/dpkg/status', content: DPKG }]))
    ]
    let i = 0
    writeOciLayout(path, [
      { layers: [Buffer.alloc(0), Buffer.alloc(0)], compress: () => blobs[i++] }
    ])
    expectKept(
      readImageIsolated(path),
      /^layer 0: \/var\/lib\/rpm\/Packages: corrupt rpm database, skipped \(overflow page \d+ is used twice\)$/
    )
  })
})

describe('Java archive bombs', () => {
  /** A zip whose central directory lists `count` entries that all point at one deflate stream. */
  function overlappingZip(count: number, inflated: number): Buffer {
    const data = deflateRawSync(Buffer.alloc(inflated))
    const name = Buffer.from('lib/a.jar')
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(inflated, 22)
    local.writeUInt16LE(name.length, 26)
    const central: Buffer[] = []
    for (let i = 0; i < count; i++) {
      const n = Buffer.from(`lib/x${i}.jar`)
      const c = Buffer.alloc(46)
      c.writeUInt32LE(0x02014b50, 0)
      c.writeUInt16LE(8, 10)
      c.writeUInt32LE(data.length, 20)
      c.writeUInt32LE(inflated, 24)
      c.writeUInt16LE(n.length, 28)
      c.writeUInt32LE(0, 42) // every entry: the same local header
      central.push(c, n)
    }
    const cd = Buffer.concat(central)
    const start = local.length + name.length + data.length
    const eocd = Buffer.alloc(22)
    eocd.writeUInt32LE(0x06054b50, 0)
    eocd.writeUInt16LE(count, 8)
    eocd.writeUInt16LE(count, 10)
    eocd.writeUInt32LE(cd.length, 12)
    eocd.writeUInt32LE(start, 16)
    return Buffer.concat([local, name, data, cd, eocd])
  }

  it('a jar whose central directory entries overlap (9 KiB -> 4 GiB as unzipped before) is refused', () => {
    const jar = overlappingZip(400, 10 * MiB)
    const path = join(dir, 'jar-overlap')
    const blobs = [
      gzipSync(makeTar([{ name: 'app/bomb.jar', content: jar }])),
      gzipSync(makeTar([{ name: 'var/lib/dpkg/status', content: DPKG }]))
    ]
    let i = 0
    writeOciLayout(path, [
      { layers: [Buffer.alloc(0), Buffer.alloc(0)], compress: () => blobs[i++] }
    ])
    expectKept(
      readImageIsolated(path),
      /^layer 0: \/app\/bomb\.jar: not a readable Java archive \(lib\/x\d+\.jar: its data overlaps another entry's \(a zip bomb\)\)$/
    )
  })

  it('a jar entry that inflates past the archive bound is refused', () => {
    // One MANIFEST.MF of 1 GiB zeros (1 MiB deflated): past the 32 MiB a small jar may inflate.
    const data = deflateRawSync(Buffer.alloc(GiB / 8))
    const name = Buffer.from('META-INF/MANIFEST.MF')
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt16LE(name.length, 26)
    const c = Buffer.alloc(46)
    c.writeUInt32LE(0x02014b50, 0)
    c.writeUInt16LE(8, 10)
    c.writeUInt32LE(data.length, 20)
    c.writeUInt32LE(100, 24) // lies: 100 bytes
    c.writeUInt16LE(name.length, 28)
    const eocd = Buffer.alloc(22)
    eocd.writeUInt32LE(0x06054b50, 0)
    eocd.writeUInt16LE(1, 8)
    eocd.writeUInt16LE(1, 10)
    eocd.writeUInt32LE(46 + name.length, 12)
    eocd.writeUInt32LE(30 + name.length + data.length, 16)
    const jar = Buffer.concat([local, name, data, c, name, eocd])
    const path = join(dir, 'jar-manifest')
    const blobs = [
      gzipSync(makeTar([{ name: 'app/lib-1.0.jar', content: jar }])),
      gzipSync(makeTar([{ name: 'var/lib/dpkg/status', content: DPKG }]))
    ]
    let i = 0
    writeOciLayout(path, [
      { layers: [Buffer.alloc(0), Buffer.alloc(0)], compress: () => blobs[i++] }
    ])
    expectKept(
      readImageIsolated(path),
      /^layer 0: \/app\/lib-1\.0\.jar: not a readable Java archive \(META-INF\/MANIFEST\.MF inflates past the archive's bound \(a zip bomb\?\)\)$/
    )
  })
})

describe('a compressed outer archive', () => {
  it('is decompressed under RUNNER_TEMP (removed afterwards) and bounded there', async () => {
    const runnerTemp = mkdtempSync(join(dir, 'runner-temp-'))
    const archive = makeDockerArchive({
      layers: [makeTar([{ name: 'var/lib/dpkg/status', content: DPKG }])]
    })
    const path = join(dir, 'saved.tar.gz')
    writeFileSync(path, gzipSync(archive))
    const seen: string[] = []
    const before = process.env.RUNNER_TEMP
    process.env.RUNNER_TEMP = runnerTemp
    try {
      const scan = await readImage(path, {
        fileHook: {
          wants: () => true,
          file: () => seen.push(...readdirSync(runnerTemp))
        }
      })
      expect(scan.packages.map(p => p.purl)).toEqual([LIBC6])
    } finally {
      if (before === undefined) delete process.env.RUNNER_TEMP
      else process.env.RUNNER_TEMP = before
    }
    expect(seen[0]).toMatch(/^container-gate-image-/)
    expect(readdirSync(runnerTemp)).toEqual([])
  })

  it('a .tar.gz that inflates past its bound is one InputError, and leaves nothing behind', () => {
    const runnerTemp = mkdtempSync(join(dir, 'runner-temp-'))
    const archive = makeDockerArchive({
      layers: [makeTar([{ name: 'var/lib/dpkg/status', content: DPKG }])]
    })
    const path = join(dir, 'bomb.tar.gz')
    // The archive, then 512 MiB of zeros after its end (tar readers stop at the end blocks).
    writeFileSync(path, gzipBomb(archive, 512 * MiB))
    const outcome = readImageIsolated(
      path,
      { limits: { maxTotalBytes: 256 * MiB } },
      { RUNNER_TEMP: runnerTemp }
    )
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        name: 'InputError',
        message: expect.stringMatching(
          /: decompresses to more than 256 MiB \(.*a decompression bomb\?\)$/
        )
      }
    })
    expect(readdirSync(runnerTemp)).toEqual([])
  })
})
