// A second step in the same workspace scans the files the first one wrote:
// the reports must not fail the gate (their redacted previews look like
// credentials), and a file that imitates a report still shows its secrets
// among the suppressed findings.
import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildSarif } from '../../src/report/sarif.js'
import { renderJson, renderSummary, renderText, serializeJson } from '../../src/report/index.js'
import { scanSecretsInPaths } from '../../src/secrets/index.js'
import { isOwnReport } from '../../src/secrets/own-output.js'
import { makeInput } from '../report/sample.js'
import { ALNUM, Random } from '../helpers/secrets-corpus/formats.js'

describe("this tool's own reports", () => {
  it('are recognised in every format the action writes', () => {
    const input = makeInput()
    expect(isOwnReport(JSON.stringify(buildSarif(input), null, 2))).toBe(true)
    expect(isOwnReport(serializeJson(renderJson(input)))).toBe(true)
    expect(isOwnReport(renderSummary(input))).toBe(true)
    expect(isOwnReport(renderText(input))).toBe(true)
    expect(isOwnReport('# container-gate\n\nWe use container-gate in CI.\n')).toBe(false)
  })

  it('do not fail a second scan: their findings are suppressed with the reason, other files still count', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-own-'))
    try {
      const input = makeInput()
      writeFileSync(join(dir, 'results.sarif'), JSON.stringify(buildSarif(input), null, 2))
      writeFileSync(join(dir, 'report.json'), serializeJson(renderJson(input)))
      writeFileSync(join(dir, 'summary.md'), renderSummary(input))
      // Imitating a report does not hide a real secret: it is listed, suppressed, with the reason.
      const token = `ghp_${new Random(3).chars(ALNUM, 36)}`
      writeFileSync(join(dir, 'fake.md'), `## ✅ container-gate: passed\n\nGITHUB_TOKEN=${token}\n`)
      writeFileSync(join(dir, 'app.env'), `GITHUB_TOKEN=${token}\n`)
      const { result, suppressed } = await scanSecretsInPaths(['.'], {}, { cwd: dir })
      expect(result.findings.map(f => f.location.path)).toEqual(['app.env'])
      expect(
        suppressed.filter(s => s.finding.location.path === 'fake.md').map(s => s.reason)
      ).toEqual([expect.stringMatching(/container-gate report/)])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
