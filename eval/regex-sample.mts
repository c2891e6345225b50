// Random strings from a regular expression, as gitleaks' rule tests make them
// (`secrets.NewSecret(regex)`, lucasjones/reggen with limit 1: `*` gives 0–1
// repetitions, `+` one, `{n,}` n–n+1). Seeded, so a run is reproducible.
// Covers what gitleaks' samples use: literals and escapes, classes with ranges
// and negation, \w \d \s, groups, alternation, flags, the usual quantifiers.

export type Random = () => number

/** mulberry32: a small seeded PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Node =
  | { kind: 'chars'; set: string }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'repeat'; node: Node; min: number; max: number }
  | { kind: 'empty' }

const range = (from: string, to: string): string => {
  let out = ''
  for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) out += String.fromCharCode(c)
  return out
}
const DIGIT = range('0', '9')
const WORD = range('a', 'z') + range('A', 'Z') + DIGIT + '_'
const SPACE = ' \t\n\r'
const PRINTABLE = range(' ', '~')
const CLASS_ESCAPES: Record<string, string> = { d: DIGIT, w: WORD, s: SPACE }
const CHAR_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v' }

const without = (set: string, remove: string): string =>
  [...set].filter(c => !remove.includes(c)).join('')

class Parser {
  i = 0
  constructor(readonly src: string) {}
  parse(): Node {
    const node = this.alt()
    if (this.i < this.src.length) throw new Error(`regex: unexpected ${this.src[this.i]}`)
    return node
  }
  private alt(): Node {
    const options = [this.seq()]
    while (this.src[this.i] === '|') {
      this.i++
      options.push(this.seq())
    }
    return options.length === 1 ? options[0] : { kind: 'alt', options }
  }
  private seq(): Node {
    const items: Node[] = []
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom()
      items.push(this.quantified(atom))
    }
    return { kind: 'seq', items }
  }
  private quantified(node: Node): Node {
    for (;;) {
      const c = this.src[this.i]
      let min: number
      let max: number
      if (c === '*') [min, max] = [0, 1]
      else if (c === '+') [min, max] = [1, 1]
      else if (c === '?') [min, max] = [0, 1]
      else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i))
        if (!m) return node
        min = Number(m[1])
        max = m[2] === undefined ? min : m[3] === '' ? min + 1 : Number(m[3])
        this.i += m[0].length - 1
      } else return node
      this.i++
      if (this.src[this.i] === '?') this.i++
      node = { kind: 'repeat', node, min, max }
    }
  }
  private atom(): Node {
    const c = this.src[this.i++]
    if (c === '(') {
      if (this.src[this.i] === '?') {
        const flags = /^\?([a-zA-Z]*)(:|\))/.exec(this.src.slice(this.i))
        if (!flags) throw new Error('regex: unsupported group')
        this.i += flags[0].length
        if (flags[2] === ')') return { kind: 'empty' }
      }
      const inner = this.alt()
      if (this.src[this.i++] !== ')') throw new Error('regex: unclosed group')
      return inner
    }
    if (c === '[') return { kind: 'chars', set: this.charClass() }
    if (c === '.') return { kind: 'chars', set: WORD }
    if (c === '^' || c === '$') return { kind: 'empty' }
    if (c === '\\') {
      const e = this.src[this.i++]
      if (e === 'b' || e === 'B' || e === 'A' || e === 'z') return { kind: 'empty' }
      return { kind: 'chars', set: this.escape(e) }
    }
    return { kind: 'chars', set: c }
  }
  private escape(e: string): string {
    if (CLASS_ESCAPES[e] !== undefined) return CLASS_ESCAPES[e]
    if (e === 'D') return without(PRINTABLE, DIGIT)
    if (e === 'W') return without(PRINTABLE, WORD)
    if (e === 'S') return without(PRINTABLE, SPACE)
    if (e === 'x') {
      const m = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.i))!
      this.i += 2
      return String.fromCharCode(parseInt(m[0], 16))
    }
    return CHAR_ESCAPES[e] ?? e
  }
  private charClass(): string {
    let negate = false
    if (this.src[this.i] === '^') {
      negate = true
      this.i++
    }
    let set = ''
    let first = true
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false
      let c = this.src[this.i++]
      if (c === '[' && this.src[this.i] === ':') {
        const m = /^:([a-z]+):\]/.exec(this.src.slice(this.i))!
        this.i += m[0].length
        set += m[1] === 'alnum' ? WORD.replace('_', '') : m[1] === 'digit' ? DIGIT : WORD
        continue
      }
      if (c === '\\') {
        const e = this.src[this.i++]
        const chars = this.escape(e)
        if (chars.length > 1) {
          set += chars
          continue
        }
        c = chars
      }
      if (
        this.src[this.i] === '-' &&
        this.src[this.i + 1] !== ']' &&
        this.i + 1 < this.src.length
      ) {
        this.i++
        let to = this.src[this.i++]
        if (to === '\\') to = this.escape(this.src[this.i++])
        set += range(c, to)
      } else set += c
    }
    this.i++
    return negate ? without(PRINTABLE, set) : set
  }
}

function generate(node: Node, random: Random): string {
  switch (node.kind) {
    case 'empty':
      return ''
    case 'chars':
      return node.set[Math.floor(random() * node.set.length)] ?? ''
    case 'seq':
      return node.items.map(item => generate(item, random)).join('')
    case 'alt':
      return generate(node.options[Math.floor(random() * node.options.length)], random)
    case 'repeat': {
      const count = node.min + Math.floor(random() * (node.max - node.min + 1))
      let out = ''
      for (let k = 0; k < count; k++) out += generate(node.node, random)
      return out
    }
  }
}

export function sampleFromRegex(regex: string, random: Random): string {
  return generate(new Parser(regex).parse(), random)
}
