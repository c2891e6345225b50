import { describe, expect, it } from '@jest/globals'
import {
  neutralizeWorkflowCommands,
  neutralizeWorkflowCommandsBlock
} from '../../src/util/workflow-commands.js'

// What the runner would read as a command: a line starting with '::' (after
// whitespace) or containing '##['. No neutralised line may contain either.
const looksLikeCommand = (line: string): boolean => line.includes('::') || line.includes('##[')

describe('neutralizeWorkflowCommands', () => {
  const hostile = [
    '::error file=x::injected',
    ':::add-mask::secret',
    '::::::',
    'a::b',
    '##[set-output name=x;]y',
    '###[group]',
    'line one\n::stop-commands::tok\r\n::set-env name=X::y'
  ]

  it.each(hostile)('leaves no command sequence in %j', text => {
    const out = neutralizeWorkflowCommands(text)
    expect(out.split('\n')).toHaveLength(1)
    expect(looksLikeCommand(out)).toBe(false)
    // Reads the same to a person once the zero-width spaces are gone.
    expect(out.replace(/\u200b/g, '')).toBe(text.replace(/\r\n|\r|\n/g, ' ⏎ '))
  })

  it('keeps the line breaks of a block and neutralises every line', () => {
    const block = hostile.join('\n')
    const out = neutralizeWorkflowCommandsBlock(block)
    expect(out.split('\n')).toHaveLength(block.split(/\r\n|\r|\n/).length)
    for (const line of out.split('\n')) expect(looksLikeCommand(line)).toBe(false)
  })

  it('leaves ordinary text alone', () => {
    expect(neutralizeWorkflowCommands('FROM node:20 AS build')).toBe('FROM node:20 AS build')
  })
})
