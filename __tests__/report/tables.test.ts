import { describe, expect, it } from '@jest/globals'
import { renderSummary } from '../../src/report/summary.js'
import { trustTable } from '../../src/signatures/check.js'
import { makeInput } from './sample.js'

describe('tables a check adds to the summary', () => {
  const table = trustTable([
    {
      reference: 'cgr.dev/chainguard/node:latest',
      digest: 'sha256:' + 'a'.repeat(64),
      digestResolved: true,
      path: 'Dockerfile',
      line: 1,
      policy: 'preset chainguard',
      results: [
        {
          requirement: 'signature',
          status: 'satisfied',
          signer:
            'https://github.com/chainguard-images/images/.github/workflows/release.yaml@refs/heads/main'
        }
      ]
    },
    {
      reference: 'evil/![x](https://t.example/p.png)|@octocat',
      digestResolved: false,
      path: 'Dockerfile',
      line: 7,
      results: [{ requirement: 'signature', status: 'image-unsigned' }]
    }
  ])

  it('renders the trust column under the check, one row per image, every cell escaped', () => {
    const summary = renderSummary({
      ...makeInput({ checksRun: ['dockerfile', 'signatures'] }),
      tables: [table]
    })
    expect(summary).toContain('#### Trust per image')
    expect(summary).toContain(
      '| Image | Where | Digest | Policy | Signed by | Provenance builder |'
    )
    const rows = summary
      .split('\n')
      .filter(l => l.startsWith('| cgr.dev') || l.startsWith('| evil'))
    expect(rows).toHaveLength(2)
    expect(rows[0]).toContain('\\(resolved from the tag\\)')
    expect(rows[0]).toContain('not required')
    expect(rows[1]).toContain('image-unsigned')
    // No image, no link, no mention and no extra column can come out of an image name.
    expect(rows[1]).not.toContain('![')
    expect(rows[1]).not.toContain('@octocat')
    expect(rows[1]!.split(/(?<!\\)\|/).length).toBe(rows[0]!.split(/(?<!\\)\|/).length)
  })
})
