import { parseArgs } from 'node:util'
import { InputError } from '../model/errors.js'
import { closestMatch } from '../util/closest.js'
import { FINGERPRINT_KEY_ENV } from '../config/fingerprint-key.js'
import { resolve } from 'node:path'
import {
  buildGateConfig,
  KEBAB,
  parseSarifCategory,
  type GateConfig,
  type RawOptions
} from '../config/gate-config.js'
import {
  DEFAULT_BASELINE_FILE,
  parseGateOn,
  readBaselineFile,
  type Baseline,
  type GateOn
} from '../pr/index.js'

export const OUTPUT_FORMATS = ['text', 'json', 'sarif'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

export interface CliConfig extends GateConfig {
  format: OutputFormat
  /** Write the report here instead of stdout. */
  output?: string
  color: boolean
  /** `new`: only findings absent from `baseline` fail the gate. */
  gateOn: GateOn
  baseline?: Baseline
  /** --baseline as given, for messages. */
  baselineShownAs?: string
  /** With gate-on new: a git commit (ref) whose findings count as existing, scanned in a worktree. */
  base?: string
  sarifCategory?: string
}

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'scan'; config: CliConfig; fingerprintKey: string }
  | { kind: 'baseline'; config: CliConfig; output: string; fingerprintKey: string }

export const USAGE = `Usage: container-gate [scan] [options]
       container-gate baseline [options] [--output FILE]

Lints Dockerfiles, scans an image's packages for known vulnerabilities, finds
hardcoded secrets, and fails (exit 1) when findings reach the threshold.
\`baseline\` runs the same scan and writes the findings' fingerprints (no
secrets) to FILE (default ${DEFAULT_BASELINE_FILE}) for --gate-on new.

Inputs
  --dockerfile PATH|GLOB   Dockerfile(s) to lint; repeatable, or comma-separated
                           (default: ./Dockerfile when it exists)
  --image REF|PATH         image to scan: a reference, a docker-archive tar, an OCI
                           archive tar (plain, .gz or .zst) or an OCI layout directory
  --platform OS/ARCH       platform to pick from a multi-platform image (default: this machine's)
  --secrets-path PATH      path to scan for secrets; repeatable (default: .)
  --no-secrets             do not scan for secrets
  --secrets-history BASE..HEAD
                           also scan the lines each commit in the range added (a secret
                           deleted in a later commit is still in the git history)
  --vuln-db osv-api|DIR|ZIP
                           vulnerability data: the OSV API (default) or OSV records on disk
  --osv-api-url URL        OSV API base URL (default: https://api.osv.dev)
  --osv-cache-dir DIR      keep OSV API records here between runs (unchanged ones are not fetched)
  --registry-username NAME registry user for pulling --image; the password is read from
                           CONTAINER_GATE_REGISTRY_PASSWORD (default: ~/.docker/config.json)
  --config FILE            config file (default: .container-gate.yml when present)
  --verify-signatures MODE off|warn|enforce: verify the Sigstore signatures and provenance of the
                           images the Dockerfiles use and of --image (default: warn)
  --kev-file FILE          CISA KEV catalog (JSON) to use instead of fetching it
  --epss-file FILE         FIRST EPSS scores (CSV, plain or .gz) to use instead of fetching them
  --vex FILE               OpenVEX or CycloneDX VEX document; repeatable, or comma-separated
                           (default: .vex/**/*.json and *.openvex.json in the repository)
  --repository OWNER/NAME  this repository, for the github-repository signing preset
  --fingerprint-key KEY    key for secret fingerprints (better: CONTAINER_GATE_FINGERPRINT_KEY,
                           a flag shows in the process list); default: derived from the
                           repository's root commits, else GITHUB_REPOSITORY_ID

Gate
  --fail-on SEV            critical|high|medium|low|none (default: high)
  --dockerfile-fail-on SEV, --secrets-fail-on SEV, --vulnerabilities-fail-on SEV,
  --signatures-fail-on SEV per-check thresholds (default: --fail-on)
  --ignore-unfixed         ignore vulnerabilities that have no fixed version yet
  --fail-on-kev true|false a vulnerability in CISA's KEV catalog fails whatever its severity
                           (default: true)
  --fail-on-epss P         a vulnerability with an EPSS probability of P (0-1) or more fails
  --gate-on all|new        new: only findings absent from --baseline fail (default: all)
  --baseline FILE          baseline written by \`container-gate baseline\`
  --base REF               with --gate-on new: findings already present at this commit
                           (scanned in a temporary git worktree) count as existing

Output
  --format text|json|sarif report format on stdout (default: text)
  --output FILE            write the report to FILE instead of stdout
  --sarif-file FILE        also write a SARIF 2.1.0 file
  --sarif-category ID      SARIF automationDetails prefix (default: container-gate)
  --sbom-file FILE         write a CycloneDX SBOM of the image
  --no-color               plain text even on a terminal
  -h, --help               show this help
  -v, --version            show the version

Flags are named as the action's inputs; --secrets, --sarif, --sbom and --osv-cache still work.
Values of fixed choices (--format, --fail-on, --gate-on, …) are case-insensitive.

Exit status: 0 gate passed, 1 gate failed, 2 usage or input error.
`

/**
 * Flags share the action inputs' names (`--secrets-path` for `secrets-path`);
 * the shorter spellings of earlier releases still work, and an error names the
 * option as the user wrote it.
 */
const ALIASES: Record<string, string> = {
  secrets: 'secrets-path',
  sarif: 'sarif-file',
  sbom: 'sbom-file',
  'osv-cache': 'osv-cache-dir'
}

const OPTIONS = {
  dockerfile: { type: 'string', multiple: true },
  image: { type: 'string' },
  platform: { type: 'string' },
  'secrets-path': { type: 'string', multiple: true },
  secrets: { type: 'string', multiple: true },
  'no-secrets': { type: 'boolean' },
  'vuln-db': { type: 'string' },
  'osv-api-url': { type: 'string' },
  'osv-cache-dir': { type: 'string' },
  'osv-cache': { type: 'string' },
  'secrets-history': { type: 'string' },
  'registry-username': { type: 'string' },
  config: { type: 'string' },
  'fail-on': { type: 'string' },
  'dockerfile-fail-on': { type: 'string' },
  'secrets-fail-on': { type: 'string' },
  'vulnerabilities-fail-on': { type: 'string' },
  'signatures-fail-on': { type: 'string' },
  'verify-signatures': { type: 'string' },
  repository: { type: 'string' },
  'fingerprint-key': { type: 'string' },
  'ignore-unfixed': { type: 'boolean' },
  'kev-file': { type: 'string' },
  'epss-file': { type: 'string' },
  'fail-on-kev': { type: 'string' },
  'fail-on-epss': { type: 'string' },
  vex: { type: 'string', multiple: true },
  'gate-on': { type: 'string' },
  baseline: { type: 'string' },
  base: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
  'sarif-file': { type: 'string' },
  sarif: { type: 'string' },
  'sarif-category': { type: 'string' },
  'sbom-file': { type: 'string' },
  sbom: { type: 'string' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' }
} as const

/** Every flag as written on the command line, for "did you mean". */
const FLAG_NAMES = Object.keys(OPTIONS).map(name => `--${name}`)

/** node:util's parse errors, as one line of ours: the option, and the closest real one. */
function usageError(error: unknown): InputError {
  const code = (error as { code?: string }).code
  const message = (error as Error).message
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = /'(-[^']*)'/.exec(message)?.[1] ?? ''
    const name = flag.split('=')[0]!
    const near = closestMatch(name, FLAG_NAMES)
    return new InputError(
      `unknown option ${name}${near ? `; did you mean ${near}?` : ''} (see container-gate --help)`
    )
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = /(--[\w-]+)/.exec(message)?.[1]
    if (flag && message.includes('argument missing'))
      return new InputError(`${flag} needs a value (see container-gate --help)`)
    if (flag) return new InputError(`${flag} takes no value (see container-gate --help)`)
  }
  // Other node messages are one line and name the option; drop their quotes, add the way out.
  return new InputError(
    `${message.replace(/\s+/g, ' ').replace(/['"]/g, '').trim()} (see container-gate --help)`
  )
}

/** Parse argv (without node and script). Usage errors throw InputError. */
export function parseCliArgs(argv: string[], cwd: string, isTty: boolean): CliCommand {
  let parsed
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS })
  } catch (error) {
    throw usageError(error)
  }
  const { values: given, positionals } = parsed
  // The older spellings join their canonical flag; errors keep the name the user wrote.
  const values = { ...given } as typeof given
  const spelled: Record<string, string> = {}
  for (const [old, canonical] of Object.entries(ALIASES)) {
    const o = old as keyof typeof given
    const c = canonical as keyof typeof given
    if (given[o] === undefined) continue
    spelled[canonical] = `--${old}`
    const both = [given[c], given[o]].flat().filter(v => v !== undefined)
    ;(values as Record<string, unknown>)[canonical] = Array.isArray(given[o]) ? both : given[o]
  }
  const flag = (canonical: string) => spelled[canonical] ?? `--${canonical}`
  if (values.help) return { kind: 'help' }
  if (values.version) return { kind: 'version' }
  const subcommand = positionals[0] ?? 'scan'
  if (positionals.length > 1 || (subcommand !== 'scan' && subcommand !== 'baseline')) {
    const unexpected = positionals.length > 1 ? positionals[1] : positionals[0]
    throw new InputError(`unexpected argument "${unexpected}" (see container-gate --help)`)
  }
  const gateOn = parseGateOn(values['gate-on'] ?? '', '--gate-on')
  if (
    subcommand === 'baseline' &&
    (values.format || values['gate-on'] || values.baseline || values.base)
  ) {
    throw new InputError(
      'baseline takes the scan options and --output only (see container-gate --help)'
    )
  }

  const format = (values.format ?? 'text').trim().toLowerCase()
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new InputError(`--format has value "${format}"; allowed: ${OUTPUT_FORMATS.join(', ')}`)
  }
  const base = values.base?.trim()
  if (base !== undefined) {
    if (gateOn !== 'new')
      throw new InputError('--base needs --gate-on new (see container-gate --help)')
    // A ref git could read as an option, a range or a path is refused before git sees it.
    if (!/^[A-Za-z0-9][\w./~^@{}-]*$/.test(base) || base.includes('..') || base.length > 256)
      throw new InputError(
        `--base has value "${base.slice(0, 80)}"; expected a commit or branch name`
      )
  }
  if (values['no-secrets'] && values['secrets-path']) {
    throw new InputError(`${flag('secrets-path')} and --no-secrets contradict each other`)
  }

  if (values['sbom-file'] && !values.image)
    throw new InputError(`${flag('sbom-file')} needs --image: the SBOM describes a scanned image`)
  const raw: RawOptions = {
    dockerfile: values.dockerfile ?? [],
    image: values.image ?? '',
    platform: values.platform ?? '',
    secretsPath: values['no-secrets'] ? [] : (values['secrets-path'] ?? ['.']),
    vulnDb: values['vuln-db'] ?? '',
    osvApiUrl: values['osv-api-url'] ?? '',
    failOn: values['fail-on'] ?? '',
    dockerfileFailOn: values['dockerfile-fail-on'] ?? '',
    secretsFailOn: values['secrets-fail-on'] ?? '',
    vulnerabilitiesFailOn: values['vulnerabilities-fail-on'] ?? '',
    signaturesFailOn: values['signatures-fail-on'] ?? '',
    ignoreUnfixed: values['ignore-unfixed'] ? 'true' : 'false',
    config: values.config ?? '',
    sarifFile: values['sarif-file'] ?? '',
    sbomFile: values['sbom-file'] ?? '',
    registryUsername: values['registry-username'] ?? '',
    // From the environment, not a flag: a flag's value shows in the process list.
    registryPassword: values['registry-username']
      ? (process.env.CONTAINER_GATE_REGISTRY_PASSWORD ?? '')
      : '',
    osvCacheDir: values['osv-cache-dir'] ?? '',
    secretsHistory: values['secrets-history'] ?? '',
    verifySignatures: values['verify-signatures'] ?? '',
    kevFile: values['kev-file'] ?? '',
    epssFile: values['epss-file'] ?? '',
    failOnKev: values['fail-on-kev'] ?? '',
    failOnEpss: values['fail-on-epss'] ?? '',
    vex: values.vex ?? []
  }
  const config = buildGateConfig(raw, cwd, key =>
    key === 'registryPassword' ? 'CONTAINER_GATE_REGISTRY_PASSWORD' : flag(KEBAB[key])
  )
  const repository = values.repository?.trim()
  if (repository !== undefined && !/^[\w.-]+\/[\w.-]+$/.test(repository))
    throw new InputError(`--repository has value "${repository.slice(0, 80)}"; expected OWNER/NAME`)
  const cliConfig: CliConfig = {
    ...config,
    repository,
    format: format as OutputFormat,
    output: values.output,
    color: isTty && !values['no-color'] && !process.env.NO_COLOR,
    gateOn,
    base,
    sarifCategory: parseSarifCategory(values['sarif-category'] ?? '', '--sarif-category'),
    baseline: values.baseline
      ? readBaselineFile(resolve(cwd, values.baseline), values.baseline, cwd)
      : undefined,
    baselineShownAs: values.baseline
  }
  // Resolved (with the git-derived default) by runCli; the flag wins over the environment.
  const fingerprintKey = values['fingerprint-key'] ?? process.env[FINGERPRINT_KEY_ENV] ?? ''
  if (values['fingerprint-key'] !== undefined && values['fingerprint-key'].trim() === '')
    throw new InputError('--fingerprint-key is empty (see container-gate --help)')
  if (subcommand === 'baseline') {
    return {
      kind: 'baseline',
      config: cliConfig,
      output: values.output ?? DEFAULT_BASELINE_FILE,
      fingerprintKey
    }
  }
  return { kind: 'scan', config: cliConfig, fingerprintKey }
}
