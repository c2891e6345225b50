#!/usr/bin/env node
// The CLI's entry (bundled to dist/cli/index.js, the package's `bin`).
import { errorMessage } from '../model/errors.js'
import { useProxyFromEnvironment } from '../util/proxy.js'
import { EXIT_INPUT_ERROR, runCli } from './run.js'

try {
  await useProxyFromEnvironment(process.env)
} catch (error) {
  process.stderr.write(`container-gate: ${errorMessage(error)}\n`)
  process.exit(EXIT_INPUT_ERROR)
}

process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  isTty: Boolean(process.stdout.isTTY)
})
