// End to end: the bundled dist/index.js, run as GitHub's runner runs it, on
// every Node binary available (Node 24 from node_modules and the system's).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from '@jest/globals'
import { ACTION_ENTRY, nodeBinaries, ROOT, runAction, type ActionRun } from '../helpers/runner.js'
import { validateSarif } from '../helpers/sarif.js'

const DEMO_GITHUB_TOKEN = 'ghp_R8mWq2Lx7Tz4Kc9Vb3Nf6Hy1Pd5Sg0Ja2Ue8'
const DEMO_DB_PASSWORD = 'Tr0ub4dor-and-3-horses'

function copyDemo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-e2e-'))
  cpSync(join(ROOT, 'fixtures', 'demo'), dir, { recursive: true })
  return dir
}

function workspaceWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-e2e-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

const PINNED = 'node:20-bookworm-slim@sha256:' + 'a'.repeat(64)

const binaries = nodeBinaries()

it('has a Node 24 binary to run the bundle with', () => {
  expect(binaries.some(b => b.label.startsWith('node v24.'))).toBe(true)
  expect(existsSync(ACTION_ENTRY)).toBe(true)
})

describe.each(binaries)('dist/index.js on $label', ({ path: node }) => {
  describe('on the demo project', () => {
    let run: ActionRun
    let workspace: string
    beforeAll(() => {
      workspace = copyDemo()
      run = runAction({ node, workspace, inputs: { 'sarif-file': 'out/report.sarif' } })
    })

    it('fails the step because the gate failed, naming what tripped it', () => {
      expect(run.status).toBe(1)
      const failure = run.commands.filter(c => c.command === 'error' && !c.properties.file)
      expect(failure.at(-1)?.message).toMatch(/^container-gate: gate failed: .*runs-as-root/)
      expect(run.stderr).not.toMatch(/\n\s+at /) // no stack trace
    })

    it('annotates the exact Dockerfile lines', () => {
      const onDockerfile = run.commands.filter(c => c.properties.file === 'Dockerfile')
      const lines = (title: RegExp) =>
        onDockerfile
          .filter(c => title.test(c.properties.title ?? ''))
          .map(c => Number(c.properties.line))
      expect(onDockerfile.length).toBeGreaterThanOrEqual(4)
      // The final stage is `FROM node:20-bookworm-slim` on line 8 with no USER.
      expect(onDockerfile.some(c => c.command === 'error' && c.properties.line === '8')).toBe(true)
      expect(lines(/./)).toEqual(expect.arrayContaining([2, 8, 9, 10]))
    })

    it('annotates the secrets in the source file, redacted', () => {
      const inSource = run.commands.filter(c => c.properties.file === 'src/server.js')
      expect(inSource.length).toBeGreaterThanOrEqual(1)
      expect(inSource.map(c => c.properties.line)).toContain('4')
    })

    it('sets the outputs', () => {
      expect(run.outputs.passed).toBe('false')
      expect(Number(run.outputs.findings)).toBeGreaterThanOrEqual(5)
      expect(Number(run.outputs.high)).toBeGreaterThanOrEqual(2)
      expect(run.outputs['sarif-file']).toBe(join(workspace, 'out/report.sarif'))
    })

    it('writes a job summary with the verdict first', () => {
      expect(run.summary.length).toBeGreaterThan(200)
      expect(run.summary.slice(0, 400)).toMatch(/fail/i)
      expect(run.summary).toContain('runs-as-root')
      expect(run.summary).toContain(
        'https://github.com/octo-org/octo-app/blob/0123456789abcdef0123456789abcdef01234567/Dockerfile#L8'
      )
    })

    it('writes a valid SARIF 2.1.0 file', () => {
      const sarif = JSON.parse(readFileSync(join(workspace, 'out/report.sarif'), 'utf8'))
      expect(validateSarif(sarif)).toEqual([])
      const ruleIds = sarif.runs.flatMap((r: { results: { ruleId: string }[] }) =>
        r.results.map(x => x.ruleId)
      )
      expect(ruleIds).toEqual(
        expect.arrayContaining(['runs-as-root', 'base-image-not-pinned', 'secret-in-env'])
      )
    })

    it('never prints or stores a secret in full', () => {
      const sarif = readFileSync(join(workspace, 'out/report.sarif'), 'utf8')
      for (const text of [
        run.stdout,
        run.stderr,
        run.summary,
        JSON.stringify(run.outputs),
        sarif
      ]) {
        expect(text).not.toContain(DEMO_GITHUB_TOKEN)
        expect(text).not.toContain(DEMO_DB_PASSWORD)
      }
    })

    it('masks the token and never prints it otherwise', () => {
      const token = 'ghs_fake_workflow_token_for_tests'
      const masks = run.commands.filter(c => c.command === 'add-mask')
      expect(masks).toEqual([{ command: 'add-mask', properties: {}, message: token }])
      const rest = run.stdout.split('\n').filter(line => line !== `::add-mask::${token}`)
      expect(rest.join('\n')).not.toContain(token)
    })
  })

  describe('on the demo project with its built image and offline OSV records', () => {
    let run: ActionRun
    let workspace: string
    beforeAll(() => {
      workspace = copyDemo()
      cpSync(join(ROOT, 'fixtures', 'demo-image', 'layout'), join(workspace, 'image'), {
        recursive: true
      })
      cpSync(join(ROOT, 'fixtures', 'vulns', 'osv'), join(workspace, 'osv'), { recursive: true })
      run = runAction({
        node,
        workspace,
        inputs: {
          image: 'image',
          'vuln-db': 'osv',
          'secrets-path': 'src',
          'sbom-file': 'out/sbom.cdx.json',
          'sarif-file': 'out/report.sarif'
        }
      })
    })

    it('annotates each vulnerability on the Dockerfile line that brought the package', () => {
      const vulns = run.commands.filter(c => /vulnerable-package/.test(c.properties.title ?? ''))
      const where = (pkg: string) =>
        vulns
          .filter(c => c.message.includes(pkg))
          .map(c => `${c.properties.file}:${c.properties.line}`)
      // lodash and minimist come with `COPY --from=build /app /app` (line 13), which copies
      // what `RUN npm install` (line 5 of stage build) installed; libssl3 comes with the base
      // image (the final FROM, line 8).
      expect(new Set(where('lodash 4.17.15'))).toEqual(new Set(['Dockerfile:5']))
      expect(vulns.find(c => c.message.includes('minimist 1.2.0'))?.message).toContain(
        'Fix: Upgrade minimist to 1.2.6 or later: it is installed by RUN npm install --omit=dev on line 5 of stage build, and copied into this image by COPY --from=build /app /app on line 13.'
      )
      expect(new Set(where('libssl3 3.0.11-1~deb12u1'))).toEqual(new Set(['Dockerfile:8']))
      expect(Number(run.outputs.critical)).toBeGreaterThanOrEqual(1)
    })

    it('the image config decides runs-as-root, and secrets inside the image are found', () => {
      const root = run.commands.find(c => /runs-as-root/.test(c.properties.title ?? ''))
      expect(root?.message).toMatch(/built image sets no User/)
      const sarif = JSON.parse(readFileSync(join(workspace, 'out/report.sarif'), 'utf8'))
      expect(validateSarif(sarif)).toEqual([])
      type Loc = {
        physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } }
        logicalLocations?: { fullyQualifiedName?: string }[]
      }
      const secrets = (
        sarif.runs.find(
          (r: { properties?: { check?: string } }) => r.properties?.check === 'secrets'
        ) as { results: { locations?: Loc[] }[] }
      ).results.map(x => x.locations?.[0] as Loc)
      // The secrets of /app/src/server.js in the image sit on the COPY that put them there,
      // named by their in-image path, never as the repository path app/src/server.js.
      const inImage = secrets.filter(l =>
        l.logicalLocations?.[0]?.fullyQualifiedName?.endsWith('/app/src/server.js')
      )
      expect(inImage.length).toBeGreaterThan(0)
      for (const l of inImage) {
        expect(l.physicalLocation?.artifactLocation?.uri).toBe('Dockerfile')
        expect(l.physicalLocation?.region?.startLine).toBe(13)
      }
      const uris = secrets.map(l => l.physicalLocation?.artifactLocation?.uri)
      expect(uris).not.toContain('app/src/server.js')
    })

    it('writes a CycloneDX SBOM of the image', () => {
      const sbom = JSON.parse(readFileSync(join(workspace, 'out/sbom.cdx.json'), 'utf8'))
      expect(sbom.bomFormat).toBe('CycloneDX')
      const purls = sbom.components.map((c: { purl?: string }) => c.purl ?? '')
      expect(purls).toEqual(
        expect.arrayContaining([
          'pkg:npm/lodash@4.17.15',
          expect.stringMatching(/^pkg:deb\/debian\/libssl3@3\.0\.11-1~deb12u1/)
        ])
      )
      expect(run.outputs['sbom-file']).toBe(join(workspace, 'out/sbom.cdx.json'))
    })
  })

  it('passes a clean project and says so', () => {
    const workspace = workspaceWith({
      Dockerfile: `FROM ${PINNED}\nWORKDIR /app\nCOPY app.js .\nUSER node\nCMD ["node", "app.js"]\n`,
      'app.js': 'console.log(process.env.GREETING)\n'
    })
    const run = runAction({ node, workspace })
    expect(run.status).toBe(0)
    expect(run.outputs.passed).toBe('true')
    expect(run.outputs.high).toBe('0')
    expect(run.commands.filter(c => c.command === 'error')).toEqual([])
    expect(run.summary).toMatch(/pass/i)
  })

  it('fails with one line naming a wrong input, its value and what is allowed', () => {
    const run = runAction({ node, workspace: workspaceWith({}), inputs: { 'fail-on': 'hgih' } })
    expect(run.status).toBe(1)
    expect(run.commands).toEqual([
      {
        command: 'error',
        properties: {},
        message: `input 'fail-on' has value "hgih"; allowed: critical, high, medium, low, none`
      }
    ])
    expect(run.stderr).toBe('')
  })

  it('fails with file, line and key for a broken config file', () => {
    const workspace = workspaceWith({
      '.container-gate.yml': 'ignore:\n  - rule: runs-as-root\n    reasn: typo\n'
    })
    const run = runAction({ node, workspace })
    expect(run.status).toBe(1)
    const errors = run.commands.filter(c => c.command === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0].message).toMatch(/\.container-gate\.yml:3: ignore\[0\]\.reasn: unknown key/)
  })

  it('a per-check threshold can let the gate pass', () => {
    const workspace = copyDemo()
    const run = runAction({
      node,
      workspace,
      inputs: { 'dockerfile-fail-on': 'none', 'secrets-fail-on': 'none' }
    })
    expect(run.status).toBe(0)
    expect(run.outputs.passed).toBe('true')
    expect(Number(run.outputs.findings)).toBeGreaterThan(0)
  })

  it('warns on the config line: expired and unused ignores, a check that did not run, missing data, a glob', () => {
    const workspace = workspaceWith({
      Dockerfile: `FROM ${PINNED}\nUSER node\nCMD ["node", "app.js"]\n`,
      '.container-gate.yml': [
        'ignore:',
        '  - rule: runs-as-root',
        '    reason: old exception',
        '    expires: 2020-01-01',
        '  - rule: apt-unpinned-packages',
        '    path: "services/**"',
        '    reason: services moved out',
        'checks:',
        '  vulnerabilities:',
        '    on-data-error: warn',
        '  signatures: {}',
        ''
      ].join('\n')
    })
    cpSync(join(ROOT, 'fixtures', 'demo-image', 'layout'), join(workspace, 'image'), {
      recursive: true
    })
    mkdirSync(join(workspace, 'osv-empty'))
    const run = runAction({
      node,
      workspace,
      inputs: {
        dockerfile: 'Dockerfile, docker/**/Dockerfile',
        image: 'image',
        'vuln-db': 'osv-empty',
        'secrets-path': '',
        'fail-on': 'none'
      }
    })
    expect(run.status).toBe(0)
    const lines = run.stdout.split('\n').filter(line => line.startsWith('::warning'))
    // Each on the line of .container-gate.yml it is about, when there is one.
    expect(lines).toEqual([
      '::warning title=container-gate warning,file=.container-gate.yml,line=11::checks.signatures is set, but the signatures check did not run: it needs verify-signatures other than off, and an image from a registry or a Dockerfile',
      '::warning title=container-gate warning::dockerfile: the pattern "docker/**/Dockerfile" matched no file',
      `::warning title=container-gate warning::vuln-db: "${join(workspace, 'osv-empty')}" holds no OSV records; vulnerability results are incomplete (on-data-error: warn)`,
      '::warning title=container-gate warning,file=.container-gate.yml,line=2::ignore expired on 2020-01-01 and no longer applies (old exception)',
      '::warning title=container-gate warning,file=.container-gate.yml,line=5::ignore matched no finding of dockerfile (services moved out); remove it, or correct its rule, path or fingerprint'
    ])
    // Still in the summary too.
    expect(run.summary).toContain('ignore expired on 2020-01-01')
  })

  it('text from scanned files cannot inject workflow commands', () => {
    const hostile = [
      `FROM ${PINNED}`,
      'LABEL a="::set-output name=passed::true"',
      'RUN echo "::add-mask::hello" && echo "::stop-commands::tok"',
      'ENV NOTE="%0A::error file=x::injected" \\',
      '    API_TOKEN="::set-env name=X::y"',
      'USER root',
      ''
    ].join('\n')
    const workspace = workspaceWith({
      Dockerfile: hostile,
      '::set-output name=x::y.txt': 'password = "::add-mask::Zx9Qw8Er7Ty6"\n'
    })
    const run = runAction({ node, workspace })
    expect(run.status).toBe(1)
    // The only add-mask is the action's own, for the workflow token.
    const masks = run.commands.filter(c => c.command === 'add-mask').map(c => c.message)
    expect(masks).toEqual(['ghs_fake_workflow_token_for_tests'])
    const names = new Set(run.commands.map(c => c.command).filter(n => n !== 'add-mask'))
    for (const name of names)
      expect(['error', 'warning', 'notice', 'debug', 'group', 'endgroup']).toContain(name)
    expect(run.outputs.passed).toBe('false')
    expect(Object.keys(run.outputs).sort()).toEqual([
      'critical',
      'findings',
      'high',
      'low',
      'medium',
      'new-findings',
      'passed'
    ])
    expect(run.commands.some(c => c.properties.file === 'x')).toBe(false)
  })
})
