import { describe, expect, it } from '@jest/globals'
import { LayeredFs } from '../../src/image/layers.js'

describe('LayeredFs', () => {
  it('opaque directories hide lower layers only, deep down, and keep what the same layer added', () => {
    const fs = new LayeredFs()
    fs.add('/d/a/deep/x', 'file', 0)
    fs.add('/d/keep-dir/y', 'file', 0)
    fs.add('/d/new/z', 'file', 1)
    fs.add('/d/keep-dir/', 'dir', 1)
    const removed = fs.removeUnder('/d', 1)
    expect(removed.sort()).toEqual(['/d/a', '/d/a/deep', '/d/a/deep/x', '/d/keep-dir/y'])
    expect(fs.exists('/d/new/z')).toBe(true)
    expect(fs.exists('/d/keep-dir')).toBe(true)
    expect(fs.exists('/d/a')).toBe(false)
    expect(fs.exists('/d')).toBe(true)
  })

  it('a whiteout deletes the subtree; a file replacing a directory hides its content', () => {
    const fs = new LayeredFs()
    fs.add('/a/b/c', 'file', 0)
    fs.add('/a/b/d', 'file', 0)
    expect(fs.remove('/a/b').sort()).toEqual(['/a/b', '/a/b/c', '/a/b/d'])
    expect(fs.exists('/a')).toBe(true)
    fs.add('/x/y', 'file', 0)
    expect(fs.add('/x', 'symlink', 1, '/a')).toEqual(['/x/y'])
    expect(fs.resolve('/x')).toBe('/a')
    // re-adding after a whiteout works
    fs.add('/a/b/c', 'file', 2)
    expect(fs.exists('/a/b/c')).toBe(true)
  })

  it('resolves symlink chains and loops inside the root', () => {
    const fs = new LayeredFs()
    fs.add('/usr/lib/os-release', 'file', 0)
    fs.add('/etc/os-release', 'symlink', 0, '../usr/lib/os-release')
    fs.add('/lib', 'symlink', 0, 'usr/lib')
    fs.add('/loop1', 'symlink', 0, 'loop2')
    fs.add('/loop2', 'symlink', 0, '/loop1')
    expect(fs.resolve('/etc/os-release')).toBe('/usr/lib/os-release')
    expect(fs.resolve('/etc/os-release', false)).toBe('/etc/os-release')
    expect(fs.resolve('/lib/os-release')).toBe('/usr/lib/os-release')
    expect(fs.resolve('/loop1/x')).toBeUndefined()
    expect(fs.resolve('/../../lib/../lib/os-release')).toBe('/usr/lib/os-release')
  })
})
