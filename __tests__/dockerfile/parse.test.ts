import { describe, expect, it } from '@jest/globals'
import { DockerfileParser } from 'dockerfile-ast'
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
    [
      'ONBUILD without an instruction',
      'FROM alpine\nONBUILD\n',
      2,
      'ONBUILD needs a valid instruction'
    ],
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

// Each piece of the BuildKit layer on top of dockerfile-ast, with what
// dockerfile-ast gives on its own (why the piece is needed).
describe('the BuildKit layer over dockerfile-ast', () => {
  const ast = (text: string) => DockerfileParser.parse(text)

  it('drops comment lines inside a continuation (dockerfile-ast keeps their text in the arguments)', () => {
    const text = 'FROM alpine\nRUN apk add \\\n  # the tools\n  curl\n'
    expect(ast(text).getInstructions()[1].getArgumentsContent()).toContain('# the tools')
    expect(parseText(text).instructions[1].rest).toBe('apk add curl')
  })

  it('reads the exec form with JSON.parse (dockerfile-ast loses the spaces inside a string)', () => {
    const text = 'FROM alpine\nRUN ["sh", "-c", "echo $X"]\n'
    const run = ast(text).getInstructions()[1] as unknown as {
      getJSONStrings(): { getJSONValue(): string }[]
    }
    expect(run.getJSONStrings().map(s => s.getJSONValue())).toEqual(['sh', '-c', 'echo$X'])
    expect(parseText(text).instructions[1].json).toEqual(['sh', '-c', 'echo $X'])
  })

  it('unquotes flag values (dockerfile-ast keeps the quotes)', () => {
    const text = 'FROM alpine\nCOPY --chown="1:1" a /a\n'
    const copy = ast(text).getInstructions()[1] as unknown as {
      getFlags(): { getValue(): string }[]
    }
    expect(copy.getFlags()[0].getValue()).toBe('"1:1"')
    expect(parseText(text).instructions[1].flags).toEqual([{ name: 'chown', value: '1:1' }])
  })

  it('strips <<- tabs and knows quoted delimiters (dockerfile-ast gives the name only)', () => {
    const text = 'FROM alpine\nRUN <<-"EOF"\n\techo $HOME\n\tEOF\n'
    const run = ast(text).getInstructions()[1] as unknown as {
      getHeredocs(): { getName(): string }[]
    }
    expect(run.getHeredocs().map(h => h.getName())).toEqual(['EOF'])
    expect(parseText(text).instructions[1].heredocs[0]).toMatchObject({
      body: 'echo $HOME',
      stripTabs: true,
      quoted: true,
      terminated: true
    })
  })

  it('takes `<< EOF` for a redirection, not a heredoc (dockerfile-ast reports a nameless heredoc)', () => {
    const text = 'FROM alpine\nRUN cat << EOF\n'
    const run = ast(text).getInstructions()[1] as unknown as {
      getHeredocs(): { getName(): string }[]
    }
    expect(run.getHeredocs().map(h => h.getName())).toEqual([''])
    expect(parseText(text).instructions[1].heredocs).toEqual([])
  })

  it("reads parser directives as BuildKit does (dockerfile-ast takes hadolint's pragma for one)", () => {
    const text = '# hadolint global ignore=DL3002\nFROM alpine\n'
    expect(
      ast(text)
        .getDirectives()
        .map(d => d.getName())
    ).toEqual(['hadolint'])
    const parsed = parseText(text)
    expect(parsed.directives).toEqual({})
    expect(parsed.comments).toEqual([
      expect.objectContaining({ line: 1, text: 'hadolint global ignore=DL3002', attachedTo: 0 })
    ])
  })

  it('records blank lines inside a continuation and where the line ends (BuildKit NoEmptyContinuation)', () => {
    const text = 'FROM alpine\nRUN a \\\n\n  b \\\n  c\n'
    expect(ast(text).getInstructions()[1].getRange()).toMatchObject({
      start: { line: 1 },
      end: { line: 4 }
    })
    expect(parseText(text).instructions[1]).toMatchObject({
      rest: 'a b c',
      emptyContinuation: { lines: [3], endLine: 5 }
    })
  })

  it("ends an instruction with a trailing escape at the file's last line (dockerfile-ast ends it on the line after)", () => {
    const text = 'FROM alpine\nRUN echo \\\n'
    expect(ast(text).getInstructions()[1].getRange().end.line).toBe(2)
    expect(parseText(text).instructions[1].endLine).toBe(2)
  })
})
