import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/model/errors.js'
import {
  addedLinesInPatch,
  parseFilterMode,
  parseUnifiedDiff,
  partitionByDiff,
  type ChangedLines
} from '../../src/pr/diff.js'
import { dockerfileFinding, secretFinding, vulnFinding } from './findings.js'

// `git diff --unified=0 --find-renames` output, as git 2.39 prints it.
const GIT_DIFF = `diff --git a/Dockerfile b/Dockerfile
index 3b18e51..b2c7d14 100644
--- a/Dockerfile
+++ b/Dockerfile
@@ -1 +1 @@
-FROM node:20
+FROM node:20-bookworm-slim@sha256:aaaa
@@ -4,0 +5,2 @@ WORKDIR /app
+RUN apt-get update && apt-get install -y curl
+ENV API_TOKEN=abc
diff --git a/config/app.env b/config/app.env
new file mode 100644
index 0000000..e69de29
--- /dev/null
+++ b/config/app.env
@@ -0,0 +1,3 @@
+A=1
+B=2
+C=3
diff --git a/old.txt b/old.txt
deleted file mode 100644
index 9daeafb..0000000
--- a/old.txt
+++ /dev/null
@@ -1 +0,0 @@
-test
diff --git a/src/server.js b/lib/server.js
similarity index 90%
rename from src/server.js
rename to lib/server.js
index 1111111..2222222 100644
--- a/src/server.js
+++ b/lib/server.js
@@ -10,0 +11 @@ function main() {
+  const key = process.env.KEY
diff --git a/logo.png b/logo.png
index 1111111..3333333 100644
Binary files a/logo.png and b/logo.png differ
diff --git "a/docs/caf\\303\\251 notes.md" "b/docs/caf\\303\\251 notes.md"
index 4444444..5555555 100644
--- "a/docs/caf\\303\\251 notes.md"
+++ "b/docs/caf\\303\\251 notes.md"
@@ -2 +2 @@
--- old heading
+++ new heading
`

describe('parseUnifiedDiff', () => {
  const changed = parseUnifiedDiff(GIT_DIFF)

  it('collects the new-side numbers of added and changed lines, per file', () => {
    expect(changed.get('Dockerfile')).toEqual(new Set([1, 5, 6]))
    expect(changed.get('lib/server.js')).toEqual(new Set([11]))
  })

  it('marks new and binary files as wholly changed, and leaves deleted files out', () => {
    expect(changed.get('config/app.env')).toBe('all')
    expect(changed.get('logo.png')).toBe('all')
    expect(changed.has('old.txt')).toBe(false)
  })

  it('keys renames by the new path and decodes quoted UTF-8 paths', () => {
    expect(changed.has('src/server.js')).toBe(false)
    // The content line "++ new heading" starts with "+++": counted by the hunk header, not taken for a file header.
    expect(changed.get('docs/café notes.md')).toEqual(new Set([2]))
    expect([...changed.keys()].sort()).toEqual(
      ['Dockerfile', 'config/app.env', 'docs/café notes.md', 'lib/server.js', 'logo.png'].sort()
    )
  })

  it('reads plain `diff -u` output with several files and CRLF line ends', () => {
    const plain = [
      '--- a/x.txt\t2026-01-01',
      '+++ b/x.txt\t2026-01-02',
      '@@ -1,3 +1,4 @@',
      ' one',
      '+two',
      ' three',
      ' four',
      '--- a/y.txt',
      '+++ b/y.txt',
      '@@ -5,2 +5,2 @@',
      '-five',
      '+FIVE',
      ' six',
      ''
    ].join('\r\n')
    const parsed = parseUnifiedDiff(plain)
    expect(parsed.get('x.txt')).toEqual(new Set([2]))
    expect(parsed.get('y.txt')).toEqual(new Set([5]))
  })
})

describe('addedLinesInPatch (the PR files API `patch` field)', () => {
  it('counts context lines, skips removals and "No newline" markers', () => {
    const patch = [
      '@@ -1,5 +1,6 @@',
      ' FROM node:20',
      '-RUN npm install',
      '+RUN npm ci',
      '+USER node',
      ' WORKDIR /app',
      ' COPY . .',
      ' CMD ["node", "server.js"]',
      '\\ No newline at end of file',
      '@@ -20,3 +21,3 @@ stage two',
      ' a',
      '-b',
      '+B',
      ' c'
    ].join('\n')
    expect([...addedLinesInPatch(patch)]).toEqual([2, 3, 22])
  })

  it('handles hunk headers without counts (single lines)', () => {
    expect([...addedLinesInPatch('@@ -3 +3 @@\n-x\n+y')]).toEqual([3])
  })
})

describe('partitionByDiff', () => {
  const changed: ChangedLines = new Map<string, Set<number> | 'all'>([
    ['Dockerfile', new Set([5, 6])],
    ['config/app.env', 'all']
  ])
  const onAdded = dockerfileFinding('apt-no-clean', 5)
  const nearAdded = dockerfileFinding('shell-form-cmd', 9)
  const farAway = dockerfileFinding('unpinned-base', 1)
  const inNewFile = secretFinding('ghp_R8mWq2Lx7Tz4Kc9Vb3Nf6Hy1Pd5Sg0Ja2Ue8', './config/app.env', 2)
  const untouched = secretFinding('ghp_R8mWq2Lx7Tz4Kc9Vb3Nf6Hy1Pd5Sg0Ja2Ue9', 'src/other.js', 3)
  const vuln = vulnFinding('CVE-2024-0001', 'openssl', '3.0.11')
  const all = [onAdded, nearAdded, farAway, inNewFile, untouched, vuln]
  const ids = (fs: { ruleId: string; location: { line?: number } }[]) =>
    fs.map(f => `${f.ruleId}@${f.location.line ?? '-'}`)

  it('added: only findings on added lines (and in new files); image findings are never filtered', () => {
    const { inDiff, outside } = partitionByDiff(all, changed, 'added')
    expect(ids(inDiff)).toEqual(['apt-no-clean@5', 'github-token@2', 'CVE-2024-0001@-'])
    expect(ids(outside)).toEqual(['shell-form-cmd@9', 'unpinned-base@1', 'github-token@3'])
  })

  it('diff-context: within 3 lines of a change', () => {
    const { inDiff } = partitionByDiff(all, changed, 'diff-context')
    expect(ids(inDiff)).toEqual([
      'apt-no-clean@5',
      'shell-form-cmd@9',
      'github-token@2',
      'CVE-2024-0001@-'
    ])
  })

  it('file: anywhere in a changed file', () => {
    const { outside } = partitionByDiff(all, changed, 'file')
    expect(ids(outside)).toEqual(['github-token@3'])
  })

  it('nofilter: everything', () => {
    expect(partitionByDiff(all, changed, 'nofilter').outside).toEqual([])
  })

  it('counts a multi-line finding whose span covers a changed line', () => {
    const span = { ...farAway, location: { path: 'Dockerfile', line: 3, endLine: 6 } }
    expect(partitionByDiff([span], changed, 'added').inDiff).toEqual([span])
  })

  it('maps paths under a sub-directory working directory with `root`', () => {
    const f = dockerfileFinding('apt-no-clean', 5, 'medium', 'Dockerfile')
    const nested = new Map([['services/api/Dockerfile', new Set([5])]])
    expect(partitionByDiff([f], nested, 'added', { root: 'services/api' }).inDiff).toEqual([f])
    expect(partitionByDiff([f], nested, 'added').inDiff).toEqual([])
  })
})

describe('parseFilterMode', () => {
  it('accepts the four modes, and reviewdog spelling', () => {
    expect(parseFilterMode('added')).toBe('added')
    expect(parseFilterMode('diff_context')).toBe('diff-context')
    expect(parseFilterMode(' File ')).toBe('file')
    expect(parseFilterMode('nofilter')).toBe('nofilter')
  })

  it('rejects anything else with one line naming the input', () => {
    expect(() => parseFilterMode('lines')).toThrow(InputError)
    expect(() => parseFilterMode('lines')).toThrow(
      /^input 'filter-mode' has value "lines"; allowed: added, diff-context, file, nofilter/
    )
  })
})

describe('image findings are never filtered by the diff', () => {
  it('a secret found in an image layer stays in, even with a relative-looking path', () => {
    const inLayer = {
      ...secretFinding('ghp_R8mWq2Lx7Tz4Kc9Vb3Nf6Hy1Pd5Sg0Ja2Ue8', 'app/.env', 1),
      properties: { layerIndex: 3 }
    }
    expect(partitionByDiff([inLayer], new Map(), 'added').inDiff).toEqual([inLayer])
  })
})
