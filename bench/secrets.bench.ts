// Generates a 200 MiB source tree (code, configs, docs, lockfiles, minified
// bundles, a few planted secrets) in a temp dir, scans it end to end with
// scanSecretsInPaths (walk + read + detect), prints MiB/s (goal ≥ 64) and peak
// RSS; then, when a trivy binary is found under /tmp/peers (or $TRIVY), runs
// `trivy fs --scanners secret` on the same tree once for the ratio. Also
// times every rule on adversarial 1 MiB lines (the ReDoS budget).
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Random, ALNUM, HEX, LOWER, password } from '../__tests__/helpers/secrets-corpus/formats.js'
import type { Finding } from '../src/model/finding.js'
import { generateCorpus } from '../__tests__/helpers/secrets-corpus/generate.js'
import { scoreCorpus } from '../__tests__/helpers/secrets-corpus/score.js'
import { scanSecretsInPaths } from '../src/secrets/index.js'
import { scanContent } from '../__tests__/helpers/secrets-scan.js'
import { adversarialInputs } from '../__tests__/helpers/secrets-corpus/adversarial.js'
import { detectCandidates } from '../__tests__/helpers/secrets-scan.js'

const TARGET = Number(process.env.SECRETS_BENCH_MIB ?? 200) * 1024 * 1024
const r = new Random(42)

// A pool of realistic lines; files are assembled from it (generating 200 MiB
// char by char would take longer than scanning it).
const b64 = (n: number): string => r.bytes(n).toString('base64')
const pool: Record<string, string[]> = {
  js: [],
  py: [],
  json: [],
  yaml: [],
  md: [],
  lock: [],
  min: [],
  go: []
}
for (let i = 0; i < 4000; i++) {
  const id = r.chars(LOWER, r.int(4, 10))
  pool.js!.push(
    r.pick([
      `export function ${id}(req, res) { return res.json({ ok: true, id: req.params.id }) }`,
      `  const ${id} = await fetch(\`\${baseUrl}/api/${id}\`, { headers: { Authorization: \`Bearer \${token}\` } })`,
      `import { ${id} } from './${id}.js'`,
      `  if (!user.${id}) throw new Error('missing ${id} for user ' + user.id)`,
      `  logger.debug({ ${id}, elapsed: Date.now() - started }, 'request done')`,
      `const ${id}Key = '${id}-cache-v${r.int(1, 9)}'`,
      `// TODO: move ${id} to the shared package once the token refresh lands`,
      `  password: req.body.password, remember: Boolean(req.body.remember),`
    ])
  )
  pool.py!.push(
    r.pick([
      `def ${id}(self, request):`,
      `    return self.client.get(f"/v1/${id}/{pk}", timeout=30)`,
      `    ${id} = models.CharField(max_length=${r.int(10, 255)}, blank=True)`,
      `    secret_ref = settings.SECRETS["${id}"]`,
      `class ${id.charAt(0).toUpperCase() + id.slice(1)}Serializer(serializers.ModelSerializer):`
    ])
  )
  pool.json!.push(
    `    "${id}": { "enabled": ${r.next() < 0.5}, "timeout": ${r.int(1, 900)}, "tag": "${r.chars(ALNUM, 12)}" },`
  )
  pool.yaml!.push(
    r.pick([
      `  ${id}: ${r.chars(LOWER, 8)}`,
      `    - name: ${id}\n      image: registry.local/${id}:1.${r.int(0, 9)}`,
      `  ${id}_token_ttl: ${r.int(60, 86400)}`
    ])
  )
  pool.md!.push(
    r.pick([
      `The ${id} service authenticates with a short-lived token issued by the gateway.`,
      `- \`${id}\`: see the configuration reference`,
      `## ${id}`,
      ''
    ])
  )
  pool.lock!.push(
    `    "node_modules/${id}": {\n      "version": "1.${r.int(0, 20)}.${r.int(0, 20)}",\n      "resolved": "https://registry.npmjs.org/${id}/-/${id}-1.0.0.tgz",\n      "integrity": "sha512-${b64(64)}"\n    },`
  )
  pool.go!.push(
    r.pick([
      `func (s *Server) ${id}(ctx context.Context) error {`,
      `\tif err := s.db.QueryRowContext(ctx, q, id).Scan(&${id}); err != nil {`,
      `\treturn fmt.Errorf("${id}: %w", err)`,
      '}'
    ])
  )
}
for (let i = 0; i < 200; i++) {
  let line = ''
  while (line.length < 20000)
    line += `var ${r.chars(LOWER, 2)}=function(e,t){return e.${r.chars(LOWER, 3)}("${r.chars(ALNUM, r.int(8, 30))}",t)};`
  pool.min!.push(line)
}
const secrets = [
  () => `GITHUB_TOKEN=ghp_${r.chars(ALNUM, 36)}`,
  () => `aws_secret_access_key = ${r.chars(ALNUM + '/+', 40)}`,
  () => `DB_PASSWORD="${password(r)}"`,
  () => `const stripe = require('stripe')('sk_live_${r.chars(ALNUM, 32)}')`,
  () => `DD_API_KEY=${r.chars(HEX, 32)}`
]

const KINDS = [
  ['js', 'js', 30],
  ['ts', 'js', 15],
  ['py', 'py', 12],
  ['go', 'go', 8],
  ['json', 'json', 8],
  ['yaml', 'yaml', 6],
  ['md', 'md', 6],
  ['package-lock.json', 'lock', 8],
  ['min.js', 'min', 7]
] as const

function generateTree(root: string): { files: number; bytes: number; planted: number } {
  let bytes = 0
  let files = 0
  let planted = 0
  const weights = KINDS.reduce((s, k) => s + k[2], 0)
  while (bytes < TARGET) {
    let pick = r.next() * weights
    const kind = KINDS.find(k => (pick -= k[2]) < 0) ?? KINDS[0]
    const dir = join(root, `pkg${r.int(0, 39)}`, `mod${r.int(0, 24)}`)
    mkdirSync(dir, { recursive: true })
    const lines: string[] = []
    const size = r.int(8, 160) * 1024
    let length = 0
    while (length < size) {
      const line = r.pick(pool[kind[1]]!)
      lines.push(line)
      length += line.length + 1
    }
    if (r.next() < 0.02) {
      lines.splice(r.int(0, lines.length), 0, r.pick(secrets)())
      planted++
    }
    const text = lines.join('\n') + '\n'
    // Lockfiles keep their real names (one per directory), bundles end in .min.js as builds name them.
    const name =
      kind[0] === 'package-lock.json'
        ? join(`p${files}`, 'package-lock.json')
        : kind[0] === 'min.js'
          ? `bundle${files}.min.js`
          : `f${files}.${kind[0]}`
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), text)
    bytes += Buffer.byteLength(text)
    files++
  }
  return { files, bytes, planted }
}

const root = mkdtempSync(join(tmpdir(), 'secrets-bench-'))
try {
  const tree = generateTree(root)
  const mib = tree.bytes / 1024 / 1024
  console.log(
    `secrets bench: generated ${tree.files} files, ${mib.toFixed(1)} MiB, ${tree.planted} planted secrets in ${root}`
  )
  const baselineRss = process.memoryUsage().rss
  let peakRss = 0
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20)
  const started = performance.now()
  const cpuStart = process.cpuUsage()
  const { result } = await scanSecretsInPaths(['.'], {}, { cwd: root })
  const seconds = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuStart)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  clearInterval(sampler)
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
  const byRule = new Map<string, number>()
  for (const f of result.findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1)
  if (process.env.SECRETS_BENCH_VERBOSE)
    for (const f of result.findings)
      console.log(`  ${f.location.path}:${f.location.line} ${f.ruleId} ${f.message}`)
  console.log(
    `secrets bench: container-gate scanned ${result.stats.files} files (${mib.toFixed(1)} MiB) in ${seconds.toFixed(2)} s wall = ${(mib / seconds).toFixed(1)} MiB/s (goal ≥ 64; CPU time ${cpuSeconds.toFixed(2)} s = ${(mib / cpuSeconds).toFixed(1)} MiB/s per core; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores), peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MiB (${(baselineRss / 1024 / 1024).toFixed(0)} MiB before the scan: the generator's pools), ${result.findings.length} findings: ${[...byRule].map(([k, v]) => `${k}=${v}`).join(' ')}`
  )

  const trivy = process.env.TRIVY ?? findTrivy()
  if (!trivy) {
    console.log(
      'secrets bench: trivy comparison skipped (no trivy binary under /tmp/peers; set TRIVY=/path/to/trivy)'
    )
  } else {
    const t0 = performance.now()
    const run = spawnSync(
      trivy,
      [
        'fs',
        '--scanners',
        'secret',
        '--cache-dir',
        '/tmp/trivy-cache',
        '--skip-db-update',
        '--offline-scan',
        '--format',
        'json',
        '--quiet',
        root
      ],
      { encoding: 'utf8', maxBuffer: 1 << 30 }
    )
    const trivySeconds = (performance.now() - t0) / 1000
    if (run.status !== 0) {
      console.log(
        `secrets bench: trivy failed (exit ${run.status}): ${(run.stderr ?? '').split('\n').slice(-3).join(' ')}`
      )
    } else {
      let count = 0
      try {
        const json = JSON.parse(run.stdout) as { Results?: { Secrets?: unknown[] }[] }
        count = (json.Results ?? []).reduce((s, x) => s + (x.Secrets?.length ?? 0), 0)
      } catch {
        /* counted as 0 */
      }
      console.log(
        `secrets bench: trivy ${trivy} scanned the same tree in ${trivySeconds.toFixed(2)} s = ${(mib / trivySeconds).toFixed(1)} MiB/s, ${count} findings; container-gate is ${(trivySeconds / seconds).toFixed(1)}× faster`
      )
    }
  }
} finally {
  if (!process.env.SECRETS_BENCH_KEEP) rmSync(root, { recursive: true, force: true })
}

// Recall and precision on the labelled corpus, ours and (when present) trivy's.
{
  const corpus = generateCorpus(20260101)
  const ours = scoreCorpus(corpus, (path, content) => scanContent(path, content, {}).findings)
  console.log(
    `secrets bench: corpus (${corpus.files.length} files, ${corpus.labels.filter(l => l.positive).length} planted, ${corpus.labels.filter(l => !l.positive).length} hard negatives): container-gate recall ${ours.recall.toFixed(3)} precision ${ours.precision.toFixed(3)}`
  )
  const trivy = process.env.TRIVY ?? findTrivy()
  if (trivy) {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-corpus-'))
    try {
      for (const file of corpus.files) {
        mkdirSync(join(dir, file.path, '..'), { recursive: true })
        writeFileSync(join(dir, file.path), file.content)
      }
      const run = spawnSync(
        trivy,
        [
          'fs',
          '--scanners',
          'secret',
          '--cache-dir',
          '/tmp/trivy-cache',
          '--skip-db-update',
          '--offline-scan',
          '--format',
          'json',
          '--quiet',
          dir
        ],
        { encoding: 'utf8', maxBuffer: 1 << 30 }
      )
      const json = JSON.parse(run.stdout || '{}') as {
        Results?: {
          Target: string
          Secrets?: { RuleID: string; StartLine: number; Severity: string }[]
        }[]
      }
      const byPath = new Map<string, Finding[]>()
      for (const result of json.Results ?? []) {
        byPath.set(
          result.Target,
          (result.Secrets ?? []).map(s => ({
            check: 'secrets',
            ruleId: s.RuleID,
            severity: 'high',
            title: s.RuleID,
            message: '',
            location: { path: result.Target, line: s.StartLine },
            fingerprint: ''
          }))
        )
      }
      const theirs = scoreCorpus(corpus, path => byPath.get(path) ?? [])
      console.log(
        `secrets bench: corpus: trivy recall ${theirs.recall.toFixed(3)} precision ${theirs.precision.toFixed(3)} (exit ${run.status})`
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

// ReDoS budget: every rule's keyword + a 1 MiB run of its charset, and other adversarial lines.
{
  let worst = { name: '', ms: 0 }
  let total = 0
  const started = performance.now()
  for (const input of adversarialInputs()) {
    const t0 = performance.now()
    detectCandidates(input.text, { path: 'adversarial.txt', generic: true, entropy: true })
    const ms = performance.now() - t0
    total++
    if (ms > worst.ms) worst = { name: input.name, ms }
  }
  console.log(
    `secrets bench: ReDoS budget: ${total} adversarial 1 MiB inputs in ${((performance.now() - started) / 1000).toFixed(2)} s, slowest ${worst.ms.toFixed(0)} ms (${worst.name})`
  )
}

function findTrivy(): string | undefined {
  try {
    const out = execFileSync('find', ['/tmp/peers', '-name', 'trivy', '-type', 'f'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore']
    })
    return out.split('\n').find(Boolean)
  } catch {
    return undefined
  }
}
