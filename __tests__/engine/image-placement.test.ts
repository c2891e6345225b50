// In-image findings land where they are fixed: the real demo image (built from
// fixtures/demo/Dockerfile) carries the demo's secrets in /app/src/server.js
// (layer of `COPY --from=build /app /app`) and DATABASE_PASSWORD in its config
// Env. With the Dockerfile named, they move onto its lines; without it, they
// stay in the image and no report gives them a repository path.
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { EMPTY_FILE_CONFIG, parseConfigFile } from '../../src/config/file.js'
import type { GateConfig } from '../../src/config/gate-config.js'
import { runCli } from '../../src/cli/run.js'
import { runScan } from '../../src/engine.js'
import type { Finding } from '../../src/model/finding.js'
import {
  buildSarif,
  planAnnotations,
  renderSummary,
  sarifLeftOutLines
} from '../../src/report/index.js'
import { validateSarif } from '../helpers/sarif.js'

const ROOT = join(import.meta.dirname, '..', '..')
const CONTEXT = {
  toolVersion: 'test',
  today: '2026-06-01',
  links: { serverUrl: 'https://github.com', repository: 'acme/demo', sha: 'a'.repeat(40) }
}

function config(over: Partial<GateConfig>): GateConfig {
  return {
    cwd: ROOT,
    dockerfiles: [],
    secretsPaths: ['fixtures/demo'],
    image: 'fixtures/demo-image/layout',
    vulnDb: { kind: 'path', path: join(ROOT, 'fixtures', 'vulns', 'osv') },
    ignoreUnfixed: false,
    failOn: 'high',
    failOnByCheck: {},
    verifySignatures: 'off',
    file: EMPTY_FILE_CONFIG,
    ...over
  } as GateConfig
}

const inImage = (findings: readonly Finding[]): Finding[] =>
  findings.filter(f => f.check === 'secrets' && f.properties?.imagePath !== undefined)

describe('in-image findings', () => {
  it('move onto the Dockerfile line that created them, fingerprints unchanged', async () => {
    const alone = await runScan(config({}), CONTEXT)
    const placed = await runScan(config({ dockerfiles: ['fixtures/demo/Dockerfile'] }), CONTEXT)
    const where = (f: Finding) => [
      f.ruleId,
      f.properties?.imagePath,
      f.location.path,
      f.location.line,
      f.properties?.dockerfileOrigin
    ]
    expect(inImage(placed.report.findings).map(where).sort()).toEqual(
      [
        // The layer of `COPY --from=build /app /app` (history: `COPY /app /app # buildkit`).
        ['aws-access-key-id', '/app/src/server.js', 'fixtures/demo/Dockerfile', 13, 'own-layer'],
        ['github-pat', '/app/src/server.js', 'fixtures/demo/Dockerfile', 13, 'own-layer'],
        ['stripe-secret-key', '/app/src/server.js', 'fixtures/demo/Dockerfile', 13, 'own-layer'],
        // The ENV that sets DATABASE_PASSWORD (lines 10-11).
        [
          'weak-default-credential',
          'config/Env/DATABASE_PASSWORD',
          'fixtures/demo/Dockerfile',
          10,
          'own-layer'
        ]
      ].sort()
    )
    const prints = (r: typeof alone) =>
      inImage(r.report.findings)
        .map(f => f.fingerprint)
        .sort()
    expect(prints(placed)).toEqual(prints(alone))
    // Without the Dockerfile they stay in the image.
    expect(
      inImage(alone.report.findings)
        .map(f => f.location.path)
        .sort()
    ).toEqual([
      '/app/src/server.js',
      '/app/src/server.js',
      '/app/src/server.js',
      'image config Env DATABASE_PASSWORD'
    ])

    // An ignore by in-image path still applies once the finding sits on the Dockerfile.
    const ignored = await runScan(
      config({
        dockerfiles: ['fixtures/demo/Dockerfile'],
        file: parseConfigFile(
          'ignore:\n  - path: /app/src/**\n    reason: test build\n    expires: 2099-01-01\n',
          'c.yml'
        )
      }),
      CONTEXT
    )
    expect(inImage(ignored.report.findings).map(f => f.ruleId)).toEqual(['weak-default-credential'])
  })

  it('never become repository paths in SARIF, annotations or summary links', async () => {
    for (const dockerfiles of [[], ['fixtures/demo/Dockerfile']]) {
      const { report } = await runScan(config({ dockerfiles }), CONTEXT)
      const log = buildSarif(report)
      expect(validateSarif(log)).toEqual([])
      const uris = log.runs.flatMap(run =>
        (run.results ?? []).map(r => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri)
      )
      // Every result has a file for code scanning: its Dockerfile line, or (without a Dockerfile)
      // the image it was found in, never the object's in-image path.
      for (const uri of uris)
        expect(uri).toMatch(
          dockerfiles.length > 0 ? /^fixtures\/demo\// : /^fixtures\/demo(?:-image\/layout$|\/)/
        )
      expect(uris).not.toContain('app/src/server.js')
      // Without the Dockerfile, the log says why code scanning gets results with no file.
      const notes = sarifLeftOutLines(log).join('\n')
      if (dockerfiles.length === 0) expect(notes).toMatch(/results are only inside the image/)
      else expect(notes).toBe('')
      const annotations = planAnnotations(report)
      for (const a of annotations) if (a.file) expect(a.file).toMatch(/^fixtures\/demo\//)
      const summary = renderSummary(report)
      expect(summary).not.toMatch(/blob\/a{40}\/(app|image)/)
    }
  })

  it('annotates a secret once: its source file, not the image copy on the COPY line', async () => {
    const { report } = await runScan(config({ dockerfiles: ['fixtures/demo/Dockerfile'] }), CONTEXT)
    const pats = planAnnotations(report).filter(a => a.title.includes('(github-pat,'))
    expect(pats.map(a => [a.file, a.startLine])).toEqual([['fixtures/demo/src/server.js', 4]])
  })

  it('the CLI says in its log what the SARIF could not give a repository file', async () => {
    let stdout = ''
    let stderr = ''
    const io = {
      cwd: ROOT,
      stdout: (t: string) => void (stdout += t),
      stderr: (t: string) => void (stderr += t),
      isTty: false,
      today: '2026-06-01'
    }
    const argv = [
      '--verify-signatures',
      'off',
      '--image',
      'fixtures/demo-image/layout',
      '--vuln-db',
      'fixtures/vulns/osv',
      '--secrets',
      'fixtures/demo',
      '--format',
      'sarif'
    ]
    expect(await runCli(argv, io)).toBe(1)
    expect(validateSarif(JSON.parse(stdout))).toEqual([])
    expect(stderr).toMatch(
      /^container-gate: SARIF secrets: 4 secrets results are only inside the image: code scanning files them under the image \(fixtures\/demo-image\/layout\)/m
    )
    stderr = ''
    stdout = ''
    expect(await runCli([...argv, '--dockerfile', 'fixtures/demo/Dockerfile'], io)).toBe(1)
    expect(stderr).not.toMatch(/SARIF secrets/)
  })
})
