// Hostile images for the image reader: decompression bombs of every format, package-database
// bombs, zip bombs, index cycles and nesting, lying and truncated headers, symlink tricks and
// sheer size. Each builder writes its image under `dir` and returns the path to read; `expect`
// says what a correct reader gives: a result whose warnings name the trouble (`warning`), a result
// (`ok`), or one InputError (`error`). Used by the hostile tests (__tests__/image/hostile-*.test.ts)
// and by the hostile-input run (bench/hostile.bench.ts), which measures each in a child process.
import { createHash } from 'node:crypto'
import {
  createWriteStream,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { createGzip, deflateRawSync, gzipSync } from 'node:zlib'
import {
  bigFileHeader,
  gzipBomb,
  makeDockerArchive,
  makeTar,
  paxRecords,
  sha256,
  tarHeader,
  writeOciLayout,
  type TarInput
} from './tar-writer.js'
import { zstdRawFrame } from './zstd.js'

export const GiB = 1024 ** 3
export const MiB = 1024 ** 2
export const DPKG =
  'Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\nArchitecture: amd64\n'
export const OS_RELEASE = 'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n'
/** What every case with a second, healthy layer must still report. */
export const LIBC6 = 'pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12'

/** A Debian base's essentials: its os-release (vulnerability matching needs the distro) and dpkg status. */
export function healthyTar(): Buffer {
  return makeTar([
    { name: 'etc/os-release', content: OS_RELEASE },
    { name: 'var/lib/dpkg/status', content: DPKG }
  ])
}

export interface HostileCase {
  name: string
  what: string
  expect: 'warning' | 'error' | 'ok'
  /** Slow to build or to read (millions of entries, GiBs to disk): the tests leave it to the bench. */
  large?: boolean
  build(dir: string): string | Promise<string>
}

const healthyLayer = (): Buffer => gzipSync(healthyTar())

/** An OCI layout whose layers are these blobs, stored as given (layer 1 and up usually healthy). */
export function layoutOf(path: string, blobs: Buffer[]): string {
  let i = 0
  writeOciLayout(path, [{ layers: blobs.map(() => Buffer.alloc(0)), compress: () => blobs[i++] }])
  return path
}

/** Layer 0 is `bomb`, layer 1 a healthy dpkg status that must still be read. */
export function withBomb(path: string, bomb: Buffer): string {
  return layoutOf(path, [bomb, healthyLayer()])
}

/** A zstd frame of RLE blocks: 4 bytes for each 128 KiB of zero bytes. */
export function zstdRleZeros(bytes: number): Buffer {
  const block = 128 * 1024
  const blocks = Math.ceil(bytes / block)
  const parts = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, (17 - 10) << 3])]
  for (let i = 0; i < blocks; i++) {
    const size = Math.min(block, bytes - i * block)
    const h = (i === blocks - 1 ? 1 : 0) | (1 << 1) | (size << 3)
    parts.push(Buffer.from([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff, 0]))
  }
  return Buffer.concat(parts)
}

/** A zip whose central directory lists `count` entries that all point at one deflate stream. */
export function overlappingZip(count: number, inflated: number): Buffer {
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
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(0x06054b50, 0)
  eocd.writeUInt16LE(Math.min(count, 0xffff), 8)
  eocd.writeUInt16LE(Math.min(count, 0xffff), 10)
  eocd.writeUInt32LE(cd.length, 12)
  eocd.writeUInt32LE(local.length + name.length + data.length, 16)
  return Buffer.concat([local, name, data, cd, eocd])
}

/** A zip of one deflated entry whose central directory lies about its inflated size. */
export function oneEntryZip(entryName: string, content: Buffer, claimed = 100): Buffer {
  const data = deflateRawSync(content)
  const name = Buffer.from(entryName)
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(8, 8)
  local.writeUInt32LE(data.length, 18)
  local.writeUInt16LE(name.length, 26)
  const c = Buffer.alloc(46)
  c.writeUInt32LE(0x02014b50, 0)
  c.writeUInt16LE(8, 10)
  c.writeUInt32LE(data.length, 20)
  c.writeUInt32LE(claimed, 24)
  c.writeUInt16LE(name.length, 28)
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(0x06054b50, 0)
  eocd.writeUInt16LE(1, 8)
  eocd.writeUInt16LE(1, 10)
  eocd.writeUInt32LE(46 + name.length, 12)
  eocd.writeUInt32LE(30 + name.length + data.length, 16)
  return Buffer.concat([local, name, data, c, name, eocd])
}

/** A jar nesting `depth` jars, each also holding a pom.properties. */
function nestedJar(depth: number): Buffer {
  let inner = oneEntryZip(
    'META-INF/maven/org.x/leaf/pom.properties',
    Buffer.from('groupId=org.x\nartifactId=leaf\nversion=1\n'),
    40
  )
  for (let d = 0; d < depth; d++) {
    // stored (method 0) nested archive beside a pom.properties
    const name = Buffer.from(`lib/level${d}.jar`)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt32LE(inner.length, 18)
    local.writeUInt32LE(inner.length, 22)
    local.writeUInt16LE(name.length, 26)
    const c = Buffer.alloc(46)
    c.writeUInt32LE(0x02014b50, 0)
    c.writeUInt32LE(inner.length, 20)
    c.writeUInt32LE(inner.length, 24)
    c.writeUInt16LE(name.length, 28)
    const eocd = Buffer.alloc(22)
    eocd.writeUInt32LE(0x06054b50, 0)
    eocd.writeUInt16LE(1, 8)
    eocd.writeUInt16LE(1, 10)
    eocd.writeUInt32LE(46 + name.length, 12)
    eocd.writeUInt32LE(30 + name.length + inner.length, 16)
    inner = Buffer.concat([local, name, inner, c, name, eocd])
  }
  return inner
}

/** A BerkeleyDB hash file (rpm's `Packages`) whose `items` values all share one overflow chain. */
export function sharedOverflowBdb(items: number, chainPages: number): Buffer {
  const page = 4096
  const perPage = 200
  const hashPages = Math.ceil(items / perPage)
  const file = Buffer.alloc(page * (1 + hashPages + chainPages))
  file.writeUInt32LE(0x061561, 12) // little-endian hash magic
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
    const onPage = Math.min(perPage, items - item)
    file.writeUInt16LE(onPage * 2, base + 20)
    for (let k = 0; k < onPage; k++, item++) {
      const keyAt = page - 16 * (k + 1)
      file.writeUInt16LE(keyAt, base + 26 + k * 4)
      file.writeUInt16LE(keyAt + 4, base + 26 + k * 4 + 2)
      file[base + keyAt + 4] = 3 // H_OFFPAGE, pointing at the one chain
      file.writeUInt32LE(firstChain, base + keyAt + 4 + 4)
      file.writeUInt32LE(length, base + keyAt + 4 + 8)
    }
  }
  return file
}

function layoutDir(path: string): string {
  mkdirSync(join(path, 'blobs', 'sha256'), { recursive: true })
  writeFileSync(join(path, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
  return path
}

function put(layout: string, data: Buffer | string, digest = sha256(data)): string {
  writeFileSync(join(layout, 'blobs', 'sha256', digest.slice(7)), data)
  return digest
}

const INDEX = 'application/vnd.oci.image.index.v1+json'

/**
 * A gzip layer written straight to disk from `entries` (never the whole tar in memory), then an
 * OCI layout around it (and a healthy second layer).
 */
async function streamedLayout(path: string, entries: Iterable<TarInput | Buffer>): Promise<string> {
  layoutDir(path)
  const tmp = join(path, 'layer.tmp')
  const gzip = createGzip({ level: 1 })
  const out = createWriteStream(tmp)
  const hash = createHash('sha256')
  gzip.on('data', (chunk: Buffer) => hash.update(chunk))
  gzip.pipe(out)
  const write = (data: Buffer): Promise<void> | undefined =>
    gzip.write(data) ? undefined : new Promise(resolve => gzip.once('drain', resolve))
  let batch: TarInput[] = []
  for (const entry of entries) {
    if (Buffer.isBuffer(entry)) {
      await write(entry)
      continue
    }
    batch.push(entry)
    if (batch.length >= 2000) {
      await write(makeTar(batch, { end: false }))
      batch = []
    }
  }
  await write(makeTar(batch))
  await new Promise<void>(resolve => {
    out.on('finish', resolve)
    gzip.end()
  })
  const digest = `sha256:${hash.digest('hex')}`
  const size = statSync(tmp).size
  renameSync(tmp, join(path, 'blobs', 'sha256', digest.slice(7)))
  const healthy = healthyLayer()
  const healthyDigest = put(path, healthy)
  const config = JSON.stringify({
    os: 'linux',
    architecture: 'amd64',
    rootfs: { type: 'layers', diff_ids: [digest, sha256(healthy)] }
  })
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: put(path, config),
      size: config.length
    },
    layers: [
      { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest, size },
      {
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        digest: healthyDigest,
        size: healthy.length
      }
    ]
  })
  const manifestDigest = put(path, manifest)
  writeFileSync(
    join(path, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: manifestDigest,
          size: manifest.length
        }
      ]
    })
  )
  return path
}

function* range(count: number): Generator<number> {
  for (let i = 0; i < count; i++) yield i
}

/** The image of a case, with its blobs changed after the digests were taken. */
function tamperedLayout(path: string): string {
  writeOciLayout(path, [{ layers: [healthyTar()] }])
  const index = JSON.parse(readFileSync(join(path, 'index.json'), 'utf8')) as {
    manifests: { digest: string }[]
  }
  const manifest = JSON.parse(
    readFileSync(join(path, 'blobs', 'sha256', index.manifests[0].digest.slice(7)), 'utf8')
  ) as { layers: { digest: string }[] }
  const file = join(path, 'blobs', 'sha256', manifest.layers[0].digest.slice(7))
  // One byte of the deflate stream changed: same size, another digest.
  const bytes = readFileSync(file)
  bytes[Math.floor(bytes.length / 2)] ^= 0x01
  writeFileSync(file, bytes)
  return path
}

export const HOSTILE_CASES: HostileCase[] = [
  {
    name: 'gzip-bomb-layer',
    what: '4 GiB of zeros in a 4 MiB gzip layer (OCI layout)',
    expect: 'warning',
    build: dir => withBomb(join(dir, 'gzip-bomb'), gzipBomb(bigFileHeader('big', 4 * GiB), 4 * GiB))
  },
  {
    name: 'zstd-bomb-layer',
    what: '4 GiB of zeros in a 128 KiB zstd layer (RLE blocks)',
    expect: 'warning',
    build: dir =>
      withBomb(
        join(dir, 'zstd-bomb'),
        Buffer.concat([zstdRawFrame(bigFileHeader('big', 4 * GiB)), zstdRleZeros(4 * GiB)])
      )
  },
  {
    name: 'zstd-window-2GiB',
    what: 'a zstd frame that asks for a 2 GiB window',
    expect: 'warning',
    build: dir =>
      withBomb(join(dir, 'zstd-window'), zstdRawFrame(makeTar([{ name: 'x', content: 'y' }]), 31))
  },
  {
    name: 'docker-archive-gzip-bomb-layer',
    what: 'Docker 25+ archive whose layer blob is a 4 GiB gzip bomb',
    expect: 'warning',
    build: dir => {
      const bomb = gzipBomb(bigFileHeader('big', 4 * GiB), 4 * GiB)
      const healthy = healthyTar()
      let i = 0
      const archive = makeDockerArchive(
        { layers: [Buffer.alloc(0), healthy], compress: tar => (i++ === 0 ? bomb : gzipSync(tar)) },
        'oci'
      )
      const path = join(dir, 'docker25-bomb.tar')
      writeFileSync(path, archive)
      return path
    }
  },
  {
    name: 'outer-tar-gz-bomb',
    what: 'a 16 MiB docker save | gzip that inflates to 16 GiB',
    expect: 'error',
    large: true,
    build: dir => {
      const archive = makeDockerArchive({
        layers: [healthyTar()]
      })
      const path = join(dir, 'outer-bomb.tar.gz')
      writeFileSync(path, gzipBomb(archive, 16 * GiB))
      return path
    }
  },
  {
    name: 'outer-tar-zst-bomb',
    what: 'a 512 KiB docker save | zstd that inflates to 16 GiB',
    expect: 'error',
    large: true,
    build: dir => {
      const archive = makeDockerArchive({
        layers: [healthyTar()]
      })
      const path = join(dir, 'outer-bomb.tar.zst')
      writeFileSync(path, Buffer.concat([zstdRawFrame(archive), zstdRleZeros(16 * GiB)]))
      return path
    }
  },
  {
    name: 'dpkg-status-2GiB',
    what: '/var/lib/dpkg/status of 2 GiB in a 2 MiB layer',
    expect: 'warning',
    build: dir => {
      const line = Buffer.from('Package: x\n')
      return withBomb(
        join(dir, 'dpkg-huge'),
        gzipBomb(
          Buffer.concat([bigFileHeader('var/lib/dpkg/status', 2 * GiB), line]),
          2 * GiB - line.length
        )
      )
    }
  },
  {
    name: 'dpkg-status-1M-paragraphs',
    what: 'a 49 MiB dpkg status of one million tiny installed packages',
    expect: 'warning',
    build: dir => {
      const text = Buffer.from(
        'Package: p\nStatus: install ok installed\nVersion: 1\n\n'.repeat(1_000_000)
      )
      return withBomb(
        join(dir, 'dpkg-paragraphs'),
        gzipSync(makeTar([{ name: 'var/lib/dpkg/status', content: text }]))
      )
    }
  },
  {
    name: 'dpkg-list-files',
    what: '20 dpkg .list files of 8 MiB of "/" lines each (80 million owned paths)',
    expect: 'warning',
    build: dir => {
      const lines = Buffer.from('/\n'.repeat(4 * MiB))
      const entries = Array.from({ length: 20 }, (_, i) => ({
        name: `var/lib/dpkg/info/p${i}.list`,
        content: lines
      }))
      return withBomb(join(dir, 'dpkg-lists'), gzipSync(makeTar(entries), { level: 1 }))
    }
  },
  {
    name: 'dpkg-list-1.5M-lines',
    what: 'a dpkg .list file of 1,500,000 owned paths (under the bounds: read, not a crash)',
    expect: 'ok',
    build: dir => {
      const list = Buffer.from(
        Array.from({ length: 1_500_000 }, (_, i) => `/usr/share/x/${i}`).join('\n')
      )
      return withBomb(
        join(dir, 'dpkg-list-big'),
        gzipSync(makeTar([{ name: 'var/lib/dpkg/info/big.list', content: list }]))
      )
    }
  },
  {
    name: 'apk-installed-2GiB',
    what: '/lib/apk/db/installed of 2 GiB',
    expect: 'warning',
    build: dir =>
      withBomb(
        join(dir, 'apk-huge'),
        gzipBomb(bigFileHeader('lib/apk/db/installed', 2 * GiB), 2 * GiB)
      )
  },
  {
    name: 'apk-endless-record',
    what: 'an apk record of 60 MiB (no blank line)',
    expect: 'warning',
    build: dir =>
      withBomb(
        join(dir, 'apk-record'),
        gzipSync(
          makeTar([
            {
              name: 'lib/apk/db/installed',
              content: Buffer.from('P:x\n' + 'R:f\n'.repeat(15 * MiB))
            }
          ])
        )
      )
  },
  {
    name: 'rpm-bdb-shared-overflow',
    what: 'rpm Packages (BerkeleyDB): 2,000 values share one 2 MiB overflow chain (4 GiB if copied)',
    expect: 'warning',
    build: dir =>
      withBomb(
        join(dir, 'rpm-bdb'),
        gzipSync(makeTar([{ name: 'var/lib/rpm/Packages', content: sharedOverflowBdb(2000, 512) }]))
      )
  },
  {
    name: 'rpm-sqlite-200MiB',
    what: 'rpmdb.sqlite of 200 MiB',
    expect: 'warning',
    build: dir =>
      withBomb(
        join(dir, 'rpm-sqlite'),
        gzipBomb(
          Buffer.concat([
            bigFileHeader('var/lib/rpm/rpmdb.sqlite', 200 * MiB),
            Buffer.from('SQLite format 3\0')
          ]),
          200 * MiB - 16
        )
      )
  },
  {
    name: 'jar-overlapping-entries',
    what: 'a 600 KiB jar of 10,000 central-directory entries over one 1 MiB deflate stream (10 GiB if each inflated)',
    expect: 'warning',
    build: dir =>
      withBomb(
        join(dir, 'jar-overlap'),
        gzipSync(makeTar([{ name: 'app/bomb.jar', content: overlappingZip(10_000, MiB) }]))
      )
  },
  {
    name: 'jar-manifest-bomb',
    what: 'a jar whose MANIFEST.MF inflates to 256 MiB (claims 100 bytes)',
    expect: 'warning',
    build: dir =>
      withBomb(
        join(dir, 'jar-manifest'),
        gzipSync(
          makeTar([
            {
              name: 'app/lib-1.0.jar',
              content: oneEntryZip('META-INF/MANIFEST.MF', Buffer.alloc(256 * MiB))
            }
          ])
        )
      )
  },
  {
    name: 'jar-nested-20',
    what: 'jars nested 20 deep',
    expect: 'ok',
    build: dir =>
      withBomb(
        join(dir, 'jar-nested'),
        gzipSync(makeTar([{ name: 'app/outer.jar', content: nestedJar(20) }]))
      )
  },
  {
    name: 'pax-size-nan-layer',
    what: 'a layer whose PAX header says size=abc',
    expect: 'warning',
    build: dir =>
      withBomb(
        join(dir, 'pax-layer'),
        gzipSync(makeTar([{ name: 'etc/hostname', content: 'box\n', pax: { size: 'abc' } }]))
      )
  },
  {
    name: 'pax-size-nan-outer',
    what: 'an outer archive whose PAX header says size=abc',
    expect: 'error',
    build: dir => {
      const records = paxRecords([['size', 'abc']])
      const path = join(dir, 'pax-outer.tar')
      writeFileSync(
        path,
        Buffer.concat([
          tarHeader('PaxHeader', 'x', records.length),
          records,
          Buffer.alloc(512 - records.length),
          makeDockerArchive({ layers: [healthyTar()] })
        ])
      )
      return path
    }
  },
  {
    name: 'tar-lying-size',
    what: 'a layer whose tar header says 1 GiB for a 4-byte file',
    expect: 'warning',
    build: dir =>
      withBomb(
        join(dir, 'tar-lying'),
        gzipSync(
          makeTar([
            { name: 'etc/hostname', content: 'box\n', headerSize: GiB },
            { name: 'x', content: 'y' }
          ])
        )
      )
  },
  {
    name: 'tar-bad-checksum',
    what: 'a layer with a corrupt header block',
    expect: 'warning',
    build: dir => {
      const tar = makeTar([
        { name: 'a', content: 'b' },
        { name: 'c', content: 'd' }
      ])
      tar[1024 + 5] ^= 0xff // inside the second header's name
      return withBomb(join(dir, 'tar-checksum'), gzipSync(tar))
    }
  },
  {
    name: 'layer-gzip-truncated',
    what: 'a layer whose gzip stream is cut (its digest names the cut blob)',
    expect: 'warning',
    build: dir => {
      const whole = gzipSync(makeTar([{ name: 'etc/hostname', content: 'box\n'.repeat(10_000) }]))
      return withBomb(join(dir, 'gzip-cut'), whole.subarray(0, whole.length - 100))
    }
  },
  {
    name: 'outer-truncated',
    what: 'a docker-archive cut in the middle of a layer',
    expect: 'error',
    build: dir => {
      const archive = makeDockerArchive({
        layers: [makeTar([{ name: 'var/lib/dpkg/status', content: DPKG.repeat(50) }])]
      })
      const path = join(dir, 'outer-cut.tar')
      writeFileSync(path, archive.subarray(0, 3000))
      return path
    }
  },
  {
    name: 'index-self-cycle',
    what: 'an OCI index that lists itself',
    expect: 'error',
    build: dir => {
      const layout = layoutDir(join(dir, 'index-self'))
      const digest = sha256('self')
      put(
        layout,
        JSON.stringify({ mediaType: INDEX, manifests: [{ mediaType: INDEX, digest, size: 1 }] }),
        digest
      )
      writeFileSync(
        join(layout, 'index.json'),
        JSON.stringify({ manifests: [{ mediaType: INDEX, digest, size: 1 }] })
      )
      return layout
    }
  },
  {
    name: 'index-a-b-a',
    what: 'OCI indexes A -> B -> A',
    expect: 'error',
    build: dir => {
      const layout = layoutDir(join(dir, 'index-ab'))
      const a = sha256('a')
      const b = sha256('b')
      put(
        layout,
        JSON.stringify({ mediaType: INDEX, manifests: [{ mediaType: INDEX, digest: b, size: 1 }] }),
        a
      )
      put(
        layout,
        JSON.stringify({ mediaType: INDEX, manifests: [{ mediaType: INDEX, digest: a, size: 1 }] }),
        b
      )
      writeFileSync(
        join(layout, 'index.json'),
        JSON.stringify({ manifests: [{ mediaType: INDEX, digest: a, size: 1 }] })
      )
      return layout
    }
  },
  {
    name: 'index-nested-1000',
    what: '1,000 valid indexes nested in one another',
    expect: 'error',
    build: dir => {
      const path = join(dir, 'index-deep')
      writeOciLayout(path, [{ layers: [healthyTar()] }])
      const index = JSON.parse(readFileSync(join(path, 'index.json'), 'utf8')) as {
        manifests: object[]
      }
      let top = index.manifests[0]
      for (let i = 0; i < 1000; i++) {
        const text = JSON.stringify({ schemaVersion: 2, mediaType: INDEX, manifests: [top] })
        top = { mediaType: INDEX, digest: put(path, text), size: text.length }
      }
      writeFileSync(
        join(path, 'index.json'),
        JSON.stringify({ schemaVersion: 2, manifests: [top] })
      )
      return path
    }
  },
  {
    name: 'blob-digest-mismatch',
    what: 'a layout layer changed after its digest was taken',
    expect: 'error',
    build: dir => tamperedLayout(join(dir, 'tampered'))
  },
  {
    name: 'symlink-tricks',
    what: 'symlink loops, escapes, 60-hop chains, hardlinks to nowhere and outside, os-release via /proc',
    expect: 'ok',
    build: dir => {
      const entries: TarInput[] = [
        { name: 'loop/a', type: 'symlink', link: 'b' },
        { name: 'loop/b', type: 'symlink', link: 'a' },
        { name: 'escape', type: 'symlink', link: '../../../../../../..' },
        { name: 'etc/os-release', type: 'symlink', link: '../../../proc/self/environ' },
        { name: 'usr/lib/os-release', type: 'symlink', link: '/usr/lib/os-release' },
        { name: 'var/lib/dpkg/status-link', type: 'hardlink', link: '../../../../etc/shadow' },
        { name: 'nowhere', type: 'hardlink', link: 'does/not/exist' },
        { name: 'var/lib/apk', type: 'symlink', link: '/dev' },
        { name: 'lib/apk/db/installed', type: 'symlink', link: '/dev/zero' },
        ...Array.from({ length: 60 }, (_, i) => ({
          name: `chain/l${i}`,
          type: 'symlink' as const,
          link: i === 59 ? '/var/lib/dpkg/status' : `l${i + 1}`
        })),
        { name: 'etc/alternatives/x', type: 'symlink', link: 'x' }
      ]
      return layoutOf(join(dir, 'symlinks'), [gzipSync(makeTar(entries)), healthyLayer()])
    }
  },
  {
    name: 'opaque-whiteouts-quadratic',
    what: '100,000 files, then 100,000 opaque markers interleaved with 100,000 new files in one directory',
    expect: 'ok',
    large: true,
    build: dir =>
      streamedLayout(
        join(dir, 'opaque'),
        (function* () {
          for (const i of range(100_000)) yield { name: `a/old${i}`, content: 'x' }
          for (const i of range(100_000)) {
            yield { name: `a/.wh..wh..opq` }
            yield { name: `a/new${i}`, content: 'y' }
          }
        })()
      )
  },
  {
    name: 'long-paths',
    what: '100,000 entries with 4,000-character PAX paths (400 MB of names)',
    expect: 'warning',
    large: true,
    build: dir =>
      streamedLayout(
        join(dir, 'long-paths'),
        (function* () {
          const stem = 'd/'.repeat(1990)
          for (const i of range(100_000)) yield { name: `${stem}${i}`, content: '' }
        })()
      )
  },
  {
    name: 'too-long-path',
    what: 'an entry whose PAX path is 1 MiB',
    expect: 'warning',
    build: dir =>
      withBomb(
        join(dir, 'long-path'),
        gzipSync(makeTar([{ name: 'x/'.repeat(512 * 1024), content: 'y' }]))
      )
  },
  {
    name: 'many-files-1.5M',
    what: '1,500,000 empty files in one layer',
    expect: 'ok',
    large: true,
    build: dir =>
      streamedLayout(
        join(dir, 'many-files'),
        (function* () {
          for (const i of range(1_500_000)) yield { name: `f/${i % 1000}/${i}`, content: '' }
        })()
      )
  },
  {
    name: 'many-packages-300k',
    what: '300,000 node_modules package.json files',
    expect: 'warning',
    large: true,
    build: dir =>
      streamedLayout(
        join(dir, 'many-packages'),
        (function* () {
          for (const i of range(300_000))
            yield {
              name: `app/node_modules/p${i}/package.json`,
              content: `{"name":"p${i}","version":"1.0.0"}`
            }
        })()
      )
  },
  {
    name: 'config-500k-history',
    what: 'an image config with 500,000 history entries (22 MB)',
    expect: 'ok',
    build: dir => {
      const path = join(dir, 'history')
      writeOciLayout(path, [
        {
          layers: [healthyTar()],
          history: [
            { created_by: 'layer' },
            ...Array.from({ length: 500_000 }, () => ({
              created_by: 'ENV A=1',
              empty_layer: true
            }))
          ]
        }
      ])
      return path
    }
  }
]
