import { describe, expect, it, beforeAll } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { zipSync } from 'fflate'
import { parseDpkgStatus, dpkgCataloger } from '../../src/image/catalog/dpkg.js'
import { apkCataloger } from '../../src/image/catalog/apk.js'
import { pythonCataloger, normalizePythonName } from '../../src/image/catalog/python.js'
import { readJavaArchive } from '../../src/image/catalog/java.js'
import { readGoBuildInfo, goPackages, goBuildInfoStream } from '../../src/image/catalog/golang.js'
import {
  loadSqlite,
  readBerkeleyDbHashValues,
  readRpmSqlite,
  parseRpmHeader,
  rpmCataloger,
  splitSourceRpm
} from '../../src/image/catalog/rpm.js'
import { parseOsRelease } from '../../src/image/catalog/os-release.js'
import { makePurl } from '../../src/image/purl.js'

const RPM = join(process.cwd(), 'fixtures', 'image', 'rpm')

describe('dpkg', () => {
  it('keeps only installed packages and reads Source with and without its own version', () => {
    const text = [
      'Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.11-1~deb12u2\n',
      'Package: libgcc-s1\nStatus: install ok installed\nArchitecture: amd64\nSource: gcc-12 (12.2.0-14)\nVersion: 12.2.0-14+deb12u1\n',
      'Package: bash\nStatus: install ok installed\nVersion: 5.2.15-2+b2\nDescription: shell\n with continuation\n .\n more\n',
      'Package: gone\nStatus: deinstall ok config-files\nVersion: 1\n',
      'Package: half\nStatus: install ok half-configured\nVersion: 1\n'
    ].join('\n')
    expect(
      parseDpkgStatus(text, true).map(p => [p.name, p.version, p.sourceName, p.sourceVersion])
    ).toEqual([
      ['libssl3', '3.0.11-1~deb12u2', 'openssl', '3.0.11-1~deb12u2'],
      ['libgcc-s1', '12.2.0-14+deb12u1', 'gcc-12', '12.2.0-14'],
      ['bash', '5.2.15-2+b2', 'bash', '5.2.15-2+b2']
    ])
  })

  it('reads distroless status.d stanzas (no Status field) and their md5sums as owned files', () => {
    // As in gcr.io/distroless/base: status.d/<pkg> and status.d/<pkg>.md5sums
    const stanza = 'Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\nMaintainer: x\n'
    const parsed = dpkgCataloger.parse('/var/lib/dpkg/status.d/tzdata', Buffer.from(stanza))
    expect(parsed.packages.map(p => `${p.name} ${p.version}`)).toEqual(['tzdata 2024a-0+deb12u1'])
    const sums = dpkgCataloger.parse(
      '/var/lib/dpkg/status.d/tzdata.md5sums',
      Buffer.from('0123456789abcdef0123456789abcdef  usr/share/zoneinfo/UTC\n')
    )
    expect(sums.ownedPaths).toEqual(['/usr/share/zoneinfo/UTC'])
    expect(dpkgCataloger.wants('/var/lib/dpkg/status.d/tzdata', 100, 0o644)).toBe(true)
    expect(dpkgCataloger.wants('/var/lib/dpkg/status-old', 100, 0o644)).toBe(false)
    expect(() =>
      dpkgCataloger.parse('/var/lib/dpkg/status', Buffer.from('garbage without colon\n'))
    ).toThrow(/not a control field/)
  })
})

describe('apk', () => {
  it('reads name, version, arch, origin and the file list', () => {
    const db =
      'C:Q1abc=\nP:libcrypto3\nV:3.1.4-r5\nA:x86_64\no:openssl\nF:usr/lib\nR:libcrypto.so.3\n\nP:musl\nV:1.2.4-r2\nA:x86_64\no:musl\nF:lib\nR:ld-musl-x86_64.so.1\n'
    const parsed = apkCataloger.parse('/lib/apk/db/installed', Buffer.from(db))
    expect(parsed.packages.map(p => [p.name, p.version, p.arch, p.sourceName])).toEqual([
      ['libcrypto3', '3.1.4-r5', 'x86_64', 'openssl'],
      ['musl', '1.2.4-r2', 'x86_64', 'musl']
    ])
    expect(parsed.ownedPaths).toEqual(['/usr/lib/libcrypto.so.3', '/lib/ld-musl-x86_64.so.1'])
    const os = parseOsRelease('NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.19.1\n')
    expect(makePurl(parsed.packages[0], os)).toBe(
      'pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&distro=alpine-3.19.1&upstream=openssl'
    )
  })
})

describe('rpm', () => {
  beforeAll(() => loadSqlite())
  const expected = readFileSync(join(RPM, 'rpm-qa.tsv'), 'utf8')
    .trim()
    .split('\n')
    .map(l => {
      const [name, epoch, version, arch, srpm] = l.split('\t')
      return [
        name,
        epoch === '0' ? version : `${epoch}:${version}`,
        arch,
        splitSourceRpm(srpm)?.name
      ].join(' ')
    })
    .sort()
  const show = (
    pkgs: { name: string; version: string; epoch?: number; arch?: string; sourceName?: string }[]
  ): string[] =>
    pkgs
      .map(p =>
        [p.name, p.epoch ? `${p.epoch}:${p.version}` : p.version, p.arch, p.sourceName].join(' ')
      )
      .sort()

  it('reads the SQLite rpmdb rpm 4.18 wrote, as rpm -qa lists it', () => {
    const parsed = rpmCataloger.parse(
      '/var/lib/rpm/rpmdb.sqlite',
      readFileSync(join(RPM, 'rpmdb.sqlite'))
    )
    expect(show(parsed.packages)).toEqual(expected)
    expect(parsed.ownedPaths).toEqual(
      expect.arrayContaining([
        '/usr/bin/gate-tool',
        '/usr/lib64/libgate.so.1',
        '/usr/share/gate/data.txt'
      ])
    )
    const tool = parsed.packages.find(p => p.name === 'gate-tool-libs')
    expect(tool && makePurl(tool, { id: 'rhel', versionId: '9.3' })).toBe(
      'pkg:rpm/redhat/gate-tool-libs@1.2.3-4.el9?arch=x86_64&distro=rhel-9.3&epoch=2&upstream=gate-tool'
    )
  })

  it('reads the BerkeleyDB hash Packages (the same headers), as rpm -qa lists it', () => {
    const parsed = rpmCataloger.parse('/var/lib/rpm/Packages', readFileSync(join(RPM, 'Packages')))
    expect(show(parsed.packages)).toEqual(expected)
  })

  it('reads a BerkeleyDB hash whose headers sit on the hash pages (64 KiB pages)', () => {
    const parsed = rpmCataloger.parse(
      '/var/lib/rpm/Packages',
      readFileSync(join(RPM, 'Packages-inline'))
    )
    expect(show(parsed.packages)).toEqual(expected)
  })

  it('rejects damaged databases with a reason', () => {
    const bdb = readFileSync(join(RPM, 'Packages'))
    expect(() => readBerkeleyDbHashValues(bdb.subarray(0, 100))).toThrow(/too short/)
    const broken = Buffer.from(bdb)
    broken.writeUInt32LE(0, 12)
    expect(() => readBerkeleyDbHashValues(broken)).toThrow(/not a BerkeleyDB hash database/)
    expect(() => parseRpmHeader(Buffer.from([0, 0, 0, 9, 0, 0, 0, 9]))).toThrow(/out of range/)
    expect(() => readRpmSqlite(Buffer.from('not sqlite at all, no'))).toThrow(
      /not an SQLite database/
    )
  })
})

describe('python', () => {
  it('normalises names (PEP 503) and reads dist-info, egg-info dirs and egg-info files', () => {
    expect(normalizePythonName('Zope.Interface__x')).toBe('zope-interface-x')
    const meta =
      'Metadata-Version: 2.1\nName: Foo_Bar\nVersion: 1.0.post1\n\nVersion: 9 (body, ignored)\n'
    expect(
      pythonCataloger.parse('/x/Foo_Bar-1.0.dist-info/METADATA', Buffer.from(meta)).packages
    ).toEqual([{ type: 'pypi', name: 'foo-bar', version: '1.0.post1' }])
    expect(
      pythonCataloger.wants('/usr/lib/python3/dist-packages/six-1.16.0.egg-info', 10, 0o644)
    ).toBe(true)
    expect(pythonCataloger.wants('/site/pkg.egg-info/PKG-INFO', 10, 0o644)).toBe(true)
    expect(pythonCataloger.wants('/site/pkg.dist-info/RECORD', 10, 0o644)).toBe(false)
  })
})

describe('java', () => {
  it('prefers pom.properties, falls back to MANIFEST.MF, and reads nested jars', () => {
    const pom = zipSync({
      'META-INF/maven/org.a/lib/pom.properties': Buffer.from(
        '#c\ngroupId=org.a\nartifactId=lib\nversion=1.0\n'
      )
    })
    const manifestOnly = zipSync({
      'META-INF/MANIFEST.MF': Buffer.from(
        'Manifest-Version: 1.0\r\nBundle-SymbolicName: org.b.thing;singleton:=true\r\nBundle-Version: 2.0.1\r\nAutomatic-Module-Name: org.b.thing\r\n'
      )
    })
    const fat = zipSync({
      'BOOT-INF/lib/lib-1.0.jar': pom,
      'BOOT-INF/lib/thing.jar': manifestOnly,
      'META-INF/MANIFEST.MF': Buffer.from('Manifest-Version: 1.0\n')
    })
    expect(readJavaArchive(fat, '/app/app.jar').map(p => [p.name, p.version, p.location])).toEqual([
      ['org.a:lib', '1.0', '/app/app.jar!/BOOT-INF/lib/lib-1.0.jar'],
      ['org.b:thing', '2.0.1', '/app/app.jar!/BOOT-INF/lib/thing.jar']
    ])
  })
})

describe('go build info', () => {
  it('reads the inline (Go ≥ 1.18) format and reports stdlib at the toolchain version', () => {
    const mod =
      'path\tex.com/app\nmod\tex.com/app\tv0.1.0\th1:x=\ndep\tgolang.org/x/text\tv0.3.7\th1:y=\ndep\tex.com/old\tv1.0.0\n=>\tex.com/new\tv1.1.0\th1:z=\n'
    const sentinel = Buffer.alloc(16, 0x31)
    const modBytes = Buffer.concat([
      sentinel,
      Buffer.from(mod),
      Buffer.from('\n'),
      sentinel.subarray(0, 15),
      Buffer.from('x')
    ])
    const varint = (n: number): Buffer =>
      n < 128 ? Buffer.from([n]) : Buffer.from([(n & 0x7f) | 0x80, n >> 7])
    const header = Buffer.alloc(32)
    header.write('\xff Go buildinf:', 0, 'latin1')
    header[14] = 8
    header[15] = 2
    const blob = Buffer.concat([
      Buffer.alloc(48),
      header,
      varint(9),
      Buffer.from('go1.22.1 '),
      varint(modBytes.length),
      modBytes
    ])
    // the real layout puts the mod text between 16-byte sentinels with '\n' 17 bytes from the end
    const info = readGoBuildInfo(blob)
    expect(info && goPackages(info).map(p => `${p.name}@${p.version}`)).toEqual([
      'ex.com/app@v0.1.0',
      'golang.org/x/text@v0.3.7',
      'ex.com/new@v1.1.0',
      'stdlib@1.22.1'
    ])
    expect(readGoBuildInfo(Buffer.from('no build info here'))).toBeUndefined()
    // streamed in small chunks that split the magic; an ELF header in front, as in a binary
    const elf = Buffer.concat([Buffer.from('\x7fELF', 'latin1'), blob.subarray(4)])
    for (const size of [1, 7, 4096]) {
      const stream = goBuildInfoStream()
      for (let i = 0; i < elf.length; i += size) stream.write(elf.subarray(i, i + size))
      expect(stream.end().packages.map(p => p.name)).toEqual([
        'ex.com/app',
        'golang.org/x/text',
        'ex.com/new',
        'stdlib'
      ])
    }
    // not an ELF file: nothing, even with build info inside
    const notElf = goBuildInfoStream()
    notElf.write(blob)
    expect(notElf.end().packages).toEqual([])
  })
})
