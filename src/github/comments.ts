import { MAX_COMMENT_CHARS } from '../pr/comment.js'
import type { PullRequestContext } from '../pr/context.js'
import { GitHubApiError, type GitHubClient, type WriteOptions } from './client.js'

interface IssueComment {
  id: number
  body?: string | null
  user?: { login?: string; type?: string } | null
}

/** The workflow's GITHUB_TOKEN writes as this bot (an installation token, which GET /user refuses). */
export const WORKFLOW_TOKEN_LOGIN = 'github-actions[bot]'

/**
 * Who our comments are written as: the user of a personal access token
 * (GET /user), or github-actions[bot] for the workflow's GITHUB_TOKEN, which
 * is not a user and gets 403 there. Undefined when it cannot be told (the
 * request failed otherwise): then no existing comment is taken as ours.
 */
export async function commentAuthor(client: GitHubClient): Promise<string | undefined> {
  try {
    const me = await client.get<{ login?: unknown }>('/user')
    return typeof me?.login === 'string' && me.login !== '' ? me.login : undefined
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 403) return WORKFLOW_TOKEN_LOGIN
    return undefined
  }
}

const WRITE: WriteOptions = { permission: 'pull-requests: write', purpose: 'the PR comment' }

/**
 * Keep one comment per marker on the PR: create it the first time, edit it in
 * place afterwards (`unchanged` when the text is the same). A comment is ours
 * when its body starts with the marker (quoted replies are left alone) and we
 * wrote it (commentAuthor): anyone can post the marker, and a comment someone
 * else wrote is never edited; ours is created beside it.
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
  const marked = comments.filter(c => typeof c.body === 'string' && c.body.startsWith(marker))
  const author = marked.length > 0 ? await commentAuthor(client) : undefined
  const ours =
    author === undefined
      ? undefined
      : marked.find(c => c.user?.login?.toLowerCase() === author.toLowerCase())
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
