// Image inventory speed and memory against trivy, on the real test image (a ~250 MB docker-archive
// built by scripts/build-test-images.sh). Each tool runs in its own fresh process, three times;
// the figures are medians. trivy runs offline from a fresh cache holding only metadata stubs
// (cold, as in CI), as `trivy image --input X.tar --format cyclonedx`.
//
//   npx tsx bench/image.bench.ts [image.tar]      (TRIVY=/path/to/trivy to pick the binary)
import { execFileSync, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const RUNS = 3

async function child(source: string): Promise<void> {
  const { readImage } = await import('../src/image/index.js')
  const start = performance.now()
  const scan = await readImage(source)
  const ms = performance.now() - start
  const byType: Record<string, number> = {}
  for (const p of scan.packages) byType[p.type] = (byType[p.type] ?? 0) + 1
  const firstLayerDebs = scan.packages.filter(p => p.type === 'deb' && p.layerIndex === 0).length
  const rssMb = process.resourceUsage().maxRSS / 1024
  console.log(
    JSON.stringify({
      ms,
      rssMb,
      byType,
      total: scan.packages.length,
      firstLayerDebs,
      layers: scan.layers.map(l => l.digest)
    })
  )
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

function findTrivy(): string | undefined {
  if (process.env.TRIVY) return process.env.TRIVY
  try {
    return (
      execFileSync('find', ['/tmp/peers', '-name', 'trivy', '-type', 'f'], { encoding: 'utf8' })
        .trim()
        .split('\n')[0] || undefined
    )
  } catch {
    return undefined
  }
}

/** Wall time and peak RSS of a command, via GNU time. */
function timed(
  cmd: string,
  args: string[]
): { seconds: number; rssMb: number; stdout: string; status: number } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024
  })
  const last = r.stderr.trim().split('\n').pop() ?? ''
  const [seconds, kb] = last.split(' ').map(Number)
  if (Number.isNaN(seconds)) throw new Error(`${cmd} failed: ${r.stderr.slice(-500)}`)
  return { seconds, rssMb: kb / 1024, stdout: r.stdout, status: r.status ?? -1 }
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return child(process.argv[3])
  const dir = join(process.cwd(), '.cache', 'test-images')
  const images = process.argv[2]
    ? [process.argv[2]]
    : [join(dir, 'image-docker.tar'), join(dir, 'image-oci-layout')]
  if (!existsSync(images[0])) {
    console.log(
      `skipped: ${images[0]} is missing; run scripts/build-test-images.sh (as root) to build it`
    )
    return
  }
  if (!existsSync('/usr/bin/time')) {
    console.log('skipped: needs GNU time (/usr/bin/time) for peak RSS; apt-get install time')
    return
  }
  for (const image of images) await compare(image)
  await whiteoutHeavy()
}

/** 100,000 files in 1,000 directories, then a layer deleting each one by whiteout: cost must stay linear. */
async function whiteoutHeavy(): Promise<void> {
  const { makeTar, writeOciLayout } = await import('../__tests__/image/tar-writer.js')
  const { readImage } = await import('../src/image/index.js')
  const dir = mkdtempSync(join(tmpdir(), 'whiteouts-'))
  const names = Array.from({ length: 100_000 }, (_, i) => `d${i % 1000}/f${i}`)
  writeOciLayout(dir, [
    {
      layers: [
        makeTar(names.map(name => ({ name, content: 'x' }))),
        makeTar(names.map(name => ({ name: name.replace(/\/(f\d+)$/, '/.wh.$1') })))
      ]
    }
  ])
  const start = performance.now()
  const scan = await readImage(dir)
  const seconds = (performance.now() - start) / 1000
  rmSync(dir, { recursive: true, force: true })
  console.log(
    `\nwhiteout-heavy synthetic image (100,000 files, 100,000 whiteouts): ${seconds.toFixed(2)} s, ` +
      `final view has /d0/f0: ${scan.existsInFinal('/d0/f0')}`
  )
}

async function compare(image: string): Promise<void> {
  const bytes = statSync(image).isDirectory()
    ? readdirSync(join(image, 'blobs', 'sha256')).reduce(
        (n, f) => n + statSync(join(image, 'blobs', 'sha256', f)).size,
        0
      )
    : statSync(image).size
  console.log(`\nimage: ${image} (${(bytes / 1e6).toFixed(0)} MB)`)

  const ours = Array.from({ length: RUNS }, () => {
    const t = timed(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', image])
    if (t.status !== 0) throw new Error(`container-gate failed on ${image}`)
    return {
      ...t,
      result: JSON.parse(t.stdout.trim().split('\n').pop() as string) as {
        ms: number
        rssMb: number
        byType: Record<string, number>
        total: number
        firstLayerDebs: number
        layers: string[]
      }
    }
  })
  const r = ours[0].result
  console.log(
    `container-gate: process ${median(ours.map(o => o.seconds)).toFixed(2)} s wall (readImage ${median(ours.map(o => o.result.ms)).toFixed(0)} ms), peak RSS ${median(ours.map(o => o.rssMb)).toFixed(0)} MB (incl. the tsx loader)`
  )

  const trivy = findTrivy()
  if (!trivy) {
    console.log('trivy: not found (set TRIVY=/path/to/trivy); no comparison')
    return
  }
  const runs: { seconds: number; rssMb: number; status: number }[] = []
  let exitNote = ''
  let bom: {
    components?: { purl?: string; type?: string; properties?: { name: string; value: string }[] }[]
  } = {}
  for (let i = 0; i < RUNS; i++) {
    const cache = mkdtempSync(join(tmpdir(), 'trivy-cache-'))
    const stub = {
      NextUpdate: '2099-01-01T00:00:00Z',
      UpdatedAt: '2026-01-01T00:00:00Z',
      DownloadedAt: '2026-01-01T00:00:00Z'
    }
    mkdirSync(join(cache, 'db'))
    mkdirSync(join(cache, 'java-db'))
    writeFileSync(join(cache, 'db', 'metadata.json'), JSON.stringify({ Version: 2, ...stub }))
    writeFileSync(join(cache, 'java-db', 'metadata.json'), JSON.stringify({ Version: 1, ...stub }))
    const out = join(cache, 'bom.json')
    runs.push(
      timed(trivy, [
        'image',
        '--cache-dir',
        cache,
        '--input',
        image,
        '--format',
        'cyclonedx',
        '--skip-db-update',
        '--skip-java-db-update',
        '--offline-scan',
        '--quiet',
        '-o',
        out
      ])
    )
    // trivy 0.44 exits 1 on an OCI archive after writing a complete SBOM; the SBOM is what counts
    if (!existsSync(out)) throw new Error(`trivy wrote no SBOM for ${image}`)
    if (runs[runs.length - 1].status !== 0)
      exitNote = ` (trivy exited ${runs[runs.length - 1].status} after writing its SBOM)`
    bom = JSON.parse(readFileSync(out, 'utf8'))
    rmSync(cache, { recursive: true, force: true })
  }
  const trivySeconds = median(runs.map(x => x.seconds))
  const oursSeconds = median(ours.map(o => o.seconds))
  console.log(
    `trivy: ${trivySeconds.toFixed(2)} s wall, peak RSS ${median(runs.map(x => x.rssMb)).toFixed(0)} MB (cold cache, offline)${exitNote}`
  )
  console.log(
    `ratio: container-gate / trivy wall time = ${(oursSeconds / trivySeconds).toFixed(2)}`
  )

  const trivyByType: Record<string, number> = {}
  let trivyFirstLayerDebs = 0
  for (const c of bom.components ?? []) {
    const type = c.purl ? c.purl.slice(4, c.purl.indexOf('/')) : `(${c.type})`
    trivyByType[type] = (trivyByType[type] ?? 0) + 1
    const layer = c.properties?.find(p => p.name === 'aquasecurity:trivy:LayerDiffID')?.value
    if (type === 'deb' && layer === r.layers[0]) trivyFirstLayerDebs++
  }
  const types = [...new Set([...Object.keys(r.byType), ...Object.keys(trivyByType)])].sort()
  console.log('\npackages by type   container-gate   trivy')
  for (const t of types)
    console.log(
      `  ${t.padEnd(16)} ${String(r.byType[t] ?? 0).padStart(14)} ${String(trivyByType[t] ?? 0).padStart(7)}`
    )
  console.log(
    `debs attributed to the base layer: container-gate ${r.firstLayerDebs}, trivy ${trivyFirstLayerDebs}`
  )
}

await main()
