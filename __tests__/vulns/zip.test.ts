import { describe, expect, it } from '@jest/globals'
import { zipSync } from 'fflate'
import { zipEntries } from '../../src/vulns/zip.js'

const files = {
  'a/one.json': new TextEncoder().encode('{"id":"ONE"}'),
  'a/two.json': new TextEncoder().encode('{"id":"TWO"}'.repeat(50)),
  'three.json': new TextEncoder().encode('{"id":"THREE"}')
}

function eocdOf(buf: Buffer): number {
  for (let i = buf.length - 22; i >= 0; i--) if (buf.readUInt32LE(i) === 0x06054b50) return i
  throw new Error('no eocd')
}

const read = (buf: Buffer) =>
  Object.fromEntries(zipEntries(buf).map(e => [e.name, e.read().toString('utf8')]))

describe('zipEntries', () => {
  it('reads deflated and stored entries', () => {
    const expected = Object.fromEntries(
      Object.entries(files).map(([k, v]) => [k, new TextDecoder().decode(v)])
    )
    expect(read(Buffer.from(zipSync(files, { level: 6 })))).toEqual(expected)
    expect(read(Buffer.from(zipSync(files, { level: 0 })))).toEqual(expected)
  })

  it('walks the central directory by size: a wrapped 16-bit entry count loses nothing', () => {
    // Archives with more than 65,535 entries written without ZIP64 carry the count mod 65,536.
    const buf = Buffer.from(zipSync(files))
    const eocd = eocdOf(buf)
    buf.writeUInt16LE(1, eocd + 8)
    buf.writeUInt16LE(1, eocd + 10)
    expect(Object.keys(read(buf)).sort()).toEqual(['a/one.json', 'a/two.json', 'three.json'])
  })

  it('follows a ZIP64 end-of-central-directory record', () => {
    const plain = Buffer.from(zipSync(files))
    const eocd = eocdOf(plain)
    const cdSize = plain.readUInt32LE(eocd + 12)
    const cdOffset = plain.readUInt32LE(eocd + 16)
    const zip64 = Buffer.alloc(56 + 20)
    zip64.writeUInt32LE(0x06064b50, 0)
    zip64.writeBigUInt64LE(44n, 4)
    zip64.writeBigUInt64LE(3n, 24)
    zip64.writeBigUInt64LE(3n, 32)
    zip64.writeBigUInt64LE(BigInt(cdSize), 40)
    zip64.writeBigUInt64LE(BigInt(cdOffset), 48)
    zip64.writeUInt32LE(0x07064b50, 56)
    zip64.writeBigUInt64LE(BigInt(eocd), 64)
    zip64.writeUInt32LE(1, 72)
    const end = Buffer.from(plain.subarray(eocd))
    end.writeUInt16LE(0xffff, 8)
    end.writeUInt16LE(0xffff, 10)
    end.writeUInt32LE(0xffffffff, 12)
    end.writeUInt32LE(0xffffffff, 16)
    const buf = Buffer.concat([plain.subarray(0, eocd), zip64, end])
    expect(Object.keys(read(buf)).sort()).toEqual(['a/one.json', 'a/two.json', 'three.json'])
  })

  it('rejects what is not a zip, and fails per entry on corrupt data', () => {
    expect(() => zipEntries(Buffer.from('PK\u0003\u0004 nothing else'))).toThrow(
      /end-of-central-directory/
    )
    const buf = Buffer.from(zipSync(files, { level: 6 }))
    const entries = zipEntries(buf)
    // Corrupt the deflate stream of the second entry only.
    const second = buf.indexOf('a/two.json') + 'a/two.json'.length
    buf.fill(0xff, second, second + 8)
    expect(() => entries[1]!.read()).toThrow()
    expect(entries[0]!.read().toString()).toBe('{"id":"ONE"}')
  })
})
