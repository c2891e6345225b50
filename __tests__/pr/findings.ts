// Findings shaped like the checks produce them, for the PR tests.
import { evaluateGate } from '../../src/gate/evaluate.js'
import type { Finding, Severity, Threshold } from '../../src/model/finding.js'
import { makeFingerprint, UNKEYED } from '../../src/model/fingerprint.js'
import { redactSecret } from '../../src/model/redact.js'
import type { ReportInput } from '../../src/report/types.js'

export function dockerfileFinding(
  ruleId: string,
  line: number,
  severity: Severity = 'medium',
  path = 'Dockerfile',
  content = ruleId
): Finding {
  return {
    check: 'dockerfile',
    ruleId,
    severity,
    title: `Dockerfile rule ${ruleId}`,
    message: `Line ${line} breaks ${ruleId}.`,
    location: { path, line, column: 1 },
    fingerprint: makeFingerprint('dockerfile', ruleId, path, content)
  }
}

/** A secret finding as the detectors report it: only the redacted preview and a keyed digest. */
export function secretFinding(
  secret: string,
  path: string,
  line: number,
  severity: Severity = 'high'
): Finding {
  return {
    check: 'secrets',
    ruleId: 'github-token',
    severity,
    title: 'GitHub token',
    message: `A GitHub token (${redactSecret(secret)}) is hardcoded.`,
    location: { path, line, column: 7, endLine: line, endColumn: 7 + secret.length },
    help: 'Revoke it and read it from a secret store.',
    fingerprint: makeFingerprint('secrets', 'github-token', path, UNKEYED.digest(secret)),
    properties: { preview: redactSecret(secret), entropy: 4.7 }
  }
}

export function vulnFinding(
  id: string,
  pkg: string,
  version: string,
  opts: { aliases?: string[]; ecosystem?: string; severity?: Severity } = {}
): Finding {
  const ecosystem = opts.ecosystem ?? 'Debian:12'
  return {
    check: 'vulnerabilities',
    ruleId: id,
    severity: opts.severity ?? 'high',
    title: `${id} in ${pkg}`,
    message: `${pkg} ${version} is affected by ${id}.`,
    location: { path: 'ghcr.io/octo-org/octo-app:pr-42' },
    fingerprint: makeFingerprint('vulnerabilities', id, pkg, version),
    vulnerability: {
      vulnerabilityId: id,
      aliases: opts.aliases ?? [],
      package: pkg,
      version,
      ecosystem,
      fixedVersion: '9.9'
    }
  }
}

export function reportOf(findings: Finding[], failOn: Threshold = 'high'): ReportInput {
  return {
    toolVersion: '0.1.0',
    findings,
    suppressed: [],
    rules: [],
    gate: evaluateGate(findings, failOn),
    checksRun: ['dockerfile', 'secrets', 'vulnerabilities'],
    warnings: [],
    stats: {},
    links: {
      serverUrl: 'https://github.com',
      repository: 'octo-org/octo-app',
      sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'
    },
    targets: { dockerfiles: ['Dockerfile'], secretsPaths: ['.'] }
  }
}
