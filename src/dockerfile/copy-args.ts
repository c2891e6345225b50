import { splitWords, type Instruction } from './model.js'

/** Archive names ADD extracts (what hadolint and Docker treat as archives; `.zip` is not one). */
export const ARCHIVE =
  /\.(tar|t?Z|bz2|gz|lz|lzma|tb2|tbz2?|tgz|tlz|tpz|txz|xz|zst|tzst|tar\.[a-z0-9]+)$/

/** Sources and destination of COPY/ADD (exec or shell form; heredoc sources kept as `<<EOF`). */
export function copyArgs(target: Instruction, escape: string): { sources: string[]; dest?: string; quotedDest?: boolean } {
  const raw = target.json ?? splitWords(target.rest, escape).map(w => w.text)
  const rawWords = target.json ? undefined : splitWords(target.rest, escape)
  if (raw.length < 2) return { sources: raw }
  const quotedDest = rawWords ? /^["']/.test(rawWords[rawWords.length - 1].raw) : false
  return { sources: raw.slice(0, -1), dest: raw[raw.length - 1], quotedDest }
}

export function isUrl(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^git@/.test(source)
}
