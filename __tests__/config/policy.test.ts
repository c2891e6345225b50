import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { changedLines, parsePolicySource, readBasePolicy } from '../../src/config/policy.js'
import { newRepo } from '../helpers/git-repo.js'

describe('changedLines', () => {
  it('lists the head lines the base does not have', () => {
    expect(changedLines(['a', 'b', 'c'], ['a', 'x', 'b', 'c', 'y'])).toEqual([2, 5])
    expect(changedLines(['a', 'b'], ['a', 'b'])).toEqual([])
    expect(changedLines([], ['a', 'b'])).toEqual([1, 2])
    expect(changedLines(['a', 'b', 'c'], ['a', 'c'])).toEqual([])
  })
})

describe('parsePolicySource', () => {
  it('takes base or head, case-insensitively; anything else is one line', () => {
    expect(parsePolicySource('', "input 'policy-from'")).toBeUndefined()
    expect(parsePolicySource('HEAD', "input 'policy-from'")).toBe('head')
    expect(() => parsePolicySource('pr', "input 'policy-from'")).toThrow(
      `input 'policy-from' has value "pr"; allowed: base, head`
    )
  })
})

describe('readBasePolicy', () => {
  it('reads the config and baseline of the base commit and reports what the head changed', async () => {
    const { dir, git } = newRepo('cg-policy-')
    mkdirSync(join(dir, 'ci'))
    writeFileSync(join(dir, 'ci', 'gate.yml'), 'severity:\n  runs-as-root: low\n')
    git('add', '-A')
    git('commit', '-q', '-m', 'base')
    const baseSha = git('rev-parse', 'HEAD')
    const head = 'severity:\n  runs-as-root: low\nignore:\n  - path: "**"\n    reason: x\n'
    const baseline = '{"version": 1, "fingerprints": []}\n'
    const policy = await readBasePolicy({
      cwd: dir,
      baseSha,
      configFile: join(dir, 'ci', 'gate.yml'),
      baselineFile: join(dir, 'b.json'),
      headConfigText: head,
      headBaselineText: baseline
    })
    expect(policy?.file.ignores).toEqual([])
    expect(policy?.file.severity.get('runs-as-root')).toBe('low')
    expect(policy?.baseline).toBeUndefined()
    expect(policy?.changes).toEqual([
      { file: 'ci/gate.yml', lines: [3, 4, 5], added: false },
      { file: 'b.json', lines: [1], added: true }
    ])
  })

  it('is undefined when the base commit cannot be had, and for a ref that is not a SHA', async () => {
    const { dir } = newRepo('cg-policy-missing-')
    expect(await readBasePolicy({ cwd: dir, baseSha: 'f'.repeat(40) })).toBeUndefined()
    expect(await readBasePolicy({ cwd: dir, baseSha: '--output=x' })).toBeUndefined()
  })
})
