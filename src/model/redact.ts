/**
 * The only form in which a detected secret may ever be shown: at most the
 * first 4 characters (fewer for short values) and the length.
 * `redactSecret('ghp_abcdef…')` → `ghp_…(40 chars)`.
 */
export function redactSecret(secret: string): string {
  const chars = Array.from(secret)
  const shown = Math.min(4, Math.floor(chars.length / 4))
  return `${chars.slice(0, shown).join('')}…(${chars.length} chars)`
}
