import { describe, expect, it } from '@jest/globals'
import type { Finding } from '../../src/model/finding.js'
import { planAnnotations, planWarningAnnotations } from '../../src/report/index.js'
import {
  dockerfileFinding,
  makeInput,
  manyFindings,
  secretFinding,
  vulnFinding,
  imageSecret,
  RAW_TOKEN
} from './sample.js'

const levels = (list: { level: string }[]): Record<string, number> =>
  list.reduce<Record<string, number>>(
    (acc, a) => ({ ...acc, [a.level]: (acc[a.level] ?? 0) + 1 }),
    {}
  )

describe('planAnnotations', () => {
  it('gives the slots of a level to findings with a repository file and line first', () => {
    // 12 critical secrets only inside the image, 3 high Dockerfile findings: all error level.
    const inImage = Array.from({ length: 12 }, (_, i) =>
      imageSecret(
        `/app/secret-${i}.env`,
        { layerIndex: 2, layerDigest: 'sha256:2' },
        `ghp_${'x'.repeat(32)}${String(i).padStart(4, '0')}`
      )
    )
    const onFiles = [7, 9, 12].map(line =>
      dockerfileFinding('runs-as-root', 'high', line, `USER root on line ${line}.`, {
        fingerprint: `f${line}`.padEnd(32, '0')
      })
    )
    const list = planAnnotations(
      makeInput({ findings: [...inImage, ...onFiles], suppressed: [], failOn: 'none' })
    )
    const errors = list.filter(a => a.level === 'error')
    expect(errors).toHaveLength(10)
    // The three with a file come first, although the in-image ones are more severe.
    expect(errors.slice(0, 3).map(a => [a.file, a.startLine])).toEqual([
      ['Dockerfile', 7],
      ['Dockerfile', 9],
      ['Dockerfile', 12]
    ])
    expect(errors.slice(3).every(a => a.file === undefined)).toBe(true)
    expect(errors[3]?.message).toContain(
      'Where: in the image ghcr.io/acme/shop:1.4.2: /app/secret-'
    )
    // The 5 in-image findings left over are counted in the notice.
    expect(list[list.length - 1]?.title).toBe('container-gate: 5 more findings not annotated')
  })

  it('does not annotate the image copy of a secret already annotated on its source file', () => {
    const source = secretFinding('github-token', 'src/server.js', 4, 22, RAW_TOKEN)
    const copy = {
      ...imageSecret('/app/src/server.js', { layerIndex: 1, layerDigest: 'sha256:1' }),
      location: { path: 'Dockerfile', line: 13 },
      properties: {
        ...imageSecret('/app/src/server.js', {}).properties,
        layerIndex: 1,
        imagePath: '/app/src/server.js',
        dockerfileOrigin: 'own-layer'
      }
    }
    const other = imageSecret(
      'image config Env API_TOKEN',
      { variable: 'API_TOKEN' },
      `ghp_${'y'.repeat(36)}`
    )
    const list = planAnnotations(makeInput({ findings: [source, copy, other], suppressed: [] }))
    expect(list.map(a => [a.file, a.startLine])).toEqual([
      ['src/server.js', 4],
      [undefined, undefined]
    ])
    // The other secret is only in the config's Env: described, with no file.
    expect(list[1]?.message).toContain(
      'Where: in the image ghcr.io/acme/shop:1.4.2: config/Env/API_TOKEN'
    )
    // A copy is not a missing annotation: no overflow notice.
    expect(list.some(a => a.title.includes('not annotated'))).toBe(false)
    // Alone, the placed copy is annotated on its Dockerfile line and names the file in the image.
    const [alone] = planAnnotations(makeInput({ findings: [copy], suppressed: [] }))
    expect(alone).toMatchObject({ file: 'Dockerfile', startLine: 13 })
    expect(alone?.message).toContain('In the image: /app/src/server.js')
  })

  it('maps severity to level and puts the most severe first', () => {
    const list = planAnnotations(makeInput())
    expect(list.map(a => a.level)).toEqual([
      'error', // critical secret-in-env (Dockerfile)
      'error', // critical github-token
      'error', // critical aws key
      'error', // critical DSA-5532-1
      'error', // high runs-as-root
      'error', // high CVE-2024-2511
      'warning', // medium base-image-not-pinned
      'warning', // medium CVE-2023-45853
      'notice' // low apt-no-install-recommends
    ])
    expect(list[0]).toMatchObject({
      title: 'Secret in ENV (secret-in-env, critical)',
      file: 'Dockerfile',
      startLine: 8
    })
  })

  it('puts file, line and column only on files of the checkout', () => {
    const list = planAnnotations(makeInput())
    const token = list.find(a => a.title.startsWith('GitHub personal access token'))
    expect(token).toMatchObject({ file: 'config/.env', startLine: 3, startColumn: 14 })
    const apt = list.find(a => a.title.includes('apt-no-install-recommends'))
    expect(apt).toMatchObject({ startLine: 4, endLine: 6 })
    expect(apt?.startColumn).toBeUndefined()
    // A vulnerability sits in the image: no file, the image and its package database go into the message.
    const dsa = list.find(a => a.title.startsWith('DSA-5532-1'))
    expect(dsa?.file).toBeUndefined()
    expect(dsa?.message).toContain(
      'Where: in the image ghcr.io/acme/shop:1.4.2: /var/lib/dpkg/status'
    )
    expect(dsa?.message).toContain('Fix: Upgrade openssl to 3.0.11-1~deb12u2 or later.')
  })

  it('annotates a vulnerability on the Dockerfile line it was attributed to', () => {
    const vuln = vulnFinding(
      'DSA-5532-1',
      'openssl',
      '3.0.11-1~deb12u1',
      'high',
      '3.0.11-1~deb12u2'
    )
    const attributed: Finding = {
      ...vuln,
      location: { path: 'Dockerfile', line: 8 },
      properties: {
        ...vuln.properties,
        image: 'ghcr.io/acme/shop:1.4.2',
        dockerfileOrigin: 'base-image'
      }
    }
    const input = makeInput({ findings: [attributed], suppressed: [] })
    const [first] = planAnnotations(input)
    expect(first).toMatchObject({ file: 'Dockerfile', startLine: 8 })
    expect(
      planAnnotations(makeInput({ findings: [vuln], suppressed: [] }))[0]?.file
    ).toBeUndefined()
  })

  it('caps 10 per level, keeps the most severe, and ends with an overflow notice', () => {
    const input = makeInput({ findings: manyFindings(100), failOn: 'none' })
    const list = planAnnotations(input)
    const counts = levels(list)
    // 40 error-level findings (critical + high): the 10 shown are all critical.
    expect(counts.error).toBe(10)
    expect(list.filter(a => a.level === 'error').every(a => a.title.endsWith('critical)'))).toBe(
      true
    )
    expect(counts.warning).toBe(10)
    // 9 finding notices + the overflow notice.
    expect(counts.notice).toBe(10)
    const last = list[list.length - 1] as { level: string; title: string; message: string }
    expect(last.level).toBe('notice')
    expect(last.title).toBe('container-gate: 71 more findings not annotated')
    expect(last.message).toContain('(10 critical, 20 high, 10 medium, 11 low, 20 info)')
    expect(last.message).toContain('job summary')
    expect(last.message).toContain('SARIF')
  })

  it('leaves an error slot for the failure message when the gate fails', () => {
    const input = makeInput({ findings: manyFindings(100), failOn: 'high' })
    expect(input.gate.passed).toBe(false)
    expect(levels(planAnnotations(input)).error).toBe(9)
  })

  it('respects the per-job cap and custom limits', () => {
    const list = planAnnotations(makeInput({ findings: manyFindings(100), failOn: 'none' }), {
      perLevel: 30,
      perJob: 25
    })
    expect(list).toHaveLength(25)
    expect(list[24]?.title).toBe('container-gate: 76 more findings not annotated')
    // Most severe first: 20 critical, then highs.
    expect(list.slice(0, 20).every(a => a.title.endsWith('critical)'))).toBe(true)
  })

  it('adds no overflow notice when everything fits', () => {
    const findings: Finding[] = manyFindings(30).filter(f => f.severity !== 'info')
    const list = planAnnotations(makeInput({ findings: findings.slice(0, 20), failOn: 'none' }))
    expect(list).toHaveLength(20)
    expect(list.some(a => a.title.includes('not annotated'))).toBe(false)
  })

  it('keeps level order stable: a notice overflow never hides errors', () => {
    const lows = Array.from({ length: 30 }, (_, i) =>
      dockerfileFinding('apt-no-install-recommends', 'low', i + 1, `apt-get install #${i}`)
    )
    const list = planAnnotations(
      makeInput({ findings: [...lows, secretFinding('github-token', '.env', 1, 1, RAW_TOKEN)] })
    )
    expect(list[0]?.level).toBe('error')
    expect(levels(list)).toEqual({ error: 1, notice: 10 })
    expect(list[10]?.title).toBe('container-gate: 21 more findings not annotated')
  })

  it('clips long help so the annotation stays readable', () => {
    const long = dockerfileFinding('runs-as-root', 'high', 1, 'no USER', {
      help: 'word '.repeat(500)
    })
    const [a] = planAnnotations(makeInput({ findings: [long], suppressed: [] }))
    const fix = a?.message.split('\n')[1] as string
    expect(fix.startsWith('Fix: word word')).toBe(true)
    expect(Array.from(fix).length).toBe('Fix: '.length + 400)
    expect(fix.endsWith('…')).toBe(true)
  })

  it('never shows a raw secret', () => {
    const text = JSON.stringify(planAnnotations(makeInput()))
    expect(text).not.toContain(RAW_TOKEN)
    expect(text).toContain('ghp_…(40 chars)')
  })
})

describe('planWarningAnnotations', () => {
  it('puts a `file:line:` warning on that line and the others on the run', () => {
    const list = planWarningAnnotations(
      makeInput({
        warnings: [
          '.container-gate.yml:12: ignore expired on 2026-01-31 and no longer applies (legacy)',
          'dockerfile: the pattern "docker/**/Dockerfile" matched no file'
        ]
      })
    )
    expect(list).toEqual([
      {
        level: 'warning',
        title: 'container-gate warning',
        message: 'ignore expired on 2026-01-31 and no longer applies (legacy)',
        file: '.container-gate.yml',
        startLine: 12
      },
      {
        level: 'warning',
        title: 'container-gate warning',
        message: 'dockerfile: the pattern "docker/**/Dockerfile" matched no file'
      }
    ])
  })

  it('keeps text from scanned files inert and never reads a location out of it', () => {
    const [hostile] = planWarningAnnotations(
      makeInput({ warnings: ['::set-output name=passed::true:3: x\n::error::y'] })
    )
    expect(hostile!.file).toBeUndefined()
    expect(hostile!.message).not.toMatch(/::|\n/)
  })

  it('shows at most five and counts the rest; findings get the warning slots left', () => {
    const warnings = Array.from({ length: 8 }, (_, i) => `c.yml:${i + 1}: w${i}`)
    const list = planWarningAnnotations(makeInput({ warnings }))
    expect(list.map(a => a.startLine ?? a.title)).toEqual([
      1,
      2,
      3,
      4,
      'container-gate: 4 more warnings'
    ])
    // 60 findings, 12 of them medium: 10 warning slots, 5 taken by run warnings.
    const many = manyFindings(60)
    const all = planAnnotations(makeInput({ findings: many }))
    expect(all.filter(a => a.level === 'warning')).toHaveLength(10)
    const left = planAnnotations(makeInput({ findings: many }), { warningsUsed: 5 })
    expect(left.filter(a => a.level === 'warning')).toHaveLength(5)
  })
})
