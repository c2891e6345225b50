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
}

export const DEFAULT_VULNERABILITY_SETTINGS: VulnerabilitySettings = {
  onDataError: 'fail',
  apiConcurrency: 8,
  apiRetries: 3,
  apiTimeoutSeconds: 60,
  showUnimportant: false
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
    'show-unimportant'
  ])
  const d = DEFAULT_VULNERABILITY_SETTINGS
  const onDataError = entries.get('on-data-error')
  return {
    onDataError: onDataError ? onDataError.oneOf(['fail', 'warn'] as const) : d.onDataError,
    apiConcurrency: integerIn(node.get('api-concurrency'), 1, 64, d.apiConcurrency),
    apiRetries: integerIn(node.get('api-retries'), 0, 10, d.apiRetries),
    apiTimeoutSeconds: integerIn(node.get('api-timeout-seconds'), 1, 600, d.apiTimeoutSeconds),
    showUnimportant: entries.get('show-unimportant')?.optionalBoolean() ?? d.showUnimportant
  }
}
