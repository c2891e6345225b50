import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { parseDockerfile } from '../../src/dockerfile/index.js'
import { buildCycloneDx, type ImageScan } from '../../src/image/index.js'
import type { Finding } from '../../src/model/finding.js'
import { makeFingerprint } from '../../src/model/fingerprint.js'
import type { Package } from '../../src/model/package.js'
import { findingsToCheckAnnotations } from '../../src/github/checks.js'
import { renderPrComment } from '../../src/pr/comment.js'
import {
  buildSarif,
  planAnnotations,
  renderJson,
  renderSummary,
  renderText
} from '../../src/report/index.js'
import {
  redactFinding,
  redactInline,
  redactSecretsInText,
  redactStrings
} from '../../src/redact/index.js'
import { attributeFindingsToDockerfile } from '../../src/vulns/attribution.js'
import { createComparerFor } from '../../src/vulns/comparers.js'
import { matchPackages } from '../../src/vulns/match.js'
import { VulnIndex } from '../../src/vulns/records.js'
import { dockerfileFinding, makeInput, vulnFinding } from '../report/sample.js'

// Formats the secrets engine knows, none of them a documented example.
const NPM = 'npm_R8mWq2Lx7Tz4Kc9Vb3Nf6Hy1Pd5Sg0Ja2Ue8'
const STRIPE = 'sk_live_Rt5Yp1Lk5Jh9Gf2Ds6Az3Qm7WxBn4Cv'
const PASSWORD = 'q7Ld9xVt2KpZ4mWsR8nB'
const URL_PASSWORD = 'Hk3Jq8Zw2Lp5Rt'
const URL = `https://deploy:${URL_PASSWORD}@pypi.internal.corp/simple`
const ALL = [NPM, STRIPE, PASSWORD, URL_PASSWORD]

/** Nothing of a secret past the first 4 characters (the most its redacted form shows). */
function expectNoSecret(text: string): void {
  for (const secret of ALL) expect(text).not.toContain(secret.slice(4))
}

describe('redactSecretsInText', () => {
  it('redacts build args in a history line, each staying one word of it', () => {
    const line = `RUN |3 NPM_TOKEN=${NPM} DB_PASSWORD=${PASSWORD} INDEX=${URL} /bin/sh -c npm ci # buildkit`
    expect(redactSecretsInText(line)).toBe(
      `RUN |3 NPM_TOKEN=npm_…(40chars) DB_PASSWORD=q7Ld…(20chars) INDEX=https://deploy:Hk3…(14chars)@pypi.internal.corp/simple /bin/sh -c npm ci # buildkit`
    )
  })

  it('still finds secrets in text that reads as a template or an example as a whole', () => {
    const line = `RUN curl -H "Authorization: Bearer ${STRIPE}" \${API}/example && pip install -i ${URL} x`
    expectNoSecret(redactSecretsInText(line))
  })

  it('a URL password is redacted on any host; a variable reference is kept', () => {
    expect(redactSecretsInText('git clone https://ci:hunter22@git.example.com/r.git')).toBe(
      'git clone https://ci:hu…(8chars)@git.example.com/r.git'
    )
    const kept = 'pip install -i https://ci:${PIP_PASSWORD}@pypi.corp/simple x'
    expect(redactSecretsInText(kept)).toBe(kept)
  })

  it('finds tokens inside file names and versions, where provider formats do not start a word', () => {
    expect(redactSecretsInText(`/app/vendor/${NPM}/node_modules/x/package.json`)).toBe(
      '/app/vendor/npm_…(40chars)/node_modules/x/package.json'
    )
    expect(redactSecretsInText(`/app/keys/${STRIPE}.env`)).toBe('/app/keys/sk_l…(39chars).env')
    expectNoSecret(redactSecretsInText(`1.0.0-${STRIPE}`))
  })

  it('leaves what reports are made of alone', () => {
    const ordinary = [
      'lodash 4.17.15 is affected by GHSA-p6mc-m468-83gw (CVE-2020-8203): Prototype Pollution in lodash. Fixed in 4.17.19.',
      'Upgrade openssl to 3.0.13-1~deb12u1 or later (rebuild on a newer base image if the package came with it).',
      'sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
      'pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12',
      'pkg:npm/%40babel/core@7.23.2',
      '/usr/lib/node_modules/npm/node_modules/@npmcli/arborist/package.json',
      '/bin/sh -c #(nop) ADD file:9a4f77dfaba7fd2aa78186e4ef0e7486ad55101cefc1fabbc1b385601bb38920 in / ',
      'RUN /bin/sh -c apt-get update && apt-get install -y --no-install-recommends curl # buildkit',
      'COPY --from=build /app/node_modules /app/node_modules # buildkit',
      'node:20-bookworm-slim@sha256:' + 'a'.repeat(64),
      '0123456789abcdef0123456789abcdef01234567',
      '550e8400-e29b-41d4-a716-446655440000',
      'ghp_…(40 chars)',
      'GitHub personal access token found: ghp_…(40 chars)',
      // Our own error lines: a file named like a credential, then what went wrong with it.
      'image /tmp/x/passwd: not an image archive',
      'cannot read /etc/secret: permission denied',
      'open C:\\keys\\password: access denied',
      'tar entry app/keys/token: size is not a number'
    ]
    for (const text of ordinary) expect(redactSecretsInText(text)).toBe(text)
  })

  it('is idempotent, and the same text always gives the same result', () => {
    const line = `ENV A=${NPM} B=${STRIPE} C=${URL}`
    const once = redactSecretsInText(line)
    expect(redactSecretsInText(once)).toBe(once)
    expect(redactSecretsInText(line)).toBe(once)
    expect(redactInline(NPM)).toBe('npm_…(40chars)')
  })

  it('property: a secret planted in any surrounding text never comes out', () => {
    const secret = fc.constantFrom(NPM, STRIPE, `DB_PASSWORD=${PASSWORD}`, URL)
    const filler = fc.string({
      unit: fc.constantFrom(...'ab01 -_=:/.,;"\'()[]{}$#@|&\n\t'.split('')),
      maxLength: 40
    })
    fc.assert(
      fc.property(filler, secret, filler, (before, planted, after) => {
        // The planted value is its own word: glued to other characters it is another string.
        const text = `${before} ${planted} ${after}`
        const out = redactSecretsInText(text)
        expectNoSecret(out)
        expect(redactSecretsInText(out)).toBe(out)
      }),
      { seed: 11, numRuns: 300 }
    )
  })
})

describe('redactFinding and redactStrings', () => {
  it('returns the same object when nothing needs redacting, and one stable result otherwise', () => {
    const clean = vulnFinding('CVE-2024-2511', 'openssl', '3.0.11-1~deb12u1', 'high', '3.0.13')
    expect(redactFinding(clean)).toBe(clean)
    const dirty: Finding = {
      ...clean,
      message: `affected; see ${URL}`,
      location: { path: `/app/keys/${STRIPE}.env` },
      properties: { createdBy: `RUN |1 NPM_TOKEN=${NPM} /bin/sh -c npm ci`, locations: [URL] }
    }
    const redacted = redactFinding(dirty)
    expect(redacted).not.toBe(dirty)
    expect(redactFinding(dirty)).toBe(redacted)
    expect(redactFinding(redacted)).toBe(redacted)
    expect(redacted.fingerprint).toBe(dirty.fingerprint)
    expectNoSecret(JSON.stringify(redacted))
  })

  it('redacts nested strings and keeps untouched branches', () => {
    const value = { a: { b: [1, 'plain', `x ${NPM}`] }, c: 'plain' }
    const out = redactStrings(value)
    expect(out.c).toBe('plain')
    expect(out.a.b[2]).toBe('x npm_…(40chars)')
    expect(redactStrings({ c: 'plain' }).c).toBe('plain')
  })
})

// ------------------------------------------------------------ copy points

const HISTORY = `RUN |2 NPM_TOKEN=${NPM} PIP_INDEX_URL=${URL} /bin/sh -c npm ci # buildkit`

function npmPackage(name: string, version: string, extra: Partial<Package> = {}): Package {
  return {
    name,
    version,
    type: 'npm',
    purl: `pkg:npm/${name}@${version}`,
    locations: [`/app/node_modules/${name}/package.json`],
    ...extra
  }
}

describe('text from images and advisories is redacted where it is copied', () => {
  const index = new VulnIndex()
  index.addRaw(
    {
      id: 'GHSA-leak-aaaa-bbbb',
      modified: '2024-01-01T00:00:00Z',
      summary: `Prototype pollution, found with ${STRIPE} on ${URL}`,
      affected: [
        {
          package: { ecosystem: 'npm', name: 'lodash' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }]
        }
      ]
    },
    'lodash.json'
  )

  // The fingerprint is an unkeyed hash: over a name that carries a token it would confirm a guess.
  it('hashes a package name that carries a secret as its redacted text', () => {
    const name = `leaky-${NPM}`
    const own = new VulnIndex()
    own.addRaw(
      {
        id: 'GHSA-name-aaaa-bbbb',
        modified: '2024-01-01T00:00:00Z',
        affected: [
          {
            package: { ecosystem: 'npm', name },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }]
          }
        ]
      },
      'name.json'
    )
    const hashOf = (n: string): string =>
      makeFingerprint('vulnerabilities', 'GHSA-name-aaaa-bbbb', 'npm', n, '1.0.0')
    const { findings } = matchPackages(
      [npmPackage(name, '1.0.0')],
      undefined,
      own,
      createComparerFor(),
      {
        imageRef: 'app:1'
      }
    )
    expect(findings).toHaveLength(1)
    expect(redactSecretsInText(name)).not.toBe(name)
    expect(findings[0]!.fingerprint).toBe(hashOf(redactSecretsInText(name)))
    expect(findings[0]!.fingerprint).not.toBe(hashOf(name))
    // An ordinary package keeps the fingerprint it always had (baselines stay valid).
    const plain = matchPackages(
      [npmPackage('lodash', '4.17.15')],
      undefined,
      index,
      createComparerFor(),
      {
        imageRef: 'app:1'
      }
    )
    expect(plain.findings[0]!.fingerprint).toBe(
      makeFingerprint('vulnerabilities', 'GHSA-leak-aaaa-bbbb', 'npm', 'lodash', '4.17.15')
    )
  })

  it('vulnerability findings: layer history, in-image file names and the OSV summary', () => {
    const pkg = npmPackage('lodash', '4.17.15', {
      layerIndex: 1,
      createdBy: HISTORY,
      locations: [`/srv/${NPM}/node_modules/lodash/package.json`]
    })
    const { findings } = matchPackages([pkg], undefined, index, createComparerFor(), {
      imageRef: 'app:1'
    })
    expect(findings).toHaveLength(1)
    expectNoSecret(JSON.stringify(findings))
    expect(findings[0]!.properties?.createdBy).toBe(
      'RUN |2 NPM_TOKEN=npm_…(40chars) PIP_INDEX_URL=https://deploy:Hk3…(14chars)@pypi.internal.corp/simple /bin/sh -c npm ci # buildkit'
    )
  })

  it('attribution still finds the RUN line, even one that holds the secret itself', () => {
    const dockerfile = `FROM node:20\nARG NPM_TOKEN\nRUN pip install -i ${URL} flask && npm ci\n`
    const createdBy = `RUN |1 NPM_TOKEN=${NPM} /bin/sh -c pip install -i ${URL} flask && npm ci # buildkit`
    const pkg = npmPackage('lodash', '4.17.15', { layerIndex: 1, createdBy })
    const { findings } = matchPackages([pkg], undefined, index, createComparerFor(), {
      imageRef: 'app:1'
    })
    const [moved] = attributeFindingsToDockerfile(findings, {
      path: 'Dockerfile',
      model: parseDockerfile(dockerfile)
    })
    expect(moved!.location).toMatchObject({ path: 'Dockerfile', line: 3 })
    expect(moved!.properties?.dockerfileOrigin).toBe('own-layer')
    expectNoSecret(JSON.stringify(moved))
  })

  it('the SBOM: layer history, package metadata and file names', () => {
    const scan: ImageScan = {
      reference: 'app:1',
      platform: 'linux/amd64',
      packages: [
        npmPackage('lodash', '4.17.15', { layerIndex: 0, createdBy: HISTORY }),
        npmPackage('internal-sdk', `1.0.0-${STRIPE}`, {
          locations: [`/srv/${NPM}/node_modules/internal-sdk/package.json`]
        })
      ],
      layers: [
        { index: 0, digest: 'sha256:' + 'b'.repeat(64), createdBy: HISTORY, emptyLayer: false }
      ],
      history: [{ createdBy: HISTORY, emptyLayer: false, layerIndex: 0 }],
      config: { user: 'node', env: [`DB_PASSWORD=${PASSWORD}`] },
      warnings: [],
      existsInFinal: () => true
    }
    const sbom = JSON.stringify(buildCycloneDx(scan, '0.1.0'))
    expectNoSecret(sbom)
    expect(sbom).toContain('npm_…(40chars)')
    expect(sbom).toContain('pkg:npm/lodash@4.17.15')
  })
})

describe('every reporter redacts a finding that a check forgot to redact', () => {
  // Checks that copied raw image text into their findings: the reports must still not publish it.
  const leaky: Finding = {
    ...vulnFinding('GHSA-leak-aaaa-bbbb', 'lodash', '4.17.15', 'critical', '4.17.21'),
    message: `lodash 4.17.15 is affected: see ${URL} with ${STRIPE}`,
    location: { path: 'Dockerfile', line: 4 },
    properties: {
      createdBy: HISTORY,
      location: `/srv/${NPM}/node_modules/lodash/package.json`,
      dockerfileOrigin: 'own-layer'
    }
  }
  const inImageFile: Finding = {
    check: 'secrets',
    ruleId: 'generic-credential-assignment',
    severity: 'high',
    title: 'Hardcoded credential',
    message: 'Hardcoded credential DB_P…(20 chars) (in layer 0).',
    location: { path: `/app/keys/${NPM}.env`, line: 1 },
    fingerprint: 'f'.repeat(32),
    properties: { layerIndex: 0, redacted: 'q7Ld…(20 chars)' }
  }
  const inDockerfile = dockerfileFinding(
    'secret-in-env',
    'critical',
    4,
    `ENV PIP_INDEX_URL=${URL} is stored in the image config.`
  )
  const input = makeInput({
    findings: [leaky, inImageFile, inDockerfile],
    suppressed: [
      { finding: { ...leaky, fingerprint: 'other' }, source: 'config', reason: `ok ${NPM}` }
    ],
    warnings: [`/app/vendor/${NPM}/package.json: not valid JSON`]
  })

  it.each([
    ['summary', () => renderSummary(input)],
    ['SARIF', () => JSON.stringify(buildSarif(input))],
    ['JSON', () => JSON.stringify(renderJson(input))],
    ['text', () => renderText(input)],
    ['annotations', () => JSON.stringify(planAnnotations(input))],
    [
      'PR comment',
      () =>
        renderPrComment(input, { added: input.findings, existing: [] }, { marker: '<!-- m -->' })
    ],
    ['check-run annotations', () => JSON.stringify(findingsToCheckAnnotations(input.findings))]
  ])('%s', (name, render) => {
    const text = render()
    expectNoSecret(text)
    // Vulnerabilities are never check-run annotations; the Dockerfile finding is.
    expect(text).toContain(
      name === 'check-run annotations' ? 'secret-in-env' : 'GHSA-leak-aaaa-bbbb'
    )
  })

  it('the tripped finding is still recognised as tripped after redaction', () => {
    expect(input.gate.tripped).toEqual(expect.arrayContaining([leaky, inImageFile]))
    expect(renderSummary(input)).toMatch(/Why the gate failed[\s\S]*GHSA-leak-aaaa-bbbb/)
    const comment = renderPrComment(input, { added: input.findings, existing: [] }, { marker: '' })
    expect(comment).toContain('**critical** ❌')
  })
})
