// The e2e tests run dist/index.js with spawnSync, which blocks the test
// process: the fake API must then live in its own process. This checks that
// mode against a synchronous child, exactly as runAction() would use it.
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from '@jest/globals'
import { startFakeGitHubProcess } from '../helpers/fake-github-server.js'

describe('startFakeGitHubProcess', () => {
  it('serves a blocked test process and reports the requests afterwards', async () => {
    const fake = await startFakeGitHubProcess({ prefix: '/api/v3', readOnly: true })
    try {
      const script = `
        const api = process.env.GITHUB_API_URL
        const post = await fetch(api + '/repos/o/r/issues/7/comments', {
          method: 'POST', headers: { authorization: 'Bearer t' }, body: JSON.stringify({ body: 'hi' }) })
        const list = await fetch(api + '/repos/o/r/issues/7/comments')
        console.log(post.status, list.status)`
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        env: { PATH: process.env.PATH ?? '', GITHUB_API_URL: fake.url },
        encoding: 'utf8'
      })
      expect(child.stdout.trim()).toBe('403 200')
      const requests = await fake.requests()
      expect(requests.map(r => `${r.method} ${r.path}`)).toEqual([
        'POST /repos/o/r/issues/7/comments',
        'GET /repos/o/r/issues/7/comments'
      ])
      expect(requests[0].json).toEqual({ body: 'hi' })
      expect((await fake.state()).comments).toEqual({})
    } finally {
      await fake.close()
    }
  })
})
