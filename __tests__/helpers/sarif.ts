// SARIF 2.1.0 validation against the OASIS schema (draft-04, shipped by @microsoft/jest-sarif).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import AjvDraft04 from 'ajv-draft-04'
import addFormatsModule from 'ajv-formats'

const require = createRequire(import.meta.url)
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json')
let validate: ((data: unknown) => boolean) & { errors?: unknown[] | null }

/** Schema errors as readable lines; empty when the log is valid. */
export function validateSarif(log: unknown): string[] {
  if (!validate) {
    // Both packages are CommonJS with a `default` export; under ESM interop it may sit one level down.
    type AjvLike = { compile: (schema: unknown) => typeof validate }
    const Ajv = ((AjvDraft04 as unknown as { default?: unknown }).default ?? AjvDraft04) as new (
      opts: object
    ) => AjvLike
    const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
      addFormatsModule) as (ajv: AjvLike) => void
    const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true })
    addFormats(ajv)
    validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')))
  }
  if (validate(log)) return []
  return (validate.errors ?? []).map(e => JSON.stringify(e))
}
