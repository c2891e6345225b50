import { defineRule } from '../rule-kit.js'

export default defineRule({
  id: 'instruction-before-from',
  aliases: ['DL3061'],
  severity: 'high',
  title: 'Instruction before the first FROM',
  help: 'Only ARG (and comments and parser directives) may come before the first FROM; BuildKit rejects anything else, so the build fails.',
  fix: 'Move the instruction after the FROM it belongs to.',
  check: input =>
    input.model.problems
      .filter(problem => problem.kind === 'before-from')
      .map(problem => ({
        ruleId: 'instruction-before-from',
        line: problem.line,
        message: `${problem.message}: BuildKit rejects the file. Move it after the FROM it belongs to.`,
        key: problem.message
      })),
  examples: {
    fires: ['LABEL foo=bar\nFROM alpine:3.20', 'RUN apt-get update\nFROM debian:12'],
    passes: [
      'FROM alpine:3.20\nLABEL foo=bar',
      'ARG A=B\nFROM alpine:3.20',
      '# syntax = docker/dockerfile:1\nFROM node:22'
    ]
  }
})
