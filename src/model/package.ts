// What the image inventory produces and the vulnerability matcher consumes.

export const PACKAGE_TYPES = ['deb', 'apk', 'rpm', 'npm', 'pypi', 'golang', 'maven'] as const
export type PackageType = (typeof PACKAGE_TYPES)[number]

export interface Package {
  name: string
  version: string
  type: PackageType
  /** Package URL (purl-spec), e.g. pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12 */
  purl: string
  /** deb `Source:`, apk origin, rpm source rpm name; Maven group:artifact lives in `name`. */
  sourceName?: string
  sourceVersion?: string
  arch?: string
  /** The database or manifest the package was read from (an in-image path). */
  locations: string[]
  /** 0-based index of the layer that added the package at its final version. */
  layerIndex?: number
  layerDigest?: string
  /** The image history's created_by for that layer (the Dockerfile instruction). */
  createdBy?: string
}

export interface OsInfo {
  /** os-release ID, e.g. debian, ubuntu, alpine, rhel, rocky, almalinux, amzn. */
  id: string
  versionId?: string
  versionCodename?: string
  prettyName?: string
}
