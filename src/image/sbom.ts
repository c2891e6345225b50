import { createHash } from 'node:crypto'
import { redactStrings } from '../redact/index.js'
import type { ImageScan } from './types.js'

// CycloneDX 1.6 JSON: the image as metadata.component, the OS as an operating-system component,
// one library component per package with its purl, and properties for layer and source package.
// Deterministic: no timestamp, and a serial number derived from the content.

type Property = { name: string; value: string }

const PREFIX = 'container-gate'

function prop(name: string, value: string | number | undefined): Property[] {
  return value === undefined || value === ''
    ? []
    : [{ name: `${PREFIX}:${name}`, value: String(value) }]
}

function uuidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex')
  // Version 5-style layout (name-based) so the value is a valid RFC 4122 UUID.
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/**
 * Every string of the document went through the secrets redaction: layer
 * history, file names and package metadata are text from the image.
 */
export function buildCycloneDx(scan: ImageScan, toolVersion: string): object {
  return redactStrings(cycloneDx(scan, toolVersion))
}

function cycloneDx(scan: ImageScan, toolVersion: string): object {
  const components: object[] = []
  if (scan.os) {
    components.push({
      type: 'operating-system',
      'bom-ref': `os:${scan.os.id}@${scan.os.versionId ?? ''}`,
      name: scan.os.id,
      ...(scan.os.versionId ? { version: scan.os.versionId } : {}),
      ...(scan.os.prettyName ? { description: scan.os.prettyName } : {})
    })
  }
  for (const p of scan.packages) {
    let group: string | undefined
    let name = p.name
    if (p.type === 'maven' && name.includes(':'))
      [group, name] = [name.slice(0, name.indexOf(':')), name.slice(name.indexOf(':') + 1)]
    else if (p.type === 'npm' && name.startsWith('@') && name.includes('/'))
      [group, name] = [name.slice(0, name.indexOf('/')), name.slice(name.indexOf('/') + 1)]
    const properties: Property[] = [
      ...prop('package:type', p.type),
      ...prop('package:sourceName', p.sourceName),
      ...prop('package:sourceVersion', p.sourceVersion),
      ...prop('package:arch', p.arch),
      ...prop('layer:index', p.layerIndex),
      ...prop('layer:digest', p.layerDigest),
      ...prop('layer:createdBy', p.createdBy),
      ...p.locations.flatMap(l => prop('location', l))
    ]
    components.push({
      type: 'library',
      'bom-ref': p.purl,
      ...(group ? { group } : {}),
      name,
      version: p.version,
      purl: p.purl,
      properties
    })
  }
  const image = {
    type: 'container',
    'bom-ref': `image:${scan.reference}`,
    name: scan.reference,
    ...(scan.digest ? { version: scan.digest } : {}),
    properties: [
      ...prop('image:platform', scan.platform),
      ...prop('image:user', scan.config.user),
      ...scan.layers.flatMap(l =>
        prop(`layer:${l.index}`, `${l.digest}${l.createdBy ? ` ${l.createdBy}` : ''}`)
      )
    ]
  }
  const body = JSON.stringify({ image, components })
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${uuidFrom(body)}`,
    version: 1,
    metadata: {
      tools: {
        components: [{ type: 'application', name: 'container-gate', version: toolVersion }]
      },
      component: image
    },
    components,
    dependencies: [
      {
        ref: image['bom-ref'],
        dependsOn: components.map(c => (c as { 'bom-ref': string })['bom-ref'])
      }
    ]
  }
}
