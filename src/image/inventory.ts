import type { OsInfo, Package, PackageType } from '../model/package.js'
import {
  CorruptDatabaseError,
  type Cataloger,
  type ParsedFile,
  type RawPackage
} from './catalog/types.js'
import { dpkgCataloger } from './catalog/dpkg.js'
import { apkCataloger } from './catalog/apk.js'
import { rpmCataloger } from './catalog/rpm.js'
import { npmCataloger, isNodeModulesManifest } from './catalog/npm.js'
import { pythonCataloger } from './catalog/python.js'
import { golangCataloger } from './catalog/golang.js'
import { javaCataloger } from './catalog/java.js'
import { osReleaseCataloger, OS_RELEASE_PATHS } from './catalog/os-release.js'
import { LayeredFs, parentOf, joinImagePath } from './layers.js'
import {
  DATABASE_MAX_BYTES,
  formatBytes,
  MAX_IMAGE_OWNED_PATHS,
  MAX_IMAGE_PACKAGES,
  MAX_RECORD_BYTES
} from './limits.js'
import { makePurl } from './purl.js'

// The per-layer view: every file a cataloger reads is parsed in each layer that writes it, and the
// result is kept by path. A package's layer is the first layer of the unbroken run of versions of
// that file in which it has its final version — so a package is not blamed on a later layer that
// merely rewrote /var/lib/dpkg/status while installing something else.

export const CATALOGERS: Cataloger[] = [
  paragraphFed(dpkgCataloger, path =>
    path.endsWith('.list') || path.endsWith('.md5sums') ? '\n' : '\n\n'
  ),
  paragraphFed(apkCataloger, () => '\n\n'),
  rpmCataloger,
  osReleaseCataloger,
  npmCataloger,
  pythonCataloger,
  golangCataloger,
  javaCataloger
]

/**
 * Feed a database made of independent records (dpkg and apk: paragraphs that end at an empty
 * line; dpkg's file lists: lines) to its cataloger one run of whole records at a time, as the file
 * streams by, instead of all of it at once: memory is one record plus what was found, whatever the
 * file holds. The cataloger's own parse reads each run, so what it finds is the same.
 */
export function paragraphFed(
  cataloger: Cataloger,
  separatorFor: (path: string) => string
): Cataloger {
  return {
    ...cataloger,
    stream(path) {
      const separator = Buffer.from(separatorFor(path))
      const found: ParsedFile = { packages: [], ownedPaths: [] }
      let held: Buffer[] = []
      let heldBytes = 0
      const take = (run: Buffer): void => {
        if (run.length === 0) return
        const parsed = cataloger.parse(path, run)
        for (const p of parsed.packages) found.packages.push(p)
        for (const o of parsed.ownedPaths ?? []) found.ownedPaths!.push(o)
        if (
          found.packages.length > MAX_IMAGE_PACKAGES ||
          found.ownedPaths!.length > MAX_IMAGE_OWNED_PATHS
        )
          throw new CorruptDatabaseError(
            `more than ${MAX_IMAGE_PACKAGES} packages or ${MAX_IMAGE_OWNED_PATHS} files in one database`
          )
        if (parsed.os) found.os = parsed.os
        for (const w of parsed.warnings ?? []) (found.warnings ??= []).push(w)
      }
      return {
        write(chunk) {
          // Where the last separator in this chunk ends, counting one begun in the held bytes.
          const at = chunk.lastIndexOf(separator)
          let end = at === -1 ? -1 : at + separator.length
          if (end === -1 && separator.length === 2 && heldBytes > 0 && chunk.length > 0) {
            const last = held[held.length - 1]
            if (last[last.length - 1] === separator[0] && chunk[0] === separator[1]) end = 1
          }
          if (end === -1) {
            held.push(Buffer.from(chunk))
            heldBytes += chunk.length
            if (heldBytes > MAX_RECORD_BYTES)
              throw new CorruptDatabaseError(
                `a record longer than ${formatBytes(MAX_RECORD_BYTES)} (not a ${cataloger.name} database)`
              )
            return
          }
          take(Buffer.concat([...held, chunk.subarray(0, end)]))
          held = end < chunk.length ? [Buffer.from(chunk.subarray(end))] : []
          heldBytes = chunk.length - end
        },
        end() {
          take(Buffer.concat(held))
          held = []
          if (found.ownedPaths!.length === 0) delete found.ownedPaths
          return found
        }
      }
    }
  }
}

interface Tracked {
  layer: number
  parsed: ParsedFile
  /** package key → first layer of its current version */
  since: Map<string, number>
}

function packageKey(p: RawPackage): string {
  return `${p.type}\0${p.name}\0${p.arch ?? ''}\0${p.location ?? ''}`
}

export class Inventory {
  private readonly tracked = new Map<string, Tracked>()
  readonly warnings: string[] = []
  /** Packages and owned paths held in `tracked`, against the image's bounds. */
  private packageCount = 0
  private ownedCount = 0
  private full = false

  constructor(readonly fs: LayeredFs) {}

  /**
   * The catalogers that read this file. One whose database bound the file passes gets a warning
   * instead (`layer` names where), so a bomb is named rather than silently left out.
   */
  wantedBy(path: string, size: number, mode: number, layer?: number): Cataloger[] {
    return CATALOGERS.filter(c => {
      if (!c.wants(path, size, mode)) return false
      const max = DATABASE_MAX_BYTES[c.name]
      if (max === undefined || size <= max) return true
      if (layer !== undefined)
        this.warnings.push(
          `layer ${layer}: ${path}: ${formatBytes(size)}, more than the ${formatBytes(max)} a ${c.name} database may be; skipped`
        )
      return false
    })
  }

  /** Run a cataloger, turning a failure into one warning naming the file. */
  safely(path: string, layer: number, cataloger: Cataloger, run: () => ParsedFile): ParsedFile {
    try {
      return run()
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error)
      this.warnings.push(
        `layer ${layer}: ${path}: corrupt ${cataloger.name} database, skipped (${why})`
      )
      return { packages: [] }
    }
  }

  /** Parse a file's whole content in `layer` with the catalogers that asked for it. */
  parse(path: string, layer: number, catalogers: Cataloger[], content: Buffer): ParsedFile[] {
    return catalogers.map(c => this.safely(path, layer, c, () => c.parse(path, content)))
  }

  /** Keep what the catalogers read from `path` in `layer`, carrying over first-seen layers. */
  store(path: string, layer: number, parts: ParsedFile[]): void {
    const merged: ParsedFile = { packages: [] }
    for (const parsed of parts) {
      // One at a time: a spread of a million owned paths overflows the call stack.
      for (const p of parsed.packages) merged.packages.push(p)
      if (parsed.ownedPaths) {
        const owned = (merged.ownedPaths ??= [])
        for (const o of parsed.ownedPaths) owned.push(o)
      }
      if (parsed.os) merged.os = parsed.os
      for (const w of parsed.warnings ?? []) this.warnings.push(`layer ${layer}: ${w}`)
    }
    const previous = this.tracked.get(path)
    this.untrack(previous)
    const owned = merged.ownedPaths?.length ?? 0
    if (
      (merged.packages.length > 0 || owned > 0) &&
      (this.full ||
        this.packageCount + merged.packages.length > MAX_IMAGE_PACKAGES ||
        this.ownedCount + owned > MAX_IMAGE_OWNED_PATHS)
    ) {
      if (!this.full)
        this.warnings.push(
          `layer ${layer}: ${path}: the image holds more than ${MAX_IMAGE_PACKAGES} packages or ${MAX_IMAGE_OWNED_PATHS} package-owned files; this and later package files are not read`
        )
      this.full = true
      this.tracked.delete(path)
      return
    }
    this.packageCount += merged.packages.length
    this.ownedCount += owned
    const before = new Map<string, { version: string; since: number }>()
    if (previous) {
      for (const p of previous.parsed.packages) {
        const key = packageKey(p)
        before.set(key, { version: p.version, since: previous.since.get(key) ?? previous.layer })
      }
    }
    const since = new Map<string, number>()
    for (const p of merged.packages) {
      const key = packageKey(p)
      const old = before.get(key)
      since.set(key, old && old.version === p.version ? old.since : layer)
    }
    this.tracked.set(path, { layer, parsed: merged, since })
  }

  /** A hardlink to a file parsed earlier: the same content at another path. */
  link(path: string, target: string, layer: number): boolean {
    const source = this.tracked.get(target)
    if (source) this.store(path, layer, [{ ...source.parsed, warnings: [] }])
    else this.forget(path)
    return source !== undefined
  }

  forget(path: string): void {
    this.untrack(this.tracked.get(path))
    this.tracked.delete(path)
  }

  private untrack(t: Tracked | undefined): void {
    if (!t) return
    this.packageCount -= t.parsed.packages.length
    this.ownedCount -= t.parsed.ownedPaths?.length ?? 0
  }

  /** The tracked files still present, unchanged, in the final image. */
  private finalFiles(): [string, Tracked][] {
    const out: [string, Tracked][] = []
    for (const [path, t] of this.tracked) {
      const node = this.fs.nodes.get(path)
      if (node && node.layer === t.layer && (node.type === 'file' || node.type === 'hardlink'))
        out.push([path, t])
    }
    return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  }

  os(): OsInfo | undefined {
    for (const path of OS_RELEASE_PATHS) {
      const real = this.fs.resolve(path)
      const os = real ? this.tracked.get(real)?.parsed.os : undefined
      if (os) return os
    }
    return undefined
  }

  /** Paths the OS package manager owns, each also under its symlink-resolved name (merged /usr). */
  ownedPaths(): Set<string> {
    const owned = new Set<string>()
    for (const [, t] of this.finalFiles()) {
      for (const path of t.parsed.ownedPaths ?? []) {
        owned.add(path)
        const real = this.fs.resolve(path, false)
        if (real) owned.add(real)
      }
    }
    return owned
  }

  packages(
    os: OsInfo | undefined,
    owned: Set<string>,
    layerInfo: (index: number) => { digest?: string; createdBy?: string }
  ): Package[] {
    const byPurl = new Map<string, Package>()
    for (const [path, t] of this.finalFiles()) {
      if (t.parsed.packages.length === 0) continue
      // A package.json outside node_modules counts only as an app root with its own node_modules.
      if (path.endsWith('/package.json') && !isNodeModulesManifest(path)) {
        const node = this.fs.nodes.get(joinImagePath(parentOf(path), 'node_modules'))
        if (!node || node.type !== 'dir') continue
      }
      // Python packages Debian/Alpine/RPM installed are the OS packages' business (see README).
      if (
        t.parsed.packages[0].type === 'pypi' &&
        (owned.has(path) || owned.has(this.fs.resolve(path) ?? path))
      )
        continue
      for (const raw of t.parsed.packages) {
        const layer = t.since.get(packageKey(raw)) ?? t.layer
        const purl = makePurl(raw, os)
        const location = raw.location ?? path
        const existing = byPurl.get(purl)
        if (existing) {
          if (!existing.locations.includes(location)) existing.locations.push(location)
          if ((existing.layerIndex ?? Infinity) > layer)
            Object.assign(existing, this.layerFields(layer, layerInfo))
          continue
        }
        const pkg: Package = {
          name: raw.name,
          version: raw.epoch ? `${raw.epoch}:${raw.version}` : raw.version,
          type: raw.type,
          purl,
          locations: [location],
          ...this.layerFields(layer, layerInfo)
        }
        if (raw.sourceName) pkg.sourceName = raw.sourceName
        if (raw.sourceVersion) pkg.sourceVersion = raw.sourceVersion
        if (raw.arch) pkg.arch = raw.arch
        byPurl.set(purl, pkg)
      }
    }
    const order: PackageType[] = ['deb', 'apk', 'rpm', 'npm', 'pypi', 'golang', 'maven']
    const result = [...byPurl.values()]
    for (const p of result) p.locations.sort()
    return result.sort(
      (a, b) =>
        order.indexOf(a.type) - order.indexOf(b.type) ||
        cmp(a.name, b.name) ||
        cmp(a.version, b.version) ||
        cmp(a.purl, b.purl)
    )
  }

  private layerFields(
    layer: number,
    layerInfo: (index: number) => { digest?: string; createdBy?: string }
  ): Pick<Package, 'layerIndex' | 'layerDigest' | 'createdBy'> {
    const info = layerInfo(layer)
    const out: Pick<Package, 'layerIndex' | 'layerDigest' | 'createdBy'> = { layerIndex: layer }
    if (info.digest) out.layerDigest = info.digest
    if (info.createdBy) out.createdBy = info.createdBy
    return out
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
