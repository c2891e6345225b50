#!/usr/bin/env node
// The CLI's entry (bundled to dist/cli/index.js, the package's `bin`).
import { runCli } from './run.js'

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  isTty: Boolean(process.stdout.isTTY)
})
