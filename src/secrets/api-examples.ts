// OpenAPI and Swagger descriptions carry example requests and responses: tokens, keys and
// passwords made up for the docs (rswag and its peers fill them from test factories). A value
// that only its name or its look calls a secret is a lead there, not a credential.

const API_FILE = /\.(?:ya?ml|json)$/i
/** The document's version key (`openapi: 3.1.0`, `"swagger": "2.0"`), in the first 4 KiB. */
const API_HEAD = /^[ \t]*["']?(?:openapi|swagger)["']?[ \t]*:[ \t]*["']?[23]\.\d/m
/** Keys whose subtree is an example (OpenAPI `example`/`examples`, `x-example`, rswag's named `Example`). */
const EXAMPLE_KEY = /^(?:x-)?examples?$/i
/** Keys of the description itself: above one of these, no example encloses the value. */
const STRUCTURE_KEY =
  /^(?:schema|schemas|properties|items|parameters|paths|components|requestBody|securitySchemes|headers|definitions|responses)$/
/** A key at the start of a line: `key:`, `"key":`, `- key:`. */
const LINE_KEY = /^[ \t]*(?:-[ \t]+)?["']?([\w$.@/-]{1,80})["']?[ \t]*:/
/** Lines walked up from a value before giving up (an example is rarely longer). */
const MAX_LINES = 4000

export const API_EXAMPLE_REASON =
  'an example value in an OpenAPI description, made up for the docs: rotate it only if it was copied from a real response'

/** Whether the file is an OpenAPI or Swagger description (YAML or JSON). */
export function isApiDescription(path: string | undefined, text: string): boolean {
  return path !== undefined && API_FILE.test(path) && API_HEAD.test(text.slice(0, 4096))
}

/**
 * Whether the value at `offset` sits under an example key: walks up the lines by indentation
 * (YAML, and JSON as it is usually written) to the first example or structure key.
 */
export function isUnderApiExample(text: string, offset: number): boolean {
  let lineStart = text.lastIndexOf('\n', offset - 1) + 1
  const own = LINE_KEY.exec(lineEnding(text, lineStart))
  if (own && EXAMPLE_KEY.test(own[1]!)) return true
  let indent = indentOf(text, lineStart)
  for (let walked = 0; lineStart > 0 && indent > 0 && walked < MAX_LINES; walked++) {
    const end = lineStart - 1
    lineStart = text.lastIndexOf('\n', end - 1) + 1
    const line = text.slice(lineStart, end)
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) continue
    const lineIndent = indentOf(text, lineStart)
    if (lineIndent >= indent) continue
    indent = lineIndent
    const key = LINE_KEY.exec(line)?.[1]
    if (key === undefined) continue
    if (EXAMPLE_KEY.test(key)) return true
    if (STRUCTURE_KEY.test(key)) return false
  }
  return false
}

function lineEnding(text: string, lineStart: number): string {
  const end = text.indexOf('\n', lineStart)
  return text.slice(lineStart, end < 0 ? text.length : end)
}

/** Columns of leading spaces and tabs (a list item's `- ` is not indentation: YAML puts it at its parent's level). */
function indentOf(text: string, lineStart: number): number {
  let i = lineStart
  while (text[i] === ' ' || text[i] === '\t') i++
  return i - lineStart
}
