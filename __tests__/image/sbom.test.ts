import { describe, expect, it, beforeAll, afterAll } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { Spec, Validation } from '@cyclonedx/cyclonedx-library'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { buildCycloneDx, readImage, type ImageScan } from '../../src/image/index.js'
import { makeTar, writeOciLayout } from './tar-writer.js'

// Every SBOM we write must pass CycloneDX's own strict JSON schema validator.

// The library's validator needs the optional ajv-formats-draft2019, which this project does not
// install; then the same validation is set up by hand exactly as the library's ajv plug does it
// (its own schema files, ajv + ajv-formats, idn-email and iri-reference added as the plug adds them).
const libraryValidator = new Validation.JsonStrictValidator(Spec.Version.v1dot6)
const require = createRequire(import.meta.url)
const schemaDir = join(
  dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')),
  'res',
  'schema'
)
const schema = (name: string): object =>
  JSON.parse(readFileSync(join(schemaDir, name), 'utf8')) as object
function schemaValidator(): (json: string) => unknown {
  const ajv = new Ajv({
    useDefaults: false,
    strict: false,
    strictSchema: false,
    addUsedSchema: false,
    schemas: {
      'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json': schema('spdx.SNAPSHOT.schema.json'),
      'http://cyclonedx.org/schema/cryptography-defs.SNAPSHOT.schema.json': schema(
        'cryptography-defs.SNAPSHOT.schema.json'
      ),
      'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json': schema(
        'jsf-0.82.SNAPSHOT.schema.json'
      )
    }
  })
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
    addFormatsModule) as unknown as (a: Ajv) => Ajv
  addFormats(ajv)
  ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/)
  ajv.addFormat('iri-reference', true)
  const validate = ajv.compile(schema('bom-1.6.SNAPSHOT.schema.json'))
  return json => (validate(JSON.parse(json)) ? null : validate.errors)
}
const validator = {
  async validate(json: string): Promise<unknown> {
    try {
      return await libraryValidator.validate(json)
    } catch (error) {
      if (!(error instanceof Validation.MissingOptionalDependencyError)) throw error
      return schemaValidator()(json)
    }
  }
}

let dir: string
let scan: ImageScan
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sbom-test-'))
  writeOciLayout(dir, [
    {
      layers: [
        makeTar([
          {
            name: 'etc/os-release',
            content: 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n'
          },
          {
            name: 'var/lib/dpkg/status',
            content:
              'Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.11-1~deb12u2\n\nPackage: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\nVersion: 1:1.2.13.dfsg-1\n'
          }
        ]),
        makeTar([
          {
            name: 'app/node_modules/@scope/pkg/package.json',
            content: '{"name":"@scope/pkg","version":"1.0.0-rc.1+build"}'
          },
          {
            name: 'app/node_modules/debug/package.json',
            content: '{"name":"debug","version":"4.3.4"}'
          }
        ])
      ],
      history: [{ created_by: 'FROM debian:12' }, { created_by: 'COPY app /app' }]
    }
  ])
  scan = await readImage(dir)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('buildCycloneDx', () => {
  it('passes the CycloneDX 1.6 strict JSON schema', async () => {
    const bom = buildCycloneDx(scan, '0.1.0')
    expect(await validator.validate(JSON.stringify(bom))).toBeNull()
  })

  it('has the OS as a component, one component per package with purl, layer and source properties', () => {
    const bom = buildCycloneDx(scan, '0.1.0') as {
      specVersion: string
      components: {
        type: string
        name: string
        group?: string
        version: string
        purl?: string
        properties?: { name: string; value: string }[]
      }[]
    }
    expect(bom.specVersion).toBe('1.6')
    expect(bom.components[0]).toMatchObject({
      type: 'operating-system',
      name: 'debian',
      version: '12'
    })
    const ssl = bom.components.find(c => c.name === 'libssl3')
    const props = Object.fromEntries((ssl?.properties ?? []).map(p => [p.name, p.value]))
    expect(ssl?.purl).toBe(
      'pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl'
    )
    expect(props['container-gate:package:sourceName']).toBe('openssl')
    expect(props['container-gate:layer:index']).toBe('0')
    expect(props['container-gate:layer:createdBy']).toBe('FROM debian:12')
    const scoped = bom.components.find(c => c.purl?.startsWith('pkg:npm/%40scope'))
    expect(scoped).toMatchObject({ group: '@scope', name: 'pkg', version: '1.0.0-rc.1+build' })
    expect(bom.components).toHaveLength(1 + scan.packages.length)
  })

  it('fails validation when a required field is broken (the validator is live)', async () => {
    const bom = buildCycloneDx(scan, '0.1.0') as { components: { type: string }[] }
    bom.components[1].type = 'not-a-type'
    expect(await validator.validate(JSON.stringify(bom))).not.toBeNull()
  })

  it('is deterministic: the same scan gives the same document, serial number included', () => {
    expect(JSON.stringify(buildCycloneDx(scan, '0.1.0'))).toBe(
      JSON.stringify(buildCycloneDx(scan, '0.1.0'))
    )
  })
})

const images = join(process.cwd(), '.cache', 'test-images', 'image-oci-layout')
const suite = existsSync(images) ? describe : describe.skip
suite('buildCycloneDx on the real test image (absent: run scripts/build-test-images.sh)', () => {
  it('passes the schema', async () => {
    const bom = buildCycloneDx(await readImage(images), '0.1.0')
    expect(await validator.validate(JSON.stringify(bom))).toBeNull()
  })
})
