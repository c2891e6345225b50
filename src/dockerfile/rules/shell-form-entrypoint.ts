import { splitWords } from '../model.js'
import { defineRule, hit, instructions, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'shell-form-entrypoint',
  aliases: ['DL3025', 'JSONArgsRecommended'],
  severity: 'low',
  title: 'Shell form CMD/ENTRYPOINT',
  help: 'The shell form runs the process under `/bin/sh -c`: it is not PID 1, does not receive SIGTERM and is killed after the stop timeout; it also needs a shell in the image. `HEALTHCHECK CMD` in shell form needs `/bin/sh` too (distroless images have none). Not reported after a `SHELL` instruction (in the stage or the stages it is built FROM): the shell form is then a deliberate choice, as BuildKit decides.',
  fix: 'The exec form: `CMD ["prog", "arg"]`.',
  check(input) {
    const hits: RuleHit[] = []
    for (const { instruction, target, onbuild, facts, index } of instructions(input)) {
      if (onbuild) continue
      let kind = target.keyword
      let rest = target.rest
      let json = target.json
      if (kind === 'HEALTHCHECK') {
        const words = rest.split(/\s+/)
        if (words[0]?.toUpperCase() !== 'CMD') continue
        rest = rest.slice(words[0].length).trim()
        json = rest.startsWith('[') ? parseJson(rest) : undefined
        kind = 'HEALTHCHECK CMD'
      } else if (kind !== 'CMD' && kind !== 'ENTRYPOINT') continue
      if (json || rest === '' || facts.shellSet[index]) continue
      const program = splitWords(rest, input.model.escape)[0]?.text ?? ''
      hits.push(
        hit(
          'shell-form-entrypoint',
          instruction,
          `${kind} in shell form runs under "/bin/sh -c": the process is not PID 1 and does not get SIGTERM on docker stop. Use the exec form ${kind} ["${shown(program, 40)}", "…"].`
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      'FROM node:22\nCMD node server.js',
      'FROM node:22\nENTRYPOINT something',
      'FROM node:22\nHEALTHCHECK CMD foobar'
    ],
    passes: [
      'FROM node:22\nCMD ["node", "server.js"]',
      'FROM scratch\nCMD [ "foo", "bar" ]',
      'FROM node:22\nHEALTHCHECK CMD [ "foobar" ]',
      'FROM scratch\nCMD [ "/bin/sh", "-c", \\\n      "echo foo && \\\n       echo bar" \\\n    ]',
      'FROM scratch\nSHELL ["/usr/bin/customshell"]\nCMD mycommand',
      'FROM scratch AS base\nSHELL ["/usr/bin/customshell"]\nFROM base\nENTRYPOINT mycommand',
      'FROM node:22\nHEALTHCHECK NONE'
    ]
  }
})

function parseJson(text: string): string[] | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) && value.every(v => typeof v === 'string') ? value : undefined
  } catch {
    return undefined
  }
}
