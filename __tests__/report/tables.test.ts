import { describe, expect, it } from '@jest/globals'
import { renderSummary } from '../../src/report/summary.js'
import { trustTable } from '../../src/signatures/check.js'
import { githubReferences, renderGfm, tagSequence, visibleText } from '../helpers/gfm.js'
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
    // Rendered as GitHub renders it: the cells read as written, in six columns.
    const html = renderGfm(
      rows.join('\n').replace(/^/, '| a | b | c | d | e | f |\n| - | - | - | - | - | - |\n')
    )
    const text = visibleText(html).replace(/\u200b/g, '')
    expect(text).toContain('(resolved from the tag)')
    expect(text).toContain('not required')
    expect(text).toContain('image-unsigned')
    expect(text).toContain('evil/![x](https://t.example/p.png)|@octocat')
    // No image, no link, no mention and no extra column can come out of an image name.
    const tags = tagSequence(html)
    expect(tags.filter(t => t === 'img' || t === 'a')).toEqual([])
    expect(tags.filter(t => t === 'td')).toHaveLength(12)
    expect(githubReferences(visibleText(html))).toEqual([])
  })
})
