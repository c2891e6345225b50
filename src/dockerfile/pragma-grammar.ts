// hadolint's pragma grammar, shared by the suppressions (pragmas.ts) and the
// rule that reports pragmas (DL1001): a leaf module, so rules need not import
// the suppression code (which imports the registry).

/** `hadolint [global|stage] ignore=<list>` (the text after `#`). */
export const HADOLINT_PRAGMA =
  /^[ \t]*hadolint[ \t]+(?:(global|stage)[ \t]+)?ignore[ \t]*=[ \t]*(.*)$/
/** `DL3008, SC2086 # reason`: hadolint's rule list grammar. */
const HADOLINT_CODES = /^[DLSC0-9]+(?:[ \t]*,[ \t]*[DLSC0-9]+)*[ \t]*(?:#.*)?$/

/** hadolint codes of a pragma, or undefined when the pragma is void. */
export function hadolintCodes(list: string): string[] | undefined {
  if (!HADOLINT_CODES.test(list)) return undefined
  return list
    .replace(/#.*$/, '')
    .split(',')
    .map(code => code.trim())
}
