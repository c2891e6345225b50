import type { OsInfo, Package, PackageType } from '../model/package.js'
import { type Cataloger, type ParsedFile, type RawPackage } from './catalog/types.js'
import { dpkgCataloger } from './catalog/dpkg.js'
import { apkCataloger } from './catalog/apk.js'
import { rpmCataloger } from './catalog/rpm.js'
import { npmCataloger, isNodeModulesManifest } from './catalog/npm.js'
import { pythonCataloger } from './catalog/python.js'
import { golangCataloger } from './catalog/golang.js'
import { javaCataloger } from './catalog/java.js'
import { osReleaseCataloger, OS_RELEASE_PATHS } from './catalog/os-release.js'
import { LayeredFs, parentOf, joinImagePath } from './layers.js'
import { makePurl } from './purl.js'

// The per-layer view: every file a cataloger reads is parsed in each layer that writes it, and the
// result is kept by path. A package's layer is the first layer of the unbroken run of versions of
// that file in which it has its final version — so a package is not blamed on a later layer that
// merely rewrote /var/lib/dpkg/status while installing something else.

export const CATALOGERS: Cataloger[] = [
  dpkgCataloger,
  apkCataloger,
  rpmCataloger,
  osReleaseCataloger,
  npmCataloger,
  pythonCataloger,
  golangCataloger,
  javaCataloger
]

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

  constructor(readonly fs: LayeredFs) {}

  wantedBy(path: string, size: number, mode: number): Cataloger[] {
    return CATALOGERS.filter(c => c.wants(path, size, mode))
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
      merged.packages.push(...parsed.packages)
      if (parsed.ownedPaths) (merged.ownedPaths ??= []).push(...parsed.ownedPaths)
      if (parsed.os) merged.os = parsed.os
      for (const w of parsed.warnings ?? []) this.warnings.push(`layer ${layer}: ${w}`)
    }
    const previous = this.tracked.get(path)
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
    else this.tracked.delete(path)
    return source !== undefined
  }

  forget(path: string): void {
    this.tracked.delete(path)
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
