// The signatures check: for each image the build pulls (and the scanned one),
// resolve its digest, find its signatures and attestations in the registry,
// verify them, and judge them against the policy for the image. `off` returns
// before anything is imported or fetched; the Sigstore libraries and the
// trusted root are loaded only once some image has evidence to verify.

import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Check, ReportTable } from '../model/check.js'
import type { Finding, Severity } from '../model/finding.js'
import type { ImageFileHook } from '../model/image.js'
import type { ScanOptions, VerifyMode } from '../model/scan.js'
import { errorMessage } from '../model/errors.js'
import { makeFingerprint } from '../model/fingerprint.js'
import {
  compilePolicies,
  policyFor,
  presetPolicies,
  type CompiledPolicy,
  type Requirement
} from './policy.js'
import type { RegistryAuthOptions, RegistrySession } from './registry.js'
import { SIGNATURE_RULES, SIGNATURES_CHECK, type SignatureRuleId } from './rules.js'
import { parseSignaturesSettings, type SignaturesSettings } from './settings.js'
import { imagesToVerify, type DockerfileText, type ImageTarget } from './targets.js'
import type { EvidenceCheck, RequirementResult, SigstoreVerifier } from './verify.js'

export type { VerifyMode } from '../model/scan.js'

export interface SignaturesInputs {
  /** The linted Dockerfiles, read once by the engine. */
  dockerfiles: readonly DockerfileText[]
  /** The scanned image, when it is a registry reference or carries a digest. */
  image?: { reference: string; digest?: string }
  /** `owner/name` (github.repository), for the github-repository preset. */
  repository?: string
  /** Resolves relative trusted-root paths. */
  cwd: string
  /** Kept between runs: the TUF metadata of the public-good root. */
  cacheDir?: string
  /**
   * Registry credentials as for the image pull. `registryAuth` is sent only to the scanned
   * image's registry; base images on other registries get the docker config or nothing.
   */
  auth: RegistryAuthOptions
  /** Parallel images (default 4). */
  concurrency?: number
  log?: (line: string) => void
  /** Seam for tests and benches: how a registry session is opened. */
  openSession?: (
    registry: string,
    repository: string,
    auth: RegistryAuthOptions
  ) => Promise<RegistrySession>
}

/** A Finding of the signatures check (`CheckId` gains 'signatures' when the engine registers it). */
export type SignatureFinding = Omit<Finding, 'check'> & { check: typeof SIGNATURES_CHECK }

/** One row of the summary's trust column. */
export interface ImageTrust {
  reference: string
  digest?: string
  /** The digest came from the registry (the reference is a tag), not the Dockerfile. */
  digestResolved: boolean
  path: string
  line?: number
  policy?: string
  /** `signature` / `provenance` → who signed, or the failing rule. */
  results: {
    requirement: Requirement
    status: RequirementResult['status']
    signer?: string
    builder?: string
  }[]
}

export interface SignaturesResult {
  findings: SignatureFinding[]
  warnings: string[]
  stats: Record<string, number>
  images: ImageTrust[]
}

const SEVERITY: Record<Exclude<VerifyMode, 'off'>, Severity> = { warn: 'medium', enforce: 'high' }
const RULES = new Map(SIGNATURE_RULES.map(r => [r.id, r]))

export async function runSignaturesCheck(
  inputs: SignaturesInputs,
  settings: SignaturesSettings,
  mode: VerifyMode
): Promise<SignaturesResult> {
  const empty: SignaturesResult = { findings: [], warnings: [], stats: {}, images: [] }
  if (mode === 'off') return empty
  const log = inputs.log ?? (() => undefined)
  const { targets, warnings } = imagesToVerify(inputs.dockerfiles, inputs.image)
  const result: SignaturesResult = { ...empty, warnings }
  const stats = {
    images: targets.length,
    verified: 0,
    unsigned: 0,
    failed: 0,
    unchecked: 0,
    evidence: 0,
    'digest-resolved': 0
  }
  if (targets.length === 0) return { ...result, stats }

  const policies = await compilePolicies([
    ...settings.policies,
    ...presetPolicies(settings.presets, inputs.repository)
  ])
  const open =
    inputs.openSession ??
    (async (registry, repository, auth) =>
      (await import('./registry.js')).openRegistrySession(registry, repository, auth))
  const sessions = new Map<string, Promise<RegistrySession>>()
  const scannedRegistry = inputs.image ? targets[targets.length - 1]?.registry : undefined
  const sessionFor = (target: ImageTarget): Promise<RegistrySession> => {
    const key = `${target.registry}/${target.repository}`
    let session = sessions.get(key)
    if (!session) {
      const auth =
        target.registry === scannedRegistry
          ? inputs.auth
          : { ...inputs.auth, registryAuth: undefined }
      session = open(target.registry, target.repository, auth)
      sessions.set(key, session)
    }
    return session
  }
  let verifier: Promise<SigstoreVerifier> | undefined
  const verifierFor = (): Promise<SigstoreVerifier> => {
    verifier ??= (async () => {
      const { loadTrustedRoots } = await import('./trust.js')
      const { createSigstoreVerifier } = await import('./verify.js')
      const loaded = await loadTrustedRoots(settings.trustedRoots, {
        cacheDir: inputs.cacheDir,
        cwd: inputs.cwd,
        mode
      })
      result.warnings.push(...loaded.warnings)
      return createSigstoreVerifier(loaded.roots)
    })()
    return verifier
  }
  const verdicts = new Map<string, Promise<Verdict>>()
  const severity = SEVERITY[mode]

  // Filled per target index, so the output order is the input order however requests interleave.
  const perTarget: { warnings: string[]; image?: ImageTrust; findings: SignatureFinding[] }[] =
    targets.map(() => ({ warnings: [], findings: [] }))
  await forEachLimited(targets, inputs.concurrency ?? 4, async (target, index) => {
    const out = perTarget[index]
    const policy = policyFor(policies, target.name, settings.unlistedImages)
    if (!policy) return
    // The same image in several Dockerfiles is fetched and verified once.
    const key = `${policy.policy.name}|${target.name}@${target.digest ?? target.tag}`
    let pending = verdicts.get(key)
    if (!pending) {
      pending = judgeImage(target, policy, sessionFor, verifierFor, mode)
      verdicts.set(key, pending)
    }
    const verdict = await pending
    log(
      `Signatures: ${target.reference}: ${verdict.results.map(r => `${r.requirement} ${r.status}`).join(', ') || verdict.problem?.rule}`
    )
    if (verdict.digestResolved) stats['digest-resolved']++
    stats.evidence += verdict.evidence
    out.warnings.push(
      ...verdict.notes.map(
        n =>
          `${target.path}${target.line ? `:${target.line}` : ''}: signatures: ${target.reference}: ${n}`
      )
    )
    out.image = {
      reference: target.reference,
      ...(verdict.digest ? { digest: verdict.digest } : {}),
      digestResolved: verdict.digestResolved,
      path: target.path,
      ...(target.line !== undefined ? { line: target.line } : {}),
      policy: policy.policy.name,
      results: verdict.results.map(r => ({
        requirement: r.requirement,
        status: r.status,
        ...(r.status === 'satisfied' && r.evidence ? { signer: describe(r.evidence) } : {}),
        ...(r.evidence?.builderId ? { builder: r.evidence.builderId } : {})
      }))
    }
    const failing = verdict.problem
      ? [{ rule: verdict.problem.rule, detail: verdict.problem.detail, requirement: 'digest' }]
      : verdict.results
          .filter(r => r.status !== 'satisfied')
          .map(r => ({
            rule: r.status as SignatureRuleId,
            detail: r.detail,
            requirement: r.requirement
          }))
    if (failing.length === 0 && verdict.results.length === 0) stats.unchecked++
    else if (failing.length === 0) stats.verified++
    else if (failing.some(f => f.rule === 'image-unsigned')) stats.unsigned++
    else stats.failed++
    for (const f of failing) out.findings.push(finding(target, verdict, policy, f, severity))
  })
  for (const out of perTarget) {
    result.warnings.push(...out.warnings)
    if (out.image) result.images.push(out.image)
    result.findings.push(...out.findings)
  }

  result.findings.sort((a, b) =>
    a.location.path < b.location.path
      ? -1
      : a.location.path > b.location.path
        ? 1
        : (a.location.line ?? 0) - (b.location.line ?? 0) ||
          (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
          (a.fingerprint < b.fingerprint ? -1 : 1)
  )
  return { ...result, stats }
}

interface Verdict {
  digest?: string
  digestResolved: boolean
  results: RequirementResult[]
  /** The image could not be judged at all. */
  problem?: { rule: SignatureRuleId; detail: string }
  evidence: number
  notes: string[]
}

async function judgeImage(
  target: ImageTarget,
  policy: CompiledPolicy,
  sessionFor: (t: ImageTarget) => Promise<RegistrySession>,
  verifierFor: () => Promise<SigstoreVerifier>,
  mode: VerifyMode
): Promise<Verdict> {
  const base: Verdict = { digestResolved: false, results: [], evidence: 0, notes: [] }
  const { discoverEvidence, resolveDigest } = await import('./discover.js')
  let session: RegistrySession
  let digest = target.digest
  try {
    session = await sessionFor(target)
    if (!digest) {
      digest = await resolveDigest(session, target.tag ?? 'latest')
      if (!digest)
        return {
          ...base,
          problem: {
            rule: 'digest-not-resolvable',
            detail: `tag ${target.tag} not found in ${target.registry}/${target.repository}`
          }
        }
      base.digestResolved = true
    }
  } catch (error) {
    return { ...base, problem: { rule: 'digest-not-resolvable', detail: errorMessage(error) } }
  }
  base.digest = digest
  let found: Awaited<ReturnType<typeof discoverEvidence>>
  try {
    found = await discoverEvidence(session, digest)
  } catch (error) {
    // Could not look: a warning in warn mode; enforce does not pass what it could not check.
    const why = `signatures could not be read (${errorMessage(error)})`
    if (mode === 'enforce') return { ...base, problem: { rule: 'image-unsigned', detail: why } }
    return { ...base, notes: [why] }
  }
  const checks: EvidenceCheck[] = []
  if (found.evidence.length > 0) {
    const verifier = await verifierFor()
    for (const evidence of found.evidence) checks.push(verifier.check(evidence, digest))
  }
  const { evaluatePolicy } = await import('./verify.js')
  const results = evaluatePolicy(checks, policy).map(r =>
    r.status === 'image-unsigned'
      ? { ...r, detail: `${r.detail} (looked in ${found.looked.join(', ')})` }
      : r
  )
  return { ...base, results, evidence: found.evidence.length, notes: found.notes }
}

function finding(
  target: ImageTarget,
  verdict: Verdict,
  policy: CompiledPolicy,
  failing: { rule: SignatureRuleId; detail: string; requirement: string },
  severity: Severity
): SignatureFinding {
  const rule = RULES.get(failing.rule)!
  const digest = verdict.digest
    ? ` (${verdict.digest.slice(0, 19)}…${verdict.digestResolved ? ', resolved from the tag' : ''})`
    : ''
  return {
    check: SIGNATURES_CHECK,
    ruleId: rule.id,
    severity,
    title: rule.title,
    message: `${target.reference}${digest}: ${failing.detail}.`,
    location: { path: target.path, ...(target.line !== undefined ? { line: target.line } : {}) },
    help: rule.help,
    fingerprint: makeFingerprint(
      SIGNATURES_CHECK,
      rule.id,
      target.path,
      target.name,
      failing.requirement
    ),
    properties: {
      image: target.reference,
      ...(verdict.digest ? { digest: verdict.digest } : {}),
      digestResolved: verdict.digestResolved,
      policy: policy.policy.name,
      via: target.via,
      ...(target.alsoOn.length > 0 ? { alsoOnLines: target.alsoOn.map(String) } : {})
    }
  }
}

function describe(check: EvidenceCheck): string {
  const subject = check.signer?.subject ?? '(no identity)'
  return check.signer?.issuer ? `${subject} (${check.signer.issuer})` : subject
}

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  run: (item: T, index: number) => Promise<void>
): Promise<void> {
  let next = 0
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++
      await run(items[index], index)
    }
  })
  await Promise.all(workers)
}

/** The signatures check as the engine's Check interface runs it. */
export const signaturesCheck: Check<SignaturesSettings, ImageFileHook, 'signatures'> = {
  id: SIGNATURES_CHECK,
  rules: SIGNATURE_RULES,
  parseSettings: parseSignaturesSettings,
  needs: 'verify-signatures other than off, and an image from a registry or a Dockerfile',
  enabled(options: ScanOptions): boolean {
    return (
      (options.verifySignatures ?? 'off') !== 'off' &&
      (options.dockerfiles.length > 0 || registryImage(options) !== undefined)
    )
  },
  async run(input) {
    const { options } = input
    const reference = registryImage(options)
    const result = await runSignaturesCheck(
      {
        dockerfiles: input.dockerfiles,
        ...(reference ? { image: { reference } } : {}),
        repository: options.repository,
        cwd: options.cwd,
        cacheDir: options.signaturesCacheDir,
        auth: { registryAuth: options.registryAuth, githubToken: options.githubToken },
        log: input.context.log
      },
      input.settings,
      options.verifySignatures ?? 'off'
    )
    return {
      check: SIGNATURES_CHECK,
      findings: result.findings,
      suppressed: [],
      rules: SIGNATURE_RULES,
      warnings: result.warnings,
      stats: result.stats,
      tables: result.images.length > 0 ? [trustTable(result.images)] : []
    }
  }
}

/** The scanned image when it is a registry reference (a local archive or layout has no registry). */
function registryImage(options: ScanOptions): string | undefined {
  const image = options.image
  if (!image) return undefined
  if (existsSync(resolve(options.cwd, image)) || /^[./]|\.(tar|tgz|tar\.gz)$/.test(image))
    return undefined
  const colon = image.lastIndexOf(':')
  if (colon > 0 && existsSync(resolve(options.cwd, image.slice(0, colon)))) return undefined // dir:tag layout
  return image
}

/** The summary's trust column: per image, who signed it and which builder made it. */
export function trustTable(images: readonly ImageTrust[]): ReportTable {
  const describe = (image: ImageTrust, requirement: Requirement): string => {
    const result = image.results.find(r => r.requirement === requirement)
    if (!result) return 'not required'
    if (result.status !== 'satisfied') return result.status
    return (requirement === 'provenance' ? result.builder : result.signer) ?? 'verified'
  }
  return {
    check: SIGNATURES_CHECK,
    title: 'Trust per image',
    columns: ['Image', 'Where', 'Digest', 'Policy', 'Signed by', 'Provenance builder'],
    rows: images.map(image => [
      image.reference,
      image.line !== undefined ? `${image.path}:${image.line}` : image.path,
      image.digest
        ? `${image.digest.slice(0, 19)}…${image.digestResolved ? ' (resolved from the tag)' : ''}`
        : 'not resolved',
      image.policy ?? 'none',
      describe(image, 'signature'),
      describe(image, 'provenance')
    ])
  }
}
