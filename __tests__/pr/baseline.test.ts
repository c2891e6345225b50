import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/model/errors.js'
import { FingerprintKey } from '../../src/model/fingerprint.js'
import {
  baselineKeyWarning,
  buildBaseline,
  mergeBaselines,
  parseBaseline,
  readBaselineFile,
  serializeBaseline,
  writeBaselineFile,
  splitNewExisting
} from '../../src/pr/baseline.js'
import { gateOnNewFindings, parseGateOn } from '../../src/pr/gate-on.js'
import { dockerfileFinding, reportOf, secretFinding, vulnFinding } from './findings.js'

const SECRET = 'ghp_R8mWq2Lx7Tz4Kc9Vb3Nf6Hy1Pd5Sg0Ja2Ue8'

describe('buildBaseline / serializeBaseline', () => {
  const findings = [
    dockerfileFinding('unpinned-base', 1),
    secretFinding(SECRET, 'src/app.js', 3),
    vulnFinding('CVE-2024-0001', 'openssl', '3.0.11', { aliases: ['DSA-5678-1'] }),
    vulnFinding('GHSA-aaaa-bbbb-cccc', 'lodash', '4.17.20', { ecosystem: 'npm' })
  ]
  const baseline = buildBaseline(findings)

  it('stores fingerprints and vulnerability ids per package, sorted, and never the secret', () => {
    expect(baseline.version).toBe(2)
    expect(baseline.fingerprints).toEqual([findings[0].fingerprint, findings[1].fingerprint].sort())
    expect(baseline.vulnerabilities).toEqual({
      'debian/openssl': ['CVE-2024-0001', 'DSA-5678-1'],
      'npm/lodash': ['GHSA-AAAA-BBBB-CCCC']
    })
    const text = serializeBaseline(baseline)
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain(SECRET.slice(4, 20))
  })

  it('is deterministic: the same findings in another order give the same file', () => {
    expect(serializeBaseline(buildBaseline([...findings].reverse()))).toBe(
      serializeBaseline(baseline)
    )
  })

  it('round-trips through parseBaseline', () => {
    expect(parseBaseline(serializeBaseline(baseline), '.container-gate-baseline.json')).toEqual(
      baseline
    )
  })
})

describe('splitNewExisting', () => {
  const old = [
    dockerfileFinding('unpinned-base', 1),
    secretFinding(SECRET, 'src/app.js', 3),
    vulnFinding('CVE-2024-0001', 'openssl', '3.0.11')
  ]
  const baseline = buildBaseline(old)

  it('keeps a finding that only moved to another line as existing (fingerprints have no line)', () => {
    const moved = secretFinding(SECRET, 'src/app.js', 40)
    expect(splitNewExisting([moved], baseline)).toEqual({ added: [], existing: [moved] })
  })

  it('calls a vulnerability existing for the same package even after a version bump or an alias swap', () => {
    const bumped = vulnFinding('CVE-2024-0001', 'openssl', '3.0.13')
    const renamed = vulnFinding('DSA-5678-1', 'openssl', '3.0.13', { aliases: ['cve-2024-0001'] })
    const otherRelease = vulnFinding('CVE-2024-0001', 'openssl', '3.5.1', {
      ecosystem: 'Debian:13'
    })
    expect(splitNewExisting([bumped, renamed, otherRelease], baseline).added).toEqual([])
  })

  it('calls the same vulnerability in another package new, and new rules/secrets new', () => {
    const otherPackage = vulnFinding('CVE-2024-0001', 'libssl3', '3.0.11')
    const newLint = dockerfileFinding('runs-as-root', 9)
    const newSecret = secretFinding('ghp_Q7nVr3Mx8Ua5Ld0Wc4Og7Iz2Qe6Th1Kb3Vf9', 'src/app.js', 4)
    const { added, existing } = splitNewExisting(
      [...old, otherPackage, newLint, newSecret],
      baseline
    )
    expect(added).toEqual([otherPackage, newLint, newSecret])
    expect(existing).toEqual(old)
  })

  it('mergeBaselines: the committed file and the base commit together', () => {
    const a = buildBaseline([old[0]])
    const b = buildBaseline([old[2]])
    const merged = mergeBaselines(a, b)
    expect(splitNewExisting([old[0], old[2], old[1]], merged).added).toEqual([old[1]])
  })
})

describe('parseBaseline errors: one line naming the file and the problem', () => {
  const path = '.container-gate-baseline.json'
  it.each([
    [
      '{"version": 1, "fingerprints": [}',
      /^baseline \.container-gate-baseline\.json: not valid JSON \(line 1 column 3\d: /
    ],
    ['[]', /expected a JSON object/],
    [
      '{"version": 3, "fingerprints": []}',
      /"version" is 3; this container-gate reads versions 1 and 2/
    ],
    [
      '{"version": 1, "fingerprintKey": {"id": "0123456789abcdef", "source": "input"}}',
      /"fingerprintKey" must be/
    ],
    [
      '{"version": 2, "fingerprintKey": {"id": "xyz", "source": "input"}}',
      /"fingerprintKey" must be/
    ],
    [
      '{"version": 2, "fingerprintKey": {"id": "0123456789abcdef", "source": "password"}}',
      /"fingerprintKey" must be/
    ],
    ['{"fingerprints": []}', /"version" is missing/],
    ['{"version": 1, "fingerprints": "abc"}', /"fingerprints" must be an array of strings/],
    [
      '{"version": 1, "fingerprints": ["ghp_R8mWq2Lx7Tz4"]}',
      /"fingerprints"\[0\] is not a fingerprint/
    ],
    [
      '{"version": 1, "vulnerabilities": {"debian/openssl": "CVE-1"}}',
      /"vulnerabilities"\."debian\/openssl" must be a list/
    ],
    ['{"version": 1, "fingerprint": []}', /unknown key "fingerprint"/]
  ])('%s', (text, message) => {
    expect(() => parseBaseline(text, path)).toThrow(InputError)
    expect(() => parseBaseline(text, path)).toThrow(message)
  })

  it('reports the line of a syntax error in a multi-line file', () => {
    const text = '{\n  "version": 1,\n  "fingerprints": [\n    "abc123ff",\n  ]\n}\n'
    expect(() => parseBaseline(text, path)).toThrow(/line 5 column 3/)
  })
})

describe('gate-on new', () => {
  it('fails only on new findings at or above the thresholds, keeping the counts of all', () => {
    const existing = dockerfileFinding('unpinned-base', 1, 'high')
    const fresh = dockerfileFinding('runs-as-root', 9, 'high')
    const report = reportOf([existing, fresh])
    expect(report.gate.passed).toBe(false)

    const onlyOld = gateOnNewFindings(report.gate, [])
    expect(onlyOld.passed).toBe(true)
    expect(onlyOld.tripped).toEqual([])
    expect(onlyOld.totals.high).toBe(2)

    const withNew = gateOnNewFindings(report.gate, [fresh])
    expect(withNew.passed).toBe(false)
    expect(withNew.tripped).toEqual([fresh])
  })

  it('parses the input, defaulting to all', () => {
    expect(parseGateOn('')).toBe('all')
    expect(parseGateOn('NEW')).toBe('new')
    expect(() => parseGateOn('changed')).toThrow(
      /^input 'gate-on' has value "changed"; allowed: all, new$/
    )
  })
})

describe('writeBaselineFile / readBaselineFile', () => {
  it('writes the file the CLI produces and reads it back; a missing file is one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-baseline-'))
    const path = join(dir, 'nested', '.container-gate-baseline.json')
    const findings = [
      secretFinding(SECRET, 'src/app.js', 3),
      vulnFinding('CVE-2024-0001', 'openssl', '3.0.11')
    ]
    const written = writeBaselineFile(path, findings)
    expect(readFileSync(path, 'utf8')).toBe(serializeBaseline(written))
    expect(readFileSync(path, 'utf8')).not.toContain(SECRET.slice(4))
    expect(readBaselineFile(path)).toEqual(written)
    expect(() => readBaselineFile(join(dir, 'missing.json'))).toThrow(
      /^baseline .*missing\.json: cannot read it \(ENOENT\)$/
    )
  })
})

describe("readBaselineFile on a pull request's files", () => {
  it('refuses a baseline committed as a link out of the workspace, and a named pipe', () => {
    const outside = mkdtempSync(join(tmpdir(), 'cg-outside-'))
    writeFileSync(join(outside, 'b.json'), '{"version": 1, "fingerprints": []}\n')
    const root = mkdtempSync(join(tmpdir(), 'cg-ws-'))
    symlinkSync(join(outside, 'b.json'), join(root, 'baseline.json'))
    expect(() => readBaselineFile(join(root, 'baseline.json'), 'baseline.json', root)).toThrow(
      'baseline baseline.json: a symbolic link that leads outside the workspace; not followed'
    )
    execFileSync('mkfifo', [join(root, 'pipe.json')])
    expect(() => readBaselineFile(join(root, 'pipe.json'), 'pipe.json', root)).toThrow(
      /^baseline pipe\.json: not a regular file/
    )
  })
})

describe('baselines and the fingerprint key', () => {
  const key = FingerprintKey.from('a key of the repository, 32 chars', 'input')
  const other = FingerprintKey.from('b key of the repository, 32 chars', 'input')

  it('records the id and source of the key (never the key) and reads them back', () => {
    const baseline = buildBaseline([secretFinding(SECRET, 'src/app.js', 3)], key)
    const text = serializeBaseline(baseline)
    expect(JSON.parse(text)).toMatchObject({
      version: 2,
      fingerprintKey: { id: key.id, source: 'input' }
    })
    expect(text).not.toContain('a key of the repository')
    expect(parseBaseline(text, 'b.json')).toEqual(baseline)
    expect(baselineKeyWarning(parseBaseline(text, 'b.json'), key, 'b.json')).toBeUndefined()
  })

  it('warns, naming both keys and the way out, when the baseline was made with another key', () => {
    const baseline = buildBaseline([secretFinding(SECRET, 'src/app.js', 3)], other)
    const line = baselineKeyWarning(baseline, key, 'b.json')
    expect(line).toContain('baseline b.json was written with another fingerprint key')
    expect(line).toContain(other.id)
    expect(line).toContain(key.id)
    expect(line).toContain('container-gate baseline')
  })

  it('reads a version 1 baseline (unkeyed) and warns that its secrets no longer match', () => {
    // A file as the previous release wrote it: a plain SHA-256 secret fingerprint and a Dockerfile one.
    const dockerfile = dockerfileFinding('unpinned-base', 1)
    const v1 = JSON.stringify({
      version: 1,
      fingerprints: [dockerfile.fingerprint, 'a'.repeat(32)],
      vulnerabilities: {}
    })
    const old = parseBaseline(v1, '.container-gate-baseline.json')
    expect(old.version).toBe(1)
    const line = baselineKeyWarning(old, key, '.container-gate-baseline.json')
    expect(line).toMatch(
      /^baseline \.container-gate-baseline\.json is version 1: .*regenerate it with `container-gate baseline`$/
    )
    // What is not keyed still matches.
    expect(splitNewExisting([dockerfile], old).existing).toEqual([dockerfile])
  })

  it('writes version 2 files with the key through writeBaselineFile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-baseline-key-'))
    const path = join(dir, 'b.json')
    writeBaselineFile(path, [secretFinding(SECRET, 'src/app.js', 3)], key)
    expect(JSON.parse(readFileSync(path, 'utf8')).fingerprintKey).toEqual({
      id: key.id,
      source: 'input'
    })
  })
})
