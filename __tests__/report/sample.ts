// Hand-built findings with realistic content for the reporter tests: what the
// Dockerfile, secrets and vulnerability checks produce for a small Node app
// (Dockerfile + .env + a Debian-based image).

import { evaluateGate } from '../../src/gate/evaluate.js'
import { makeFingerprint, secretHash, UNKEYED } from '../../src/model/fingerprint.js'
import {
  sortFindings,
  type CheckId,
  type Finding,
  type RuleMeta,
  type Threshold
} from '../../src/model/finding.js'
import { redactSecret } from '../../src/model/redact.js'
import type { ReportInput, SuppressedFinding } from '../../src/report/types.js'

/** A GitHub token as it would sit in a scanned file (never a real one). */
export const RAW_TOKEN = 'ghp_R8x2Lq0ZpN4vW7yT1sK9mB3cD6fH5jA0eG2u'
export const RAW_AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ9Lq2Tk8v'

export const RULES: RuleMeta[] = [
  {
    id: 'base-image-not-pinned',
    check: 'dockerfile',
    title: 'Image not pinned by digest',
    defaultSeverity: 'medium',
    help: 'A tag can be moved to different content at any time. Pin `name:tag@sha256:<digest>`.'
  },
  {
    id: 'runs-as-root',
    check: 'dockerfile',
    title: 'Final stage runs as root',
    defaultSeverity: 'high',
    help: 'Add `USER 10001` (a non-root uid) after the last step that needs root.',
    aliases: ['DL3002']
  },
  {
    id: 'secret-in-env',
    check: 'dockerfile',
    title: 'Secret in ENV',
    defaultSeverity: 'critical',
    help: 'ENV values are stored in the image config. Use `RUN --mount=type=secret`.'
  },
  {
    id: 'apt-no-install-recommends',
    check: 'dockerfile',
    title: 'apt-get install without --no-install-recommends',
    defaultSeverity: 'low',
    help: 'Add `--no-install-recommends` to keep the image small.',
    aliases: ['DL3015']
  },
  {
    id: 'github-token',
    check: 'secrets',
    title: 'GitHub personal access token',
    defaultSeverity: 'critical',
    help: 'Revoke the token at https://github.com/settings/tokens and load it from a secret store.'
  },
  {
    id: 'aws-secret-access-key',
    check: 'secrets',
    title: 'AWS secret access key',
    defaultSeverity: 'critical',
    help: 'Deactivate the key in IAM and use OIDC or a secret store.'
  },
  {
    id: 'vulnerable-package',
    check: 'vulnerabilities',
    title: 'Package with a known vulnerability (fix available)',
    defaultSeverity: 'high',
    help: 'Upgrade the package to the fixed version or rebuild on a newer base image.'
  },
  {
    id: 'vulnerable-package-unfixed',
    check: 'vulnerabilities',
    title: 'Package with a known vulnerability (no fix yet)',
    defaultSeverity: 'medium',
    help: 'Assess the advisory; ignore it with a reason and an expiry, or remove the package.'
  }
]

export function dockerfileFinding(
  ruleId: string,
  severity: Finding['severity'],
  line: number,
  message: string,
  extra: Partial<Finding> = {}
): Finding {
  const meta = RULES.find(r => r.id === ruleId)
  return {
    check: 'dockerfile',
    ruleId,
    severity,
    title: meta?.title ?? ruleId,
    message,
    location: { path: 'Dockerfile', line },
    help: meta?.help,
    fingerprint: makeFingerprint('dockerfile', ruleId, 'Dockerfile', message),
    ...extra
  }
}

export function secretFinding(
  ruleId: string,
  path: string,
  line: number,
  column: number,
  raw: string
): Finding {
  const meta = RULES.find(r => r.id === ruleId) as RuleMeta
  return {
    check: 'secrets',
    ruleId,
    severity: 'critical',
    title: meta.title,
    message: `${meta.title} found: ${redactSecret(raw)}`,
    location: { path, line, column },
    help: meta.help,
    fingerprint: makeFingerprint('secrets', ruleId, path, raw),
    properties: { redacted: redactSecret(raw), secretHash: secretHash(UNKEYED, raw), entropy: 4.7 }
  }
}

/** A secret the image scan found: in a layer's file, the config's Env or a history step. */
export function imageSecret(
  path: string,
  properties: NonNullable<Finding['properties']>,
  raw = RAW_TOKEN
): Finding {
  return {
    ...secretFinding('github-token', path, 4, 22, raw),
    location: { path },
    fingerprint: makeFingerprint('github-token', path, raw),
    properties: { redacted: redactSecret(raw), secretHash: secretHash(UNKEYED, raw), ...properties }
  }
}

export function vulnFinding(
  id: string,
  pkg: string,
  version: string,
  severity: Finding['severity'],
  fixedVersion?: string,
  aliases: string[] = []
): Finding {
  const ruleId = fixedVersion ? 'vulnerable-package' : 'vulnerable-package-unfixed'
  const purl = `pkg:deb/debian/${pkg}@${version}?arch=amd64&distro=debian-12`
  return {
    check: 'vulnerabilities',
    ruleId,
    severity,
    title: `${id} in ${pkg} ${version}`,
    message: `${pkg} ${version} is affected by ${id}${aliases.length ? ` (${aliases.join(', ')})` : ''}. ${fixedVersion ? `Fixed in ${fixedVersion}.` : 'No fix yet.'}`,
    location: { path: 'ghcr.io/acme/shop:1.4.2' },
    help: fixedVersion
      ? `Upgrade ${pkg} to ${fixedVersion} or later.`
      : `No fixed version of ${pkg} is published yet.`,
    fingerprint: makeFingerprint('vulnerabilities', id, 'Debian:12', pkg, version),
    properties: {
      ecosystem: 'Debian:12',
      location: '/var/lib/dpkg/status',
      layerIndex: 0,
      createdBy: '/bin/sh -c #(nop) ADD file:5d6b639e8b6bcc0112 in / ',
      ...(severity === 'critical' ? { cvssScore: 9.8 } : {})
    },
    vulnerability: {
      vulnerabilityId: id,
      aliases,
      package: pkg,
      version,
      ...(fixedVersion ? { fixedVersion } : {}),
      ecosystem: 'Debian:12',
      purl
    }
  }
}

export function sampleFindings(): Finding[] {
  return [
    dockerfileFinding(
      'base-image-not-pinned',
      'medium',
      1,
      'FROM node:20-bookworm is not pinned by digest.',
      { properties: { image: 'node:20-bookworm' } }
    ),
    dockerfileFinding(
      'apt-no-install-recommends',
      'low',
      4,
      'apt-get install without --no-install-recommends pulls in recommended packages.',
      { location: { path: 'Dockerfile', line: 4, endLine: 6 } }
    ),
    dockerfileFinding(
      'secret-in-env',
      'critical',
      8,
      `ENV NPM_TOKEN = ${redactSecret(RAW_TOKEN)}: the value looks like a GitHub token; ENV values are stored in the image config.`,
      { properties: { variable: 'NPM_TOKEN', redacted: redactSecret(RAW_TOKEN) } }
    ),
    dockerfileFinding('runs-as-root', 'high', 12, 'The final stage has no USER: it runs as root.'),
    secretFinding('github-token', 'config/.env', 3, 14, RAW_TOKEN),
    secretFinding('aws-secret-access-key', 'src/deploy/aws.js', 22, 27, RAW_AWS_SECRET),
    vulnFinding('DSA-5532-1', 'openssl', '3.0.11-1~deb12u1', 'critical', '3.0.11-1~deb12u2', [
      'CVE-2023-5678'
    ]),
    vulnFinding('CVE-2023-45853', 'zlib1g', '1:1.2.13.dfsg-1', 'medium', undefined, []),
    vulnFinding('CVE-2024-2511', 'openssl', '3.0.11-1~deb12u1', 'high', '3.0.13-1~deb12u1', [])
  ]
}

export function sampleSuppressed(): SuppressedFinding[] {
  return [
    {
      finding: vulnFinding('CVE-2011-3374', 'apt', '2.6.1', 'low', undefined, []),
      source: 'config',
      reason: 'apt signature check is not exploitable in CI (.container-gate.yml:7)'
    },
    {
      finding: dockerfileFinding(
        'base-image-not-pinned',
        'medium',
        20,
        'FROM busybox is not pinned.'
      ),
      source: 'inline',
      reason: 'hadolint ignore=DL3007 comment on line 19'
    }
  ]
}

export interface SampleOptions {
  findings?: Finding[]
  suppressed?: SuppressedFinding[]
  failOn?: Threshold
  overrides?: Partial<Record<CheckId, Threshold>>
  checksRun?: CheckId[]
  warnings?: string[]
  links?: ReportInput['links'] | null
}

export function makeInput(opts: SampleOptions = {}): ReportInput {
  const findings = sortFindings(opts.findings ?? sampleFindings())
  return {
    toolVersion: '0.1.0',
    findings,
    suppressed: opts.suppressed ?? sampleSuppressed(),
    rules: RULES,
    gate: evaluateGate(findings, opts.failOn ?? 'high', opts.overrides ?? {}),
    checksRun: opts.checksRun ?? ['dockerfile', 'secrets', 'vulnerabilities'],
    warnings: opts.warnings ?? [
      'src/assets/logo.png: skipped (binary file)',
      '.container-gate.yml:12: ignore expired on 2026-01-31 and no longer applies (legacy base image)'
    ],
    stats: { secrets: { files: 42 } },
    ...(opts.links === null
      ? {}
      : {
          links: opts.links ?? {
            serverUrl: 'https://github.com',
            repository: 'acme/shop',
            sha: '3f9c2a1d8e7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a'
          }
        }),
    targets: {
      dockerfiles: ['Dockerfile'],
      image: 'ghcr.io/acme/shop:1.4.2',
      secretsPaths: ['.']
    }
  }
}

/** Many findings for the size caps: n Dockerfile findings with long messages. */
export function manyFindings(n: number, check: CheckId = 'dockerfile'): Finding[] {
  const out: Finding[] = []
  for (let i = 0; i < n; i++) {
    const severity = (['critical', 'high', 'medium', 'low', 'info'] as const)[i % 5]
    if (check === 'vulnerabilities') {
      out.push(vulnFinding(`CVE-2024-${10000 + i}`, `lib${i}`, `1.${i}`, severity, `1.${i + 1}`))
    } else {
      out.push(
        dockerfileFinding(
          'runs-as-root',
          severity,
          i + 1,
          `Instruction ${i} in stage build-${i % 7} does something risky: ${'x'.repeat(200)}`,
          { location: { path: `services/svc-${i % 50}/Dockerfile`, line: (i % 400) + 1 } }
        )
      )
    }
  }
  return out
}
