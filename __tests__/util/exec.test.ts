// The child-process runner (@actions/exec underneath): exit codes are results,
// arguments reach the program as given (no shell), nothing of the child reaches
// our stdout, and stdout past the cap is a clear error, never a partial answer.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, jest } from '@jest/globals'
import { OutputLimitError, run } from '../../src/util/exec.js'
import { git } from '../../src/util/git.js'
import { newRepo } from '../helpers/git-repo.js'

const node = process.execPath

describe('run', () => {
  it('returns a non-zero exit code with the output so far instead of throwing', async () => {
    const r = await run(node, ['-e', 'process.stdout.write("partial"); process.exit(3)'], {
      maxBytes: 1024
    })
    expect(r).toEqual({ exitCode: 3, stdout: 'partial' })
  })

  it('hands every argument to the program as it is: no shell, no expansion', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-exec-'))
    const args = ['first', '--', '$(touch pwned)', '`touch pwned2`', 'a b;c', "it's", '*']
    const r = await run(
      node,
      ['-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', ...args],
      {
        cwd: dir,
        maxBytes: 1024
      }
    )
    expect(JSON.parse(r.stdout)).toEqual(args)
    expect(existsSync(join(dir, 'pwned'))).toBe(false)
    expect(existsSync(join(dir, 'pwned2'))).toBe(false)
  })

  it('writes input to stdin and decodes UTF-8 split across chunks', async () => {
    const text = 'é'.repeat(100_000) // 200,000 bytes: arrives in several chunks
    const r = await run(node, ['-e', 'process.stdin.pipe(process.stdout)'], {
      input: text,
      maxBytes: 1024 * 1024
    })
    expect(r.stdout).toBe(text)
  })

  it('is silent: neither the command line nor the output reaches our stdout', async () => {
    const write = jest.spyOn(process.stdout, 'write')
    try {
      await run(node, ['-e', 'console.log("::error::from the child"); console.error("err")'], {
        maxBytes: 1024
      })
      expect(write).not.toHaveBeenCalled()
    } finally {
      write.mockRestore()
    }
  })

  it('stops with a clear error past the cap (8 MiB printed, 1 MiB allowed)', async () => {
    const big = 'process.stdout.write(Buffer.alloc(8 * 1024 * 1024, 120))'
    await expect(run(node, ['-e', big], { maxBytes: 1024 * 1024 })).rejects.toThrow(
      new OutputLimitError(`${node} -e`, 1024 * 1024)
    )
    await expect(run(node, ['-e', big], { maxBytes: 1024 * 1024 })).rejects.toThrow(
      / printed more than 1 MiB; stopped reading its output$/
    )
  })

  it('rejects when the program cannot be started', async () => {
    await expect(run('no-such-program-cg', [], { maxBytes: 10 })).rejects.toThrow(
      /no-such-program-cg/
    )
  })
})

describe('git', () => {
  it('answers stdout, undefined on failure (bad revision, no repository), and an OutputLimitError past its cap', async () => {
    const { dir, git: g } = newRepo('cg-exec-git-')
    for (let i = 0; i < 20; i++) {
      writeFileSync(join(dir, 'f.txt'), `${i}\n`)
      g('add', '-A')
      g('commit', '-q', '-m', `commit number ${i} with a message long enough to add up`)
    }
    expect((await git(dir, ['rev-list', '--count', 'HEAD']))?.trim()).toBe('20')
    expect(await git(dir, ['rev-parse', '--verify', '--end-of-options', 'nope^{commit}'])).toBe(
      undefined
    )
    expect(await git(mkdtempSync(join(tmpdir(), 'cg-norepo-')), ['log'])).toBeUndefined()
    expect(await git(join(dir, 'missing-dir'), ['log'])).toBeUndefined()
    await expect(git(dir, ['log', '--patch'], 1024)).rejects.toThrow(
      'git log printed more than 1 KiB; stopped reading its output'
    )
  })
})
