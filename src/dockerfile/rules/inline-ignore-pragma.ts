import { HADOLINT_PRAGMA, hadolintCodes } from '../pragma-grammar.js'
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
    // hadolint reports the per-instruction pragma only (not global or stage ones), when it is valid.
    return input.model.comments
      .filter(comment => {
        const pragma = HADOLINT_PRAGMA.exec(comment.text)
        return pragma !== null && !pragma[1] && hadolintCodes(pragma[2]) !== undefined
      })
      .map(comment => ({
        ruleId: 'inline-ignore-pragma',
        line: comment.line,
        message:
          'Inline `# hadolint ignore=` pragma: put the exception in the config file with a reason instead.',
        key: `pragma ${comment.text}`
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
