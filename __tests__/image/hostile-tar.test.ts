import { describe, expect, it, beforeAll, afterAll, jest } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readImageIsolated } from './helpers/isolated.js'
import { makeDockerArchive, makeTar, paxRecords, tarHeader, writeOciLayout } from './tar-writer.js'

// Tar headers that lie: a PAX `size` that is not a number, negative, huge or past the end, in a
// layer and in the outer archive. Each is read in a child process, so a loop fails the test
// instead of hanging the runner. A bad layer costs a warning naming it; the others are read.

// Each child gets 60 s before it is killed; the test waits a little longer for the verdict.
jest.setTimeout(90_000)

const DPKG = 'Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\nArchitecture: amd64\n'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hostile-tar-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const goodLayer = (): Buffer => makeTar([{ name: 'var/lib/dpkg/status', content: DPKG }])

describe('tar headers that lie about sizes', () => {
  const sizes = [
    'abc',
    '-1',
    '12abc',
    '0x10',
    '1e999',
    '99999999999999999999999',
    String(2 ** 53),
    '4096' // larger than what follows: the layer ends inside the entry
  ]
  for (const size of sizes) {
    it(`PAX size ${JSON.stringify(size)} in a layer: one warning for that layer, the next layer is read`, () => {
      const path = join(dir, `layer-${Buffer.from(size).toString('hex')}`)
      const bad = makeTar([
        { name: 'etc/hostname', content: 'box\n', pax: { size } },
        { name: 'usr/lib/os-release', content: 'ID=debian\n' }
      ])
      writeOciLayout(path, [{ layers: [bad, goodLayer()] }])
      const outcome = readImageIsolated(path)
      if (!outcome.ok) throw new Error(`${outcome.error.name}: ${outcome.error.message}`)
      expect(outcome.packages).toEqual(['pkg:deb/debian/libc6@2.36-9?arch=amd64'])
      expect(outcome.warnings).toHaveLength(1)
      expect(outcome.warnings[0]).toMatch(/^layer 0 \(.*\): .*(PAX|truncated|checksum)/)
      expect(outcome.warnings[0]).toMatch(/the rest of this layer is not read$/)
    })
  }

  it('a global PAX header (typeflag g) with a bad size is caught the same way', () => {
    const path = join(dir, 'global')
    const records = paxRecords([['size', 'nope']])
    const bad = Buffer.concat([
      tarHeader('pax_global_header', 'g', records.length),
      records,
      Buffer.alloc(512 - records.length),
      makeTar([{ name: 'etc/hostname', content: 'box\n' }])
    ])
    writeOciLayout(path, [{ layers: [bad, goodLayer()] }])
    const outcome = readImageIsolated(path)
    if (!outcome.ok) throw new Error(`${outcome.error.name}: ${outcome.error.message}`)
    expect(outcome.packages).toEqual(['pkg:deb/debian/libc6@2.36-9?arch=amd64'])
    expect(outcome.warnings).toEqual([
      expect.stringMatching(/^layer 0 .*PAX header has a size that is not a number/)
    ])
  })

  for (const size of ['abc', '-7', '1e999', '99999999999999999999999']) {
    it(`PAX size ${JSON.stringify(size)} in the outer archive: one InputError naming the file`, () => {
      const archive = makeDockerArchive({ layers: [goodLayer()] })
      // The same archive with a PAX header in front of its first member.
      const records = paxRecords([['size', size]])
      const path = join(dir, `outer-${Buffer.from(size).toString('hex')}.tar`)
      writeFileSync(
        path,
        Buffer.concat([
          tarHeader('PaxHeader', 'x', records.length),
          records,
          Buffer.alloc(512 - records.length),
          archive
        ])
      )
      const outcome = readImageIsolated(path)
      expect(outcome.ok).toBe(false)
      if (outcome.ok) return
      expect(outcome.error.name).toBe('InputError')
      expect(outcome.error.message).toMatch(
        new RegExp(`^${path.replace(/[.]/g, '\\.')}: .*(PAX header has a size|truncated)`)
      )
      expect(outcome.error.message).not.toContain('\n')
    })
  }
})
