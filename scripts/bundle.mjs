// Builds the two bundles with ncc: dist/index.js (the action) and
// dist/cli/index.js (the CLI, the package's bin). Deterministic, so CI can
// rebuild and diff against the committed dist/.
import { execFileSync } from 'node:child_process'
import { chmodSync, rmSync } from 'node:fs'

const ncc = 'node_modules/@vercel/ncc/dist/ncc/cli.js'
rmSync('dist', { recursive: true, force: true })
const build = (entry, out, extra = []) =>
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', out, '--quiet', ...extra], {
    stdio: 'inherit'
  })
build('src/index.ts', 'dist', ['--license', 'licenses.txt'])
build('src/cli/index.ts', 'dist/cli')
chmodSync('dist/cli/index.js', 0o755)
