import { describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { scanSecretsInPaths } from '../../src/secrets/index.js'

const root = join(import.meta.dirname, '..', '..')

describe('fixtures/secrets/sample-repo', () => {
  it('reports the committed leaks, examples at info, a default password at low, and none of the look-alikes', async () => {
    const { result, suppressed } = await scanSecretsInPaths(
      ['fixtures/secrets/sample-repo'],
      {},
      { cwd: root }
    )
    const base = 'fixtures/secrets/sample-repo/'
    expect(
      result.findings.map(f => [
        f.location.path.replace(base, ''),
        f.location.line,
        f.ruleId,
        f.severity
      ])
    ).toEqual([
      ['.env', 2, 'generic-credential-assignment', 'high'],
      ['.env', 3, 'generic-credential-assignment', 'high'],
      ['.netrc', 3, 'netrc-password', 'high'],
      ['config/docker-config.json', 4, 'docker-config-auth', 'critical'],
      ['config/settings.yaml', 2, 'database-url-password', 'high'],
      ['docs/setup.md', 5, 'aws-access-key-id', 'info'],
      ['docs/setup.md', 6, 'aws-secret-access-key', 'info'],
      ['docs/setup.md', 8, 'weak-default-credential', 'low'],
      ['k8s/secret.yaml', 8, 'kubernetes-secret-data', 'high']
    ])
    expect(suppressed.map(s => [s.finding.location.path.replace(base, ''), s.reason])).toEqual([
      ['src/client.py', 'inline allow comment on the line']
    ])
    expect(result.stats.files).toBe(8)
    expect(result.findings[0]!.message).toBe(
      'DB_PASSWORD is assigned a hardcoded credential Tq7…(15 chars).'
    )
    expect(JSON.stringify(result)).not.toContain('Tq7!vRm2')
  })
})
