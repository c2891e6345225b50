// CONTRIBUTING.md and src/README.md name files and members; a rename that
// forgets them fails here instead of misleading the next reader.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'

const ROOT = join(import.meta.dirname, '..', '..')
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')

describe('the layout the docs describe', () => {
  it('every file src/README.md points to exists', () => {
    const files = [...read('src/README.md').matchAll(/`([\w./-]+\.ts)`/g)].map(m => m[1]!)
    expect(files.length).toBeGreaterThan(20)
    expect(files.filter(f => !existsSync(join(ROOT, 'src', f)))).toEqual([])
  })

  it("every entry of CONTRIBUTING.md's src/ tree, and every src/ path it names, exists", () => {
    const text = read('CONTRIBUTING.md')
    const tree = text.slice(text.indexOf('src/\n'), text.indexOf('__tests__/ '))
    const entries = [...tree.matchAll(/^ {2}([\w.-]+\/?)\s/gm)].map(m => m[1]!)
    expect(entries.length).toBeGreaterThan(10)
    expect(entries.filter(e => !existsSync(join(ROOT, 'src', e)))).toEqual([])
    const paths = [...text.matchAll(/\b(src\/[\w./-]+\.ts)\b/g)].map(m => m[1]!)
    expect(paths.filter(p => !existsSync(join(ROOT, p)))).toEqual([])
  })

  it("the Check members CONTRIBUTING.md lists are the interface's", () => {
    const source = read('src/model/check.ts')
    const iface = source.slice(source.indexOf('export interface Check<'))
    for (const member of ['id', 'rules', 'parseSettings', 'enabled', 'imageHook', 'run'])
      expect(iface).toMatch(new RegExp(`\\b${member}\\??[(:]`))
    const contract = read('CONTRIBUTING.md')
    for (const member of ['parseSettings(node)', 'enabled(options)', 'imageHook(', 'run(input)'])
      expect(contract).toContain(member)
  })
})
