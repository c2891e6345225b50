// Property-based tests of every parser the image reader runs on untrusted bytes. Each property:
// the parser returns or throws only its own input-error type (TarFormatError, CorruptDatabaseError,
// ZipFormatError, LayerFormatError, InputError, all turned into a warning or one InputError by the
// reader), what it returns is bounded by its input, and, where a parser is fed in pieces, feeding
// it in random pieces gives what feeding it whole gives. Run by __tests__/image/parsers.fuzz.test.ts
// in a child process (so a loop or a memory blow-up fails the test instead of hanging jest).
import { gzipSync, zstdCompressSync } from 'node:zlib'
import fc from 'fast-check'
import { zipSync } from 'fflate'
import { apkCataloger } from '../../../src/image/catalog/apk.js'
import { dpkgCataloger } from '../../../src/image/catalog/dpkg.js'
import {
  golangCataloger,
  goBuildInfoStream,
  readGoBuildInfo
} from '../../../src/image/catalog/golang.js'
import { javaCataloger } from '../../../src/image/catalog/java.js'
import { npmCataloger } from '../../../src/image/catalog/npm.js'
import { osReleaseCataloger } from '../../../src/image/catalog/os-release.js'
import { pythonCataloger } from '../../../src/image/catalog/python.js'
import {
  parseRpmHeader,
  readBerkeleyDbHashValues,
  rpmCataloger
} from '../../../src/image/catalog/rpm.js'
import { CorruptDatabaseError, type ParsedFile } from '../../../src/image/catalog/types.js'
import { LayerFormatError, pumpLayer } from '../../../src/image/decompress.js'
import { CATALOGERS } from '../../../src/image/inventory.js'
import { resolveOciIndex } from '../../../src/image/oci.js'
import { asImageConfig } from '../../../src/image/shapes.js'
import { indexTarFile, TarFormatError, TarParser } from '../../../src/image/tar.js'
import type { BlobStore } from '../../../src/image/types.js'
import { unzipBounded, ZipFormatError } from '../../../src/image/zip.js'
import { InputError } from '../../../src/model/errors.js'
import { makeTar } from '../tar-writer.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each property has its own argument tuple
export type Target = () => fc.IRawProperty<any>

/** Runs `f`; an error of one of `allowed` types is the parser refusing the input, anything else fails. */
function only<T>(allowed: (new (...args: never[]) => Error)[], f: () => T): T | undefined {
  try {
    return f()
  } catch (error) {
    if (allowed.some(type => error instanceof type)) return undefined
    throw error
  }
}

async function onlyAsync<T>(
  allowed: (new (...args: never[]) => Error)[],
  f: () => Promise<T>
): Promise<T | undefined> {
  try {
    return await f()
  } catch (error) {
    if (allowed.some(type => error instanceof type)) return undefined
    throw error
  }
}

/** Bytes that are `base` with some bytes changed, some inserted, and maybe cut short. */
function mutated(base: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Buffer> {
  return fc
    .tuple(
      base,
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }),
      fc.array(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 })), {
        maxLength: 2
      }),
      fc.option(fc.nat())
    )
    .map(([bytes, flips, inserts, cut]) => {
      let out = Buffer.from(bytes)
      for (const [at, value] of flips) if (out.length > 0) out[at % out.length] = value
      for (const [at, data] of inserts) {
        const p = out.length === 0 ? 0 : at % out.length
        out = Buffer.concat([out.subarray(0, p), data, out.subarray(p)])
      }
      if (cut !== null && out.length > 0) out = out.subarray(0, cut % (out.length + 1))
      return out
    })
}

/** Split `data` at these (sorted, deduplicated) points. */
function pieces(data: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map(c => (data.length === 0 ? 0 : c % data.length)))].sort(
    (a, b) => a - b
  )
  const out: Buffer[] = []
  let from = 0
  for (const p of points) {
    if (p > from) out.push(data.subarray(from, p))
    from = Math.max(from, p)
  }
  out.push(data.subarray(from))
  return out
}

// --- tar -----------------------------------------------------------------------------------

/** A ustar header block with chosen fields (any bytes) and a valid checksum. */
const rawHeader = fc
  .record({
    name: fc.string({ maxLength: 100 }),
    size: fc.oneof(
      fc.nat({ max: 2000 }).map(n => n.toString(8).padStart(11, '0')),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('-1', '77777777777', '0x10', ' 12 ', '')
    ),
    base256: fc.option(fc.uint8Array({ minLength: 12, maxLength: 12 }), { freq: 5 }),
    flag: fc.constantFrom('0', '5', '2', '1', 'x', 'g', 'L', 'K', '7', 'S', '\0', 'z'),
    link: fc.string({ maxLength: 100 }),
    mode: fc.oneof(fc.constant('0000644'), fc.string({ maxLength: 8 }))
  })
  .map(h => {
    const block = Buffer.alloc(512)
    block.write(h.name, 0, 100, 'utf8')
    block.write(h.mode, 100, 8, 'latin1')
    if (h.base256) {
      Buffer.from(h.base256).copy(block, 124)
      block[124] |= 0x80
    } else block.write(h.size, 124, 12, 'latin1')
    block.write(h.flag, 156, 1, 'latin1')
    block.write(h.link, 157, 100, 'utf8')
    block.write('ustar\0', 257, 'latin1')
    block.write('00', 263, 'latin1')
    block.fill(0x20, 148, 156)
    let sum = 0
    for (const b of block) sum += b
    block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1')
    return block
  })

/** PAX records, well-formed or not. */
const paxBody = fc
  .array(
    fc.oneof(
      fc
        .tuple(
          fc.constantFrom('size', 'path', 'linkpath', 'mtime', 'SCHILY.xattr.x'),
          fc.string({ maxLength: 30 })
        )
        .map(([k, v]) => {
          const r = `${k}=${v}`
          let length = Buffer.byteLength(r) + 3
          while (String(length).length + 2 + Buffer.byteLength(r) !== length)
            length = String(length).length + 2 + Buffer.byteLength(r)
          return `${length} ${r}\n`
        }),
      fc.string({ maxLength: 40 })
    ),
    { maxLength: 5 }
  )
  .map(records => Buffer.from(records.join('')))

/** Tar streams: valid ones from the test writer, raw headers with any fields, PAX bodies, junk. */
const tarStream: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 3000 }).map(b => Buffer.from(b)),
  mutated(
    fc
      .array(
        fc.record({
          name: fc.string({ minLength: 1, maxLength: 120 }),
          content: fc.uint8Array({ maxLength: 700 }),
          pax: fc.option(
            fc.dictionary(fc.constantFrom('size', 'path', 'linkpath'), fc.string({ maxLength: 20 }))
          ),
          type: fc.constantFrom(
            'file' as const,
            'dir' as const,
            'symlink' as const,
            'hardlink' as const
          ),
          link: fc.string({ maxLength: 20 })
        }),
        { maxLength: 4 }
      )
      .map(entries =>
        makeTar(
          entries.map(e => ({
            name: e.name,
            type: e.type,
            content: Buffer.from(e.content),
            link: e.link,
            pax: e.pax ?? undefined
          }))
        )
      )
  ),
  fc
    .array(
      fc.oneof(
        rawHeader,
        paxBody,
        fc.uint8Array({ maxLength: 600 }).map(b => Buffer.from(b))
      ),
      {
        maxLength: 6
      }
    )
    .map(parts => Buffer.concat(parts))
)

const tar: Target = () =>
  fc.property(tarStream, fc.array(fc.nat(), { maxLength: 6 }), (bytes, cuts) => {
    let entries = 0
    let contentBytes = 0
    const parser = new TarParser({
      entry: header => {
        entries++
        expect(Number.isSafeInteger(header.size) && header.size >= 0)
        return header.size < 4096
      },
      content: (_h, data) => {
        contentBytes += data.length
      }
    })
    only([TarFormatError], () => {
      for (const piece of pieces(bytes, cuts)) parser.write(piece)
      parser.end()
    })
    // Every entry costs a 512-byte header; content is never more than what came in.
    expect(entries <= bytes.length / 512 + 1)
    expect(contentBytes <= bytes.length)
  })

const tarIndex: Target = () =>
  fc.asyncProperty(tarStream, async bytes => {
    const entries = await onlyAsync([TarFormatError], () =>
      indexTarFile(
        async (position, length) => bytes.subarray(position, position + length),
        bytes.length,
        1000
      )
    )
    if (entries) {
      expect(entries.length <= bytes.length / 512 + 1)
      for (const e of entries) expect(e.offset + e.size <= bytes.length && e.size >= 0)
    }
  })

// --- OCI indexes and manifests -------------------------------------------------------------

const digests = ['a', 'b', 'c', 'd'].map(c => `sha256:${c.repeat(64)}`)
const INDEX = 'application/vnd.oci.image.index.v1+json'
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json'

const descriptor = fc.record(
  {
    digest: fc.oneof(fc.constantFrom(...digests), fc.string({ maxLength: 10 }), fc.anything()),
    mediaType: fc.oneof(fc.constantFrom(INDEX, MANIFEST), fc.anything()),
    size: fc.oneof(fc.nat({ max: 5000 }), fc.integer(), fc.double(), fc.anything()),
    platform: fc.oneof(
      fc.record({
        os: fc.constantFrom('linux', 'windows'),
        architecture: fc.constantFrom('amd64', 'arm64', 'arm'),
        variant: fc.constantFrom('v7', 'v8')
      }),
      fc.anything()
    ),
    annotations: fc.oneof(
      fc.record({ 'org.opencontainers.image.ref.name': fc.constantFrom('latest', 'x') }),
      fc.anything()
    )
  },
  { requiredKeys: [] }
)

const document = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(
      {
        mediaType: fc.constantFrom(INDEX, MANIFEST),
        manifests: fc.oneof(
          { weight: 5, arbitrary: fc.array(descriptor, { maxLength: 3 }) },
          { weight: 1, arbitrary: fc.anything() }
        )
      },
      { requiredKeys: [] }
    )
  },
  {
    weight: 4,
    arbitrary: fc.record(
      {
        config: descriptor,
        layers: fc.oneof(fc.array(descriptor, { maxLength: 3 }), fc.anything())
      },
      { requiredKeys: [] }
    )
  },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        architecture: fc.anything(),
        os: fc.anything(),
        config: fc.oneof(
          fc.record({ User: fc.anything(), Env: fc.oneof(fc.array(fc.anything()), fc.anything()) }),
          fc.anything()
        ),
        rootfs: fc.oneof(
          fc.record({ diff_ids: fc.oneof(fc.array(fc.anything()), fc.anything()) }),
          fc.anything()
        ),
        history: fc.oneof(fc.array(fc.anything(), { maxLength: 4 }), fc.anything())
      },
      { requiredKeys: [] }
    )
  },
  { weight: 1, arbitrary: fc.anything() }
)

const oci: Target = () =>
  fc.asyncProperty(
    fc.dictionary(fc.constantFrom(...digests), document),
    fc.oneof(
      fc.record({
        manifests: fc.oneof(
          { weight: 5, arbitrary: fc.array(descriptor, { maxLength: 3 }) },
          { weight: 1, arbitrary: fc.anything() }
        )
      }),
      fc.anything()
    ),
    fc.option(fc.constantFrom('latest', 'x')),
    fc.boolean(),
    async (docs, index, tag, explicit) => {
      let reads = 0
      const store: BlobStore = {
        where: 'memory',
        json: digest =>
          new Promise((resolve, reject) =>
            setImmediate(() => {
              reads++
              if (typeof digest === 'string' && digest in docs) resolve(docs[digest])
              else reject(new InputError(`memory: blob ${String(digest)} is missing`))
            })
          ),
        blob: (digest, size) => ({
          where: `memory:${digest}`,
          digest,
          size,
          open: async function* () {}
        })
      }
      const image = await onlyAsync([InputError], () =>
        resolveOciIndex(store, index as never, 'r', 'linux/amd64', explicit, tag ?? undefined)
      )
      // Indexes nest at most 8 deep: a bounded number of reads, whatever points where.
      expect(reads <= 10)
      if (image) {
        expect(typeof image.platform === 'string')
        for (const l of image.layers) expect(typeof l.digest === 'string')
        for (const e of image.config.config?.Env ?? []) expect(typeof e === 'string')
      }
    }
  )

const imageConfig: Target = () =>
  fc.property(fc.oneof(document, fc.anything()), value => {
    const config = only([InputError], () => asImageConfig(value, 'config'))
    if (config) {
      for (const e of config.config?.Env ?? []) expect(typeof e === 'string')
      for (const h of config.history ?? []) expect(typeof h === 'object' && h !== null)
      for (const d of config.rootfs?.diff_ids ?? []) expect(typeof d === 'string')
    }
  })

// --- package databases -----------------------------------------------------------------------

const dpkgText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'Package: libc6',
        'Package: zlib1g',
        'Status: install ok installed',
        'Status: deinstall ok config-files',
        'Version: 2.36-9',
        'Version: 1:1.2.13',
        'Source: glibc',
        'Source: zlib (1:1.2.13)',
        'Architecture: amd64',
        ' continuation',
        '\t.',
        '',
        ' ',
        '\r',
        'no colon here'
      ),
      fc.string({ maxLength: 30 })
    ),
    { maxLength: 40 }
  )
  .map(lines => lines.join('\n'))

const apkText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'P:musl',
        'V:1.2.4-r2',
        'A:x86_64',
        'o:musl',
        'F:usr/lib',
        'R:libc.so',
        '',
        ' ',
        'X'
      ),
      fc.string({ maxLength: 20 }).map(s => `R:${s}`),
      fc.string({ maxLength: 20 })
    ),
    { maxLength: 40 }
  )
  .map(lines => lines.join('\n'))

function fedCataloger(name: string): (typeof CATALOGERS)[number] {
  return CATALOGERS.find(c => c.name === name)!
}

/** Parsing whole, and fed record by record in random pieces, agree; only CorruptDatabaseError. */
function differential(name: string, path: string, text: fc.Arbitrary<string>): Target {
  const whole = name === 'dpkg' ? dpkgCataloger : apkCataloger
  const fed = fedCataloger(name)
  return () =>
    fc.property(text, fc.array(fc.nat(), { maxLength: 8 }), (t, cuts) => {
      const data = Buffer.from(t)
      const a = only([CorruptDatabaseError], () => whole.parse(path, data))
      const b = only([CorruptDatabaseError], () => {
        const s = fed.stream!(path)
        for (const piece of pieces(data, cuts)) s.write(piece)
        return s.end()
      })
      const norm = (p: ParsedFile | undefined): unknown =>
        p && { packages: p.packages, owned: p.ownedPaths ?? [] }
      expect(JSON.stringify(norm(a)) === JSON.stringify(norm(b)))
      if (a) expect(a.packages.length <= data.length / 4 + 1)
    })
}

const dpkgStatus = differential('dpkg', '/var/lib/dpkg/status', dpkgText)
const dpkgList = differential(
  'dpkg',
  '/var/lib/dpkg/info/libc6.list',
  fc
    .array(fc.oneof(fc.constant('/usr/lib/x'), fc.string({ maxLength: 10 })), { maxLength: 20 })
    .map(l => l.join('\n'))
)
const apkInstalled = differential('apk', '/lib/apk/db/installed', apkText)

/** An rpm header blob: il, dl, index entries with chosen tag/type/offset/count, a data store. */
const rpmHeaderBlob = fc.oneof(
  fc.uint8Array({ maxLength: 400 }).map(b => Buffer.from(b)),
  fc
    .tuple(
      fc.array(
        fc.record({
          tag: fc.oneof(
            fc.constantFrom(1000, 1001, 1002, 1003, 1022, 1027, 1044, 1116, 1117, 1118),
            fc.nat()
          ),
          type: fc.integer({ min: 0, max: 10 }),
          offset: fc.oneof(fc.nat({ max: 200 }), fc.integer()),
          count: fc.oneof(fc.nat({ max: 10 }), fc.nat(), fc.constant(0xffffffff))
        }),
        { maxLength: 12 }
      ),
      fc.uint8Array({ maxLength: 300 }),
      fc.option(fc.nat({ max: 1000 }))
    )
    .map(([entries, store, lyingDl]) => {
      const head = Buffer.alloc(8 + entries.length * 16)
      head.writeUInt32BE(entries.length, 0)
      head.writeUInt32BE(lyingDl ?? store.length, 4)
      entries.forEach((e, i) => {
        head.writeUInt32BE(e.tag >>> 0, 8 + i * 16)
        head.writeUInt32BE(e.type, 12 + i * 16)
        head.writeInt32BE(e.offset | 0, 16 + i * 16)
        head.writeUInt32BE(e.count >>> 0, 20 + i * 16)
      })
      return Buffer.concat([head, store])
    })
)

const rpmHeader: Target = () =>
  fc.property(rpmHeaderBlob, blob => {
    const header = only([CorruptDatabaseError], () => parseRpmHeader(blob))
    if (header) expect(header.files.length <= blob.length)
  })

/** A BerkeleyDB file of 512-byte pages: a meta page, then pages of random types and items. */
const bdbFile = fc
  .tuple(
    fc.boolean(),
    fc.constantFrom(512, 1024, 4096, 3000, 0),
    fc.array(
      fc.record({
        type: fc.constantFrom(13, 2, 7, 0, 99),
        entries: fc.nat({ max: 40 }),
        items: fc.array(
          fc.tuple(
            fc.nat({ max: 600 }),
            fc.constantFrom(1, 3, 0),
            fc.nat({ max: 12 }),
            fc.nat({ max: 5000 })
          ),
          {
            maxLength: 6
          }
        ),
        next: fc.nat({ max: 12 }),
        bytes: fc.nat({ max: 600 })
      }),
      { maxLength: 6 }
    )
  )
  .map(([bigEndian, pageSize, pages]) => {
    const size = pageSize >= 512 ? pageSize : 512
    const file = Buffer.alloc(size * (pages.length + 1))
    const u32 = (v: number, at: number): void => {
      if (at + 4 > file.length) return
      if (bigEndian) file.writeUInt32BE(v >>> 0, at)
      else file.writeUInt32LE(v >>> 0, at)
    }
    const u16 = (v: number, at: number): void => {
      if (at + 2 > file.length) return
      if (bigEndian) file.writeUInt16BE(v & 0xffff, at)
      else file.writeUInt16LE(v & 0xffff, at)
    }
    u32(0x061561, 12)
    u32(pageSize, 20)
    pages.forEach((p, i) => {
      const base = (i + 1) * size
      file[base + 25] = p.type
      u16(p.entries, base + 20)
      u32(p.next, base + 16)
      u16(p.bytes, base + 22)
      p.items.forEach(([offset, kind, pgno, length], k) => {
        u16(offset, base + 26 + k * 2)
        if (base + offset < file.length) file[base + offset] = kind
        u32(pgno, base + offset + 4)
        u32(length, base + offset + 8)
      })
    })
    return file
  })

const rpmBerkeleyDb: Target = () =>
  fc.property(fc.oneof(bdbFile, mutated(bdbFile)), file => {
    const values = only([CorruptDatabaseError], () => readBerkeleyDbHashValues(file))
    // Each overflow page serves one value: what comes out is never more than the file.
    if (values) expect(values.reduce((n, v) => n + v.length, 0) <= file.length)
  })

/** An rpm ndb Packages.db: header, one slot page of slots pointing at blobs (or anywhere). */
const ndbFile = fc
  .tuple(
    fc.oneof(fc.constant(1), fc.nat({ max: 3 }), fc.constant(5000)),
    fc.array(
      fc.record({
        slotMagic: fc.boolean(),
        pkg: fc.nat({ max: 5 }),
        block: fc.nat({ max: 400 }),
        blobMagic: fc.boolean(),
        length: fc.oneof(fc.nat({ max: 200 }), fc.constant(0xffffffff))
      }),
      { maxLength: 6 }
    ),
    rpmHeaderBlob
  )
  .map(([pages, slots, blob]) => {
    const file = Buffer.alloc(32 + 4096 + 400 * 16 + blob.length + 16)
    file.writeUInt32LE(0x506d7052, 0)
    file.writeUInt32LE(pages, 12)
    const slotCount = Math.max(0, Math.min(pages, 1) * 256 - 2)
    for (let i = 0; i < slotCount; i++) file.writeUInt32LE(0x746f6c53, 32 + i * 16)
    slots.forEach((slot, i) => {
      const at = 32 + i * 16
      if (!slot.slotMagic) file.writeUInt32LE(0, at)
      file.writeUInt32LE(slot.pkg, at + 4)
      file.writeUInt32LE(slot.block, at + 8)
      const start = slot.block * 16
      if (start + 16 <= file.length) {
        if (slot.blobMagic) file.writeUInt32LE(0x53626c42, start)
        file.writeUInt32LE(slot.pkg, start + 4)
        file.writeUInt32LE(slot.length >>> 0, start + 12)
        if (start + 16 + blob.length <= file.length) blob.copy(file, start + 16)
      }
    })
    return file
  })

const rpmNdb: Target = () =>
  fc.property(fc.oneof(ndbFile, mutated(ndbFile)), file => {
    const parsed = only([CorruptDatabaseError], () =>
      rpmCataloger.parse('/usr/lib/sysimage/rpm/Packages.db', file)
    )
    if (parsed) expect(parsed.packages.length <= 2048 * 256)
  })

// --- application packages --------------------------------------------------------------------

const packageJson: Target = () =>
  fc.property(
    fc.oneof(
      fc.json().map(j => Buffer.from(j)),
      fc.string().map(s => Buffer.from(s)),
      fc
        .record(
          { name: fc.anything(), version: fc.anything(), dependencies: fc.anything() },
          { requiredKeys: [] }
        )
        .map(o => Buffer.from(JSON.stringify(o) ?? ''))
    ),
    fc.constantFrom('/app/package.json', '/app/node_modules/x/package.json'),
    (content, path) => {
      const parsed = npmCataloger.parse(path, content)
      expect(parsed.packages.length <= 1)
      for (const p of parsed.packages)
        expect(typeof p.name === 'string' && typeof p.version === 'string')
    }
  )

const pythonMetadata: Target = () =>
  fc.property(
    fc
      .array(
        fc.oneof(
          fc.constantFrom('Name: six', 'Version: 1.16.0', 'name:x', '', 'Metadata-Version: 2.1'),
          fc.string()
        ),
        {
          maxLength: 10
        }
      )
      .map(l => Buffer.from(l.join('\n'))),
    content => {
      const parsed = pythonCataloger.parse(
        '/usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA',
        content
      )
      expect(parsed.packages.length <= 1)
    }
  )

const osRelease: Target = () =>
  fc.property(fc.string({ maxLength: 300 }), text => {
    osReleaseCataloger.parse('/etc/os-release', Buffer.from(text))
  })

/** An ELF-looking binary with a Go build-info blob (or a broken one) somewhere in it. */
const goBinary = fc
  .tuple(
    fc.nat({ max: 8 }),
    fc.uint8Array({ maxLength: 200 }),
    fc.integer({ min: 0, max: 255 }),
    fc.array(
      fc.oneof(
        fc.string({ maxLength: 60 }),
        fc.constant('mod\tex.com/a\tv1.0.0\ndep\tex.com/b\tv2\n=>\tex.com/c\tv3\n')
      ),
      {
        minLength: 2,
        maxLength: 2
      }
    ),
    fc.array(fc.nat(), { maxLength: 2 }),
    fc.uint8Array({ maxLength: 100 })
  )
  .map(([pad16, junk, flags, strings, lyingLengths, tail]) => {
    const header = Buffer.alloc(32)
    header.write('\xff Go buildinf:', 0, 'latin1')
    header[15] = flags
    const varint = (n: number): Buffer => {
      const out: number[] = []
      do {
        out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0))
        n = Math.floor(n / 128)
      } while (n > 0)
      return Buffer.from(out)
    }
    const body = strings.flatMap((s, i) => {
      const bytes = Buffer.from(s)
      return [varint(lyingLengths[i] ?? bytes.length), bytes]
    })
    const before = Buffer.concat([Buffer.from('\x7fELF', 'latin1'), Buffer.from(junk)])
    const align = Buffer.alloc(((16 - (before.length % 16)) % 16) + pad16 * 16)
    return Buffer.concat([before, align, header, ...body, Buffer.from(tail)])
  })

const goBuildInfo: Target = () =>
  fc.property(
    fc.oneof(goBinary, mutated(goBinary)),
    fc.array(fc.nat(), { maxLength: 6 }),
    (binary, cuts) => {
      const info = readGoBuildInfo(binary)
      if (info) expect(info.deps.length <= binary.length)
      // Streamed in pieces (as a layer goes by), the same packages as read whole.
      const stream = goBuildInfoStream()
      for (const piece of pieces(binary, cuts)) stream.write(piece)
      const streamed = stream.end().packages
      const whole = golangCataloger.parse('/usr/local/bin/app', binary).packages
      expect(JSON.stringify(streamed) === JSON.stringify(whole))
    }
  )

/** Jars from fflate (pom.properties, MANIFEST.MF, nested jars), then damaged. */
const jarBytes = fc
  .array(
    fc.oneof(
      fc.tuple(
        fc.constant('META-INF/maven/org.a/lib/pom.properties'),
        fc.constantFrom('groupId=org.a\nartifactId=lib\nversion=1.0\n', 'x=y', '')
      ),
      fc.tuple(
        fc.constant('META-INF/MANIFEST.MF'),
        fc.constantFrom(
          'Manifest-Version: 1.0\nImplementation-Version: 2\nImplementation-Title: t\n',
          ' broken'
        )
      ),
      fc.tuple(fc.constantFrom('a.class', 'dir/'), fc.string({ maxLength: 30 }))
    ),
    { maxLength: 5 }
  )
  .chain(files =>
    fc.boolean().map(nest => {
      const entries: Record<string, Uint8Array> = {}
      for (const [name, text] of files) entries[name] = Buffer.from(text)
      if (nest) entries['BOOT-INF/lib/inner-1.0.jar'] = zipSync(entries)
      return zipSync(entries, { level: 6 })
    })
  )

const jar: Target = () =>
  fc.property(fc.oneof(jarBytes, mutated(jarBytes), fc.uint8Array({ maxLength: 300 })), data => {
    const parsed = javaCataloger.parse('/app/app-1.0.jar', Buffer.from(data))
    expect(parsed.packages.length <= data.length)
    only([ZipFormatError], () => unzipBounded(data, () => true, { left: 4096, entries: 20 }))
  })

// --- decompression ---------------------------------------------------------------------------

const compressedStream = fc.oneof(
  mutated(
    fc
      .uint8Array({ maxLength: 2000 })
      .map(b => Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from(b)]))
  ),
  mutated(
    fc
      .uint8Array({ maxLength: 2000 })
      .map(b => Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.from(b)]))
  ),
  mutated(fc.uint8Array({ maxLength: 3000 }).map(b => gzipSync(b))),
  mutated(fc.uint8Array({ maxLength: 3000 }).map(b => zstdCompressSync(b)))
)

const decompression: Target = () =>
  fc.asyncProperty(compressedStream, fc.array(fc.nat(), { maxLength: 5 }), async (bytes, cuts) => {
    let out = 0
    const max = 64 * 1024
    async function* source(): AsyncGenerator<Buffer> {
      for (const piece of pieces(bytes, cuts)) yield piece
    }
    await onlyAsync([LayerFormatError], () =>
      pumpLayer(source(), max, chunk => (out += chunk.length))
    )
    // The bound holds whatever the stream says: no more than `max` is handed on.
    expect(out <= max)
  })

/** `expect` without jest (this runs in a plain child process). */
function expect(ok: boolean): void {
  if (!ok) throw new Error('property violated')
}

export const TARGETS: Record<string, Target> = {
  tar,
  tarIndex,
  oci,
  imageConfig,
  dpkgStatus,
  dpkgList,
  apkInstalled,
  rpmHeader,
  rpmBerkeleyDb,
  rpmNdb,
  packageJson,
  pythonMetadata,
  osRelease,
  goBuildInfo,
  jar,
  decompression
}
