import { describe, expect, it } from '@jest/globals'
import { parseText, splitLines } from '../../src/dockerfile/parse.js'
import { parseDockerfile } from '../../src/dockerfile/index.js'

const summary = (text: string) =>
  parseText(text).instructions.map(i => [i.keyword, i.line, i.endLine, i.rest])

describe('parseText', () => {
  it('reads parser directives only at the top and honours the backtick escape', () => {
    const parsed = parseText(
      '# syntax=docker/dockerfile:1\n# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n  C:\\\\\n'
    )
    expect(parsed.directives).toEqual({ syntax: 'docker/dockerfile:1', escape: '`' })
    expect(parsed.escape).toBe('`')
    expect(parsed.instructions[1]).toMatchObject({
      keyword: 'RUN',
      line: 4,
      endLine: 5,
      rest: 'dir C:\\\\'
    })
  })

  it('treats a directive after a comment as an ordinary comment', () => {
    const parsed = parseText('# hello\n# escape=`\nFROM alpine\n')
    expect(parsed.directives).toEqual({})
    expect(parsed.escape).toBe('\\')
  })

  it('joins continuations and skips comment and blank lines inside them, as BuildKit does', () => {
    expect(
      summary('FROM alpine\nRUN apk add \\\n# a comment\n\n    curl \\\n    git\nUSER app\n')
    ).toEqual([
      ['FROM', 1, 1, 'alpine'],
      ['RUN', 2, 6, 'apk add curl git'],
      ['USER', 7, 7, 'app']
    ])
  })

  it('handles CRLF, a UTF-8 BOM and lowercase keywords', () => {
    const parsed = parseText('\ufefffrom alpine:3.20\r\nrun echo hi \\\r\n  there\r\nuser 1000\r\n')
    expect(parsed.instructions.map(i => [i.keyword, i.written, i.line, i.rest])).toEqual([
      ['FROM', 'from', 1, 'alpine:3.20'],
      ['RUN', 'run', 2, 'echo hi there'],
      ['USER', 'user', 4, '1000']
    ])
  })

  it('reads several heredocs on one line, <<- tab stripping and quoted delimiters', () => {
    const text = [
      'FROM alpine',
      'RUN <<EOF1 cat >/a && <<-"EOF2" cat >/b',
      'first',
      'EOF1',
      '\tsecond $HOME',
      '\tEOF2',
      'USER 1000'
    ].join('\n')
    const run = parseText(text).instructions[1]
    expect(run.line).toBe(2)
    expect(run.endLine).toBe(6)
    expect(run.heredocs).toEqual([
      {
        delimiter: 'EOF1',
        stripTabs: false,
        quoted: false,
        body: 'first',
        line: 3,
        endLine: 4,
        terminated: true
      },
      {
        delimiter: 'EOF2',
        stripTabs: true,
        quoted: true,
        body: 'second $HOME',
        line: 5,
        endLine: 6,
        terminated: true
      }
    ])
    expect(parseText(text).instructions[2]).toMatchObject({ keyword: 'USER', line: 7 })
  })

  it('reads a heredoc that follows a continuation, and one at end of file without a newline', () => {
    const text = 'FROM alpine\nRUN \\\n  <<EOF bash\nset -e\necho done\nEOF'
    const run = parseText(text).instructions[1]
    expect(run).toMatchObject({ keyword: 'RUN', line: 2, endLine: 6 })
    expect(run.heredocs[0]).toMatchObject({ body: 'set -e\necho done', terminated: true })
  })

  it('does not take a shift or a here-string for a heredoc', () => {
    const parsed = parseText('FROM alpine\nRUN echo $((1<<3)) && cat <<<"x"\nUSER 1\n')
    expect(parsed.instructions[1].heredocs).toEqual([])
    expect(parsed.instructions).toHaveLength(3)
  })

  it('parses flags, the JSON form and ONBUILD triggers', () => {
    const [from, copy, cmd, onbuild] = parseText(
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nCOPY --from=build --chown="1:1" /a /b\nCMD ["node", "server.js"]\nONBUILD run echo hi\n'
    ).instructions
    expect(from.flags).toEqual([{ name: 'platform', value: '$BUILDPLATFORM' }])
    expect(copy.flags).toEqual([
      { name: 'from', value: 'build' },
      { name: 'chown', value: '1:1' }
    ])
    expect(copy.rest).toBe('/a /b')
    expect(cmd.json).toEqual(['node', 'server.js'])
    expect(onbuild.trigger).toMatchObject({ keyword: 'RUN', rest: 'echo hi' })
  })

  it('keeps a trailing escape at end of file', () => {
    expect(summary('FROM alpine\nRUN echo \\\n')).toEqual([
      ['FROM', 1, 1, 'alpine'],
      ['RUN', 2, 2, 'echo']
    ])
  })

  it('splits lines on CRLF, CR and LF', () => {
    expect(splitLines('a\r\nb\rc\nd\n')).toEqual(['a', 'b', 'c', 'd'])
  })
})

describe('parseDockerfile problems', () => {
  it.each([
    ['unknown instruction', 'FROM alpine\nFORM x\n', 2, 'unknown instruction "FORM"'],
    ['instruction before FROM', 'RUN echo\nFROM alpine\n', 1, 'RUN before the first FROM'],
    ['FROM without image', 'FROM\n', 1, 'FROM needs an image'],
    ['ONBUILD without an instruction', 'FROM alpine\nONBUILD\n', 2, 'ONBUILD needs a valid instruction'],
    ['only comments', '# nothing here\n', 1, 'no instructions'],
    ['only ARG', 'ARG A=1\n', 1, 'no FROM instruction']
  ])('%s', (_name, text, line, message) => {
    const problems = parseDockerfile(text).problems
    expect(problems[0].line).toBe(line)
    expect(problems[0].message).toContain(message)
  })

  it('has no problems for a valid multi-stage file', () => {
    expect(parseDockerfile('ARG V=1\nFROM alpine AS a\nFROM a\nUSER 1\n').problems).toEqual([])
  })
})
