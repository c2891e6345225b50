// Signature verification against a registry on 127.0.0.1 (token auth, referrers API):
// a "typical" Dockerfile whose three base images are a cosign keyless .sig-signed image,
// an image with a GitHub artifact attestation (SLSA provenance) as a referrer, and an
// unsigned one. Measures the first run in a fresh process (Sigstore libraries imported,
// trusted roots parsed, token fetched) and warm runs; then what verification costs the
// action's cold start when it is off: two ncc bundles, with and without the check called
// in `off` mode, each started 31 times, interleaved.
// Run: npm run bench -- signatures
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { FakeRegistry } from '../__tests__/signatures/fake-registry.js'
import { GITHUB_ACTIONS_ISSUER } from '../src/signatures/policy.js'
import { DEFAULT_SIGNATURES_SETTINGS, runSignaturesCheck } from '../src/signatures/index.js'

const root = join(import.meta.dirname, '..')
const fixtures = join(root, 'fixtures', 'signatures')
const LEGACY = 'sha256:bbfdc97be6fbabb8be57c346c47816c8a95904b14448270cd0585a822c33961a'
const ATTESTED = 'sha256:bb030cb9e028ff6d4051f2103b3b08f7e3928aa80a7d3626cef6e2553dc714b8'

const registry = await new FakeRegistry().start()
registry.putLegacySignature(
  'salrashid123/server_image',
  LEGACY,
  JSON.parse(readFileSync(join(fixtures, 'legacy/sig-manifest.json'), 'utf8')),
  readFileSync(join(fixtures, 'legacy/simplesigning-payload.json'))
)
registry.putBundleReferrer(
  'actions/attest-build-provenance',
  ATTESTED,
  readFileSync(join(fixtures, 'github/attest-build-provenance-13532655.sigstore.json')),
  'https://slsa.dev/provenance/v1'
)
registry.putImage('library/debian', 'bookworm')
const dockerfile = [
  `FROM ${registry.host}/salrashid123/server_image@${LEGACY} AS app`,
  `FROM ${registry.host}/actions/attest-build-provenance@${ATTESTED} AS tools`,
  `FROM ${registry.host}/library/debian:bookworm`,
  ''
].join('\n')
const settings = {
  ...DEFAULT_SIGNATURES_SETTINGS,
  trustedRoots: [{ kind: 'file' as const, path: 'github/trusted_root.jsonl' }],
  policies: [
    {
      name: 'attest',
      images: ['**/actions/attest-build-provenance'],
      issuer: GITHUB_ACTIONS_ISSUER,
      identity: '^https://github\\.com/actions/attest-build-provenance/',
      require: ['provenance' as const],
      builders: []
    }
  ]
}
const run = () =>
  runSignaturesCheck(
    { dockerfiles: [{ path: 'Dockerfile', text: dockerfile }], cwd: fixtures, auth: {} },
    settings,
    'warn'
  )

let start = performance.now()
const first = await run()
const firstMs = performance.now() - start
const summary = first.images.map(i => `${i.results.map(r => r.status).join('+')}`).join(', ')
const times: number[] = []
for (let i = 0; i < 20; i++) {
  start = performance.now()
  await run()
  times.push(performance.now() - start)
}
times.sort((a, b) => a - b)
console.log(
  `3 base images (${summary}): first run ${firstMs.toFixed(0)} ms (imports, trusted roots, token), ` +
    `then median ${times[10].toFixed(0)} ms, min ${times[0].toFixed(0)} ms (20 runs; ${first.findings.length} finding, ${registry.requests.length} requests in all)`
)
await registry.stop()

// Cold start when off: does calling the check (off) load anything heavy?
// Inside the project so ncc finds tsconfig.json; bench/out is ignored by git and lint.
const dir = join(root, 'bench', 'out', 'signatures-cold')
mkdirSync(dir, { recursive: true })
const entries = {
  // The engine already loads these (the lint, the reference parser, picomatch for globs).
  baseline: `import picomatch from 'picomatch'\nconsole.log(picomatch('a')('a'))\nimport { lintDockerfile, parseDockerfile, parseDockerfileSettings } from '../../../src/dockerfile/index.js'\nimport { ConfigNode } from '../../../src/model/config-node.js'\nimport { parseReference } from '../../../src/image/registry.js'\nconsole.log(parseDockerfile('FROM a').images.length, parseReference('a').tag, lintDockerfile('Dockerfile', 'FROM a', parseDockerfileSettings(ConfigNode.empty('d'))).findings.length)\n`,
  off: `import picomatch from 'picomatch'\nconsole.log(picomatch('a')('a'))\nimport { lintDockerfile, parseDockerfile, parseDockerfileSettings } from '../../../src/dockerfile/index.js'\nimport { ConfigNode } from '../../../src/model/config-node.js'\nimport { parseReference } from '../../../src/image/registry.js'\nimport { runSignaturesCheck, DEFAULT_SIGNATURES_SETTINGS } from '../../../src/signatures/index.js'\nconsole.log(parseDockerfile('FROM a').images.length, parseReference('a').tag, lintDockerfile('Dockerfile', 'FROM a', parseDockerfileSettings(ConfigNode.empty('d'))).findings.length)\nawait runSignaturesCheck({ dockerfiles: [{ path: 'Dockerfile', text: 'FROM node:20' }], cwd: '.', auth: {} }, DEFAULT_SIGNATURES_SETTINGS, 'off')\n`
}
const ncc = join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js')
const RUNS = 31
const bundles: Record<string, { file: string; runs: number[]; bytes: number }> = {}
for (const [name, source] of Object.entries(entries)) {
  const entry = join(dir, `${name}.ts`)
  writeFileSync(entry, source)
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', join(dir, name), '--quiet'], {
    cwd: root,
    stdio: 'inherit'
  })
  const file = join(dir, name, 'index.js')
  bundles[name] = { file, runs: [], bytes: statSync(file).size }
}
// Interleaved, so drift on a shared machine hits both alike.
for (let i = 0; i < RUNS; i++) {
  for (const bundle of Object.values(bundles)) {
    const t = performance.now()
    const r = spawnSync(process.execPath, [bundle.file])
    bundle.runs.push(performance.now() - t)
    if (r.status !== 0) throw new Error(`${bundle.file}: ${r.stderr}`)
  }
}
const median = (runs: number[]) => [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)]
const medians = { off: median(bundles.off.runs), baseline: median(bundles.baseline.runs) }
rmSync(dir, { recursive: true, force: true })
console.log(
  `cold start of a bundle that calls the check with verify-signatures off: median ${medians.off.toFixed(0)} ms vs ${medians.baseline.toFixed(0)} ms without it (${RUNS} runs each, interleaved; main file ${(bundles.off.bytes / 1024).toFixed(0)} KiB vs ${(bundles.baseline.bytes / 1024).toFixed(0)} KiB; the Sigstore code sits in chunks that off never loads)`
)
