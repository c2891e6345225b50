// SARIF 2.1.0 validation against the OASIS schema (draft-04, shipped by @microsoft/jest-sarif).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import AjvDraft04 from 'ajv-draft-04'
import addFormatsModule from 'ajv-formats'

const require = createRequire(import.meta.url)
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json')
let validate: ((data: unknown) => boolean) & { errors?: unknown[] | null }

/** Schema errors and GitHub ingestion problems as readable lines; empty when code scanning would accept the log. */
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
  // As strict as the real upload: the schema, then what code scanning's ingestion refuses.
  const schema = validate(log) ? [] : (validate.errors ?? []).map(e => JSON.stringify(e))
  return [...schema, ...githubIngestionProblems(log)]
}

/**
 * What GitHub code scanning's ingestion refuses beyond the schema (its SARIF support rules, GH1001;
 * upload-sarif fails the whole file with "locationFromSarifResult: expected artifact location"):
 * a result without a location, or whose first location has no physical artifact URI.
 */
export function githubIngestionProblems(log: unknown): string[] {
  const problems: string[] = []
  type Loc = { physicalLocation?: { artifactLocation?: { uri?: string } } }
  const runs = (log as { runs?: { results?: { ruleId?: string; locations?: Loc[] }[] }[] }).runs
  for (const [r, run] of (runs ?? []).entries()) {
    for (const [i, result] of (run.results ?? []).entries()) {
      const uri = result.locations?.[0]?.physicalLocation?.artifactLocation?.uri
      if (!result.locations || result.locations.length === 0)
        problems.push(`runs[${r}].results[${i}] (${result.ruleId}): expected at least one location`)
      else if (typeof uri !== 'string' || uri === '')
        problems.push(`runs[${r}].results[${i}] (${result.ruleId}): expected artifact location`)
    }
  }
  return problems
}
