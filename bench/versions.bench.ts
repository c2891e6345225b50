// Version comparers: nanoseconds per comparison on realistic version shapes of
// each scheme (generated here, deterministic), measured as 500,000 random-pair
// comparisons after a warm-up, plus the time to sort 20,000 versions.
// Run: npx tsx bench/versions.bench.ts
import { performance } from 'node:perf_hooks'
import { compareVersions, type VersionScheme } from '../src/vulns/version/index.js'

let seed = 7
const rand = (n: number): number => {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) % n
}
const pick = <T>(xs: T[]): T => xs[rand(xs.length)] as T

const GENERATORS: Record<VersionScheme, () => string> = {
  dpkg: () =>
    `${rand(5) === 0 ? '1:' : ''}${rand(4)}.${rand(30)}.${rand(20)}${pick(['', '~rc1', '+dfsg'])}-${1 + rand(4)}${pick(['', '~deb12u1', '+deb12u2', 'ubuntu0.22.04.1'])}`,
  apk: () =>
    `${rand(4)}.${rand(30)}.${rand(20)}${pick(['', '_rc1', '_p2', '_git20240101', 'a'])}-r${rand(12)}`,
  rpm: () =>
    `${rand(5) === 0 ? '1:' : ''}${rand(4)}.${rand(30)}.${rand(20)}${pick(['', '~rc1', '^git1'])}-${1 + rand(30)}.el9${pick(['', '_3', '_4.1'])}`,
  pep440: () =>
    `${rand(4)}.${rand(30)}.${rand(20)}${pick(['', 'a1', 'rc2', '.post1', '.dev3', '+local.1'])}`,
  npm: () => `${rand(4)}.${rand(30)}.${rand(20)}${pick(['', '-beta.1', '-rc.2', '+build'])}`,
  go: () =>
    pick([
      `v${rand(4)}.${rand(30)}.${rand(20)}`,
      `v0.0.0-2024${String(1 + rand(12)).padStart(2, '0')}01000000-abcdef123456`,
      `v2.${rand(9)}.0+incompatible`
    ]),
  maven: () =>
    `${rand(4)}.${rand(30)}.${rand(20)}${pick(['', '-SNAPSHOT', '.RELEASE', '-rc1', '.Final', '-jre'])}`,
  semver: () => `${rand(4)}.${rand(30)}.${rand(20)}${pick(['', '-alpha.1', '-rc.2'])}`
}

const COMPARES = 500_000
console.log('| scheme | ns / compare | sort 20,000 (ms) |')
console.log('|---|---:|---:|')
for (const [scheme, gen] of Object.entries(GENERATORS) as [VersionScheme, () => string][]) {
  const pool = Array.from({ length: 20_000 }, gen)
  let sink = 0
  for (let i = 0; i < 50_000; i++) sink += compareVersions(scheme, pick(pool), pick(pool))
  const pairs = Array.from({ length: COMPARES }, () => [pick(pool), pick(pool)] as const)
  const t0 = performance.now()
  for (const [a, b] of pairs) sink += compareVersions(scheme, a, b)
  const t1 = performance.now()
  const sorted = [...pool].sort((a, b) => compareVersions(scheme, a, b))
  const t2 = performance.now()
  if (sorted.length !== pool.length || Number.isNaN(sink)) throw new Error('unreachable')
  console.log(
    `| ${scheme} | ${(((t1 - t0) * 1e6) / COMPARES).toFixed(0)} | ${(t2 - t1).toFixed(0)} |`
  )
}
