// Scores a detector against the corpus labels: a finding (severity above
// info) on a positive label's line is a true positive; a low weak-default
// finding on a weak-default label is neither; any other finding is a false
// positive; a positive label with no finding is a miss.
import type { Finding } from '../../../src/model/finding.js'
import type { Corpus, Label } from './generate.js'

export interface Score {
  truePositives: number
  falsePositives: number
  falseNegatives: number
  precision: number
  recall: number
  misses: Label[]
  /** The false positives: where, which rule, what the label says about the line. */
  falseAlarms: { path: string; line: number; ruleId: string; label?: string }[]
}

export function scoreCorpus(
  corpus: Corpus,
  scan: (path: string, content: string) => Finding[]
): Score {
  const byPath = new Map<string, Label[]>()
  for (const label of corpus.labels) {
    const list = byPath.get(label.path) ?? []
    list.push(label)
    byPath.set(label.path, list)
  }
  let tp = 0
  let fp = 0
  const hitLabels = new Set<Label>()
  const falseAlarms: Score['falseAlarms'] = []
  for (const file of corpus.files) {
    const labels = byPath.get(file.path) ?? []
    for (const finding of scan(file.path, file.content)) {
      if (finding.severity === 'info') continue
      const line = finding.location.line ?? 0
      const label = labels.find(l => l.line === line)
      // A weak default reported as such, at low: right, neither a hit nor a false alarm.
      if (label?.weak && finding.ruleId === 'weak-default-credential' && finding.severity === 'low')
        continue
      if (label?.positive) {
        if (!hitLabels.has(label)) tp++
        hitLabels.add(label)
      } else {
        fp++
        falseAlarms.push({ path: file.path, line, ruleId: finding.ruleId, label: label?.kind })
      }
    }
  }
  const positives = corpus.labels.filter(l => l.positive)
  const misses = positives.filter(l => !hitLabels.has(l))
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: misses.length,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: positives.length === 0 ? 1 : tp / positives.length,
    misses,
    falseAlarms
  }
}
