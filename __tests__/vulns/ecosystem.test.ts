import { describe, expect, it } from '@jest/globals'
import type { OsInfo, Package } from '../../src/model/package.js'
import { goToolchainSemver, indexKey, osvEcosystemFor } from '../../src/vulns/ecosystem.js'

const pkg = (p: Partial<Package> & Pick<Package, 'name' | 'version' | 'type'>): Package => ({
  purl: `pkg:${p.type}/${p.name}@${p.version}`,
  locations: [],
  ...p
})

const debian12: OsInfo = { id: 'debian', versionId: '12', versionCodename: 'bookworm' }

describe('osvEcosystemFor', () => {
  it('Debian: by source package and source version, per major release', () => {
    const libssl = pkg({
      name: 'libssl3',
      version: '3.0.11-1~deb12u2',
      type: 'deb',
      sourceName: 'openssl'
    })
    expect(osvEcosystemFor(libssl, debian12)).toMatchObject({
      ecosystem: 'Debian:12',
      name: 'openssl',
      version: '3.0.11-1~deb12u2'
    })
    // binNMU: the binary carries +b1, the advisory speaks of the source version.
    const binNmu = pkg({
      name: 'libfoo1',
      version: '1.0-2+b1',
      type: 'deb',
      sourceName: 'foo',
      sourceVersion: '1.0-2'
    })
    expect(osvEcosystemFor(binNmu, { id: 'debian', versionId: '11' })).toMatchObject({
      ecosystem: 'Debian:11',
      name: 'foo',
      version: '1.0-2'
    })
    expect(osvEcosystemFor(libssl, { id: 'debian', versionCodename: 'bookworm' })?.ecosystem).toBe(
      'Debian:12'
    )
    // testing/sid have no release number: no OSV ecosystem.
    expect(osvEcosystemFor(libssl, { id: 'debian', versionCodename: 'sid' })).toBeUndefined()
  })

  it('Debian without os-release: the purl distro qualifier', () => {
    const p = pkg({
      name: 'openssl',
      version: '3.0.11-1~deb12u2',
      type: 'deb',
      purl: 'pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12'
    })
    expect(osvEcosystemFor(p, undefined)?.ecosystem).toBe('Debian:12')
  })

  it('Ubuntu: one query per release; LTS and Pro entries apply, FIPS ones only to +Fips builds', () => {
    const p = pkg({
      name: 'libssl3',
      version: '3.0.2-0ubuntu1.15',
      type: 'deb',
      sourceName: 'openssl'
    })
    const jammy = osvEcosystemFor(p, { id: 'ubuntu', versionId: '22.04' })!
    expect(jammy).toMatchObject({
      ecosystem: 'Ubuntu:22.04',
      name: 'openssl',
      version: '3.0.2-0ubuntu1.15'
    })
    expect(
      [
        'Ubuntu:22.04:LTS',
        'Ubuntu:Pro:22.04:LTS',
        'Ubuntu:22.04',
        'Ubuntu:Pro:FIPS:22.04:LTS',
        'Ubuntu:20.04:LTS',
        'Ubuntu:Pro:22.10'
      ].map(e => jammy.accepts(e))
    ).toEqual([true, true, true, false, false, false])
    expect(osvEcosystemFor(p, { id: 'ubuntu', versionId: '23.10' })?.ecosystem).toBe('Ubuntu:23.10')
    const fips = pkg({ name: 'openssl', version: '1.1.1f-1ubuntu2.fips.2.1', type: 'deb' })
    const focal = osvEcosystemFor(fips, { id: 'ubuntu', versionId: '20.04' })!
    expect(focal.ecosystem).toBe('Ubuntu:20.04')
    expect(focal.accepts('Ubuntu:Pro:FIPS-updates:20.04:LTS')).toBe(true)
  })

  it('Alpine: by origin, branch v<major.minor>', () => {
    const p = pkg({ name: 'libcrypto3', version: '3.1.4-r5', type: 'apk', sourceName: 'openssl' })
    expect(osvEcosystemFor(p, { id: 'alpine', versionId: '3.19.1' })).toMatchObject({
      ecosystem: 'Alpine:v3.19',
      name: 'openssl',
      version: '3.1.4-r5'
    })
    expect(osvEcosystemFor(p, { id: 'debian', versionId: '12' })).toBeUndefined()
  })

  it('rpm: Red Hat, Rocky Linux and AlmaLinux by major release; others have none', () => {
    const p = pkg({ name: 'openssl-libs', version: '1:3.0.7-27.el9', type: 'rpm' })
    expect(osvEcosystemFor(p, { id: 'rocky', versionId: '9.3' })?.ecosystem).toBe('Rocky Linux:9')
    expect(osvEcosystemFor(p, { id: 'almalinux', versionId: '8.9' })?.ecosystem).toBe('AlmaLinux:8')
    // Red Hat: the bare family is asked for (osv.dev stores every stream under it too); the
    // streams of the major release apply, the extended-support ones (eus, e4s…) do not.
    const rhel = osvEcosystemFor(p, { id: 'rhel', versionId: '9.4' })!
    expect(rhel.ecosystem).toBe('Red Hat')
    expect(
      [
        'Red Hat:enterprise_linux:9::appstream',
        'Red Hat:enterprise_linux:9::baseos',
        'Red Hat:enterprise_linux:8::baseos',
        'Red Hat:rhel_eus:9.2::baseos'
      ].map(e => rhel.accepts(e))
    ).toEqual([true, true, false, false])
    expect(osvEcosystemFor(p, { id: 'fedora', versionId: '40' })).toBeUndefined()
  })

  it('language ecosystems', () => {
    expect(
      osvEcosystemFor(
        pkg({ name: 'Django_REST.framework', version: '3.0', type: 'pypi' }),
        undefined
      )
    ).toMatchObject({
      ecosystem: 'PyPI',
      name: 'django-rest-framework',
      version: '3.0'
    })
    expect(
      osvEcosystemFor(
        pkg({ name: 'golang.org/x/net', version: 'v0.17.0', type: 'golang' }),
        undefined
      )
    ).toMatchObject({
      ecosystem: 'Go',
      name: 'golang.org/x/net',
      version: '0.17.0'
    })
    expect(
      osvEcosystemFor(pkg({ name: 'stdlib', version: 'go1.21.3', type: 'golang' }), undefined)
    ).toMatchObject({
      ecosystem: 'Go',
      name: 'stdlib',
      version: '1.21.3'
    })
    expect(
      osvEcosystemFor(
        pkg({ name: 'org.apache.logging.log4j:log4j-core', version: '2.14.1', type: 'maven' }),
        undefined
      )
    ).toMatchObject({
      ecosystem: 'Maven',
      name: 'org.apache.logging.log4j:log4j-core',
      version: '2.14.1'
    })
    expect(
      osvEcosystemFor(pkg({ name: '@babel/core', version: '7.0.0', type: 'npm' }), debian12)
    ).toMatchObject({
      ecosystem: 'npm',
      name: '@babel/core',
      version: '7.0.0'
    })
  })
})

it('Go toolchain versions become SemVer', () => {
  expect(goToolchainSemver('go1.20')).toBe('1.20.0')
  expect(goToolchainSemver('go1.21rc2')).toBe('1.21.0-rc.2')
  expect(goToolchainSemver('go1.22.3')).toBe('1.22.3')
  expect(goToolchainSemver('1.19.13')).toBe('1.19.13')
})

it('a package without a version has no query', () => {
  expect(
    osvEcosystemFor(pkg({ name: 'lodash', version: '', type: 'npm' }), undefined)
  ).toBeUndefined()
})

describe('index keys', () => {
  it('PyPI names compare normalised; other ecosystems exactly; one key per family', () => {
    expect(indexKey('PyPI', 'Requests')).toBe(indexKey('PyPI', 'requests'))
    expect(indexKey('npm', 'Lodash')).not.toBe(indexKey('npm', 'lodash'))
    expect(indexKey('Debian:11', 'openssl')).toBe(indexKey('Debian:12', 'openssl'))
    expect(indexKey('Red Hat:enterprise_linux:9::appstream', 'curl')).toBe(
      indexKey('Red Hat', 'curl')
    )
  })
})
