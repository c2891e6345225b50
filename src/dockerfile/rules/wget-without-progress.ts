import { argsOf, defineRule, hasOption, hit, posixRuns, programName } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'wget-without-progress',
  aliases: ['DL3047'],
  severity: 'info',
  title: 'wget without --progress',
  help: "wget's default progress bar writes a line per chunk into the build log when there is no terminal: megabytes of log for a large download. `-q`, `-nv`, a log file (`-o`, `-a`) or `--progress` avoid it.",
  fix: '`wget --progress=dot:giga …` (or `-q`).',
  check(input) {
    const hits: RuleHit[] = []
    for (const run of posixRuns(input)) {
      const wget = run.commands.find(command => {
        if (programName(command) !== 'wget') return false
        const args = argsOf(command)
        if (args.includes('-nv')) return false
        return !hasOption(args, 'qoa', [
          'progress',
          'quiet',
          'no-verbose',
          'output-file',
          'append-output'
        ])
      })
      if (wget)
        hits.push(
          hit(
            'wget-without-progress',
            run.instruction,
            'wget without --progress (or -q/-nv) floods the build log with progress lines. Add --progress=dot:giga.'
          )
        )
    }
    return hits
  },
  examples: {
    fires: ['FROM debian:12\nRUN wget https://example.com/big.tar.gz'],
    passes: [
      'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/big.tar.gz',
      'FROM debian:12\nRUN wget -q my.xyz && wget --quiet my.xyz && wget -nv my.xyz && wget --no-verbose my.xyz',
      'FROM debian:12\nRUN wget -o /tmp/wget.log my.xyz && wget --append-output=/tmp/wget.log my.xyz',
      'FROM debian:12\nRUN wget -qO- https://example.com/key.asc > /tmp/key'
    ]
  }
})
