import { existsSync, statSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { InputError } from '../model/errors.js'
import { CHECKS, THRESHOLDS, type CheckId, type Threshold } from '../model/finding.js'
import type { CommitRange, ScanOptions, VerifyMode, VulnDbSource } from '../model/scan.js'
import { parseCommitRange } from '../secrets/history.js'
import { EMPTY_FILE_CONFIG, loadConfigFile, type FileConfig } from './file.js'

export const DEFAULT_OSV_API_URL = 'https://api.osv.dev'
export const DEFAULT_CONFIG_FILE = '.container-gate.yml'
export const VERIFY_MODES = ['off', 'warn', 'enforce'] as const

/** Everything the engine needs, parsed and validated once at the edge (action inputs or CLI flags). */
export interface GateConfig extends ScanOptions {
  failOn: Threshold
  failOnByCheck: Partial<Record<CheckId, Threshold>>
  /** The config file that was loaded, if any. */
  configFile?: string
  file: FileConfig
  sarifFile?: string
  sbomFile?: string
}

/**
 * The same scan for another checkout of the repository (the pull request's
 * base commit in `dir`): no image (only the head's image exists), no history,
 * no files written, and only the paths that exist there (a PR may add them).
 */
export function baseScanConfig<C extends GateConfig>(config: C, dir: string): C {
  return {
    ...config,
    cwd: dir,
    image: undefined,
    secretsHistory: undefined,
    sarifFile: undefined,
    sbomFile: undefined,
    dockerfiles: config.dockerfiles.filter(p => /[*?[{]/.test(p) || existsSync(resolve(dir, p))),
    secretsPaths: config.secretsPaths.filter(p => existsSync(resolve(dir, p)))
  }
}

/** The raw option strings, as the action inputs or CLI flags gave them. */
export interface RawOptions {
  dockerfile: string[]
  image: string
  platform: string
  secretsPath: string[]
  vulnDb: string
  osvApiUrl: string
  failOn: string
  dockerfileFailOn: string
  secretsFailOn: string
  vulnerabilitiesFailOn: string
  signaturesFailOn: string
  ignoreUnfixed: string
  config: string
  sarifFile: string
  sbomFile: string
  registryUsername: string
  registryPassword: string
  osvCacheDir: string
  /** `BASE..HEAD`; the action also takes `auto` (a pull request's commits) and `none`. */
  secretsHistory: string
  /** off | warn | enforce (default warn). */
  verifySignatures: string
  kevFile: string
  epssFile: string
  /** true | false; empty: the config file's, else true. */
  failOnKev: string
  /** A probability (0 < p ≤ 1); empty: none. */
  failOnEpss: string
  /** VEX documents, comma- or newline-separated. */
  vex: string[]
}

/** How a front-end names an option in error messages: `input 'fail-on'` or `--fail-on`. */
export type OptionNamer = (option: keyof RawOptions) => string

export const KEBAB: Record<keyof RawOptions, string> = {
  dockerfile: 'dockerfile',
  image: 'image',
  platform: 'platform',
  secretsPath: 'secrets-path',
  vulnDb: 'vuln-db',
  osvApiUrl: 'osv-api-url',
  failOn: 'fail-on',
  dockerfileFailOn: 'dockerfile-fail-on',
  secretsFailOn: 'secrets-fail-on',
  vulnerabilitiesFailOn: 'vulnerabilities-fail-on',
  signaturesFailOn: 'signatures-fail-on',
  ignoreUnfixed: 'ignore-unfixed',
  config: 'config',
  sarifFile: 'sarif-file',
  sbomFile: 'sbom-file',
  registryUsername: 'registry-username',
  registryPassword: 'registry-password',
  osvCacheDir: 'osv-cache-dir',
  secretsHistory: 'secrets-history',
  verifySignatures: 'verify-signatures',
  kevFile: 'kev-file',
  epssFile: 'epss-file',
  failOnKev: 'fail-on-kev',
  failOnEpss: 'fail-on-epss',
  vex: 'vex'
}

/** Split a list input: newline- or comma-separated, trimmed, empties dropped. */
export function splitList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map(item => item.trim())
    .filter(item => item.length > 0)
}

export function parseBoolean(value: string, name: string): boolean {
  const v = value.trim().toLowerCase()
  if (v === '') return false
  if (v === 'true') return true
  if (v === 'false') return false
  throw new InputError(`${name} has value "${value}"; allowed: true, false`)
}

/** A code-scanning category: path-like, no spaces (code scanning groups uploads by it). */
export function parseSarifCategory(value: string, name: string): string | undefined {
  const v = value.trim()
  if (v === '') return undefined
  if (!/^[A-Za-z0-9._/-]{1,200}$/.test(v)) {
    throw new InputError(
      `${name} has value "${v.slice(0, 80)}"; allowed: letters, digits, '.', '_', '-' and '/'`
    )
  }
  return v
}

export function parseThreshold(value: string, name: string): Threshold {
  const v = value.trim().toLowerCase()
  if ((THRESHOLDS as readonly string[]).includes(v)) return v as Threshold
  throw new InputError(`${name} has value "${value}"; allowed: ${THRESHOLDS.join(', ')}`)
}

// A path.resolve() with a literal file name is what ncc's asset relocator rewrites into a
// path inside dist/ (it bundled fixtures/demo as "assets"); a helper whose arguments are
// both parameters is left alone.
function inDirectory(dir: string, file: string): string {
  return resolve(dir, file)
}

/** kev-file, epss-file, fail-on-kev, fail-on-epss, vex: checked here, read by the vulnerabilities check. */
function vulnerabilityInputs(
  raw: RawOptions,
  cwd: string,
  name: OptionNamer
): ScanOptions['vulnerabilityInputs'] {
  const file = (key: 'kevFile' | 'epssFile'): string | undefined => {
    const value = raw[key].trim()
    if (value === '') return undefined
    const path = resolve(cwd, value)
    if (!existsSync(path) || !statSync(path).isFile())
      throw new InputError(`${name(key)} has value "${value}"; no such file`)
    return path
  }
  const epssText = raw.failOnEpss.trim()
  let failOnEpss: number | undefined
  if (epssText !== '') {
    failOnEpss = /^(?:0?\.\d+|1(?:\.0+)?)$/.test(epssText) ? Number(epssText) : Number.NaN
    if (!(failOnEpss > 0 && failOnEpss <= 1))
      throw new InputError(
        `${name('failOnEpss')} has value "${epssText.slice(0, 80)}"; expected an EPSS probability above 0 and at most 1, e.g. 0.1`
      )
  }
  const vex = raw.vex.flatMap(splitList)
  for (const path of vex) {
    if (!existsSync(resolve(cwd, path)))
      throw new InputError(`${name('vex')} has value "${path}"; no such file`)
  }
  return {
    kevFile: file('kevFile'),
    epssFile: file('epssFile'),
    failOnKev:
      raw.failOnKev.trim() === '' ? undefined : parseBoolean(raw.failOnKev, name('failOnKev')),
    failOnEpss,
    vex: vex.length ? vex : undefined
  }
}

/** Validate raw options into the typed config; loads the config file. */
export function buildGateConfig(raw: RawOptions, cwd: string, name: OptionNamer): GateConfig {
  const failOn = parseThreshold(raw.failOn || 'high', name('failOn'))
  const failOnByCheck: Partial<Record<CheckId, Threshold>> = {}
  const perCheck: Record<CheckId, keyof RawOptions> = {
    dockerfile: 'dockerfileFailOn',
    secrets: 'secretsFailOn',
    vulnerabilities: 'vulnerabilitiesFailOn',
    signatures: 'signaturesFailOn'
  }
  for (const check of CHECKS) {
    const value = raw[perCheck[check]] as string
    if (value.trim() !== '') failOnByCheck[check] = parseThreshold(value, name(perCheck[check]))
  }

  let dockerfiles = raw.dockerfile.flatMap(splitList)
  if (dockerfiles.length === 0 && existsSync(inDirectory(cwd, 'Dockerfile')))
    dockerfiles = ['Dockerfile']

  const vulnDbRaw = raw.vulnDb.trim() || 'osv-api'
  let vulnDb: VulnDbSource
  if (vulnDbRaw.toLowerCase() === 'osv-api') {
    const url = raw.osvApiUrl.trim() || DEFAULT_OSV_API_URL
    if (!/^https?:\/\/[^\s/]+/.test(url)) {
      throw new InputError(`${name('osvApiUrl')} has value "${url}"; expected an http(s) URL`)
    }
    vulnDb = { kind: 'osv-api', url: url.replace(/\/+$/, '') }
  } else {
    const path = resolve(cwd, vulnDbRaw)
    if (!existsSync(path)) {
      throw new InputError(
        `${name('vulnDb')} has value "${vulnDbRaw}"; allowed: osv-api, or a directory or .zip of OSV records (no such path)`
      )
    }
    vulnDb = { kind: 'path', path }
  }

  let configFile: string | undefined
  if (raw.config.trim() !== '') {
    configFile = resolve(cwd, raw.config.trim())
    if (!existsSync(configFile) || !statSync(configFile).isFile()) {
      throw new InputError(`${name('config')} has value "${raw.config.trim()}"; no such file`)
    }
  } else if (existsSync(inDirectory(cwd, DEFAULT_CONFIG_FILE))) {
    configFile = inDirectory(cwd, DEFAULT_CONFIG_FILE)
  }
  const file = configFile
    ? loadConfigFile(configFile, relative(cwd, configFile) || configFile, cwd)
    : EMPTY_FILE_CONFIG

  const platform = raw.platform.trim()
  if (platform && !/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/.test(platform)) {
    throw new InputError(
      `${name('platform')} has value "${platform}"; expected os/arch[/variant], e.g. linux/amd64`
    )
  }

  const username = raw.registryUsername.trim()
  const password = raw.registryPassword
  if ((username === '') !== (password === '')) {
    throw new InputError(
      `${username ? name('registryPassword') : name('registryUsername')} is empty; ` +
        `${name('registryUsername')} and ${name('registryPassword')} go together`
    )
  }
  // Checked here, before any image is pulled or read, so a typo fails in a second.
  const secretsPaths = raw.secretsPath.flatMap(splitList)
  for (const path of secretsPaths) {
    if (!existsSync(resolve(cwd, path)))
      throw new InputError(`${name('secretsPath')} has value "${path}"; no such file or directory`)
  }
  const osvCacheDir = raw.osvCacheDir.trim()
  const historyText = raw.secretsHistory.trim()
  let secretsHistory: CommitRange | undefined
  const historyWord = historyText.toLowerCase()
  if (historyText !== '' && historyWord !== 'auto' && historyWord !== 'none') {
    secretsHistory = parseCommitRange(historyText)
    if (!secretsHistory)
      throw new InputError(
        `${name('secretsHistory')} has value "${historyText.slice(0, 80)}"; allowed: auto, none, or a commit range BASE..HEAD`
      )
  }

  const verify = raw.verifySignatures.trim().toLowerCase() || 'warn'
  if (!(VERIFY_MODES as readonly string[]).includes(verify)) {
    throw new InputError(
      `${name('verifySignatures')} has value "${raw.verifySignatures.trim().slice(0, 80)}"; allowed: ${VERIFY_MODES.join(', ')}`
    )
  }

  return {
    cwd,
    dockerfiles,
    vulnerabilityInputs: vulnerabilityInputs(raw, cwd, name),
    verifySignatures: verify as VerifyMode,
    signaturesCacheDir: osvCacheDir ? resolve(cwd, osvCacheDir, 'sigstore') : undefined,
    image: raw.image.trim() || undefined,
    platform: platform || undefined,
    secretsPaths,
    vulnDb,
    failOn,
    failOnByCheck,
    ignoreUnfixed: parseBoolean(raw.ignoreUnfixed, name('ignoreUnfixed')),
    configFile,
    file,
    sarifFile: raw.sarifFile.trim() || undefined,
    sbomFile: raw.sbomFile.trim() || undefined,
    registryAuth: username ? { username, password } : undefined,
    osvCacheDir: osvCacheDir ? resolve(cwd, osvCacheDir) : undefined,
    secretsHistory
  }
}
