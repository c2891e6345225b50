// Docs with generated parts (docs/rules.md, docs/secrets.md): the text between two marker
// comments is rewritten from the code it documents.

/**
 * `document` with everything from the first `start` through the `end` after it replaced by
 * `section` (which carries its own markers); undefined when a marker is missing.
 */
export function replaceMarkedSection(
  document: string,
  start: string,
  end: string,
  section: string
): string | undefined {
  const from = document.indexOf(start)
  const to = from === -1 ? -1 : document.indexOf(end, from)
  if (to === -1) return undefined
  return document.slice(0, from) + section + document.slice(to + end.length)
}
