// The commits of a range, on real temporary git repositories.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { newRepo } from '../helpers/git-repo.js'
import { addedLines, parseCommitRange, scanSecretsInHistory } from '../../src/secrets/history.js'

const KEY = 'ghp_' + 'R8mWq2Lx7Tz4Kc9Vb3Nf6Hy1Pd5Sg0Ja2Ue8'.slice(0, 36)
const PASSWORD = 'Zq8#mP2vLw!x9Tr4'

function repo(): {
  dir: string
  commit: (files: Record<string, string | null>, msg: string) => string
} {
  const { dir, git } = newRepo('cg-history-')
  const commit = (files: Record<string, string | null>, msg: string): string => {
    for (const [name, text] of Object.entries(files)) {
      const path = join(dir, name)
      if (text === null) rmSync(path)
      else {
        mkdirSync(join(path, '..'), { recursive: true })
        writeFileSync(path, text)
      }
    }
    git('add', '-A')
    git('commit', '-q', '--allow-empty', '-m', msg)
    return git('rev-parse', 'HEAD')
  }
  return { dir, commit }
}

describe('parseCommitRange', () => {
  it('takes BASE..HEAD and refuses what git could read as an option', () => {
    expect(parseCommitRange('origin/main..HEAD')).toEqual({ base: 'origin/main', head: 'HEAD' })
    expect(parseCommitRange('abc123..def456')).toEqual({ base: 'abc123', head: 'def456' })
    expect(parseCommitRange('--output=x..HEAD')).toBeUndefined()
    expect(parseCommitRange('main')).toBeUndefined()
    expect(parseCommitRange('a b..c')).toBeUndefined()
  })
})

describe('addedLines', () => {
  it('keeps each added line with its line number in the new file', () => {
    const patch = [
      'diff --git a/app.py b/app.py',
      'index 1..2 100644',
      '--- a/app.py',
      '+++ b/app.py',
      '@@ -3,0 +4,2 @@ def f():',
      '+token = "x"',
      '+y = 1',
      '@@ -9 +11 @@',
      '-old',
      '+new',
      'diff --git a/gone.txt b/gone.txt',
      'deleted file mode 100644',
      '--- a/gone.txt',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-bye',
      'diff --git "a/we\\tird.txt" "b/we\\tird.txt"',
      '--- /dev/null',
      '+++ "b/we\\tird.txt"',
      '@@ -0,0 +1 @@',
      '+hi'
    ].join('\n')
    expect(addedLines(patch)).toEqual([
      { path: 'app.py', lines: ['token = "x"', 'y = 1', 'new'], lineNumbers: [4, 5, 11] },
      { path: 'we\tird.txt', lines: ['hi'], lineNumbers: [1] }
    ])
  })
})

describe('addedLines reads hunks by their header counts', () => {
  const file = (path: string, body: string[], header = `+++ b/${path}`): string[] => [
    `diff --git a/${path} b/${path}`,
    '--- /dev/null',
    header,
    `@@ -0,0 +1,${body.length} @@`,
    ...body.map(line => `+${line}`)
  ]

  it('keeps an added line that reads "++ /dev/null" as content, with the lines after it', () => {
    const patch = file('notes.md', ['++ /dev/null', 'token = "x"']).join('\n')
    expect(addedLines(patch)).toEqual([
      { path: 'notes.md', lines: ['++ /dev/null', 'token = "x"'], lineNumbers: [1, 2] }
    ])
  })

  it('does not let an added line "++ b/other" re-attribute the lines after it', () => {
    const patch = file('a.txt', ['++ b/other.txt', 'secret = 1']).join('\n')
    expect(addedLines(patch).map(f => [f.path, f.lines])).toEqual([
      ['a.txt', ['++ b/other.txt', 'secret = 1']]
    ])
  })

  it('drops the TAB git appends to a name with a space, quoted or not, and unquotes once', () => {
    const patch = [
      ...file('my file.txt', ['a'], '+++ b/my file.txt\t'),
      ...file('x', ['b'], '+++ "b/we\\"ird name.txt"\t'),
      ...file('y', ['c'], '+++ "b/\\\\"')
    ].join('\n')
    expect(addedLines(patch).map(f => f.path)).toEqual(['my file.txt', 'we"ird name.txt', '\\'])
  })

  it('stops a hunk at a malformed line instead of miscounting, and skips lines outside hunks', () => {
    const patch = [
      '+++ b/a.txt',
      '+outside any hunk',
      '@@ -1,1 +1,3 @@',
      '+one',
      'garbage',
      '+not counted: the hunk ended',
      '@@ -5 +7 @@',
      '-x',
      '+seven',
      '\\ No newline at end of file'
    ].join('\n')
    expect(addedLines(patch)).toEqual([
      { path: 'a.txt', lines: ['one', 'seven'], lineNumbers: [1, 7] }
    ])
  })
})

describe('scanSecretsInHistory', () => {
  it('finds a secret a commit added and a later commit deleted, at its line in that commit', async () => {
    const { dir, commit } = repo()
    const base = commit({ 'README.md': '# app\n' }, 'base')
    const added = commit(
      { 'config/settings.py': `DEBUG = True\nGITHUB_TOKEN = "${KEY}"\n` },
      'add settings'
    )
    commit(
      { 'config/settings.py': 'DEBUG = True\nGITHUB_TOKEN = os.environ["GITHUB_TOKEN"]\n' },
      'oops'
    )
    const scan = await scanSecretsInHistory({ base, head: 'HEAD' }, ['.'], {}, { cwd: dir })
    expect(scan.available).toBe(true)
    expect(scan.stats.commits).toBe(2)
    expect(scan.findings).toHaveLength(1)
    const [finding] = scan.findings
    expect(finding).toMatchObject({
      ruleId: 'github-pat',
      location: { path: 'config/settings.py', line: 2 },
      properties: { commit: added }
    })
    expect(finding!.message).toContain(`added in commit ${added.slice(0, 12)}`)
    expect(JSON.stringify(finding)).not.toContain(KEY)
  })

  it('reports a secret once however many commits touch it, and only under the given paths', async () => {
    const { dir, commit } = repo()
    const base = commit({ 'README.md': '# app\n' }, 'base')
    commit(
      { 'svc/a.env': `DB_PASSWORD=${PASSWORD}\n`, 'other/b.env': `DB_PASSWORD=${PASSWORD}x\n` },
      'one'
    )
    commit({ 'svc/a.env': `# moved\nDB_PASSWORD=${PASSWORD}\n` }, 'two')
    const all = await scanSecretsInHistory({ base, head: 'HEAD' }, ['.'], {}, { cwd: dir })
    expect(all.findings.map(f => `${f.location.path}:${f.location.line}`)).toEqual([
      'other/b.env:1',
      'svc/a.env:1'
    ])
    const svc = await scanSecretsInHistory({ base, head: 'HEAD' }, ['svc'], {}, { cwd: dir })
    expect(svc.findings.map(f => f.location.path)).toEqual(['svc/a.env'])
    // An allowed secret is listed once among the suppressed, not once per commit.
    const allowed = await scanSecretsInHistory(
      { base, head: 'HEAD' },
      ['svc'],
      { allow: [{ path: 'svc/**', reason: 'test values' }] },
      { cwd: dir }
    )
    expect(allowed.findings).toEqual([])
    expect(allowed.suppressed.map(s => [s.finding.location.path, s.source])).toEqual([
      ['svc/a.env', 'config']
    ])
  })

  it('finds a secret after an added line that looks like a file header, in the right file', async () => {
    const { dir, commit } = repo()
    const base = commit({ 'README.md': '# app\n' }, 'base')
    commit({ 'docs/diff.md': `++ /dev/null\n++ b/other.txt\nGITHUB_TOKEN = "${KEY}"\n` }, 'doc')
    const scan = await scanSecretsInHistory({ base, head: 'HEAD' }, ['.'], {}, { cwd: dir })
    expect(scan.findings.map(f => [f.ruleId, f.location.path, f.location.line])).toEqual([
      ['github-pat', 'docs/diff.md', 3]
    ])
  })

  it('scans a file whose name has a space under its real name', async () => {
    const { dir, commit } = repo()
    const base = commit({ 'README.md': '# app\n' }, 'base')
    commit({ 'my config.env': `GITHUB_TOKEN=${KEY}\n` }, 'spaces')
    const scan = await scanSecretsInHistory({ base, head: 'HEAD' }, ['.'], {}, { cwd: dir })
    expect(scan.findings.map(f => f.location.path)).toEqual(['my config.env'])
  })

  it('says the commits are not there instead of failing (a shallow checkout)', async () => {
    const { dir, commit } = repo()
    commit({ 'a.txt': 'a\n' }, 'only')
    const scan = await scanSecretsInHistory(
      { base: 'f'.repeat(40), head: 'HEAD' },
      ['.'],
      {},
      { cwd: dir }
    )
    expect(scan.available).toBe(false)
    expect(scan.findings).toEqual([])
  })
})
