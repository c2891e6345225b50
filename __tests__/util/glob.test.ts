import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { expandFilePatterns } from '../../src/util/glob.js'

function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-glob-'))
  for (const f of [
    'Dockerfile',
    'svc/a/Dockerfile',
    'svc/b/Dockerfile.prod',
    'node_modules/x/Dockerfile',
    '.hidden/Dockerfile'
  ]) {
    mkdirSync(join(dir, f, '..'), { recursive: true })
    writeFileSync(join(dir, f), 'FROM scratch\n')
  }
  return dir
}

describe('expandFilePatterns', () => {
  it('expands globs (skipping node_modules and .git), sorted and unique', () => {
    const out = expandFilePatterns(['**/Dockerfile*', 'Dockerfile'], tree(), 'dockerfile')
    expect(out.files).toEqual([
      '.hidden/Dockerfile',
      'Dockerfile',
      'svc/a/Dockerfile',
      'svc/b/Dockerfile.prod'
    ])
    expect(out.warnings).toEqual([])
  })
  it('a glob that matches nothing is a warning', () => {
    const out = expandFilePatterns(['docker/*.Dockerfile'], tree(), 'dockerfile')
    expect(out.files).toEqual([])
    expect(out.warnings).toEqual(['dockerfile: the pattern "docker/*.Dockerfile" matched no file'])
  })
  it('a plain path that does not exist is an input error', () => {
    expect(() => expandFilePatterns(['Dockerfil'], tree(), 'dockerfile')).toThrow(
      'dockerfile: no such file "Dockerfil"'
    )
    expect(() => expandFilePatterns(['svc'], tree(), 'dockerfile')).toThrow('is a directory')
  })
})
