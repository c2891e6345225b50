// A Go tokenizer for the evals' readers of peers' Go test and rule files:
// strings (raw and interpreted, decoded), identifiers (dotted names joined),
// numbers, runes and punctuation, with line numbers; comments dropped.

import { STRING_ESCAPES } from './token-cursor.mjs'

export interface Token {
  kind: 'str' | 'id' | 'num' | 'sym'
  value: string
  line: number
}

export function tokenize(src: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  let line = 1
  while (i < src.length) {
    const c = src[i]
    if (c === '\n') {
      line++
      i++
    } else if (/\s/.test(c)) {
      i++
    } else if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n') i++
    } else if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2)
      line += (src.slice(i, end).match(/\n/g) ?? []).length
      i = end + 2
    } else if (c === '`') {
      const end = src.indexOf('`', i + 1)
      const value = src.slice(i + 1, end)
      tokens.push({ kind: 'str', value: value.replace(/\r/g, ''), line })
      line += (value.match(/\n/g) ?? []).length
      i = end + 1
    } else if (c === '"') {
      let out = ''
      i++
      while (src[i] !== '"') {
        if (src[i] === '\\') {
          const e = src[i + 1]
          if (e === 'x') {
            out += String.fromCharCode(parseInt(src.slice(i + 2, i + 4), 16))
            i += 4
          } else if (e === 'u') {
            out += String.fromCodePoint(parseInt(src.slice(i + 2, i + 6), 16))
            i += 6
          } else {
            out += STRING_ESCAPES[e] ?? e
            i += 2
          }
        } else out += src[i++]
      }
      i++
      tokens.push({ kind: 'str', value: out, line })
    } else if (c === "'") {
      const m = /^'(\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\.|[^'\\])'/.exec(src.slice(i))
      if (!m) throw new Error(`line ${line}: a rune literal that cannot be read`)
      tokens.push({ kind: 'num', value: m[1], line })
      i += m[0].length
    } else {
      const m =
        /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i, i + 200)) ??
        /^[0-9][0-9a-fA-Fxo_.]*/.exec(src.slice(i, i + 40)) ??
        /^(:=|\.\.\.|&&|\|\||==|!=|<=|>=|\+=|<-|\+\+|--|[-+*/%&|^<>=!:;,.(){}[\]])/.exec(
          src.slice(i, i + 3)
        )
      if (!m) throw new Error(`line ${line}: unexpected ${JSON.stringify(c)}`)
      const kind = /^[A-Za-z_]/.test(m[0]) ? 'id' : /^[0-9]/.test(m[0]) ? 'num' : 'sym'
      tokens.push({ kind, value: m[0], line })
      i += m[0].length
    }
  }
  return tokens
}
