import { defineRule } from '../rule-kit.js'

export default defineRule({
  id: 'dockerfile-parse-error',
  severity: 'high',
  title: 'Dockerfile cannot be parsed',
  help: 'The file is empty, binary, not a Dockerfile, or has an instruction BuildKit rejects (unknown keyword, FROM without an image, variables nested too deep to expand). A gate must not pass it silently: the build fails, or what it does cannot be checked. The other rules still lint what could be read.',
  fix: 'Fix the line named in the message, or leave the file out of the `dockerfile` input.',
  check(input) {
    const problems = input.model.problems.filter(problem => problem.kind === undefined)
    // A file that is not a Dockerfile (a .env file, a script) has an unknown word on every line: one finding.
    const unknown = problems.filter(problem => problem.message.startsWith('unknown instruction'))
    const shown = [
      ...problems.filter(problem => !unknown.includes(problem)),
      ...unknown.slice(0, 1)
    ]
    return shown
      .sort((a, b) => a.line - b.line)
      .map(problem => ({
        ruleId: 'dockerfile-parse-error',
        line: problem.line,
        message: `${input.path} is not a Dockerfile that can be built: ${problem.message} (line ${problem.line})${
          unknown[0] === problem && unknown.length > 1
            ? `, and ${unknown.length - 1} more line(s) with an unknown instruction`
            : ''
        }.`,
        key: problem.message
      }))
  },
  examples: {
    fires: [
      'FORM alpine:3.20',
      'FROM alpine:3.20\n{{ if .X }}',
      'FROM alpine AS a b',
      'FROM\n',
      'ARG A=1',
      '# only a comment'
    ],
    passes: ['FROM alpine:3.20@sha256:<digest>', 'ARG V=1\nFROM alpine AS a\nFROM a']
  }
})
