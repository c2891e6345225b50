import { describe, expect, it } from '@jest/globals'
import { generateCorpus } from '../helpers/secrets-corpus/generate.js'
import { scoreCorpus } from '../helpers/secrets-corpus/score.js'
import { scanContent } from '../helpers/secrets-scan.js'

describe('labelled corpus', () => {
  const corpus = generateCorpus(20260101)

  it('is deterministic for a seed and different for another', () => {
    expect(generateCorpus(20260101)).toEqual(corpus)
    expect(generateCorpus(7).files[0]!.content).not.toBe(corpus.files[0]!.content)
  })

  it('plants every kind of secret and every kind of hard negative', () => {
    const positives = new Set(corpus.labels.filter(l => l.positive).map(l => l.kind))
    const negatives = new Set(corpus.labels.filter(l => !l.positive).map(l => l.kind))
    expect(positives.size).toBeGreaterThanOrEqual(70)
    for (const kind of [
      'uuid',
      'git-sha',
      'integrity',
      'go-sum',
      'yarn-lock',
      'cargo-lock',
      'poetry-lock',
      'data-uri',
      'source-map',
      'minified',
      'svg-asset',
      'ssh-public-key',
      'public-key-pem',
      'placeholder',
      'known-example'
    ]) {
      expect(negatives).toContain(kind)
    }
  })

  it.each([20260101, 7, 4242])('reaches recall ≥ 0.99 and precision ≥ 0.99 (seed %d)', seed => {
    const score = scoreCorpus(
      generateCorpus(seed),
      (path, content) => scanContent(path, content, {}).findings
    )
    if (score.recall < 0.99 || score.precision < 0.99) {
      // Show what went wrong before failing.
      console.log(JSON.stringify({ misses: score.misses, falseAlarms: score.falseAlarms }, null, 1))
    }
    expect(score.recall).toBeGreaterThanOrEqual(0.99)
    expect(score.precision).toBeGreaterThanOrEqual(0.99)
  })

  it('the scorer counts misses and false alarms (a detector that finds nothing, or everything)', () => {
    const none = scoreCorpus(corpus, () => [])
    expect(none.recall).toBe(0)
    const everything = scoreCorpus(corpus, path => {
      const lines = corpus.labels.filter(l => l.path === path)
      return lines.map(l => ({
        check: 'secrets' as const,
        ruleId: 'x',
        severity: 'high' as const,
        title: 'x',
        message: 'x',
        location: { path, line: l.line },
        fingerprint: 'x'
      }))
    })
    expect(everything.recall).toBe(1)
    expect(everything.precision).toBeLessThan(0.8)
  })
})
