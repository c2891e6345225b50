// Where OSV records come from: the OSV API (default) or OSV JSON files / zips on disk
// (`vuln-db`). One type for the whole run: defined with the scan options in model/ (the layer
// every folder may import), named VulnSource here.
export type { VulnDbSource as VulnSource } from '../model/scan.js'
