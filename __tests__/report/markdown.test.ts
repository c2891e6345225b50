// Scanned values in every markdown context we write, rendered as GitHub
// renders them: nothing may form (image, link, autolink, HTML, emphasis, a
// table break, a mention or an issue reference), and the value must read
// exactly as it was.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { htmlLink, mdCode, mdText } from '../../src/report/markdown.js'
import {
  githubReferences,
  referenceText,
  renderGfm,
  tagSequence,
  visibleText
} from '../helpers/gfm.js'

const HOSTILE = [
  '![pixel](https://tracker.example/p.png)',
  '[click](https://evil.example/) and [ref][1]\n\n[1]: https://evil.example/',
  '<img src=x onerror=alert(1)> <script>alert(1)</script> <a href="https://e.example">a</a>',
  'https://evil.example/x.png www.evil.example user@mail.example.com',
  '<https://evil.example/> <user@mail.example.com>',
  'ping @octocat and @acme/security-team',
  'fixes #12, acme/shop#34, GH-56, acme/shop@0123456789abcdef',
  '**bold** _em_ ~~gone~~ `code` ``x``',
  'a | b | c',
  '\\| \\` \\[ escaped',
  '&lt;b&gt; &#60;img&#62; &amp;',
  '- list\n1. ordered\n# heading\n> quote\n---\n===',
  '$x^2$ and $$\\int$$',
  ':smile: :+1:',
  'line\r\nbreak\u2028sep\u0085nel\u001b[31mred',
  '<details><summary>x</summary>',
  '1. starts like a list',
  '-starts like a list',
  'pkg:npm/%40babel/core@7.23.2',
  'lodash@4.17.21 node:20-bookworm-slim@sha256:' + 'a'.repeat(64)
]

/** The places our reports put a value, with ⟦ ⟧ around it to find it again. */
const CONTEXTS: { name: string; render: (slot: string) => string; links?: number }[] = [
  {
    name: 'table cell',
    render: v => `| Rule | Message |\n| --- | --- |\n| r | ⟦${mdText(v)}⟧ |\n`
  },
  { name: 'code in a table cell', render: v => `| Where |\n| --- |\n| ⟦${mdCode(v)}⟧ |\n` },
  { name: 'list item', render: v => `- **high** ⟦${mdText(v)}⟧ at here\n` },
  { name: 'paragraph in <sub>', render: v => `<sub>fingerprint ⟦${mdText(v)}⟧</sub>\n` },
  {
    name: 'HTML block (<summary>)',
    render: v => `<details><summary>⟦${mdText(v)}⟧ ${mdCode(v)}</summary>\n\nbody\n\n</details>\n`
  },
  {
    name: 'link text',
    render: v => `see [⟦${mdText(v)}⟧](https://github.com/acme/shop/blob/abc/Dockerfile#L3)\n`,
    links: 1
  },
  {
    name: 'code link text',
    render: v =>
      `| x |\n| --- |\n| [⟦${mdCode(v)}⟧](https://github.com/acme/shop/blob/abc/a#L1) |\n`,
    links: 1
  },
  {
    name: 'HTML link',
    render: v => `<sub>${htmlLink('https://osv.dev/vulnerability/X', `⟦${mdText(v)}⟧`)}</sub>\n`,
    links: 1
  }
]

const flat = (value: string): string =>
  value
    .replace(/\t/g, ' ')
    .replace(/\r\n|[\r\n\u000b\u000c\u0085\u2028\u2029]/g, ' ')
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g, '')

function expectInertIn(value: string, context: (typeof CONTEXTS)[number]): void {
  const html = renderGfm(context.render(value))
  const benign = renderGfm(context.render('x'))
  // Nothing formed: the same elements as with a harmless value.
  expect(tagSequence(html)).toEqual(tagSequence(benign))
  expect((html.match(/<a /g) ?? []).length).toBe(context.links ?? 0)
  // It reads as the value (zero-width spaces aside).
  const shown = /⟦([\s\S]*?)⟧/.exec(visibleText(html))?.[1]
  expect(shown?.replace(/\u200b/g, '')).toBe(flat(value))
  // GitHub would link no mention or reference.
  expect(githubReferences(referenceText(html))).toEqual([])
}

describe.each(CONTEXTS)('a scanned value in a $name', context => {
  it.each(HOSTILE)('%j forms nothing and reads as it is', value => expectInertIn(value, context))

  it('property: any mix of markdown syntax forms nothing', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        ...'![]()<>`*_~|#@:\\&$"\'-+=.!/ \n'.split(''),
        'https://',
        'www.',
        '@u',
        '#1',
        'GH-2',
        'a/b#3',
        '<img src=x>',
        '</code>',
        '&#64;',
        '&amp;',
        '1.',
        '```'
      ),
      fc.string({ maxLength: 3 })
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), parts =>
        expectInertIn(parts.join(''), context)
      ),
      { seed: 7, numRuns: 150 }
    )
  })
})

describe('mdCode', () => {
  it('keeps the exact text for copy-paste (no zero-width characters)', () => {
    const value = 'fingerprint: "a1b2" @scope/pkg#1 GH-3'
    expect(visibleText(renderGfm(mdCode(value)))).toBe(value)
  })
})
