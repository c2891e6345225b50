import { defineRule, hit } from '../rule-kit.js'
import type { RuleHit, RunFacts } from '../types.js'

function mountKey(run: RunFacts): string {
  return run.run.flags
    .filter(flag => flag.name === 'mount')
    .map(flag => flag.value ?? '')
    .sort()
    .join('\n')
}

export default defineRule({
  id: 'consecutive-run',
  aliases: ['DL3059'],
  severity: 'info',
  title: 'Consecutive RUN instructions',
  help: 'Two RUNs in a row, each one simple command with the same mounts, make two layers where one would do. RUNs that chain several commands (`&&`, `;`) are taken as deliberately split; comments between them do not separate them.',
  fix: 'Join them: `RUN a && b`.',
  check(input) {
    const hits: RuleHit[] = []
    for (const facts of input.stages) {
      const runs = new Map(
        input.runs.filter(run => run.stage === facts && !run.onbuild).map(run => [run.index, run])
      )
      for (const [index, run] of runs) {
        const previous = runs.get(index - 1)
        if (!previous) continue
        if (run.pipelines.length !== 1 || previous.pipelines.length !== 1) continue
        if (mountKey(run) !== mountKey(previous)) continue
        hits.push(
          hit(
            'consecutive-run',
            run.instruction,
            `This RUN follows another RUN (line ${previous.instruction.line}): join them with && into one layer.`
          )
        )
      }
    }
    return hits
  },
  examples: {
    fires: [
      'FROM debian:12\nRUN /foo.sh\nRUN /bar.sh',
      'FROM debian:12\nRUN /foo.sh\n# a comment\nRUN /bar.sh',
      'FROM debian:12\nRUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=foo /bar.sh',
      'FROM debian:12\nRUN foo && bar\nRUN foo\nRUN bar'
    ],
    passes: [
      'FROM debian:12\nRUN /foo.sh && /bar.sh',
      'FROM debian:12\nRUN /foo.sh\nWORKDIR /\nRUN /bar.sh',
      'FROM debian:12\nRUN --mount=type=secret,id=foo /foo.sh\nRUN /bar.sh',
      'FROM debian:12\nRUN foo && bar\nRUN foobar',
      'FROM debian:12\nRUN foobar\nRUN foo; bar'
    ]
  }
})
