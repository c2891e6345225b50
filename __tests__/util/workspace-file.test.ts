import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { loadConfigFile } from '../../src/config/file.js'
import { runScan } from '../../src/engine.js'
import { InputError } from '../../src/model/errors.js'
import { expandFilePatterns } from '../../src/util/glob.js'
import { readWorkspaceText } from '../../src/util/workspace-file.js'
import { parseCliArgs } from '../../src/cli/args.js'

// What lives outside the checkout, on the runner: the test plants it next to the workspace.
const OUTSIDE_CONTENT = 'FROM registry.internal/Tr0ub4dor-first-token:1\n'

function layout(): { root: string; ws: string; outside: string } {
  const root = mkdtempSync(join(tmpdir(), 'cg-links-'))
  const ws = join(root, 'ws')
  mkdirSync(join(ws, 'docker'), { recursive: true })
  writeFileSync(join(root, 'outside.txt'), OUTSIDE_CONTENT)
  writeFileSync(join(ws, 'docker', 'app.Dockerfile'), 'FROM alpine:3.20\nUSER app\n')
  return { root, ws, outside: join(root, 'outside.txt') }
}

const read = (ws: string, path: string, maxBytes = 1 << 20) =>
  readWorkspaceText(path, { root: ws, maxBytes, label: path })

describe('readWorkspaceText', () => {
  it('reads a file, and a link that stays inside the workspace', () => {
    const { ws } = layout()
    symlinkSync('docker/app.Dockerfile', join(ws, 'Dockerfile'))
    expect(read(ws, 'docker/app.Dockerfile')).toBe('FROM alpine:3.20\nUSER app\n')
    expect(read(ws, 'Dockerfile')).toBe('FROM alpine:3.20\nUSER app\n')
  })

  it('refuses a link that leads out of the workspace, without echoing what it points at', () => {
    const { ws, outside } = layout()
    symlinkSync(outside, join(ws, 'Dockerfile'))
    symlinkSync('../outside.txt', join(ws, 'relative'))
    symlinkSync('/dev/zero', join(ws, 'zero'))
    for (const name of ['Dockerfile', 'relative', 'zero']) {
      let error: unknown
      try {
        read(ws, name)
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(InputError)
      expect((error as Error).message).toBe(
        `${name}: a symbolic link that leads outside the workspace; not followed`
      )
    }
  })

  it('refuses what is not a regular file (a named pipe does not block) and a dangling link', () => {
    const { ws } = layout()
    execFileSync('mkfifo', [join(ws, 'pipe')])
    mkdirSync(join(ws, 'dir'))
    symlinkSync('nowhere', join(ws, 'dangling'))
    expect(() => read(ws, 'pipe')).toThrow('pipe: not a regular file (a named pipe); not read')
    expect(() => read(ws, 'dir')).toThrow('dir: not a regular file (a directory); not read')
    expect(() => read(ws, 'dangling')).toThrow('dangling: cannot read it (ENOENT)')
  })

  it('bounds the bytes read, with a clear error', () => {
    const { ws } = layout()
    writeFileSync(join(ws, 'big'), 'x'.repeat(5000))
    expect(read(ws, 'big', 5000)).toHaveLength(5000)
    expect(() => read(ws, 'big', 4999)).toThrow('big: larger than 4999 bytes; not read')
  })

  it('a path the user names outside the workspace is theirs to choose', () => {
    const { ws, outside } = layout()
    expect(read(ws, outside)).toBe(OUTSIDE_CONTENT)
  })
})

describe('the Dockerfile and config readers', () => {
  it('a Dockerfile committed as a link out of the workspace is not linted; the others are', async () => {
    const { ws, outside } = layout()
    symlinkSync(outside, join(ws, 'Dockerfile'))
    const config = parseCliArgs(
      ['--dockerfile', 'Dockerfile', '--dockerfile', 'docker/*'],
      ws,
      false
    )
    if (config.kind !== 'scan') throw new Error(config.kind)
    const { report } = await runScan(
      { ...config.config, secretsPaths: [] },
      {
        toolVersion: 't',
        today: '2026-01-01'
      }
    )
    expect(report.warnings).toContain(
      'Dockerfile: a symbolic link that leads outside the workspace; not followed'
    )
    const everything = JSON.stringify(report)
    expect(everything).not.toContain('Tr0ub4dor')
    // The other Dockerfile is still linted.
    expect(report.findings.some(f => f.location.path === 'docker/app.Dockerfile')).toBe(true)
  })

  it('a glob lists links (so an in-workspace link is linted) but the reader decides', () => {
    const { ws, outside } = layout()
    symlinkSync('app.Dockerfile', join(ws, 'docker', 'link.Dockerfile'))
    symlinkSync(outside, join(ws, 'docker', 'out.Dockerfile'))
    expect(expandFilePatterns(['docker/*.Dockerfile'], ws, 'dockerfile').files).toEqual([
      'docker/app.Dockerfile',
      'docker/link.Dockerfile',
      'docker/out.Dockerfile'
    ])
  })

  it('a config file committed as a link out of the workspace is refused, not parsed', () => {
    const { ws, outside } = layout()
    symlinkSync(outside, join(ws, '.container-gate.yml'))
    expect(() =>
      loadConfigFile(join(ws, '.container-gate.yml'), '.container-gate.yml', ws)
    ).toThrow(
      'config file .container-gate.yml: a symbolic link that leads outside the workspace; not followed'
    )
    symlinkSync('/dev/zero', join(ws, 'zero.yml'))
    expect(() => loadConfigFile(join(ws, 'zero.yml'), 'zero.yml', ws)).toThrow(
      /zero\.yml: a symbolic link that leads outside/
    )
  })
})
