import { unzipBounded, ZipLimitError, type ZipBudget } from '../zip.js'
import type { Cataloger, ParsedFile, RawPackage } from './types.js'

// Java archives (jar/war/ear/par): every META-INF/maven/<group>/<artifact>/pom.properties; when a
// jar has none, its MANIFEST.MF; when that says nothing usable, the file name `<artifact>-<version>`.
// Nested jars (WEB-INF/lib, BOOT-INF/lib, fat jars) are read recursively.

const ARCHIVE = /\.(jar|war|ear|par|sar|jpi|hpi)$/i
const MAX_DEPTH = 4

function parseProperties(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line || line.startsWith('#') || line.startsWith('!')) continue
    const m = /^([^=:\s]+)\s*[=:]\s*(.*)$/.exec(line)
    if (m) out.set(m[1], m[2])
  }
  return out
}

function parseManifest(text: string): Map<string, string> {
  const out = new Map<string, string>()
  let last = ''
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break // main section only
    if (line.startsWith(' ') && last) {
      out.set(last, out.get(last) + line.slice(1))
      continue
    }
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    last = line.slice(0, colon)
    out.set(last, line.slice(colon + 1).trim())
  }
  return out
}

function maven(group: string, artifact: string, version: string, location: string): RawPackage {
  return {
    type: 'maven',
    name: group ? `${group}:${artifact}` : artifact,
    version,
    group,
    artifact,
    location
  }
}

// Known artifacts whose manifests name no usable group (osv-scalibr's table): spring-web's manifest
// says only `Automatic-Module-Name: spring.web`.
const KNOWN_GROUPS: Record<string, string> = {
  'spring-web': 'org.springframework',
  'spring-webflux': 'org.springframework',
  'spring-webmvc': 'org.springframework',
  'spring-webmvc-portlet': 'org.springframework',
  'spring-webmvc-struts': 'org.springframework',
  'spring-websocket': 'org.springframework',
  axis: 'org.apache.axis',
  'org.apache.tomcat-catalina': 'org.apache.tomcat',
  'org.apache.tomcat-catalina-ha': 'org.apache.tomcat'
}

/** A Maven group id: dotted words, no spaces. */
const GROUP = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/

const dropLast = (dotted: string | undefined): string | undefined =>
  dotted?.includes('.') ? dotted.slice(0, dotted.lastIndexOf('.')) : undefined

/**
 * The group a MANIFEST.MF names, first found of: `Implementation-Vendor-Id` (a group id by
 * definition); the OSGi `Bundle-SymbolicName` and `Automatic-Module-Name`, conventionally
 * `group.artifact`; a group leading `Implementation-Title` (`org.elasticsearch#server;8.14.3`,
 * as osv-scalibr reads it).
 */
function manifestGroup(manifest: Map<string, string>): string | undefined {
  const title = /^([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+)[#;]/.exec(
    manifest.get('Implementation-Title') ?? ''
  )?.[1]
  const candidates = [
    manifest.get('Implementation-Vendor-Id'),
    dropLast(manifest.get('Bundle-SymbolicName')?.split(';')[0]?.trim()),
    dropLast(manifest.get('Automatic-Module-Name')?.trim()),
    title
  ]
  return candidates.find(c => c !== undefined && GROUP.test(c.trim()))?.trim()
}

function fromManifest(
  manifest: Map<string, string>,
  fileName: string,
  location: string
): RawPackage | undefined {
  const base = fileName.replace(/\.[^.]+$/, '')
  const fromName = /^(.+?)-(\d[\w.+-]*)$/.exec(base)
  // A file-name version (`guava-31.1-jre.jar`) is the Maven one; bundle versions are OSGi's
  // (`31.1.0.jre`), so they only stand in when nothing else names the version.
  const version =
    manifest.get('Implementation-Version') ??
    fromName?.[2] ??
    manifest.get('Bundle-Version') ??
    manifest.get('Specification-Version')
  const symbolic = manifest.get('Bundle-SymbolicName')?.split(';')[0]?.trim()
  // The Maven Bundle Plugin names the bundle after the artifact: its last part.
  const bundleArtifact =
    manifest.get('Created-By') === 'Apache Maven Bundle Plugin' && symbolic
      ? symbolic.slice(symbolic.lastIndexOf('.') + 1)
      : undefined
  const titled = /^[A-Za-z0-9_.-]+#([A-Za-z0-9_.-]+)/.exec(
    manifest.get('Implementation-Title') ?? ''
  )
  const artifact =
    bundleArtifact ??
    fromName?.[1] ??
    titled?.[1] ??
    manifest.get('Implementation-Title') ??
    symbolic?.slice(symbolic.lastIndexOf('.') + 1) ??
    base
  const group = KNOWN_GROUPS[artifact] ?? manifestGroup(manifest) ?? ''
  if (!version || !artifact) return undefined
  return maven(group, artifact, version, location)
}

/**
 * The archive and every archive nested in it inflate at most this much in all: twice the outer
 * archive's size (nested jars are already compressed), at least 32 MiB, at most 256 MiB; and
 * read at most 100,000 entries in all (a shaded jar has hundreds of pom.properties).
 */
export function javaBudget(archiveBytes: number): ZipBudget {
  return {
    left: Math.min(256 * 1024 * 1024, Math.max(32 * 1024 * 1024, 2 * archiveBytes)),
    entries: 100_000
  }
}

export function readJavaArchive(
  data: Uint8Array,
  location: string,
  depth = 0,
  budget: ZipBudget = javaBudget(data.byteLength)
): RawPackage[] {
  const files = unzipBounded(
    data,
    name =>
      name.endsWith('/pom.properties') ||
      name.toUpperCase() === 'META-INF/MANIFEST.MF' ||
      (depth < MAX_DEPTH && ARCHIVE.test(name)),
    budget
  )
  const out: RawPackage[] = []
  const names = Object.keys(files).sort()
  for (const name of names) {
    const path = /^META-INF\/maven\/([^/]+)\/([^/]+)\/pom\.properties$/.exec(name)
    if (!path) continue
    const props = parseProperties(Buffer.from(files[name]).toString('utf8'))
    // The directory names the coordinates too: a pom.properties without groupId still has one.
    const group = props.get('groupId') || path[1]
    const artifact = props.get('artifactId') || path[2]
    const version = props.get('version')
    if (group && artifact && version) out.push(maven(group, artifact, version, location))
  }
  const nested = names.filter(n => ARCHIVE.test(n))
  if (out.length === 0) {
    const manifestName = names.find(n => n.toUpperCase() === 'META-INF/MANIFEST.MF')
    const manifest = manifestName
      ? parseManifest(Buffer.from(files[manifestName]).toString('utf8'))
      : new Map<string, string>()
    const fileName = location.slice(location.lastIndexOf('/') + 1).replace(/!.*$/, '')
    // A war/ear that only wraps other jars is not itself a library worth reporting by file name.
    const pkg =
      nested.length > 0 && !manifestName ? undefined : fromManifest(manifest, fileName, location)
    if (pkg) out.push(pkg)
  }
  for (const name of nested) {
    try {
      for (const p of readJavaArchive(files[name], `${location}!/${name}`, depth + 1, budget))
        out.push(p)
    } catch (error) {
      // A nested archive that is not a zip is left alone; the outer archive's packages stand.
      // A bomb is not: the whole archive is refused.
      if (error instanceof ZipLimitError) throw error
    }
  }
  return out
}

export const javaCataloger: Cataloger = {
  name: 'java',
  wants: (path, size) => ARCHIVE.test(path) && size <= 256 * 1024 * 1024,
  parse(path, content): ParsedFile {
    try {
      return { packages: readJavaArchive(content, path) }
    } catch (error) {
      return {
        packages: [],
        warnings: [
          `${path}: not a readable Java archive (${error instanceof Error ? error.message : String(error)})`
        ]
      }
    }
  }
}
