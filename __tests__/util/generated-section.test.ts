import { describe, expect, it } from '@jest/globals'
import { replaceMarkedSection } from '../../src/util/generated-section.js'

describe('replaceMarkedSection', () => {
  const doc = 'intro\n<!-- a:start -->\nold\n<!-- a:end -->\noutro <!-- a:end -->\n'

  it('replaces the first start marker through the end marker after it, markers included', () => {
    expect(
      replaceMarkedSection(
        doc,
        '<!-- a:start -->',
        '<!-- a:end -->',
        '<!-- a:start -->\nnew\n<!-- a:end -->'
      )
    ).toBe('intro\n<!-- a:start -->\nnew\n<!-- a:end -->\noutro <!-- a:end -->\n')
  })

  it('is undefined when a marker is missing or the end comes before the start', () => {
    expect(replaceMarkedSection(doc, '<!-- b:start -->', '<!-- a:end -->', 'x')).toBeUndefined()
    expect(
      replaceMarkedSection('<!-- e -->\n<!-- s -->\n', '<!-- s -->', '<!-- e -->', 'x')
    ).toBeUndefined()
  })
})
