// VEX documents as their publishers wrote them (fixtures/vulns/README.md): the OpenVEX
// project's own v0.2.0 example (go-vex testdata: an Alpine image with libssl3/libcrypto3 as
// subcomponents), Canonical's OpenVEX for CVE-2023-38545 (curl, every Ubuntu release),
// Chainguard's for urllib3, and CycloneDX's VEX examples (a BOM-Link to a Maven purl; the CISA
// use case 1 product as a whole). `not_affected` and `fixed` suppress, `affected` and
// `under_investigation` keep (annotated), the product decides which findings.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { InputError } from '../../src/model/errors.js'
import type { Finding } from '../../src/model/finding.js'
import { applyVex, parseVexDocument, vexReason, type VexStatement } from '../../src/vulns/vex.js'

const DIR = join(import.meta.dirname, '../../fixtures/vulns/vex')
const load = (file: string): VexStatement[] =>
  parseVexDocument(readFileSync(join(DIR, file), 'utf8'), file).statements

function finding(id: string, aliases: string[], purl: string): Finding {
  const name = decodeURIComponent(/\/([^/@]+)@/.exec(purl)![1]!)
  const version = decodeURIComponent(/@([^?#]+)/.exec(purl)![1]!)
  return {
    check: 'vulnerabilities',
    ruleId: 'vulnerable-package',
    severity: 'high',
    title: id,
    message: `${id} in ${name} ${version}`,
    location: { path: 'img' },
    fingerprint: `${id}:${purl}`,
    vulnerability: { vulnerabilityId: id, aliases, package: name, version, ecosystem: 'x', purl }
  }
}

const ALPINE_DIGEST = 'sha256:124c7d2707904eea7431fffe91522a01e5a861a624ee31d03372cc1d138a3126'

describe('OpenVEX v0.2.0 (the OpenVEX project example: an image and its subcomponents)', () => {
  const statements = load('go-vex-v0.2.0.openvex.json')
  const libssl = (id: string): Finding =>
    finding(id, [], 'pkg:apk/alpine/libssl3@3.0.8-r3?arch=x86_64&distro=alpine-3.17.3')

  it('reads five statements, each about the image with two subcomponents', () => {
    expect(statements.map(s => [s.ids[0], s.status, s.justification])).toEqual([
      ['CVE-2023-1255', 'fixed', undefined],
      ['CVE-2023-2650', 'fixed', undefined],
      ['CVE-2023-2975', 'fixed', undefined],
      ['CVE-2023-3446', 'not_affected', 'vulnerable_code_not_present'],
      ['CVE-2023-3817', 'not_affected', 'vulnerable_code_not_present']
    ])
  })

  it('suppresses the subcomponent findings in that image (by digest), with the justification', () => {
    const out = applyVex(
      [libssl('CVE-2023-3446'), libssl('CVE-2023-1255'), libssl('CVE-2024-0727')],
      statements,
      { reference: 'alpine:3.17', digest: ALPINE_DIGEST }
    )
    expect(out.kept.map(f => f.vulnerability!.vulnerabilityId)).toEqual(['CVE-2024-0727'])
    expect(out.suppressed.map(s => vexReason(s.statement))).toEqual([
      'VEX not_affected (vulnerable_code_not_present): affected functions were removed before packaging [go-vex-v0.2.0.openvex.json]',
      'VEX fixed [go-vex-v0.2.0.openvex.json]'
    ])
  })

  it('applies to no other image, and to no other package of the image', () => {
    const other = 'sha256:' + 'f'.repeat(64)
    expect(applyVex([libssl('CVE-2023-3446')], statements, { digest: other }).suppressed).toEqual(
      []
    )
    const busybox = finding('CVE-2023-3446', [], 'pkg:apk/alpine/busybox@1.36.0-r9')
    expect(applyVex([busybox], statements, { digest: ALPINE_DIGEST }).kept).toEqual([busybox])
  })

  it('a digest-pinned product does not apply when the image digest is unknown', () => {
    const out = applyVex([libssl('CVE-2023-3817')], statements, {
      reference: 'docker.io/library/alpine:3.17'
    })
    expect(out.suppressed).toHaveLength(0)
  })

  it('an image product without a digest matches by repository name', () => {
    const unpinned = statements.map(s => ({
      ...s,
      scopes: s.scopes.map(scope => ({ ...scope, image: { name: 'alpine' } }))
    }))
    const ref = { reference: 'docker.io/library/alpine:3.17' }
    expect(applyVex([libssl('CVE-2023-3817')], unpinned, ref).suppressed).toHaveLength(1)
    expect(
      applyVex([libssl('CVE-2023-3817')], unpinned, { reference: 'ghcr.io/acme/app:1' }).kept
    ).toHaveLength(1)
  })
})

describe("Canonical's OpenVEX for CVE-2023-38545 (curl on every Ubuntu release)", () => {
  const statements = load('ubuntu-CVE-2023-38545.openvex.json')

  it('suppresses trusty (not_affected, vulnerable_code_not_present) and jammy (fixed)', () => {
    const trusty = finding(
      'UBUNTU-CVE-2023-38545',
      ['CVE-2023-38545'],
      'pkg:deb/ubuntu/libcurl3@7.35.0-1ubuntu2.20%2Besm19?arch=amd64&distro=ubuntu-14.04'
    )
    const jammy = finding(
      'CVE-2023-38545',
      [],
      'pkg:deb/ubuntu/libcurl4@7.81.0-1ubuntu1.24?arch=amd64&distro=ubuntu-22.04'
    )
    const out = applyVex([trusty, jammy], statements, {})
    expect(out.kept).toEqual([])
    expect(out.suppressed.map(s => [s.statement.status, s.statement.justification])).toEqual([
      ['not_affected', 'vulnerable_code_not_present'],
      ['fixed', undefined]
    ])
  })

  it('keeps xenial (affected: no longer supported), saying so', () => {
    const xenial = finding(
      'CVE-2023-38545',
      [],
      'pkg:deb/ubuntu/libcurl3-gnutls@7.47.0-1ubuntu2.19?arch=amd64&distro=ubuntu-16.04'
    )
    const out = applyVex([xenial], statements, {})
    expect(out.suppressed).toEqual([])
    expect(out.kept[0]!.properties).toMatchObject({
      vexStatus: 'affected',
      vexDetail:
        'This package (for the given release) is no longer supported. Please upgrade your system.'
    })
  })

  it('another version of the package is not covered', () => {
    const newer = finding(
      'CVE-2023-38545',
      [],
      'pkg:deb/ubuntu/libcurl4@7.81.0-1ubuntu1.25?arch=amd64&distro=ubuntu-22.04'
    )
    expect(applyVex([newer], statements, {}).kept).toHaveLength(1)
  })
})

describe("Chainguard's OpenVEX for urllib3 (a statement by alias)", () => {
  it('a finding under the GHSA id is fixed in urllib3 1.26.16+cgr.0', () => {
    const statements = load('chainguard-urllib3.openvex.json')
    expect(statements[0]!.ids).toEqual([
      'CGA-7QJW-GGH3-PP9F',
      'CVE-2023-45803',
      'GHSA-G4MX-Q9VG-27P4'
    ])
    const f = finding('GHSA-g4mx-q9vg-27p4', ['CVE-2023-45803'], 'pkg:pypi/urllib3@1.26.16%2Bcgr.0')
    expect(applyVex([f], statements, {}).suppressed).toHaveLength(1)
    const upstream = finding('GHSA-g4mx-q9vg-27p4', [], 'pkg:pypi/urllib3@1.26.16')
    expect(applyVex([upstream], statements, {}).kept).toHaveLength(1)
  })
})

describe('CycloneDX VEX (CycloneDX bom-examples)', () => {
  it('a BOM-Link to a Maven purl suppresses that package version only', () => {
    const statements = load('cyclonedx-vex.json')
    expect(statements.map(s => [s.ids, s.status, s.justification])).toEqual([
      [
        ['CVE-2020-25649', 'SNYK-JAVA-COMFASTERXMLJACKSONCORE-1048302'],
        'not_affected',
        'code_not_reachable'
      ]
    ])
    const at = (v: string): Finding =>
      finding(
        'GHSA-288c-cq4h-88gq',
        ['CVE-2020-25649'],
        `pkg:maven/com.fasterxml.jackson.core/jackson-databind@${v}`
      )
    const out = applyVex([at('2.10.0'), at('2.10.1')], statements, {})
    expect(out.suppressed.map(s => s.finding.vulnerability!.version)).toEqual(['2.10.0'])
    expect(out.kept.map(s => s.vulnerability!.version)).toEqual(['2.10.1'])
  })

  it('the document subject (CISA use case 1) covers the whole image', () => {
    const log4j = finding(
      'GHSA-jfh8-c2jp-5v3q',
      ['CVE-2021-44228'],
      'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'
    )
    const notAffected = load('cyclonedx-cisa-case-1-not_affected.json')
    expect(notAffected[0]).toMatchObject({
      status: 'not_affected',
      justification: 'code_not_present',
      scopes: [{ kind: 'image' }]
    })
    expect(applyVex([log4j], notAffected, {}).suppressed).toHaveLength(1)
    const affected = applyVex([log4j], load('cyclonedx-cisa-case-1-affected.json'), {})
    expect(affected.kept[0]!.properties?.vexStatus).toBe('affected')
  })
})

describe('documents and precedence', () => {
  it('a later statement about the same vulnerability and product wins', () => {
    const doc = (status: string, timestamp: string): string =>
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0',
        '@id': 'x',
        statements: [
          {
            vulnerability: { name: 'CVE-2023-3446' },
            products: [{ '@id': 'pkg:apk/alpine/libssl3@3.0.8-r3' }],
            status,
            justification: status === 'not_affected' ? 'component_not_present' : undefined,
            timestamp
          }
        ]
      })
    const f = finding('CVE-2023-3446', [], 'pkg:apk/alpine/libssl3@3.0.8-r3')
    const older = parseVexDocument(doc('not_affected', '2023-01-01T00:00:00Z'), 'a').statements
    const newer = parseVexDocument(doc('affected', '2024-01-01T00:00:00Z'), 'b').statements
    expect(applyVex([f], [...newer, ...older], {}).kept[0]!.properties?.vexStatus).toBe('affected')
    expect(applyVex([f], [...older, ...newer], {}).kept[0]!.properties?.vexStatus).toBe('affected')
  })

  it.each([
    ['not JSON', '{', /not JSON/],
    ['a KEV catalog', '{"vulnerabilities": []}', /neither OpenVEX/],
    [
      'OpenVEX without statements',
      '{"@context": "https://openvex.dev/ns/v0.2.0"}',
      /without "statements"/
    ],
    ['CycloneDX without vulnerabilities', '{"bomFormat": "CycloneDX"}', /without "vulnerabilities"/]
  ])('%s is an InputError naming the file', (_what, text, message) => {
    expect(() => parseVexDocument(text, 'my.vex.json')).toThrow(InputError)
    expect(() => parseVexDocument(text, 'my.vex.json')).toThrow(message)
  })

  it('statements it cannot use are listed, not guessed', () => {
    const doc = parseVexDocument(
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0',
        statements: [
          {
            vulnerability: { name: 'CVE-1' },
            products: [{ '@id': 'not a product id' }],
            status: 'fixed'
          },
          { vulnerability: { name: 'CVE-2' }, products: [], status: 'fixed' },
          {
            vulnerability: { name: 'CVE-3' },
            products: [{ '@id': 'pkg:npm/a@1' }],
            status: 'maybe'
          }
        ]
      }),
      'odd.json'
    )
    expect(doc.statements).toEqual([])
    expect(doc.skipped).toHaveLength(3)
  })
})
