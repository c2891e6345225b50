import type { OsInfo, PackageType } from '../../model/package.js'

/** A package as a cataloger reads it from one file, before layer attribution and purls. */
export interface RawPackage {
  type: PackageType
  name: string
  version: string
  sourceName?: string
  sourceVersion?: string
  arch?: string
  /** rpm epoch, kept apart so the purl can carry it as a qualifier. */
  epoch?: number
  /** Maven: group and artifact (name is `group:artifact`). */
  group?: string
  artifact?: string
  /** Extra in-image location (e.g. the jar nested in a war). */
  location?: string
}

/** What one file contributes. */
export interface ParsedFile {
  packages: RawPackage[]
  /** Paths the OS package manager says it owns (dpkg .list, apk R:, rpm file lists). */
  ownedPaths?: string[]
  os?: OsInfo
  warnings?: string[]
}

export interface Cataloger {
  name: string
  /** Decided from the header alone: is this file worth reading? */
  wants(path: string, size: number, mode: number): boolean
  parse(path: string, content: Buffer): ParsedFile
  /** For a cataloger that needs asynchronous set-up (WebAssembly): done only when a file needs it. */
  prepare?(): Promise<void>
  ready?(): boolean
  /** Read the file as it streams by instead, when only a little of a possibly big file matters. */
  stream?(path: string): { write(chunk: Buffer): void; end(): ParsedFile }
}

export class CorruptDatabaseError extends Error {}
