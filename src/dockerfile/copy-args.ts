import { splitWords, type Instruction } from './model.js'

/** Archive names ADD extracts (what hadolint and Docker treat as archives; `.zip` is not one). */
export const ARCHIVE =
  /\.(tar|t?Z|bz2|gz|lz|lzma|tb2|tbz2?|tgz|tlz|tpz|txz|xz|zst|tzst|tar\.[a-z0-9]+)$/

/** Sources and destination of COPY/ADD (exec or shell form; heredoc sources kept as `<<EOF`). */
export function copyArgs(
  target: Instruction,
  escape: string
): { sources: string[]; dest?: string; rawSources: string[]; rawDest?: string } {
  const words = target.json ?? splitWords(target.rest, escape).map(w => w.text)
  // As written (quotes kept, no escapes resolved): Windows paths (`c:\dir\x`) keep their backslashes.
  const raw = target.json ?? splitWords(target.rest, escape).map(w => w.raw)
  if (words.length < 2) return { sources: words, rawSources: raw }
  return {
    sources: words.slice(0, -1),
    dest: words[words.length - 1],
    rawSources: raw.slice(0, -1),
    rawDest: raw[raw.length - 1]
  }
}

export function isUrl(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^git@/.test(source)
}
