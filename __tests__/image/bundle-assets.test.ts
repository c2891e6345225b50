import { describe, expect, it, beforeAll, afterAll } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeTar, writeOciLayout } from './tar-writer.js'

// The rpm SQLite reader's WebAssembly ships beside the bundles (ncc's asset relocator copies
// sql-wasm.js and sql-wasm.wasm into dist/ and dist/cli/). When the relocator cannot parse
// rpm.ts (a numeric separator did it once) webpack emits a hashed, text-mangled copy instead and
// the bundled action can no longer read rpmdb.sqlite: the committed bundle must carry the real
// file, and read a real rpmdb.sqlite.

const ROOT = process.cwd()
const WASM = readFileSync(join(ROOT, 'node_modules', 'sql.js', 'dist', 'sql-wasm.wasm'))

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bundle-assets-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('dist/ carries the SQLite WebAssembly the rpm cataloger loads', () => {
  for (const bundle of ['dist', 'dist/cli']) {
    it(`${bundle}/sql-wasm.wasm is sql.js's own, byte for byte`, () => {
      expect(readFileSync(join(ROOT, bundle, 'sql-wasm.wasm')).equals(WASM)).toBe(true)
    })
  }

  it('the bundled CLI reads an rpmdb.sqlite inside an image', () => {
    const layout = join(dir, 'rpm')
    writeOciLayout(layout, [
      {
        layers: [
          makeTar([
            { name: 'etc/os-release', content: 'ID=rhel\nVERSION_ID=9.4\n' },
            {
              name: 'var/lib/rpm/rpmdb.sqlite',
              content: readFileSync(join(ROOT, 'fixtures', 'image', 'rpm', 'rpmdb.sqlite'))
            }
          ])
        ]
      }
    ])
    const sbom = join(dir, 'sbom.json')
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, 'dist', 'cli', 'index.js'),
        '--image',
        layout,
        '--no-secrets',
        '--verify-signatures',
        'off',
        '--vuln-db',
        join(ROOT, 'fixtures', 'vulns', 'osv'),
        '--sbom',
        sbom,
        '--fail-on',
        'none'
      ],
      { encoding: 'utf8', timeout: 60_000 }
    )
    expect(r.stderr).not.toMatch(/corrupt rpm database/)
    expect(r.status).toBe(0)
    const components = (
      JSON.parse(readFileSync(sbom, 'utf8')) as { components: { purl?: string }[] }
    ).components
    expect(components.map(c => c.purl).filter(p => p?.startsWith('pkg:rpm/'))).toHaveLength(3)
  })
})
