/**
 * The known name closest to a misspelt one, for "did you mean …?" in errors
 * (`runs-as-rooot` → `runs-as-root`, `--dockerfle` → `--dockerfile`).
 * Case-insensitive; undefined when nothing is close enough to be a typo.
 */
export function closestMatch(wanted: string, known: Iterable<string>): string | undefined {
  const target = wanted.toLowerCase()
  // A typo is a few edits: at most a third of the word, and never more than 3.
  const limit = Math.min(3, Math.max(1, Math.floor(target.length / 3)))
  let best: string | undefined
  let bestDistance = limit + 1
  for (const name of known) {
    const distance = editDistance(target, name.toLowerCase(), bestDistance)
    if (
      distance < bestDistance ||
      (distance === bestDistance && best !== undefined && name < best)
    ) {
      if (distance <= limit) {
        best = name
        bestDistance = distance
      }
    }
  }
  return best
}

/** `, did you mean "x"?` or an empty string: ready to append to an error line. */
export function didYouMean(wanted: string, known: Iterable<string>): string {
  const match = closestMatch(wanted, known)
  return match === undefined ? '' : `; did you mean "${match}"?`
}

/**
 * Damerau–Levenshtein (optimal string alignment) distance, giving up once
 * every cell of a row exceeds `stopAbove` (the answer is then > stopAbove).
 */
export function editDistance(a: string, b: string, stopAbove = Infinity): number {
  if (Math.abs(a.length - b.length) > stopAbove) return stopAbove + 1
  let prev2: number[] = []
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, prev2[j - 2]! + 1)
      row.push(value)
      if (value < rowMin) rowMin = value
    }
    if (rowMin > stopAbove) return stopAbove + 1
    prev2 = prev
    prev = row
  }
  return prev[b.length]!
}
