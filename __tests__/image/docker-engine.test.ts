import { describe, expect, it, beforeAll, afterAll } from '@jest/globals'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readImage } from '../../src/image/index.js'
import { makeDockerArchive, makeTar } from './tar-writer.js'

// There is no Docker engine here, so a `docker` executable on PATH plays the CLI's part exactly as
// the reader uses it: `docker image inspect` answers whether the engine has the image, and
// `docker save --output FILE REF` writes a real docker-archive. It logs its calls so the test sees
// what was run; the temp copy must be gone afterwards.

let dir: string
let savedPath: string | undefined
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fake-docker-'))
  const archive = join(dir, 'saved.tar')
  writeFileSync(
    archive,
    makeDockerArchive({
      layers: [
        makeTar([
          { name: 'lib/apk/db/installed', content: 'P:musl\nV:1.2.4-r2\nA:x86_64\no:musl\n' }
        ])
      ]
    })
  )
  const log = join(dir, 'calls.log')
  const script = [
    '#!/bin/sh',
    `echo "$*" >> '${log}'`,
    'if [ "$1" = image ] && [ "$2" = inspect ]; then',
    '  for last; do :; done',
    '  [ "$last" = "local/app:dev" ] && { echo sha256:abc; exit 0; }',
    '  echo "Error: No such image: $last" >&2; exit 1',
    'fi',
    `if [ "$1" = save ] && [ "$2" = --output ]; then cp '${archive}' "$3"; exit 0; fi`,
    'exit 2'
  ].join('\n')
  writeFileSync(join(dir, 'docker'), script)
  chmodSync(join(dir, 'docker'), 0o755)
  savedPath = process.env.PATH
  process.env.PATH = `${dir}:${process.env.PATH}`
})
afterAll(() => {
  process.env.PATH = savedPath
  rmSync(dir, { recursive: true, force: true })
})

describe('an image reference the local Docker engine has', () => {
  it('is read through `docker save` into a temp file that is removed afterwards', async () => {
    const before = new Set(readdirSync(tmpdir()).filter(n => n.startsWith('container-gate-')))
    const scan = await readImage('local/app:dev')
    expect(scan.reference).toBe('local/app:dev')
    expect(scan.packages.map(p => `${p.name}@${p.version}`)).toEqual(['musl@1.2.4-r2'])
    const after = readdirSync(tmpdir()).filter(
      n => n.startsWith('container-gate-') && !before.has(n)
    )
    expect(after).toEqual([])
    const { readFileSync } = await import('node:fs')
    const calls = readFileSync(join(dir, 'calls.log'), 'utf8').trim().split('\n')
    expect(calls[0]).toBe('image inspect --format {{.Id}} -- local/app:dev')
    expect(calls[1]).toMatch(/^save --output \S+\/image\.tar -- local\/app:dev$/)
    expect(existsSync(calls[1].split(' ')[2])).toBe(false)
  })
})
