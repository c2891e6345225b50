// Every package in package-lock.json accepts each Node version we support (what npm's
// EBADENGINE warning checks), here for versions this machine is not running: the lowest
// version of each range in our own `engines` (e.g. 22.22.2 and 24.15.0 for
// "^22.22.2 || >=24.15.0"), plus any given on the command line.
// Usage: node scripts/check-engines.mjs [VERSION...]
import { readFileSync } from 'node:fs'
import semver from 'semver'

const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'))
const own = lock.packages[''].engines?.node ?? '*'
const floors = new semver.Range(own).set.map(
  comparators =>
    semver.minVersion(new semver.Range(comparators.map(c => c.value).join(' ')))?.version
)
const versions = [...new Set([...floors.filter(Boolean), ...process.argv.slice(2)])]
let bad = 0
for (const version of versions) {
  if (!semver.satisfies(version, own)) {
    console.error(`node ${version}: outside our own engines (${own})`)
    bad++
  }
  for (const [path, pkg] of Object.entries(lock.packages)) {
    const range = pkg.engines?.node
    if (
      path &&
      typeof range === 'string' &&
      !semver.satisfies(version, range, { includePrerelease: true })
    ) {
      console.error(`node ${version}: ${path.replace(/^.*node_modules\//, '')} wants ${range}`)
      bad++
    }
  }
}
if (bad === 0) console.log(`engines ${own}: every package accepts node ${versions.join(', ')}`)
process.exit(bad ? 1 : 0)
