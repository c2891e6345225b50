// Builds the two bundles with ncc: dist/index.js (the action) and
// dist/cli/index.js (the CLI, the package's bin). Deterministic, so CI can
// rebuild and diff against the committed dist/.
// The two builds are independent: they run at once (55 s one after the other on
// this 2-core machine; ncc's --transpile-only is not an option, it loses the ESM
// module setting and cannot bundle the top-level await).
import { execFile } from 'node:child_process'
import { chmodSync, rmSync } from 'node:fs'
import { promisify } from 'node:util'

const ncc = 'node_modules/@vercel/ncc/dist/ncc/cli.js'
rmSync('dist', { recursive: true, force: true })
const run = promisify(execFile)
const build = async (entry, out, extra = []) => {
  const { stdout, stderr } = await run(
    process.execPath,
    [ncc, 'build', entry, '-o', out, '--quiet', ...extra],
    { maxBuffer: 64 << 20 }
  )
  process.stdout.write(stdout)
  process.stderr.write(stderr)
}
await Promise.all([
  build('src/index.ts', 'dist', ['--license', 'licenses.txt']),
  build('src/cli/index.ts', 'dist/cli')
])
chmodSync('dist/cli/index.js', 0o755)
