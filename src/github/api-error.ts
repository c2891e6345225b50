/** A GitHub API call that failed: status 0 when no answer came (network, timeout, refused link). */
export class GitHubApiError extends Error {
  override name = 'GitHubApiError'
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly apiMessage: string
  ) {
    super(`GitHub API ${method} ${path} returned ${status}${apiMessage ? `: ${apiMessage}` : ''}`)
  }
}

/** The path of an API URL without the base and the query, for messages. */
export function displayPath(url: string, base: string): string {
  const path = url.startsWith(base) ? url.slice(base.length) : url
  return path.replace(/\?.*$/, '')
}
