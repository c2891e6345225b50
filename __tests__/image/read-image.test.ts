import { describe, expect, it, beforeAll, afterAll } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { constants as zlibConstants, gzipSync, zstdCompressSync } from 'node:zlib'
import { zstdCompress, zstdRawFrame } from './zstd.js'
import { readImage } from '../../src/image/index.js'
import { InputError } from '../../src/model/errors.js'
import { makeDockerArchive, makeTar, sha256, writeOciLayout } from './tar-writer.js'

const status = (
  pkgs: { name: string; version: string; source?: string; state?: string }[]
): string =>
  pkgs
    .map(
      p =>
        `Package: ${p.name}\nStatus: ${p.state ?? 'install ok installed'}\nArchitecture: amd64\n${p.source ? `Source: ${p.source}\n` : ''}Version: ${p.version}\nDescription: test\n multi-line\n`
    )
    .join('\n')

const OS =
  'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'image-test-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// Three layers: base with libc6 + zlib, a layer that rewrites the dpkg status to add curl, one that
// upgrades zlib and deletes things through whiteouts.
function threeLayers(): Buffer[] {
  return [
    makeTar([
      { name: 'etc/', type: 'dir' },
      { name: 'usr/lib/os-release', content: OS },
      { name: 'etc/os-release', type: 'symlink', link: '../usr/lib/os-release' },
      {
        name: 'var/lib/dpkg/status',
        content: status([
          { name: 'libc6', version: '2.36-9', source: 'glibc' },
          { name: 'zlib1g', version: '1:1.2.13.dfsg-1', source: 'zlib (1:1.2.13.dfsg-1)' }
        ])
      },
      { name: 'opt/old/keep.txt', content: 'x' },
      { name: 'opt/old/gone.txt', content: 'x' },
      {
        name: 'app/node_modules/left-pad/package.json',
        content: '{"name":"left-pad","version":"1.3.0"}'
      },
      { name: 'bin', type: 'symlink', link: 'usr/bin' },
      { name: 'usr/bin/sh', content: '#!', mode: 0o755 },
      { name: 'usr/bin/dash', type: 'hardlink', link: 'usr/bin/sh' },
      { name: 'var/lib/dpkg/status-hardlink', type: 'hardlink', link: 'var/lib/dpkg/status' }
    ]),
    makeTar([
      // upper layers repeat the directory entries of what they change; they merge with the lower ones
      { name: 'var/lib/dpkg/', type: 'dir' },
      { name: 'usr/', type: 'dir' },
      { name: 'usr/lib/', type: 'dir' },
      {
        name: 'var/lib/dpkg/status',
        content: status([
          { name: 'libc6', version: '2.36-9', source: 'glibc' },
          { name: 'zlib1g', version: '1:1.2.13.dfsg-1', source: 'zlib (1:1.2.13.dfsg-1)' },
          { name: 'curl', version: '7.88.1-10' },
          { name: 'removed-pkg', version: '1.0', state: 'deinstall ok config-files' }
        ])
      },
      { name: 'app/node_modules/debug/package.json', content: '{"name":"debug","version":"4.3.4"}' }
    ]),
    makeTar([
      {
        name: 'var/lib/dpkg/status',
        content: status([
          { name: 'libc6', version: '2.36-9', source: 'glibc' },
          { name: 'zlib1g', version: '1:1.2.13.dfsg-2', source: 'zlib' },
          { name: 'curl', version: '7.88.1-10' }
        ])
      },
      { name: 'app/', type: 'dir' },
      { name: 'app/node_modules/', type: 'dir' },
      { name: 'app/node_modules/.wh.left-pad' },
      { name: 'opt/old/.wh..wh..opq' },
      { name: 'opt/old/new.txt', content: 'y' },
      { name: 'escape', type: 'symlink', link: '../../../../etc' }
    ])
  ]
}

describe('readImage on synthetic images', () => {
  it('attributes each package to the layer where it first appears at its final version', async () => {
    const path = join(dir, 'three')
    writeOciLayout(path, [
      {
        layers: threeLayers(),
        history: [
          { created_by: 'FROM debian' },
          { created_by: 'RUN apt-get install curl' },
          { created_by: 'ENV A=1', empty_layer: true },
          { created_by: 'RUN apt-get upgrade' }
        ]
      }
    ])
    const scan = await readImage(path)
    const debs = scan.packages
      .filter(p => p.type === 'deb')
      .map(p => [p.name, p.version, p.sourceName, p.sourceVersion, p.layerIndex, p.createdBy])
    expect(debs).toEqual([
      ['curl', '7.88.1-10', 'curl', '7.88.1-10', 1, 'RUN apt-get install curl'],
      ['libc6', '2.36-9', 'glibc', '2.36-9', 0, 'FROM debian'],
      ['zlib1g', '1:1.2.13.dfsg-2', 'zlib', '1:1.2.13.dfsg-2', 2, 'RUN apt-get upgrade']
    ])
    expect(scan.packages.find(p => p.name === 'zlib1g')?.purl).toBe(
      'pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-2?arch=amd64&distro=debian-12&upstream=zlib'
    )
    expect(scan.os).toEqual({
      id: 'debian',
      versionId: '12',
      versionCodename: 'bookworm',
      prettyName: 'Debian GNU/Linux 12 (bookworm)'
    })
    expect(
      scan.packages.filter(p => p.type === 'npm').map(p => `${p.name}@${p.version}:${p.layerIndex}`)
    ).toEqual(['debug@4.3.4:1'])
    expect(scan.history.map(h => h.layerIndex)).toEqual([0, 1, undefined, 2])
    expect(scan.layers.map(l => l.createdBy)).toEqual([
      'FROM debian',
      'RUN apt-get install curl',
      'RUN apt-get upgrade'
    ])
  })

  it('applies whiteouts and opaque directories and resolves symlinks inside the root', async () => {
    const path = join(dir, 'wh')
    writeOciLayout(path, [{ layers: threeLayers() }])
    const scan = await readImage(path)
    expect(scan.existsInFinal('/app/node_modules/left-pad/package.json')).toBe(false)
    expect(scan.existsInFinal('/opt/old/gone.txt')).toBe(false)
    expect(scan.existsInFinal('/opt/old/keep.txt')).toBe(false)
    expect(scan.existsInFinal('/opt/old/new.txt')).toBe(true)
    expect(scan.existsInFinal('/bin/sh')).toBe(true)
    expect(scan.existsInFinal('/bin/dash')).toBe(true)
    expect(scan.existsInFinal('/etc/os-release')).toBe(true)
    // ../../../../etc from / stays at /etc
    expect(scan.existsInFinal('/escape/os-release')).toBe(true)
    expect(scan.existsInFinal('/../../usr/bin/sh')).toBe(true)
  })

  it('reads classic docker-archive, Docker 25+ OCI-in-docker-save and plain-layer OCI the same', async () => {
    const spec = { layers: threeLayers(), user: 'app' }
    const classic = join(dir, 'classic.tar')
    const modern = join(dir, 'modern.tar')
    const plain = join(dir, 'plain')
    writeFileSync(classic, makeDockerArchive(spec, 'classic'))
    writeFileSync(modern, makeDockerArchive({ ...spec, compress: 'gzip' }, 'oci'))
    writeOciLayout(plain, [{ ...spec, compress: 'none' }])
    const scans = await Promise.all([readImage(classic), readImage(modern), readImage(plain)])
    const summary = scans.map(s => s.packages.map(p => `${p.purl}@${p.layerIndex}`))
    expect(summary[0].length).toBe(4)
    expect(summary[1]).toEqual(summary[0])
    expect(summary[2]).toEqual(summary[0])
    expect(scans[0].reference).toBe('demo/app:1')
    expect(scans[0].config.user).toBe('app')
    expect(scans[0].layers.map(l => l.digest)).toEqual(scans[2].layers.map(l => l.digest))
  })

  it('picks the platform from a multi-platform index and names the platforms that exist', async () => {
    const path = join(dir, 'multi')
    const arm = makeTar([{ name: 'etc/os-release', content: 'ID=alpine\nVERSION_ID=3.19.1\n' }])
    const amd = makeTar([{ name: 'etc/os-release', content: OS }])
    writeOciLayout(path, [
      { layers: [amd], platform: { os: 'linux', architecture: 'amd64' } },
      { layers: [arm], platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } }
    ])
    expect((await readImage(path, { platform: 'linux/arm64' })).os?.id).toBe('alpine')
    expect((await readImage(path, { platform: 'linux/amd64' })).os?.id).toBe('debian')
    await expect(readImage(path, { platform: 'linux/s390x' })).rejects.toThrow(
      new InputError(
        `${path}: no image for platform linux/s390x (platforms: linux/amd64, linux/arm64/v8)`
      )
    )
  })

  it('gives the file hook each wanted file once, with its layer, in layer order', async () => {
    const path = join(dir, 'hook')
    writeOciLayout(path, [{ layers: threeLayers() }])
    const seen: string[] = []
    await readImage(path, {
      fileHook: {
        wants: p => p.startsWith('/opt/') || p.endsWith('package.json'),
        file: (visit, content) =>
          seen.push(`${visit.layerIndex}:${visit.path}:${content.length}:${visit.createdBy}`)
      }
    })
    expect(seen).toEqual([
      '0:/opt/old/keep.txt:1:layer 0',
      '0:/opt/old/gone.txt:1:layer 0',
      '0:/app/node_modules/left-pad/package.json:37:layer 0',
      '1:/app/node_modules/debug/package.json:34:layer 1',
      '2:/opt/old/new.txt:1:layer 2'
    ])
  })

  it('bounds entries and decompressed bytes: a warning names the layer, what was read stands', async () => {
    const path = join(dir, 'bomb')
    const many = makeTar([
      { name: 'var/lib/dpkg/status', content: status([{ name: 'libc6', version: '2.36-9' }]) },
      ...Array.from({ length: 50 }, (_, i) => ({ name: `f${i}`, content: 'x' }))
    ])
    const big = makeTar([{ name: 'zeros', content: Buffer.alloc(4 * 1024 * 1024) }])
    writeOciLayout(path, [{ layers: [many, big] }])
    const entries = await readImage(path, { limits: { maxEntries: 20 } })
    expect(entries.warnings).toEqual([
      expect.stringMatching(
        /^layer 0 \(.*\): more than 20 entries in the image; the rest of this layer and the 1 layer after it are not read$/
      )
    ])
    expect(entries.packages.map(p => p.name)).toEqual(['libc6'])
    expect(entries.existsInFinal('/zeros')).toBe(false)
    const layerBytes = await readImage(path, { limits: { maxLayerBytes: 1024 * 1024 } })
    expect(layerBytes.warnings).toEqual([
      expect.stringMatching(
        /^layer 1 .*: layer is larger than 1048576 bytes decompressed \(the most allowed: 1 MiB\); the rest of this layer is not read$/
      )
    ])
    expect(layerBytes.packages.map(p => p.name)).toEqual(['libc6'])
    const total = await readImage(path, { limits: { maxTotalBytes: 1024 * 1024 } })
    expect(total.warnings).toEqual([
      expect.stringMatching(/^layer 1 .*: image is larger than 1048576 bytes decompressed/)
    ])
    const ok = await readImage(path)
    expect(ok.warnings).toEqual([])
    expect(ok.existsInFinal('/zeros')).toBe(true)
  })

  it('reads `docker save | gzip` and `| zstd` archives like the plain tar', async () => {
    const archive = makeDockerArchive({ layers: threeLayers(), user: 'app' }, 'classic')
    const plain = join(dir, 'saved.tar')
    const gz = join(dir, 'saved.tar.gz')
    const zst = join(dir, 'saved.tar.zst')
    writeFileSync(plain, archive)
    writeFileSync(gz, gzipSync(archive))
    writeFileSync(zst, zstdCompress(archive))
    const [a, b, c] = await Promise.all([readImage(plain), readImage(gz), readImage(zst)])
    const purls = (scan: typeof a) => scan.packages.map(p => `${p.purl}@${p.layerIndex}`)
    expect(purls(a).length).toBe(4)
    expect(purls(b)).toEqual(purls(a))
    expect(purls(c)).toEqual(purls(a))
    expect(b.config.user).toBe('app')
    // A cut compressed archive is named as the user gave it, in one line.
    const cut = join(dir, 'cut.tar.gz')
    const compressed = gzipSync(archive)
    writeFileSync(cut, compressed.subarray(0, compressed.length - 100))
    const error = (await readImage(cut).catch((e: Error) => e)) as Error
    expect(error).toBeInstanceOf(InputError)
    expect(error.message).toMatch(
      new RegExp(`^${cut.replace(/[.]/g, '\\.')}: .*(truncated|corrupt)`)
    )
    expect(error.message).not.toContain('\n')
  })

  it('decodes zstd layers natively, and refuses a frame that asks for a window past 128 MiB', async () => {
    const path = join(dir, 'zstd-layers')
    writeOciLayout(path, [{ layers: threeLayers(), compress: zstdCompress }])
    const scan = await readImage(path)
    expect(scan.packages.map(p => p.name)).toEqual(['curl', 'libc6', 'zlib1g', 'debug'])
    // Several frames (zstd:chunked layers, `cat a.zst b.zst`), with a checksum and a skippable
    // frame between them, read as one stream.
    const frames = join(dir, 'zstd-frames')
    writeOciLayout(frames, [
      {
        layers: threeLayers(),
        compress: tar => {
          const cut = 1536
          const skippable = Buffer.alloc(8 + 5)
          skippable.writeUInt32LE(0x184d2a5e, 0)
          skippable.writeUInt32LE(5, 4)
          return Buffer.concat([
            zstdCompressSync(tar.subarray(0, cut), {
              params: { [zlibConstants.ZSTD_c_checksumFlag]: 1 }
            }),
            skippable,
            zstdRawFrame(tar.subarray(cut, cut + 700)),
            zstdCompressSync(tar.subarray(cut + 700))
          ])
        }
      }
    ])
    const multi = await readImage(frames)
    expect(multi.warnings).toEqual([])
    expect(multi.packages.map(p => p.name)).toEqual(['curl', 'libc6', 'zlib1g', 'debug'])
    // `zstd --long=27` (128 MiB) is read; a frame asking for 256 MiB or 2 GiB is not.
    const long = join(dir, 'zstd-window-27')
    writeOciLayout(long, [{ layers: threeLayers(), compress: tar => zstdRawFrame(tar, 27) }])
    expect((await readImage(long)).packages).toHaveLength(4)
    for (const windowLog of [28, 31]) {
      const wide = join(dir, `zstd-window-${windowLog}`)
      writeOciLayout(wide, [
        { layers: threeLayers(), compress: tar => zstdRawFrame(tar, windowLog) }
      ])
      const scan = await readImage(wide)
      expect(scan.packages).toEqual([])
      expect(scan.warnings).toEqual(
        [0, 1, 2].map(i =>
          expect.stringMatching(
            new RegExp(
              `^layer ${i} .*: zstd frame needs a window larger than 128 MiB, the most a layer may ask for; the rest of this layer is not read$`
            )
          )
        )
      )
    }
  })

  it('says "not an image archive" for random bytes, without echoing them', async () => {
    const junk = join(dir, 'junk.tar')
    writeFileSync(junk, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)))
    const error = (await readImage(junk).catch((e: Error) => e)) as Error
    expect(error).toBeInstanceOf(InputError)
    expect(error.message).toBe(
      `image ${junk} is not an image archive: it is neither a tar nor a gzip or zstd stream; expected a docker-archive or OCI archive tar (plain, gzip or zstd) or an OCI layout directory`
    )
    expect(error.message).not.toMatch(/[\u0000-\u001f\ufffd]/)
  })

  it('turns missing, truncated and unknown inputs into one-line InputErrors', async () => {
    await expect(readImage(join(dir, 'nope.tar'))).rejects.toThrow(
      new InputError(`image ${join(dir, 'nope.tar')}: no such file or directory`)
    )
    const unknown = join(dir, 'unknown.tar')
    writeFileSync(unknown, makeTar([{ name: 'hello.txt', content: 'hi' }]))
    await expect(readImage(unknown)).rejects.toThrow(
      `${unknown}: unknown image format (neither manifest.json nor index.json in the tar)`
    )
    const cut = join(dir, 'cut.tar')
    const archive = makeDockerArchive({ layers: threeLayers() })
    writeFileSync(cut, archive.subarray(0, 3000))
    await expect(readImage(cut)).rejects.toThrow(InputError)
    // A layer whose gzip stream is cut short (its digest names the cut blob): a warning for that
    // layer, the layers after it are read.
    const cutLayer = join(dir, 'cut-layer')
    let first = true
    writeOciLayout(cutLayer, [
      {
        layers: threeLayers(),
        compress: tar => {
          const whole = gzipSync(tar)
          const cut = first ? whole.subarray(0, whole.length - 200) : whole
          first = false
          return cut
        }
      }
    ])
    const scan = await readImage(cutLayer)
    expect(scan.warnings).toEqual([
      expect.stringMatching(
        /^layer 0 .*(truncated|corrupt)[^\n]*; the rest of this layer is not read$/
      )
    ])
    expect(scan.packages.map(p => p.name)).toEqual(['curl', 'libc6', 'zlib1g', 'debug'])
  })

  it('keeps the other catalogers when one database is corrupt, and names the file', async () => {
    const path = join(dir, 'corrupt')
    writeOciLayout(path, [
      {
        layers: [
          makeTar([
            { name: 'lib/apk/db/installed', content: 'P:musl\nV:1.2.4-r2\nthis is not apk\n' },
            {
              name: 'var/lib/dpkg/status',
              content: status([{ name: 'libc6', version: '2.36-9' }])
            },
            { name: 'var/lib/rpm/rpmdb.sqlite', content: 'SQLite format 3\0garbage' }
          ])
        ]
      }
    ])
    const scan = await readImage(path)
    expect(scan.packages.map(p => p.name)).toEqual(['libc6'])
    expect(scan.warnings).toHaveLength(2)
    expect(scan.warnings[0]).toMatch(
      /^layer 0: \/lib\/apk\/db\/installed: corrupt apk database, skipped/
    )
    expect(scan.warnings[1]).toMatch(
      /^layer 0: \/var\/lib\/rpm\/rpmdb.sqlite: corrupt rpm database, skipped/
    )
  })

  it('reads an rpm SQLite database inside an image (the reader loads only when one is found)', async () => {
    const path = join(dir, 'rpm')
    const db = readFileSync(join(process.cwd(), 'fixtures', 'image', 'rpm', 'rpmdb.sqlite'))
    writeOciLayout(path, [
      {
        layers: [
          makeTar([
            { name: 'etc/os-release', content: 'ID=fedora\nVERSION_ID=40\n' },
            { name: 'usr/lib/sysimage/rpm/rpmdb.sqlite', content: db }
          ])
        ]
      }
    ])
    const scan = await readImage(path)
    expect(scan.packages.map(p => p.purl)).toEqual([
      'pkg:rpm/fedora/gate-data@0.9-1.el9?arch=noarch&distro=fedora-40',
      'pkg:rpm/fedora/gate-tool@1.2.3-4.el9?arch=x86_64&distro=fedora-40&epoch=2',
      'pkg:rpm/fedora/gate-tool-libs@1.2.3-4.el9?arch=x86_64&distro=fedora-40&epoch=2&upstream=gate-tool'
    ])
    expect(scan.packages[1].version).toBe('2:1.2.3-4.el9')
    expect(scan.isOsOwned?.('/usr/bin/gate-tool')).toBe(true)
  })

  it("follows a classic docker save's symlinked duplicate layer to its first copy", async () => {
    const layer = makeTar([{ name: 'etc/os-release', content: OS }])
    const config = JSON.stringify({
      os: 'linux',
      architecture: 'amd64',
      rootfs: { type: 'layers', diff_ids: [sha256(layer), sha256(layer)] },
      history: [{ created_by: 'first' }, { created_by: 'same again' }]
    })
    const archive = makeTar([
      { name: 'cfg.json', content: config },
      { name: 'a/layer.tar', content: layer },
      { name: 'b/layer.tar', type: 'symlink', link: '../a/layer.tar' },
      {
        name: 'manifest.json',
        content: JSON.stringify([
          { Config: 'cfg.json', RepoTags: null, Layers: ['a/layer.tar', 'b/layer.tar'] }
        ])
      }
    ])
    const path = join(dir, 'dup.tar')
    writeFileSync(path, archive)
    const scan = await readImage(path)
    expect(scan.layers.map(l => l.createdBy)).toEqual(['first', 'same again'])
    expect(scan.os?.id).toBe('debian')
    expect(scan.reference).toBe(path)
  })

  it('catalogs a package.json hardlinked to a store file (pnpm), once', async () => {
    const path = join(dir, 'pnpm')
    const store = 'root/.local/share/pnpm/store/v3/files/3f/9a1c0e'
    writeOciLayout(path, [
      {
        layers: [
          makeTar([
            { name: store, content: '{"name":"ms","version":"2.1.3"}' },
            { name: 'root/.local/share/pnpm/store/v3/files/00/notjson', content: 'binary' },
            {
              name: 'app/node_modules/.pnpm/ms@2.1.3/node_modules/ms/package.json',
              type: 'hardlink',
              link: store
            },
            { name: 'app/node_modules/ms', type: 'symlink', link: '.pnpm/ms@2.1.3/node_modules/ms' }
          ])
        ]
      }
    ])
    const scan = await readImage(path)
    expect(scan.packages.map(p => [p.purl, p.locations])).toEqual([
      ['pkg:npm/ms@2.1.3', ['/app/node_modules/.pnpm/ms@2.1.3/node_modules/ms/package.json']]
    ])
    expect(scan.existsInFinal('/app/node_modules/ms/package.json')).toBe(true)
  })

  it("lets the file hook's own error through unchanged (it is not a corrupt layer)", async () => {
    const path = join(dir, 'hook-error')
    writeOciLayout(path, [{ layers: threeLayers() }])
    const failing = readImage(path, {
      fileHook: {
        wants: () => true,
        file: () => {
          throw new RangeError('hook failed: invalid state')
        }
      }
    })
    await expect(failing).rejects.toThrow(new RangeError('hook failed: invalid state'))
  })

  it('asks which image when a layout holds several tags, and reads the one named', async () => {
    const path = join(dir, 'tags')
    writeOciLayout(path, [{ layers: [makeTar([{ name: 'etc/os-release', content: OS }])] }])
    const other = join(dir, 'tags-other')
    writeOciLayout(other, [
      { layers: [makeTar([{ name: 'etc/os-release', content: 'ID=alpine\n' }])] }
    ])
    const { cpSync } = await import('node:fs')
    cpSync(join(other, 'blobs'), join(path, 'blobs'), { recursive: true })
    const index = JSON.parse(readFileSync(join(path, 'index.json'), 'utf8')) as {
      manifests: { annotations: Record<string, string> }[]
    }
    const second = JSON.parse(readFileSync(join(other, 'index.json'), 'utf8')) as typeof index
    second.manifests[0].annotations['org.opencontainers.image.ref.name'] = 'alpine'
    index.manifests.push(second.manifests[0])
    writeFileSync(join(path, 'index.json'), JSON.stringify(index))
    await expect(readImage(path)).rejects.toThrow(
      `${path}: holds several images (tags: latest, alpine); name one as ${path}:<tag>`
    )
    expect((await readImage(`${path}:alpine`)).os?.id).toBe('alpine')
    expect((await readImage(`${path}:latest`)).os?.id).toBe('debian')
    await expect(readImage(`${path}:nope`)).rejects.toThrow(
      `no image tagged nope (tags: latest, alpine)`
    )
  })

  it('refuses image metadata too large to be real (never trusts sizes)', async () => {
    const path = join(dir, 'huge-config')
    writeOciLayout(path, [{ layers: [makeTar([{ name: 'etc/os-release', content: OS }])] }])
    const index = JSON.parse(readFileSync(join(path, 'index.json'), 'utf8')) as {
      manifests: { digest: string }[]
    }
    const manifest = JSON.parse(
      readFileSync(join(path, 'blobs', 'sha256', index.manifests[0].digest.slice(7)), 'utf8')
    ) as { config: { digest: string } }
    const { truncateSync } = await import('node:fs')
    truncateSync(join(path, 'blobs', 'sha256', manifest.config.digest.slice(7)), 33 * 1024 * 1024)
    await expect(readImage(path)).rejects.toThrow(/: 34603008 bytes, too large for image metadata$/)
  })
})
