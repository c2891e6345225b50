import { describe, expect, it } from '@jest/globals'
import { closestMatch, didYouMean, editDistance } from '../../src/util/closest.js'

describe('closestMatch', () => {
  const rules = [
    'runs-as-root',
    'base-image-not-pinned',
    'secret-in-env',
    'secret-in-arg',
    'DL3008'
  ]

  it('finds the rule a typo meant', () => {
    expect(closestMatch('runs-as-rooot', rules)).toBe('runs-as-root')
    expect(closestMatch('run-as-root', rules)).toBe('runs-as-root')
    expect(closestMatch('dl3008', rules)).toBe('DL3008')
    expect(closestMatch('secret-in-evn', rules)).toBe('secret-in-env')
  })

  it('suggests nothing for a word that is not a typo of any', () => {
    expect(closestMatch('completely-different', rules)).toBeUndefined()
    expect(closestMatch('x', rules)).toBeUndefined()
  })

  it('breaks ties by name, so the suggestion is deterministic', () => {
    expect(closestMatch('secret-in-ar', ['secret-in-arg', 'secret-in-are'])).toBe('secret-in-are')
  })

  it('formats the hint for an error line', () => {
    expect(didYouMean('--dockerfle', ['--dockerfile', '--image'])).toBe(
      '; did you mean "--dockerfile"?'
    )
    expect(didYouMean('--zzz', ['--dockerfile'])).toBe('')
  })
})

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and transpositions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(editDistance('abcd', 'abdc')).toBe(1)
    expect(editDistance('', 'abc')).toBe(3)
    expect(editDistance('same', 'same')).toBe(0)
  })

  it('stops early past the bound', () => {
    expect(editDistance('aaaaaaaa', 'bbbbbbbb', 2)).toBe(3)
  })
})
