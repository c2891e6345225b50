// A peer repository as the evals read it: either a bare git mirror (what the
// `fetch` tool gives: files come from its HEAD through `git show`) or a plain
// directory (an export). Nothing is copied; files are read where they are.

import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

export interface PeerTree {
  /** What was read: the mirror or directory given. */
  root: string
  /** The commit measured: HEAD of a mirror; for an export, whatever `--commit` said (else 'unknown'). */
  commit: string
  /** Paths (relative, `/`-separated) of the files under `dir` whose name matches `pattern`. */
  list(dir: string, pattern: RegExp): string[]
  read(path: string): string
}

function isBareMirror(root: string): boolean {
  return existsSync(join(root, 'HEAD')) && existsSync(join(root, 'objects'))
}

export function openPeerTree(root: string, commit?: string): PeerTree {
  if (!existsSync(root)) throw new Error(`${root}: no such mirror or directory`)
  if (isBareMirror(root)) {
    const git = (...args: string[]): string =>
      execFileSync('git', ['--git-dir', root, ...args], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024
      })
    const head = git('rev-parse', 'HEAD').trim()
    return {
      root,
      commit: head,
      list: (dir, pattern) =>
        git('ls-tree', '-r', '--name-only', head, '--', dir)
          .split('\n')
          .filter(path => path !== '' && pattern.test(path.slice(path.lastIndexOf('/') + 1)))
          .sort(),
      read: path => git('show', `${head}:${path}`)
    }
  }
  return {
    root,
    commit: commit ?? 'unknown (an export: pass --commit)',
    list: (dir, pattern) => {
      const base = join(root, dir)
      if (!existsSync(base)) return []
      const out: string[] = []
      const walk = (rel: string): void => {
        for (const name of readdirSync(join(root, rel)).sort()) {
          const path = rel === '' ? name : `${rel}/${name}`
          if (statSync(join(root, path)).isDirectory()) walk(path)
          else if (pattern.test(name)) out.push(path)
        }
      }
      walk(dir.replace(/\/$/, ''))
      return out.sort()
    },
    read: path => readFileSync(join(root, path), 'utf8')
  }
}

/** `--name value` pairs from argv (the evals take nothing else). */
export function parseArgs(argv: readonly string[], known: readonly string[]): Map<string, string> {
  const out = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const name = arg.replace(/^--/, '').split('=')[0]
    if (!arg.startsWith('--') || !known.includes(name)) {
      throw new Error(`unknown argument ${arg} (known: ${known.map(k => `--${k}`).join(', ')})`)
    }
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i]
    if (value === undefined) throw new Error(`--${name} needs a value`)
    out.set(name, value)
  }
  return out
}

/** A ratio with three decimals, or n/a when nothing was measured. */
export function ratio(numerator: number, denominator: number): string {
  return denominator === 0 ? 'n/a' : (numerator / denominator).toFixed(3)
}
