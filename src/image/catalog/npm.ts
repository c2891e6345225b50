import type { Cataloger, ParsedFile } from './types.js'

// npm: the package.json at each package root under node_modules (nested and scoped), wherever the
// tree lives (apps, /usr/lib/node_modules, /usr/local/lib/node_modules). A package.json outside
// node_modules is read too; the inventory keeps it only when it is an app root (a node_modules
// directory beside it in the final image).

const PACKAGE_ROOT = /\/node_modules\/(?:@[^/]+\/)?[^/@][^/]*\/package\.json$/

export function isNodeModulesManifest(path: string): boolean {
  return PACKAGE_ROOT.test(path)
}

export const npmCataloger: Cataloger = {
  name: 'npm',
  wants(path, size) {
    if (!path.endsWith('/package.json') || size > 4 * 1024 * 1024) return false
    if (isNodeModulesManifest(path)) return true
    return !path.includes('/node_modules/')
  },
  parse(path, content): ParsedFile {
    let manifest: unknown
    try {
      manifest = JSON.parse(content.toString('utf8'))
    } catch {
      // A broken package.json in an app's own files is common noise; one under node_modules is worth a line.
      return isNodeModulesManifest(path)
        ? { packages: [], warnings: [`${path}: not valid JSON`] }
        : { packages: [] }
    }
    if (typeof manifest !== 'object' || manifest === null) return { packages: [] }
    const { name, version } = manifest as { name?: unknown; version?: unknown }
    if (typeof name !== 'string' || typeof version !== 'string' || !name || !version)
      return { packages: [] }
    return { packages: [{ type: 'npm', name, version }] }
  }
}
