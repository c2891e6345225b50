// Aho-Corasick keyword automaton, compiled to a dense DFA over bytes
// (case-insensitive for ASCII). One pass over a file reports every keyword
// occurrence, so the cost of deciding which rules to try grows with the bytes,
// not with bytes × rules.

export class KeywordAutomaton {
  private readonly delta: Uint16Array
  /** For each state: the keywords that end there, or undefined. */
  private readonly outputs: (number[] | undefined)[]
  /** 1 where a state has outputs: a flat byte array keeps the hot loop monomorphic. */
  private readonly accepting: Uint8Array
  readonly keywords: readonly string[]

  constructor(keywords: readonly string[]) {
    this.keywords = keywords
    const goto: Map<number, number>[] = [new Map()]
    const out: number[][] = [[]]
    keywords.forEach((keyword, index) => {
      let state = 0
      for (const ch of Buffer.from(keyword.toLowerCase(), 'latin1')) {
        let next = goto[state]!.get(ch)
        if (next === undefined) {
          next = goto.length
          goto.push(new Map())
          out.push([])
          goto[state]!.set(ch, next)
        }
        state = next
      }
      out[state]!.push(index)
    })
    const states = goto.length
    const delta = new Int32Array(states * 256)
    const fail = new Int32Array(states)
    const queue: number[] = []
    for (let c = 0; c < 256; c++) {
      const next = goto[0]!.get(lower(c))
      delta[c] = next ?? 0
      if (next !== undefined && c === lower(c)) {
        fail[next] = 0
        queue.push(next)
      }
    }
    while (queue.length > 0) {
      const state = queue.shift()!
      out[state]!.push(...out[fail[state]!]!)
      for (let c = 0; c < 256; c++) {
        const next = goto[state]!.get(lower(c))
        if (next !== undefined) {
          if (c === lower(c)) {
            fail[next] = delta[fail[state]! * 256 + c]!
            queue.push(next)
          }
          delta[state * 256 + c] = next
        } else {
          delta[state * 256 + c] = delta[fail[state]! * 256 + c]!
        }
      }
    }
    if (states > 0xffff) throw new Error('too many keyword states')
    this.delta = Uint16Array.from(delta)
    this.outputs = out.map(o => (o.length > 0 ? [...new Set(o)] : undefined))
    this.accepting = Uint8Array.from(this.outputs, o => (o ? 1 : 0))
  }

  /**
   * Every keyword occurrence in `bytes`, flat: [keyword, end, keyword, end, …]
   * (pairs of numbers instead of objects: no allocation per hit).
   */
  scan(bytes: Uint8Array): number[] {
    const hits: number[] = []
    const delta = this.delta
    const accepting = this.accepting
    let state = 0
    for (let i = 0; i < bytes.length; i++) {
      state = delta[(state << 8) | bytes[i]!]!
      if (accepting[state] !== 0) {
        for (const keyword of this.outputs[state]!) hits.push(keyword, i + 1)
      }
    }
    return hits
  }
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c
}
