import { describe, expect, it, beforeAll, afterAll, jest } from '@jest/globals'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { readImage } from '../../src/image/index.js'
import { readImageIsolated, type IsolatedOutcome } from './helpers/isolated.js'
import {
  GiB,
  healthyTar,
  LIBC6,
  MiB,
  oneEntryZip,
  overlappingZip,
  sharedOverflowBdb,
  withBomb as layoutWithBomb,
  zstdRleZeros
} from './hostile-cases.js'
import { bigFileHeader, gzipBomb, makeDockerArchive, makeTar } from './tar-writer.js'
import { zstdRawFrame } from './zstd.js'

// Decompression and database bombs of every format the reader meets. Each image is a few KiB to
// a few MiB and is read in a child process; what is asserted is the outcome (a warning naming the
// bomb, the other layer's packages kept, or one InputError) and that the child stayed under
// 1 GiB of RSS, never how long it took (figures: npm run bench -- hostile, BENCHMARKS.md).

jest.setTimeout(120_000)

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hostile-bombs-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Layer 0 is `bomb`, layer 1 a healthy dpkg status that must still be read. */
const withBomb = (name: string, bomb: Buffer): string => layoutWithBomb(join(dir, name), bomb)
const inLayer = (name: string, content: Buffer): Buffer => gzipSync(makeTar([{ name, content }]))

function expectKept(outcome: IsolatedOutcome, warning: RegExp): void {
  if (!outcome.ok) throw new Error(`${outcome.error.name}: ${outcome.error.message}`)
  expect(outcome.packages).toContain(LIBC6)
  expect(outcome.warnings).toEqual(expect.arrayContaining([expect.stringMatching(warning)]))
  expect(outcome.maxRssMb).toBeLessThan(1024)
}

describe('decompression bombs in a layer', () => {
  it('gzip: 4 GiB of zeros in a 4 MiB layer stops at its bound, the next layer is read', () => {
    const bomb = gzipBomb(bigFileHeader('big', 4 * GiB), 4 * GiB)
    expectKept(
      readImageIsolated(withBomb('gzip', bomb)),
      /^layer 0 .*: layer is larger than 1073741824 bytes decompressed \(the bound for [\d.]+ MiB compressed: 100 times that, at least 1 GiB; a decompression bomb\?\); the rest of this layer is not read$/
    )
  })

  it('zstd: RLE blocks (32,768:1) stop at the bound the same way', () => {
    const bomb = Buffer.concat([zstdRawFrame(bigFileHeader('big', 4 * GiB)), zstdRleZeros(4 * GiB)])
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
    const header = Buffer.concat([bigFileHeader('var/lib/dpkg/status', 2 * GiB), line])
    expectKept(
      readImageIsolated(withBomb('dpkg-huge', gzipBomb(header, 2 * GiB - line.length))),
      /^layer 0: \/var\/lib\/dpkg\/status: 2 GiB, more than the 64 MiB a dpkg database may be; skipped$/
    )
  })

  it('a dpkg status of a million tiny paragraphs (under the size bound) is read record by record and capped', () => {
    const text = Buffer.from(
      'Package: p\nStatus: install ok installed\nVersion: 1\n\n'.repeat(1_000_000)
    )
    expectKept(
      readImageIsolated(withBomb('dpkg-paragraphs', inLayer('var/lib/dpkg/status', text))),
      /^layer 0: \/var\/lib\/dpkg\/status: corrupt dpkg database, skipped \(more than 100000 packages/
    )
  })

  it('a 2 GiB apk installed database is skipped with a warning naming it', () => {
    const bomb = gzipBomb(bigFileHeader('lib/apk/db/installed', 2 * GiB), 2 * GiB)
    expectKept(
      readImageIsolated(withBomb('apk-huge', bomb)),
      /^layer 0: \/lib\/apk\/db\/installed: 2 GiB, more than the 64 MiB a apk database may be; skipped$/
    )
  })

  it('an apk record with no end (60 MiB without a blank line) is refused as one record too long', () => {
    const text = Buffer.from('P:x\n' + 'R:f\n'.repeat(15 * MiB))
    expectKept(
      readImageIsolated(withBomb('apk-record', inLayer('lib/apk/db/installed', text))),
      /^layer 0: \/lib\/apk\/db\/installed: corrupt apk database, skipped \(a record longer than 16 MiB/
    )
  })

  it('a BerkeleyDB rpmdb whose values all share one overflow chain is refused, not copied per value', () => {
    // 400 values over one 512 KiB chain: 200 MiB if each were copied.
    const bdb = sharedOverflowBdb(400, 128)
    expectKept(
      readImageIsolated(withBomb('rpm-bdb', inLayer('var/lib/rpm/Packages', bdb))),
      /^layer 0: \/var\/lib\/rpm\/Packages: corrupt rpm database, skipped \(overflow page \d+ is used twice\)$/
    )
  })
})

describe('Java archive bombs', () => {
  it('a jar whose central directory entries overlap (unzipped one by one before: GBs) is refused', () => {
    const jar = overlappingZip(400, 10 * MiB)
    expectKept(
      readImageIsolated(withBomb('jar-overlap', inLayer('app/bomb.jar', jar))),
      /^layer 0: \/app\/bomb\.jar: not a readable Java archive \(lib\/x\d+\.jar: its data overlaps another entry's \(a zip bomb\)\)$/
    )
  })

  it('a jar entry that inflates past the archive bound is refused', () => {
    // MANIFEST.MF of 128 MiB zeros that claims 100 bytes: past the 32 MiB a small jar may inflate.
    const jar = oneEntryZip('META-INF/MANIFEST.MF', Buffer.alloc(128 * MiB))
    expectKept(
      readImageIsolated(withBomb('jar-manifest', inLayer('app/lib-1.0.jar', jar))),
      /^layer 0: \/app\/lib-1\.0\.jar: not a readable Java archive \(META-INF\/MANIFEST\.MF inflates past the archive's bound \(a zip bomb\?\)\)$/
    )
  })
})

describe('a compressed outer archive', () => {
  const archive = (): Buffer => makeDockerArchive({ layers: [healthyTar()] })

  it('is decompressed under RUNNER_TEMP (removed afterwards)', async () => {
    const runnerTemp = mkdtempSync(join(dir, 'runner-temp-'))
    const path = join(dir, 'saved.tar.gz')
    writeFileSync(path, gzipSync(archive()))
    const seen: string[] = []
    const before = process.env.RUNNER_TEMP
    process.env.RUNNER_TEMP = runnerTemp
    try {
      // The file hook runs while the decompressed copy exists: it looks where the copy is.
      const scan = await readImage(path, {
        fileHook: { wants: () => true, file: () => seen.push(...readdirSync(runnerTemp)) }
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
    const path = join(dir, 'bomb.tar.gz')
    // The archive, then 512 MiB of zeros after its end (tar readers stop at the end blocks).
    writeFileSync(path, gzipBomb(archive(), 512 * MiB))
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
