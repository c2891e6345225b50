// CISA's Known Exploited Vulnerabilities catalog (the JSON feed at KEV_URL): which CVEs are
// exploited in the wild, since when, and by when US federal agencies must have fixed them.
import { InputError } from '../model/errors.js'

export const KEV_URL =
  'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json'

export interface KevEntry {
  cve: string
  /** YYYY-MM-DD */
  dateAdded: string
  /** YYYY-MM-DD: CISA's remediation deadline. */
  dueDate?: string
  /** `knownRansomwareCampaignUse` is `Known`. */
  ransomware: boolean
  name?: string
}

export interface KevCatalog {
  version?: string
  released?: string
  entries: Map<string, KevEntry>
  /** Entries without a readable CVE id or date (skipped). */
  skipped: number
}

const CVE = /^CVE-\d{4}-\d{4,}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined

/** Parse the catalog. Throws InputError (naming `origin`) when it is not the KEV JSON feed. */
export function parseKevCatalog(raw: string, origin: string): KevCatalog {
  let doc: unknown
  try {
    doc = JSON.parse(raw)
  } catch (error) {
    throw new InputError(`KEV catalog ${origin}: not JSON (${(error as Error).message})`)
  }
  if (
    typeof doc !== 'object' ||
    doc === null ||
    !Array.isArray((doc as { vulnerabilities?: unknown }).vulnerabilities)
  )
    throw new InputError(
      `KEV catalog ${origin}: no "vulnerabilities" list (not CISA's KEV JSON feed)`
    )
  const d = doc as Record<string, unknown> & { vulnerabilities: unknown[] }
  const entries = new Map<string, KevEntry>()
  let skipped = 0
  for (const item of d.vulnerabilities) {
    const e = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>
    const cve = text(e.cveID)?.toUpperCase()
    const dateAdded = text(e.dateAdded)
    if (!cve || !CVE.test(cve) || !dateAdded || !DATE.test(dateAdded)) {
      skipped++
      continue
    }
    const dueDate = text(e.dueDate)
    entries.set(cve, {
      cve,
      dateAdded,
      dueDate: dueDate && DATE.test(dueDate) ? dueDate : undefined,
      ransomware: text(e.knownRansomwareCampaignUse)?.toLowerCase() === 'known',
      name: text(e.vulnerabilityName)
    })
  }
  if (entries.size === 0 && d.vulnerabilities.length > 0)
    throw new InputError(
      `KEV catalog ${origin}: none of its ${d.vulnerabilities.length} entries has a CVE id and dateAdded`
    )
  return { version: text(d.catalogVersion), released: text(d.dateReleased), entries, skipped }
}
