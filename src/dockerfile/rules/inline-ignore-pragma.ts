import { collectSuppressions } from '../pragmas.js'
import { defineRule } from '../rule-kit.js'

export default defineRule({
  id: 'inline-ignore-pragma',
  aliases: ['DL1001'],
  severity: 'info',
  optIn: true,
  title: 'Inline hadolint ignore pragma',
  help: "Teams that want every exception in one reviewed place (the config file's `ignore:` with a reason and an expiry) can forbid `# hadolint ignore=…` comments. Off by default, as in hadolint.",
  fix: 'Move the exception to `.container-gate.yml` (`ignore:` with `reason`).',
  check(input) {
    const { hadolintPragmaLines } = collectSuppressions(input.model, input.path, [], {
      inlineIgnores: false,
      hadolintPragmas: false
    })
    return hadolintPragmaLines.map(line => ({
      ruleId: 'inline-ignore-pragma',
      line,
      message:
        'Inline `# hadolint ignore=` pragma: put the exception in the config file with a reason instead.',
      key: `pragma ${input.model.comments.find(c => c.line === line)?.text ?? ''}`
    }))
  },
  examples: {
    fires: ['FROM debian:12\n# hadolint ignore=DL3003\nRUN cd /tmp && make'],
    passes: [
      'FROM debian:12\n# hadolint shell=powershell\nRUN foo bar',
      'FROM debian:12\n# foobar\nRUN foo bar'
    ]
  }
})
