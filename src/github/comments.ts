import { MAX_COMMENT_CHARS } from '../pr/comment.js'
import type { PullRequestContext } from '../pr/context.js'
import { GitHubApiError, type GitHubClient, type WriteOptions } from './client.js'

interface IssueComment {
  id: number
  body?: string | null
}

const WRITE: WriteOptions = { permission: 'pull-requests: write', purpose: 'the PR comment' }

/**
 * Keep one comment per marker on the PR: create it the first time, edit it in
 * place afterwards (`unchanged` when the text is the same). Only a comment
 * whose body starts with the marker is ours, so quoted replies are left alone.
 * `skipped`: the token cannot write (one warning was logged by the client).
 */
export async function upsertStickyComment(
  client: GitHubClient,
  ctx: Pick<PullRequestContext, 'number' | 'repo'>,
  marker: string,
  body: string
): Promise<'created' | 'updated' | 'unchanged' | 'skipped'> {
  if (!client.canWrite) {
    client.skipped(WRITE)
    return 'skipped'
  }
  let text = body.startsWith(marker) ? body : `${marker}\n${body}`
  if (text.length > MAX_COMMENT_CHARS)
    text = text.slice(0, MAX_COMMENT_CHARS - 30) + '\n\n…(cut at the size limit)'
  const { owner, repo } = ctx.repo
  let comments: IssueComment[]
  try {
    comments = await client.getAll<IssueComment>(
      `/repos/${owner}/${repo}/issues/${ctx.number}/comments`
    )
  } catch (error) {
    // A token that cannot even read the PR cannot write to it either.
    if (error instanceof GitHubApiError && (error.status === 401 || error.status === 403)) {
      client.refused(error, WRITE)
      return 'skipped'
    }
    throw error
  }
  const ours = comments.find(c => typeof c.body === 'string' && c.body.startsWith(marker))
  if (ours) {
    if (ours.body === text) return 'unchanged'
    const done = await client.write(
      'PATCH',
      `/repos/${owner}/${repo}/issues/comments/${ours.id}`,
      { body: text },
      WRITE
    )
    return done === undefined ? 'skipped' : 'updated'
  }
  const done = await client.write(
    'POST',
    `/repos/${owner}/${repo}/issues/${ctx.number}/comments`,
    { body: text },
    WRITE
  )
  return done === undefined ? 'skipped' : 'created'
}
