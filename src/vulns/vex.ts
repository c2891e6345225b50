// VEX: what a supplier (or the image's own team) states about a vulnerability in a product.
// OpenVEX (openvex.dev/ns v0.0.x and v0.2.0) and CycloneDX VEX (`vulnerabilities[].analysis`)
// documents are read into one statement shape; `applyVex` then suppresses the findings a
// `not_affected` (with its justification) or `fixed` statement covers and keeps, annotated, those
// an `affected` or `under_investigation` one covers, as trivy and grype do. Pure: documents and
// findings in, statements and verdicts out.
import { InputError } from '../model/errors.js'
import type { Finding } from '../model/finding.js'
import { parsePurl, purlMatches, type ParsedPurl } from './purl.js'

export type VexStatus = 'not_affected' | 'affected' | 'fixed' | 'under_investigation'

/** What a statement is about: the image as a whole, or packages in it (by purl). */
export type VexScope =
  /** Every package of the image (an image product without subcomponents, a CycloneDX subject). */
  | { kind: 'image'; image?: ImageProduct }
  /** These packages, in this image only when `image` is set. */
  | { kind: 'packages'; purls: ParsedPurl[]; image?: ImageProduct }

/** An image as a VEX product names it: `pkg:oci/name@sha256:…`, or a reference or digest. */
export interface ImageProduct {
  name?: string
  digest?: string
  reference?: string
}

export interface VexStatement {
  /** The vulnerability's id and aliases, upper-cased (CVE-…, GHSA-…, CGA-…). */
  ids: string[]
  scopes: VexScope[]
  status: VexStatus
  justification?: string
  /** The supplier's words: OpenVEX impact/status notes, CycloneDX `analysis.detail`. */
  detail?: string
  /** ISO time; later statements about the same vulnerability and product win. */
  timestamp?: string
  /** The file (and format), for the reasons shown. */
  origin: string
}

export interface VexDocument {
  format: 'openvex' | 'cyclonedx'
  statements: VexStatement[]
  /** Statements or products that name nothing this reader can match (one line each). */
  skipped: string[]
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

/**
 * A vulnerability id from a name, alias or URL: Canonical writes aliases as URLs
 * (`https://www.cve.org/CVERecord?id=CVE-2023-38545`), OpenVEX `@id`s are URLs too.
 */
function vulnerabilityIds(values: unknown[]): string[] {
  const out = new Set<string>()
  for (const value of values) {
    const text = str(value)
    if (!text) continue
    if (!/^[a-z]+:\/\//i.test(text)) {
      out.add(text.toUpperCase())
      continue
    }
    const id =
      /[?&]id=([^&#]+)/.exec(text)?.[1] ??
      /\/([A-Za-z][A-Za-z0-9]*-[^/?#]+)\/?(?:[?#].*)?$/.exec(text)?.[1]
    if (id) out.add(decodeURIComponent(id).toUpperCase())
  }
  return [...out]
}

const VEX_STATUSES = new Set<VexStatus>([
  'not_affected',
  'affected',
  'fixed',
  'under_investigation'
])

/** An image product: `pkg:oci/…`, an image digest, or a reference with a digest or tag. */
function imageProduct(id: string): ImageProduct | undefined {
  const purl = parsePurl(id)
  if (purl) {
    if (purl.type !== 'oci' && purl.type !== 'docker') return undefined
    const version = purl.version
    return {
      name: purl.name,
      digest: version && /^sha256:[0-9a-f]{64}$/.test(version) ? version : undefined,
      reference: purl.qualifiers.get('repository_url')
    }
  }
  if (/^sha256:[0-9a-f]{64}$/.test(id)) return { digest: id }
  const digest = /@(sha256:[0-9a-f]{64})$/.exec(id)?.[1]
  if (digest) return { digest, reference: id.slice(0, id.lastIndexOf('@')) }
  // A plain reference (`ghcr.io/acme/app:1.2`): no scheme, no spaces.
  if (/^[a-z0-9][a-z0-9._\-/:]*$/i.test(id) && !id.includes('://')) return { reference: id }
  return undefined
}

function openVexProductIds(product: Json): string[] {
  const ids = [str(product['@id'])]
  const identifiers = product.identifiers
  if (isObject(identifiers)) ids.push(str(identifiers.purl))
  return ids.filter((x): x is string => x !== undefined)
}

function openVexScope(product: unknown, skipped: string[], where: string): VexScope | undefined {
  if (typeof product === 'string') product = { '@id': product }
  if (!isObject(product)) {
    skipped.push(`${where}: a product that is not an object`)
    return undefined
  }
  const ids = openVexProductIds(product)
  const subs = list(product.subcomponents).flatMap(s =>
    typeof s === 'string' ? [s] : isObject(s) ? openVexProductIds(s) : []
  )
  const subPurls = subs.flatMap(s => parsePurl(s) ?? [])
  const image = ids.map(imageProduct).find(x => x !== undefined)
  if (image)
    return subs.length ? { kind: 'packages', purls: subPurls, image } : { kind: 'image', image }
  const purls = ids.flatMap(id => parsePurl(id) ?? [])
  if (subs.length) return subPurls.length ? { kind: 'packages', purls: subPurls } : undefined
  if (purls.length) return { kind: 'packages', purls }
  skipped.push(`${where}: product ${JSON.stringify(ids[0] ?? '?')} is neither an image nor a purl`)
  return undefined
}

function parseOpenVex(doc: Json, origin: string): VexDocument {
  const skipped: string[] = []
  const statements: VexStatement[] = []
  const docTime = str(doc.timestamp)
  for (const [i, raw] of list(doc.statements).entries()) {
    const where = `${origin}: statements[${i}]`
    if (!isObject(raw)) {
      skipped.push(`${where} is not an object`)
      continue
    }
    const status = str(raw.status) as VexStatus | undefined
    if (!status || !VEX_STATUSES.has(status)) {
      skipped.push(`${where}: status ${JSON.stringify(raw.status)} is not an OpenVEX status`)
      continue
    }
    // v0.2.0: { name, @id, aliases }; v0.0.x: a string.
    const v = raw.vulnerability
    const ids = isObject(v)
      ? vulnerabilityIds([v.name, v['@id'], ...list(v.aliases)])
      : vulnerabilityIds([v, ...list(raw.aliases)])
    if (ids.length === 0) {
      skipped.push(`${where}: no vulnerability named`)
      continue
    }
    // v0.0.x listed products as strings and subcomponents beside them.
    const products = list(raw.products).map(p =>
      typeof p === 'string' && list(raw.subcomponents).length
        ? { '@id': p, subcomponents: raw.subcomponents }
        : p
    )
    const scopes = products.flatMap(
      (p, j) => openVexScope(p, skipped, `${where}.products[${j}]`) ?? []
    )
    if (scopes.length === 0) {
      if (products.length === 0) skipped.push(`${where}: no products`)
      continue
    }
    statements.push({
      ids,
      scopes,
      status,
      justification: str(raw.justification),
      detail: str(raw.impact_statement) ?? str(raw.status_notes) ?? str(raw.action_statement),
      timestamp: str(raw.last_updated) ?? str(raw.timestamp) ?? str(doc.last_updated) ?? docTime,
      origin
    })
  }
  return { format: 'openvex', statements, skipped }
}

const CYCLONEDX_STATES: Record<string, VexStatus> = {
  not_affected: 'not_affected',
  false_positive: 'not_affected',
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  exploitable: 'affected',
  in_triage: 'under_investigation'
}

function parseCycloneDx(doc: Json, origin: string): VexDocument {
  const skipped: string[] = []
  const statements: VexStatement[] = []
  const metadata = isObject(doc.metadata) ? doc.metadata : {}
  const subject = isObject(metadata.component) ? metadata.component : undefined
  const subjectRef = subject ? str(subject['bom-ref']) : undefined
  const serial = str(doc.serialNumber)?.replace(/^urn:uuid:/, '')
  // bom-ref → purl for the components this document lists (nested ones too).
  const purlOf = new Map<string, string>()
  const walk = (components: unknown): void => {
    for (const c of list(components)) {
      if (!isObject(c)) continue
      const ref = str(c['bom-ref'])
      const purl = str(c.purl)
      if (ref && purl) purlOf.set(ref, purl)
      walk(c.components)
    }
  }
  walk(doc.components)
  if (subject && subjectRef && str(subject.purl)) purlOf.set(subjectRef, str(subject.purl)!)

  const scopeOf = (ref: string): VexScope | undefined => {
    // A BOM-Link (urn:cdx:serial/version#bom-ref) into this BOM or another.
    const link = /^urn:cdx:([^/]+)\/\d+#(.+)$/.exec(ref)
    const local = link ? decodeURIComponent(link[2]!) : ref
    const foreign = link !== null && serial !== undefined && link[1] !== serial
    if (!foreign && local === subjectRef) {
      const purl = purlOf.get(local)
      const image = purl ? imageProduct(purl) : undefined
      if (purl && !image) return { kind: 'packages', purls: [parsePurl(purl)!] }
      return { kind: 'image', image }
    }
    const text = foreign ? local : (purlOf.get(local) ?? local)
    const purl = parsePurl(text)
    if (!purl) return undefined
    const image = imageProduct(text)
    return image ? { kind: 'image', image } : { kind: 'packages', purls: [purl] }
  }

  for (const [i, raw] of list(doc.vulnerabilities).entries()) {
    const where = `${origin}: vulnerabilities[${i}]`
    if (!isObject(raw)) {
      skipped.push(`${where} is not an object`)
      continue
    }
    const analysis = isObject(raw.analysis) ? raw.analysis : undefined
    const state = analysis ? str(analysis.state) : undefined
    const status = state ? CYCLONEDX_STATES[state] : undefined
    if (!status) {
      skipped.push(`${where}: no analysis.state a VEX verdict can be read from`)
      continue
    }
    const ids = vulnerabilityIds([
      raw.id,
      ...list(raw.references).map(r => (isObject(r) ? r.id : undefined))
    ])
    if (ids.length === 0) {
      skipped.push(`${where}: no vulnerability id`)
      continue
    }
    const scopes: VexScope[] = []
    for (const [j, a] of list(raw.affects).entries()) {
      const ref = isObject(a) ? str(a.ref) : undefined
      const scope = ref ? scopeOf(ref) : undefined
      if (scope) scopes.push(scope)
      else
        skipped.push(
          `${where}.affects[${j}]: ${JSON.stringify(ref ?? '?')} names no component of this document`
        )
    }
    if (scopes.length === 0) continue
    statements.push({
      ids,
      scopes,
      status,
      justification: analysis ? str(analysis.justification) : undefined,
      detail: analysis ? str(analysis.detail) : undefined,
      timestamp:
        (analysis ? (str(analysis.lastUpdated) ?? str(analysis.firstIssued)) : undefined) ??
        str(raw.updated) ??
        str(raw.published) ??
        str(metadata.timestamp),
      origin
    })
  }
  return { format: 'cyclonedx', statements, skipped }
}

/** Parse one VEX document (OpenVEX or CycloneDX JSON). Throws InputError naming `origin`. */
export function parseVexDocument(text: string, origin: string): VexDocument {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (error) {
    throw new InputError(`VEX ${origin}: not JSON (${(error as Error).message})`)
  }
  if (!isObject(doc)) throw new InputError(`VEX ${origin}: not a JSON object`)
  const context = str(doc['@context'])
  if (context?.startsWith('https://openvex.dev/ns')) {
    if (!Array.isArray(doc.statements))
      throw new InputError(`VEX ${origin}: an OpenVEX document without "statements"`)
    return parseOpenVex(doc, origin)
  }
  if (doc.bomFormat === 'CycloneDX') {
    if (!Array.isArray(doc.vulnerabilities))
      throw new InputError(`VEX ${origin}: a CycloneDX document without "vulnerabilities"`)
    return parseCycloneDx(doc, origin)
  }
  throw new InputError(
    `VEX ${origin}: neither OpenVEX ("@context": "https://openvex.dev/ns/…") nor CycloneDX ("bomFormat": "CycloneDX")`
  )
}

/** The scanned image as a VEX product is compared with it. */
export interface VexSubject {
  /** As the user named it (`ghcr.io/acme/app:1.2`, a path to a layout…). */
  reference?: string
  /** The manifest digest, `sha256:…`. */
  digest?: string
}

function repositoryName(reference: string): string {
  const noDigest = reference.replace(/@sha256:[0-9a-f]{64}$/, '')
  const lastSlash = noDigest.lastIndexOf('/')
  const tail = noDigest.slice(lastSlash + 1)
  return tail.replace(/:[^:]*$/, '')
}

/** Is `product` this image? By digest when both have one, else by reference or repository name. */
export function imageMatches(product: ImageProduct | undefined, subject: VexSubject): boolean {
  if (!product) return true
  if (product.digest && subject.digest) return product.digest === subject.digest
  if (product.digest) return false
  if (product.reference && subject.reference) {
    if (product.reference === subject.reference) return true
    if (!product.name)
      return repositoryName(product.reference) === repositoryName(subject.reference)
  }
  if (product.name && subject.reference)
    return product.name.toLowerCase() === repositoryName(subject.reference).toLowerCase()
  return false
}

function statementCovers(statement: VexStatement, finding: Finding, subject: VexSubject): boolean {
  const vuln = finding.vulnerability
  if (!vuln) return false
  const ids = new Set([vuln.vulnerabilityId, ...vuln.aliases].map(s => s.toUpperCase()))
  if (!statement.ids.some(id => ids.has(id))) return false
  const pkg = vuln.purl ? parsePurl(vuln.purl) : undefined
  return statement.scopes.some(scope => {
    if (scope.image && !imageMatches(scope.image, subject)) return false
    if (scope.kind === 'image') return true
    return pkg !== undefined && scope.purls.some(p => purlMatches(p, pkg))
  })
}

export interface VexVerdict {
  finding: Finding
  statement: VexStatement
}

export interface VexOutcome {
  /** Findings no statement removed (those an `affected`/`under_investigation` one covers carry `vexStatus`). */
  kept: Finding[]
  /** Findings a `not_affected` or `fixed` statement covers, with it. */
  suppressed: VexVerdict[]
}

/** The latest statement wins; on a tie, the later one in the input (`b`). */
function latest(a: VexStatement, b: VexStatement): VexStatement {
  const ta = Date.parse(a.timestamp ?? '') || 0
  const tb = Date.parse(b.timestamp ?? '') || 0
  return ta > tb ? a : b
}

/** Why a statement suppressed a finding, as the summary lists it. */
export function vexReason(statement: VexStatement): string {
  const why = statement.justification ? ` (${statement.justification})` : ''
  const detail = statement.detail ? `: ${statement.detail}` : ''
  return `VEX ${statement.status}${why}${detail} [${statement.origin}]`
}

export function applyVex(
  findings: readonly Finding[],
  statements: readonly VexStatement[],
  subject: VexSubject
): VexOutcome {
  const kept: Finding[] = []
  const suppressed: VexVerdict[] = []
  for (const finding of findings) {
    let chosen: VexStatement | undefined
    for (const statement of statements) {
      if (statementCovers(statement, finding, subject))
        chosen = chosen ? latest(chosen, statement) : statement
    }
    if (!chosen) kept.push(finding)
    else if (chosen.status === 'not_affected' || chosen.status === 'fixed')
      suppressed.push({ finding, statement: chosen })
    else
      kept.push({
        ...finding,
        properties: {
          ...finding.properties,
          vexStatus: chosen.status,
          ...(chosen.detail ? { vexDetail: chosen.detail } : {})
        }
      })
  }
  return { kept, suppressed }
}
