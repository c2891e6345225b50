import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parse as parseYaml } from 'yaml'
import { parseActionInputs } from '../../src/config/action-inputs.js'
import { parseCliArgs } from '../../src/cli/args.js'

function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-inputs-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

/** The values the runner passes when the workflow sets nothing (action.yml defaults). */
const DEFAULTS: Record<string, string> = {
  'secrets-path': '.',
  'vuln-db': 'osv-api',
  'osv-api-url': 'https://api.osv.dev',
  'fail-on': 'high',
  'ignore-unfixed': 'false',
  'pr-comment': 'false'
}
const inputs = (over: Record<string, string>) => (name: string) =>
  ({ ...DEFAULTS, ...over })[name] ?? ''

describe('parseActionInputs', () => {
  it('applies the defaults: Dockerfile when present, secrets in ., fail on high', () => {
    const dir = workspace({ Dockerfile: 'FROM scratch\n' })
    const config = parseActionInputs(inputs({}), dir)
    expect(config.dockerfiles).toEqual(['Dockerfile'])
    expect(config.secretsPaths).toEqual(['.'])
    expect(config.failOn).toBe('high')
    expect(config.failOnByCheck).toEqual({})
    expect(config.vulnDb).toEqual({ kind: 'osv-api', url: 'https://api.osv.dev' })
    expect(config.configFile).toBeUndefined()
  })

  it('no Dockerfile at the root: the lint is off unless asked for', () => {
    expect(parseActionInputs(inputs({}), workspace()).dockerfiles).toEqual([])
  })

  it('splits lists on newlines and commas; empty secrets-path turns secrets off', () => {
    const config = parseActionInputs(
      inputs({ dockerfile: 'a/Dockerfile,\n b/*.Dockerfile \n', 'secrets-path': '' }),
      workspace()
    )
    expect(config.dockerfiles).toEqual(['a/Dockerfile', 'b/*.Dockerfile'])
    expect(config.secretsPaths).toEqual([])
  })

  it('per-check thresholds and booleans', () => {
    const config = parseActionInputs(
      inputs({
        'secrets-fail-on': 'low',
        'vulnerabilities-fail-on': 'CRITICAL',
        'ignore-unfixed': 'true',
        'pr-comment': 'True'
      }),
      workspace()
    )
    expect(config.failOnByCheck).toEqual({ secrets: 'low', vulnerabilities: 'critical' })
    expect(config.ignoreUnfixed).toBe(true)
    expect(config.pr.prComment).toBe(true)
  })

  it('pull-request inputs: defaults, values and one-line errors', () => {
    const dir = workspace({
      'base.json': JSON.stringify({
        version: 1,
        fingerprints: ['abcdef0123456789'],
        vulnerabilities: {}
      })
    })
    const defaults = parseActionInputs(inputs({ annotations: 'commands', 'gate-on': 'all' }), dir)
    expect(defaults.pr).toMatchObject({ gateOn: 'all', annotations: 'commands', prComment: false })
    expect(defaults.pr.filterMode).toBeUndefined()
    expect(defaults.pr.baseline).toBeUndefined()
    const set = parseActionInputs(
      inputs({
        'filter-mode': 'diff_context',
        'gate-on': 'new',
        baseline: 'base.json',
        annotations: 'check-run',
        'comment-key': 'amd64'
      }),
      dir
    )
    expect(set.pr).toMatchObject({
      filterMode: 'diff-context',
      gateOn: 'new',
      annotations: 'check-run',
      commentKey: 'amd64'
    })
    expect(set.pr.baseline?.fingerprints).toEqual(['abcdef0123456789'])
    expect(() => parseActionInputs(inputs({ annotations: 'both' }), dir)).toThrow(
      `input 'annotations' has value "both"; allowed: commands, check-run`
    )
    expect(() => parseActionInputs(inputs({ 'gate-on': 'changed' }), dir)).toThrow(/gate-on/)
    expect(() => parseActionInputs(inputs({ baseline: 'missing.json' }), dir)).toThrow(
      /baseline .*missing\.json: cannot read it/
    )
  })

  it('registry credentials go together; the OSV cache dir is resolved in the workspace', () => {
    const dir = workspace()
    const config = parseActionInputs(
      inputs({ 'registry-username': 'ci', 'registry-password': 's3cr3t', 'osv-cache-dir': '.osv' }),
      dir
    )
    expect(config.registryAuth).toEqual({ username: 'ci', password: 's3cr3t' })
    expect(config.osvCacheDir).toBe(join(dir, '.osv'))
    expect(() => parseActionInputs(inputs({ 'registry-username': 'ci' }), dir)).toThrow(
      "input 'registry-password' is empty; input 'registry-username' and input 'registry-password' go together"
    )
  })

  it('sarif-category: a path-like id, or the default', () => {
    const dir = workspace()
    expect(parseActionInputs(inputs({}), dir).sarifCategory).toBeUndefined()
    expect(parseActionInputs(inputs({ 'sarif-category': 'gate/arm64' }), dir).sarifCategory).toBe(
      'gate/arm64'
    )
    expect(() => parseActionInputs(inputs({ 'sarif-category': 'two words' }), dir)).toThrow(
      `input 'sarif-category' has value "two words"; allowed: letters, digits, '.', '_', '-' and '/'`
    )
  })

  it('a secrets path that does not exist fails at the edge, named as the user wrote it', () => {
    const dir = workspace()
    expect(() => parseActionInputs(inputs({ 'secrets-path': 'src' }), dir)).toThrow(
      `input 'secrets-path' has value "src"; no such file or directory`
    )
    expect(() => parseCliArgs(['--secrets', 'src'], dir, false)).toThrow(
      '--secrets has value "src"; no such file or directory'
    )
  })

  it('loads .container-gate.yml when present', () => {
    const dir = workspace({ '.container-gate.yml': 'severity:\n  runs-as-root: critical\n' })
    const config = parseActionInputs(inputs({}), dir)
    expect(config.configFile).toBe(join(dir, '.container-gate.yml'))
    expect(config.file.severity.get('runs-as-root')).toBe('critical')
  })

  it.each([
    [
      { 'fail-on': 'hgih' },
      `input 'fail-on' has value "hgih"; allowed: critical, high, medium, low, none`
    ],
    [{ 'dockerfile-fail-on': 'severe' }, `input 'dockerfile-fail-on' has value "severe"`],
    [{ 'ignore-unfixed': 'yes' }, `input 'ignore-unfixed' has value "yes"; allowed: true, false`],
    [{ 'pr-comment': '1' }, `input 'pr-comment' has value "1"; allowed: true, false`],
    [
      { 'vuln-db': 'nvd' },
      `input 'vuln-db' has value "nvd"; allowed: osv-api, or a directory or .zip of OSV records`
    ],
    [
      { 'osv-api-url': 'ftp://x' },
      `input 'osv-api-url' has value "ftp://x"; expected an http(s) URL`
    ],
    [{ config: 'missing.yml' }, `input 'config' has value "missing.yml"; no such file`],
    [{ platform: 'amd64' }, `input 'platform' has value "amd64"; expected os/arch[/variant]`]
  ])('a wrong value fails with one line naming the input: %j', (over, message) => {
    expect(() => parseActionInputs(inputs(over), workspace())).toThrow(message)
  })
})

describe('parseCliArgs', () => {
  it('parses repeatable flags and the output options', () => {
    const dir = workspace({ 'x/Dockerfile': 'FROM scratch\n', 'src/app.js': '' })
    const cmd = parseCliArgs(
      [
        '--dockerfile',
        'x/Dockerfile',
        '--dockerfile',
        'y/*.Dockerfile',
        '--secrets',
        'src',
        '--fail-on',
        'medium',
        '--format',
        'json',
        '--ignore-unfixed'
      ],
      dir,
      false
    )
    if (cmd.kind !== 'scan') throw new Error('expected a scan')
    expect(cmd.config.dockerfiles).toEqual(['x/Dockerfile', 'y/*.Dockerfile'])
    expect(cmd.config.secretsPaths).toEqual(['src'])
    expect(cmd.config.failOn).toBe('medium')
    expect(cmd.config.format).toBe('json')
    expect(cmd.config.ignoreUnfixed).toBe(true)
    expect(cmd.config.color).toBe(false)
  })

  it('defaults like the action: secrets in ., text', () => {
    const cmd = parseCliArgs([], workspace(), true)
    if (cmd.kind !== 'scan') throw new Error('expected a scan')
    expect(cmd.config.secretsPaths).toEqual(['.'])
    expect(cmd.config.format).toBe('text')
    expect(parseCliArgs(['--no-secrets'], workspace(), false)).toMatchObject({
      config: { secretsPaths: [] }
    })
  })

  it('help and version', () => {
    expect(parseCliArgs(['--help'], workspace(), false)).toEqual({ kind: 'help' })
    expect(parseCliArgs(['-v'], workspace(), false)).toEqual({ kind: 'version' })
  })

  it.each([
    [['--fail-on', 'urgent'], '--fail-on has value "urgent"'],
    [['--format', 'xml'], '--format has value "xml"; allowed: text, json, sarif'],
    [['--bogus'], 'unknown option --bogus'],
    [['extra'], 'unexpected argument "extra"'],
    [['--sbom', 'x.json'], '--sbom needs --image'],
    [['--secrets', 'a', '--no-secrets'], 'contradict'],
    [['--vuln-db', './nope'], '--vuln-db has value "./nope"']
  ])('usage errors are one line: %j', (argv, message) => {
    expect(() => parseCliArgs(argv, workspace(), false)).toThrow(message)
  })
})

describe('action.yml, the parser and the README agree', () => {
  const root = join(import.meta.dirname, '..', '..')
  const action = parseYaml(readFileSync(join(root, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { description?: string; default?: unknown }>
    outputs: Record<string, { description?: string }>
  }
  const readme = readFileSync(join(root, 'README.md'), 'utf8')

  it('every input is read, described, defaulted and in the README', () => {
    const names: string[] = []
    const getInput = (name: string) => {
      names.push(name)
      return { ...DEFAULTS }[name] ?? ''
    }
    parseActionInputs(getInput, workspace())
    for (const [name, input] of Object.entries(action.inputs)) {
      expect([name, names.includes(name)]).toEqual([name, true])
      expect([name, (input.description ?? '').length > 20]).toEqual([name, true])
      expect([name, 'default' in input]).toEqual([name, true])
      expect([name, readme.includes(`\`${name}\``)]).toEqual([name, true])
    }
    // And nothing is read that action.yml does not declare.
    for (const name of names) expect(Object.keys(action.inputs)).toContain(name)
  })

  it('every output is described and in the README', () => {
    for (const [name, output] of Object.entries(action.outputs)) {
      expect([name, (output.description ?? '').length > 10]).toEqual([name, true])
      expect([name, readme.includes(`\`${name}\``)]).toEqual([name, true])
    }
  })
})

describe('CLI flags named as the action inputs, errors that name the way out', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'cg-flags-'))

  it('--secrets-path, --sarif-file, --sbom-file, --osv-cache-dir; the old spellings still work', () => {
    const cwd = dir()
    mkdirSync(join(cwd, 'src'))
    mkdirSync(join(cwd, 'lib'))
    const canonical = parseCliArgs(
      ['--secrets-path', 'src', '--sarif-file', 'o.sarif', '--osv-cache-dir', 'c'],
      cwd,
      false
    )
    expect(canonical).toMatchObject({
      config: { secretsPaths: ['src'], sarifFile: 'o.sarif', osvCacheDir: join(cwd, 'c') }
    })
    const both = parseCliArgs(
      ['--secrets-path', 'src', '--secrets', 'lib', '--sarif', 'x'],
      cwd,
      false
    )
    expect(both).toMatchObject({ config: { secretsPaths: ['src', 'lib'], sarifFile: 'x' } })
    // An error names the option as it was written.
    expect(() => parseCliArgs(['--sbom', 'x.json'], cwd, false)).toThrow(/^--sbom needs --image/)
    expect(() => parseCliArgs(['--sbom-file', 'x.json'], cwd, false)).toThrow(/^--sbom-file needs/)
    expect(() => parseCliArgs(['--secrets-path', 'nope'], cwd, false)).toThrow(
      '--secrets-path has value "nope"; no such file or directory'
    )
  })

  it('a flag typo suggests the closest flag, in one line without stray quotes', () => {
    const error = (() => {
      try {
        parseCliArgs(['--dockerfle', 'Dockerfile'], dir(), false)
      } catch (e) {
        return (e as Error).message
      }
      return ''
    })()
    expect(error).toBe(
      'unknown option --dockerfle; did you mean --dockerfile? (see container-gate --help)'
    )
    expect(() => parseCliArgs(['--xyzzy'], dir(), false)).toThrow(
      /^unknown option --xyzzy \(see container-gate --help\)$/
    )
    expect(() => parseCliArgs(['--image'], dir(), false)).toThrow(
      /^--image needs a value \(see container-gate --help\)$/
    )
  })

  it('choices are case-insensitive everywhere', () => {
    const cwd = dir()
    expect(parseCliArgs(['--format', 'JSON'], cwd, false)).toMatchObject({
      config: { format: 'json' }
    })
    expect(parseCliArgs(['--fail-on', 'HIGH', '--gate-on', 'New'], cwd, false)).toMatchObject({
      config: { failOn: 'high', gateOn: 'new' }
    })
    expect(parseCliArgs(['--verify-signatures', 'Enforce'], cwd, false)).toMatchObject({
      config: { verifySignatures: 'enforce' }
    })
    // Booleans, the OSV API word and the history words too.
    expect(
      parseCliArgs(
        ['--fail-on-kev', 'FALSE', '--vuln-db', 'OSV-API', '--secrets-history', 'None'],
        cwd,
        false
      )
    ).toMatchObject({
      config: {
        vulnerabilityInputs: { failOnKev: false },
        vulnDb: { kind: 'osv-api' },
        secretsHistory: undefined
      }
    })
  })
})
