import { describe, expect, it, beforeAll } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readImage, type ImageScan } from '../../src/image/index.js'
import { parseOsRelease } from '../../src/image/catalog/os-release.js'

// The real image built by scripts/build-test-images.sh (debootstrap + umoci + skopeo), checked
// against oracles nobody here wrote: dpkg-query, npm ls, `go version -m`, the files on disk.

const IMAGES = process.env.TEST_IMAGES_DIR ?? join(process.cwd(), '.cache', 'test-images')
const present = existsSync(join(IMAGES, '.stamp'))
const HOW = `run scripts/build-test-images.sh (as root) to build them in ${IMAGES}`

if (!present && process.env.CI === 'true') {
  describe('real test images', () => {
    it('are built before the tests in CI', () => {
      expect(`real test images are missing: ${HOW}`).toBe('present')
    })
  })
}

const suite = present ? describe : describe.skip
if (!present && process.env.CI !== 'true') {
  console.warn(`skipping the real-image tests: images absent; ${HOW}`)
}

const oracle = (name: string): string => readFileSync(join(IMAGES, name), 'utf8')

suite(`the real debootstrap image${present ? '' : ` (skipped: ${HOW})`}`, () => {
  let scan: ImageScan
  beforeAll(async () => {
    scan = await readImage(join(IMAGES, 'image-docker.tar'))
  })

  it('lists exactly the Debian packages dpkg-query lists, with their source packages', () => {
    const expected = oracle('dpkg-query.tsv')
      .trim()
      .split('\n')
      .map(l => l.split('\t'))
      .filter(f => f[4].startsWith('ii'))
      .map(
        ([pkg, version, source, sourceVersion]) =>
          `${pkg.replace(/:.*$/, '')} ${version} ${source} ${sourceVersion}`
      )
      .sort()
    const actual = scan.packages
      .filter(p => p.type === 'deb')
      .map(p => `${p.name} ${p.version} ${p.sourceName} ${p.sourceVersion}`)
      .sort()
    expect(expected.length).toBeGreaterThan(80)
    expect(actual).toEqual(expected)
  })

  it('reads the OS from os-release through its symlink', () => {
    expect(scan.os).toEqual(parseOsRelease(oracle('os-release')))
    expect(scan.os?.id).toBe('debian')
  })

  it('lists the npm tree npm ls reports, minus what a later layer deleted, plus the global module and the app', () => {
    const tree = JSON.parse(oracle('npm-ls.json')) as {
      name: string
      version: string
      dependencies?: Record<string, unknown>
    }
    const found = new Set<string>()
    const walk = (deps: Record<string, unknown> | undefined): void => {
      for (const [name, node] of Object.entries(deps ?? {})) {
        const n = node as { version: string; dependencies?: Record<string, unknown> }
        found.add(`${name}@${n.version}`)
        walk(n.dependencies)
      }
    }
    walk(tree.dependencies)
    expect(found.has('left-pad@1.3.0')).toBe(true)
    found.delete('left-pad@1.3.0')
    found.add('is-number@7.0.0')
    found.add(`${tree.name}@${tree.version}`)
    const npm = scan.packages.filter(p => p.type === 'npm')
    expect(new Set(npm.map(p => `${p.name}@${p.version}`))).toEqual(found)
    expect(npm.find(p => p.name === '@tootallnate/once')?.purl).toBe(
      'pkg:npm/%40tootallnate/once@2.0.0'
    )
    expect(npm.find(p => p.name === 'ms' && p.version === '2.1.2')?.locations).toEqual([
      '/app/node_modules/debug/node_modules/ms/package.json'
    ])
  })

  it('lists the pip-installed Python package and leaves the dpkg-owned ones to dpkg', () => {
    const metadata = oracle('python-metadata.txt')
      .trim()
      .split('\n')
      .map(l => l.replace(/^\./, ''))
    const pypi = scan.packages.filter(p => p.type === 'pypi')
    for (const path of metadata) {
      const listed = pypi.some(p => p.locations.includes(path))
      expect([path, listed || scan.isOsOwned?.(path) === true]).toEqual([path, true])
      expect([path, listed && scan.isOsOwned?.(path) === true]).toEqual([path, false])
    }
    expect(pypi.map(p => `${p.name}@${p.version}`)).toEqual(['gate-demo-pkg@1.4.2'])
    expect(metadata.some(p => p.includes('/usr/lib/python3/dist-packages/'))).toBe(true)
  })

  it('reads the Go build info `go version -m` prints', () => {
    const info = oracle('gateapp-buildinfo.txt')
    const goVersion = /: go(\S+)/.exec(info)?.[1]
    const deps = [...info.matchAll(/^\tdep\t(\S+)\t(\S+)/gm)].map(m => `${m[1]}@${m[2]}`)
    const main = /^\tmod\t(\S+)\t(\S+)/m.exec(info)
    const go = scan.packages.filter(p => p.type === 'golang')
    expect(go.map(p => `${p.name}@${p.version}`).sort()).toEqual(
      [...deps, `${main?.[1]}@${main?.[2]}`, `stdlib@${goVersion}`].sort()
    )
    expect(go.every(p => p.locations[0] === '/usr/local/bin/gateapp')).toBe(true)
    expect(go.find(p => p.name === 'example.com/gateapp')?.purl).toBe(
      'pkg:golang/example.com/gateapp@%28devel%29'
    )
  })

  it('reads pom.properties and MANIFEST.MF from jars nested in a war, and drops the deleted jar', () => {
    const maven = scan.packages.filter(p => p.type === 'maven')
    expect(maven.map(p => [p.name, p.version, p.purl, p.locations])).toEqual([
      [
        'org.example.gate:gate-lib',
        '2.7.1',
        'pkg:maven/org.example.gate/gate-lib@2.7.1',
        ['/opt/java/gate-web.war!/WEB-INF/lib/gate-lib-2.7.1.jar']
      ],
      [
        'org.example.plain:gate-plain',
        '0.9.0',
        'pkg:maven/org.example.plain/gate-plain@0.9.0',
        ['/opt/java/gate-web.war!/WEB-INF/lib/gate-plain.jar']
      ]
    ])
  })

  it('attributes packages to the layer and Dockerfile step that added them', () => {
    expect(scan.layers).toHaveLength(6)
    const at = (name: string): [number | undefined, string | undefined] => {
      const p = scan.packages.find(x => x.name === name)
      return [p?.layerIndex, p?.createdBy]
    }
    expect(at('libc6')).toEqual([0, 'debootstrap --variant=minbase bookworm'])
    expect(at('python3-six')[0]).toBe(1)
    expect(at('python3-six')[1]).toMatch(/^RUN apt-get install -y python3-pip/)
    expect(at('gate-demo-pkg')[0]).toBe(1)
    expect(at('is-number')[0]).toBe(2)
    expect(at('stdlib')).toEqual([3, 'COPY gateapp /usr/local/bin/gateapp'])
    expect(at('org.example.gate:gate-lib')[0]).toBe(4)
    // the layer that rewrote /var/lib/dpkg/status for python did not take over the base packages
    const base = scan.packages.filter(p => p.type === 'deb' && p.layerIndex === 0)
    expect(base.length).toBeGreaterThan(80)
    expect(scan.history.at(-1)).toEqual({ createdBy: 'USER 1000', emptyLayer: true })
    expect(scan.config.user).toBe('1000')
    expect(scan.config.env).toContain('APP_ENV=test')
  })

  it('knows every file of the final image and none of the deleted ones', () => {
    const files = oracle('final-files.txt').trim().split('\n')
    const missing = files.filter(f => !scan.existsInFinal(`/${f}`))
    expect(missing).toEqual([])
    expect(scan.existsInFinal('/usr/share/doc/bash')).toBe(false)
    expect(scan.existsInFinal('/opt/java/gate-lib-2.7.1.jar')).toBe(false)
    expect(scan.existsInFinal('/app/node_modules/left-pad/package.json')).toBe(false)
    expect(scan.isOsOwned?.('/bin/bash')).toBe(true) // dpkg lists /bin/bash; the file lives at /usr/bin/bash
    expect(scan.isOsOwned?.('/usr/local/bin/gateapp')).toBe(false)
  })

  it('gives the same inventory from the OCI archive, the OCI layout (gzip) and the OCI layout (zstd)', async () => {
    const key = (s: ImageScan): string[] =>
      s.packages.map(p => `${p.purl} ${p.layerIndex} ${p.locations.join(',')}`)
    const expected = key(scan)
    for (const source of ['image-oci.tar', 'image-oci-layout', 'image-oci-zstd:test']) {
      const other = await readImage(join(IMAGES, source))
      expect([source, key(other)]).toEqual([source, expected])
      expect(other.layers.map(l => l.digest)).toEqual(scan.layers.map(l => l.digest))
    }
  })
})

suite(`the multi-stage image buildah built${present ? '' : ` (skipped: ${HOW})`}`, () => {
  it('reads status.d, the Go binary copied from the build stage, and one layer per instruction', async () => {
    const scan = await readImage(join(IMAGES, 'image-multistage.tar'))
    expect(scan.layers).toHaveLength(3)
    const deb = scan.packages.filter(p => p.type === 'deb')
    expect(deb.map(p => [p.name, p.version, p.sourceName, p.sourceVersion, p.layerIndex])).toEqual([
      ['gate-static', '1.0-1', 'gate-src', '0.9-2', 1]
    ])
    expect(deb[0].createdBy).toMatch(/COPY .* in \/var\/lib\/dpkg\/status\.d\/gate-static/)
    const stdlib = scan.packages.find(p => p.name === 'stdlib')
    expect(stdlib?.layerIndex).toBe(2)
    expect(stdlib?.createdBy).toMatch(/COPY .* in \/usr\/local\/bin\/gateapp/)
    expect(scan.os?.id).toBe('debian')
    expect(scan.config.user).toBe('65532')
    expect(scan.existsInFinal('/bin/sh')).toBe(false)
    expect(scan.history.filter(h => h.emptyLayer).map(h => h.createdBy)).toContain(
      '/bin/sh -c #(nop) USER 65532'
    )
  })
})
