// .dockerignore patterns as BuildKit reads them (moby/patternmatcher): one
// pattern a line, `#` comments, `!` exclusions, paths cleaned and relative to
// the context root, `*` and `?` within a path segment, `**` across segments,
// `[...]` classes; a file is excluded when a pattern matches it or one of
// its parent directories. Bounded: at most MAX_PATTERNS patterns are read,
// and patterns run on RE2 (linear time: a hostile `**/**/**/…` cannot hang us).

import { RE2JS } from 're2js'

export const MAX_PATTERNS = 10_000

export interface IgnorePattern {
  text: string
  exclusion: boolean
  regex: RE2JS
}

/** `a/./b/../c/` → `a/c`; leading `/` and `./` dropped (relative to the context). */
export function cleanPath(path: string): string {
  const parts: string[] = []
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') parts.pop()
    else parts.push(part)
  }
  return parts.join('/') || '.'
}

function toRegex(pattern: string): RE2JS {
  let source = '^'
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++
        if (pattern[i + 1] === '/') {
          i++
          source += '(?:.*/)?'
        } else source += '.*'
      } else source += '[^/]*'
    } else if (c === '?') source += '[^/]'
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1)
      if (close < 0) source += '\\['
      else {
        const body = pattern
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')
        source += `[${body}]`
        i = close
      }
    } else if (c === '\\' && i + 1 < pattern.length) source += `\\${pattern[++i]}`
    else source += /[.+^${}()|\]\\]/.test(c) ? `\\${c}` : c
  }
  return RE2JS.compile(`${source}$`)
}

export function parseDockerignore(text: string): IgnorePattern[] {
  const patterns: IgnorePattern[] = []
  for (const raw of text.split(/\r?\n/)) {
    if (patterns.length >= MAX_PATTERNS) break
    let line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const exclusion = line.startsWith('!')
    if (exclusion) line = line.slice(1).trim()
    const text = cleanPath(line)
    if (text === '.' && !exclusion) continue
    try {
      patterns.push({ text, exclusion, regex: toRegex(text) })
    } catch {
      /* an invalid pattern matches nothing */
    }
  }
  return patterns
}

/** Whether `path` (relative to the context) is excluded, by itself or through a parent directory. */
export function isIgnored(patterns: readonly IgnorePattern[], path: string): boolean {
  const clean = cleanPath(path)
  const parts = clean.split('/')
  let ignored = false
  for (const pattern of patterns) {
    let match = false
    for (let n = parts.length; n >= 1 && !match; n--)
      match = pattern.regex.matches(parts.slice(0, n).join('/'))
    if (match) ignored = !pattern.exclusion
  }
  return ignored
}
