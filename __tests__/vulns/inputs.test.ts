// The vulnerabilities check's inputs (kev-file, epss-file, fail-on-kev, fail-on-epss, vex) as
// the action and the CLI read them: checked at the edge with one line, handed to the check in
// ScanOptions.vulnerabilityInputs.
import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseCliArgs } from '../../src/cli/args.js'
import { parseActionInputs } from '../../src/config/action-inputs.js'
import { InputError } from '../../src/model/errors.js'

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-vuln-inputs-'))
  for (const f of ['kev.json', 'epss.csv.gz', 'a.openvex.json', 'b.cdx.json'])
    writeFileSync(join(dir, f), '{}')
  return dir
}
const action = (over: Record<string, string>) => (name: string) =>
  ({
    'vuln-db': 'osv-api',
    'fail-on': 'high',
    'ignore-unfixed': 'false',
    'pr-comment': 'false',
    ...over
  })[name] ?? ''

describe('kev-file, epss-file, fail-on-kev, fail-on-epss, vex', () => {
  it('unset: nothing overrides checks.vulnerabilities', () => {
    expect(parseActionInputs(action({}), workspace()).vulnerabilityInputs).toEqual({
      kevFile: undefined,
      epssFile: undefined,
      failOnKev: undefined,
      failOnEpss: undefined,
      vex: undefined
    })
  })

  it('the action inputs, paths resolved in the workspace', () => {
    const dir = workspace()
    const config = parseActionInputs(
      action({
        'kev-file': 'kev.json',
        'epss-file': 'epss.csv.gz',
        'fail-on-kev': 'false',
        'fail-on-epss': '0.25',
        vex: 'a.openvex.json\nb.cdx.json'
      }),
      dir
    )
    expect(config.vulnerabilityInputs).toEqual({
      kevFile: join(dir, 'kev.json'),
      epssFile: join(dir, 'epss.csv.gz'),
      failOnKev: false,
      failOnEpss: 0.25,
      vex: ['a.openvex.json', 'b.cdx.json']
    })
  })

  it('the CLI flags', () => {
    const dir = workspace()
    const cmd = parseCliArgs(
      [
        '--kev-file',
        'kev.json',
        '--fail-on-epss',
        '1',
        '--vex',
        'a.openvex.json',
        '--vex',
        'b.cdx.json'
      ],
      dir,
      false
    )
    if (cmd.kind !== 'scan') throw new Error(cmd.kind)
    expect(cmd.config.vulnerabilityInputs).toMatchObject({
      kevFile: join(dir, 'kev.json'),
      failOnEpss: 1,
      vex: ['a.openvex.json', 'b.cdx.json']
    })
  })

  it.each([
    [
      { 'fail-on-epss': '10' },
      `input 'fail-on-epss' has value "10"; expected an EPSS probability above 0 and at most 1, e.g. 0.1`
    ],
    [{ 'fail-on-epss': '0' }, `input 'fail-on-epss' has value "0"; expected an EPSS probability`],
    [{ 'fail-on-kev': 'yes' }, `input 'fail-on-kev' has value "yes"; allowed: true, false`],
    [{ 'kev-file': 'nope.json' }, `input 'kev-file' has value "nope.json"; no such file`],
    [{ vex: 'a.openvex.json,missing.json' }, `input 'vex' has value "missing.json"; no such file`]
  ])('%j fails with one line', (over, message) => {
    const run = () => parseActionInputs(action(over as Record<string, string>), workspace())
    expect(run).toThrow(InputError)
    expect(run).toThrow(message)
  })

  it('the CLI names its flags in errors', () => {
    expect(() => parseCliArgs(['--epss-file', 'none.csv'], workspace(), false)).toThrow(
      '--epss-file has value "none.csv"; no such file'
    )
  })
})
