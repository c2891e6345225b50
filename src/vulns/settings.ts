import type { ConfigNode } from '../model/config-node.js'

/** `checks.vulnerabilities` in .container-gate.yml. */
export interface VulnerabilitySettings {
  /**
   * What to do when the vulnerability data cannot be had (OSV API down,
   * rate-limited, records missing): `fail` (default) stops the run so the
   * gate never passes for lack of data; `warn` carries on with a warning
   * and whatever could be matched.
   */
  onDataError: 'fail' | 'warn'
  /** Parallel `GET /v1/vulns/{id}` requests. */
  apiConcurrency: number
  /** Retries after the first attempt on 429, 5xx and network errors. */
  apiRetries: number
  /** Per-request timeout. */
  apiTimeoutSeconds: number
  /**
   * Report advisories the distribution rates as not worth fixing (Debian
   * `unimportant`, Ubuntu `negligible`). Hidden by default, as osv-scanner does.
   */
  showUnimportant: boolean
  /**
   * CISA's KEV catalog: a local copy (`kev-file`, for offline runs), else fetched from `kev-url`
   * (default CISA's feed; `off`: not used). Relative paths are from the repository root.
   */
  kevFile?: string
  kevUrl?: string
  epssFile?: string
  epssUrl?: string
  /** A KEV-listed vulnerability fails the gate whatever its severity (default true). */
  failOnKev: boolean
  /** An EPSS probability (0…1) at or above which a vulnerability fails the gate; default none. */
  failOnEpss?: number
  /** VEX documents (OpenVEX, CycloneDX VEX), besides `.vex/**` and `*.openvex.json` in the repository. */
  vex: string[]
}

export const DEFAULT_VULNERABILITY_SETTINGS: VulnerabilitySettings = {
  onDataError: 'fail',
  apiConcurrency: 8,
  apiRetries: 3,
  apiTimeoutSeconds: 60,
  showUnimportant: false,
  failOnKev: true,
  vex: []
}

function integerIn(node: ConfigNode, min: number, max: number, fallback: number): number {
  const value = node.optionalNumber()
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value < min || value > max) {
    node.fail(`expected a whole number from ${min} to ${max}`)
  }
  return value
}

export function parseVulnerabilitySettings(node: ConfigNode): VulnerabilitySettings {
  const entries = node.entries([
    'on-data-error',
    'api-concurrency',
    'api-retries',
    'api-timeout-seconds',
    'show-unimportant',
    'kev-file',
    'kev-url',
    'epss-file',
    'epss-url',
    'fail-on-kev',
    'fail-on-epss',
    'vex'
  ])
  const d = DEFAULT_VULNERABILITY_SETTINGS
  const onDataError = entries.get('on-data-error')
  return {
    onDataError: onDataError ? onDataError.oneOf(['fail', 'warn'] as const) : d.onDataError,
    apiConcurrency: integerIn(node.get('api-concurrency'), 1, 64, d.apiConcurrency),
    apiRetries: integerIn(node.get('api-retries'), 0, 10, d.apiRetries),
    apiTimeoutSeconds: integerIn(node.get('api-timeout-seconds'), 1, 600, d.apiTimeoutSeconds),
    showUnimportant: entries.get('show-unimportant')?.optionalBoolean() ?? d.showUnimportant,
    kevFile: entries.get('kev-file')?.optionalString(),
    kevUrl: feedUrl(entries.get('kev-url')),
    epssFile: entries.get('epss-file')?.optionalString(),
    epssUrl: feedUrl(entries.get('epss-url')),
    failOnKev: entries.get('fail-on-kev')?.optionalBoolean() ?? d.failOnKev,
    failOnEpss: probability(entries.get('fail-on-epss')),
    vex: vexList(entries.get('vex'))
  }
}

/** `off`, or an http(s) URL (a mirror of the feed). */
function feedUrl(node: ConfigNode | undefined): string | undefined {
  const value = node?.optionalString()?.trim()
  if (value === undefined) return undefined
  if (value !== 'off' && !/^https?:\/\/[^\s/]+/.test(value))
    node!.fail(`expected an http(s) URL or off, got "${value.slice(0, 80)}"`)
  return value
}

function probability(node: ConfigNode | undefined): number | undefined {
  const value = node?.optionalNumber()
  if (value === undefined) return undefined
  if (!(value > 0 && value <= 1))
    node!.fail(`expected an EPSS probability above 0 and at most 1, e.g. 0.1`)
  return value
}

function vexList(node: ConfigNode | undefined): string[] {
  return node
    ? node
        .stringList()
        .map(p => p.trim())
        .filter(p => p !== '')
    : []
}
