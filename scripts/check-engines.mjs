// Every package in package-lock.json accepts each Node version we support (what npm's
// EBADENGINE warning checks, here for versions this machine is not running, such as the
// oldest supported one). Usage: node scripts/check-engines.mjs 22.15.0 24.0.0
import { readFileSync } from 'node:fs'
import semver from 'semver'

const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'))
const own = lock.packages[''].engines?.node
let bad = 0
for (const version of process.argv.slice(2)) {
  if (own && !semver.satisfies(version, own)) {
    console.error(`node ${version}: outside our own engines (${own})`)
    bad++
  }
  for (const [path, pkg] of Object.entries(lock.packages)) {
    const range = pkg.engines?.node
    if (path && range && !semver.satisfies(version, range, { includePrerelease: true })) {
      console.error(`node ${version}: ${path.replace(/^.*node_modules\//, '')} wants ${range}`)
      bad++
    }
  }
}
if (bad === 0)
  console.log(`engines: every package accepts node ${process.argv.slice(2).join(', ')}`)
process.exit(bad ? 1 : 0)
