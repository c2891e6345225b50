// Where a finding is when it is inside the image (a file of a layer, the
// config's Env, a history step, a package database) rather than in a file of
// the checkout. Such a finding never gets a repository path, link or
// annotation file of its own: it is either placed on the Dockerfile line that
// created it (properties.dockerfileOrigin) or reported inside the image.
import type { Finding } from './finding.js'

/** What kind of thing inside the image: a file, an Env variable of the config, a history step. */
export type ImageObjectKind = 'file' | 'env' | 'history' | 'image'

export interface ImageObject {
  kind: ImageObjectKind
  /** `/app/src/server.js`, `config/Env/DATABASE_PASSWORD`, `history/3`, or '' for the image itself. */
  path: string
}

/** The in-image object a finding is about; undefined for findings of the checkout. */
export function imageObjectOf(finding: Finding): ImageObject | undefined {
  const props = finding.properties ?? {}
  if (typeof props.imagePath === 'string') return objectOf(props.imagePath)
  if (finding.check === 'vulnerabilities') {
    // The package database or manifest the package was read from, else the image itself.
    return typeof props.location === 'string'
      ? objectOf(props.location)
      : { kind: 'image', path: '' }
  }
  const path = finding.location.path
  const env = /^image config Env (.+)$/.exec(path)
  if (env) return { kind: 'env', path: `config/Env/${env[1]}` }
  const history = /^image history (\d+)$/.exec(path)
  if (history) return { kind: 'history', path: `history/${history[1]}` }
  if ('layerIndex' in props || 'layerDigest' in props || 'historyIndex' in props)
    return objectOf(path)
  return undefined
}

function objectOf(path: string): ImageObject {
  if (path.startsWith('config/Env/')) return { kind: 'env', path }
  if (/^history\/\d+$/.test(path)) return { kind: 'history', path }
  if (path === '') return { kind: 'image', path }
  return { kind: 'file', path: `/${path.replace(/\\/g, '/').replace(/^\/+/, '')}` }
}

/** True for findings inside the image (placed on a Dockerfile line or not). */
export function isInImage(finding: Finding): boolean {
  return imageObjectOf(finding) !== undefined
}

/** An in-image finding moved onto the Dockerfile line that created it. */
export function isPlacedOnDockerfile(finding: Finding): boolean {
  return typeof finding.properties?.dockerfileOrigin === 'string'
}

/**
 * `image://<ref>/<path>` for a file, `image://<ref>#config/Env/NAME` or
 * `image://<ref>#history/3` for what only the image config holds: a name for
 * the thing, never a repository path.
 */
export function imageUri(ref: string | undefined, object: ImageObject): string {
  const base = `image://${encodeURI(ref && ref !== '' ? ref : 'image').replace(/#/g, '%23')}`
  if (object.kind === 'file') return `${base}${encodeURI(object.path).replace(/#/g, '%23')}`
  if (object.kind === 'image') return base
  return `${base}#${encodeURI(object.path)}`
}

/** The image a finding names itself (a vulnerability's reference; properties.image once placed). */
export function imageRefOf(finding: Finding): string | undefined {
  const image = finding.properties?.image
  if (typeof image === 'string') return image
  return finding.check === 'vulnerabilities' ? finding.location.path : undefined
}
