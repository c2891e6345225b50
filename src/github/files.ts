import { addedLinesInPatch, type ChangedLines } from '../pr/diff.js'
import type { PullRequestContext } from '../pr/context.js'
import type { GitHubClient } from './client.js'

interface PullFile {
  filename: string
  status: string
  patch?: string
}

/**
 * The PR's changed lines from the files API (works with a shallow checkout
 * and a read-only token). New files and files whose patch GitHub leaves out
 * (binary or too large) count as wholly changed; removed files are left out.
 * Throws GitHubApiError when the API cannot be read.
 */
export async function changedLinesFromApi(
  client: GitHubClient,
  ctx: Pick<PullRequestContext, 'number' | 'repo'>
): Promise<ChangedLines> {
  const { owner, repo } = ctx.repo
  const files = await client.getAll<PullFile>(`/repos/${owner}/${repo}/pulls/${ctx.number}/files`)
  const changed: ChangedLines = new Map()
  for (const file of files) {
    if (file.status === 'removed' || typeof file.filename !== 'string') continue
    if (file.status === 'added' || typeof file.patch !== 'string') changed.set(file.filename, 'all')
    else changed.set(file.filename, addedLinesInPatch(file.patch))
  }
  return changed
}
