// The one reader of the runner's environment and event file.
import { existsSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { errorMessage } from '../model/errors.js'
import type { RunnerContext } from '../model/runner.js'
import { readPullRequestContext } from '../pr/context.js'

/** Event payloads are small; a bigger file is not the runner's. */
const MAX_EVENT_BYTES = 32 * 1024 * 1024

export function readRunnerContext(env: NodeJS.ProcessEnv, cwd = process.cwd()): RunnerContext {
  const eventName = env.GITHUB_EVENT_NAME ?? ''
  let event: unknown
  let eventError: string | undefined
  const path = env.GITHUB_EVENT_PATH
  if (path && existsSync(path)) {
    try {
      const buffer = readFileSync(path)
      if (buffer.length > MAX_EVENT_BYTES) throw new Error(`over ${MAX_EVENT_BYTES} bytes`)
      event = JSON.parse(buffer.toString('utf8'))
    } catch (error) {
      eventError = `cannot read the event payload ${path} (${errorMessage(error)}); treating this run as not a pull request`
    }
  }
  const pr = readPullRequestContext(eventName, event)
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  const inputs: Record<string, string> = {}
  for (const [key, value] of Object.entries(env))
    if (key.startsWith('INPUT_') && value !== undefined) inputs[key.slice(6)] = value
  return {
    eventName,
    event,
    eventError,
    repository: owner && repo ? { owner, repo } : undefined,
    repositoryId: /^\d+$/.test(env.GITHUB_REPOSITORY_ID ?? '')
      ? env.GITHUB_REPOSITORY_ID
      : undefined,
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    sha: env.GITHUB_SHA || undefined,
    headSha: pr?.headSha ?? (env.GITHUB_SHA || undefined),
    workspace: env.GITHUB_WORKSPACE || cwd,
    tempDir: env.RUNNER_TEMP || tmpdir(),
    pr,
    workflow: env.GITHUB_WORKFLOW ?? '',
    job: env.GITHUB_JOB ?? '',
    action: env.GITHUB_ACTION ?? '',
    runId: env.GITHUB_RUN_ID || undefined,
    runAttempt: env.GITHUB_RUN_ATTEMPT || undefined,
    inputs
  }
}
