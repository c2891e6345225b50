import { copyArgs } from '../copy-args.js'
import { defineRule, hit, instructions, shown } from '../rule-kit.js'
import type { RuleHit, StageFacts } from '../types.js'

function isAbsoluteDestination(dest: string): boolean {
  return (
    dest.startsWith('/') ||
    dest.startsWith('$') ||
    /^[A-Za-z]:([\\/]|$)/.test(dest) ||
    dest.startsWith('\\')
  )
}

export default defineRule({
  id: 'copy-relative-without-workdir',
  aliases: ['DL3045'],
  severity: 'low',
  title: 'COPY to a relative destination without WORKDIR',
  help: "A relative COPY destination is relative to the WORKDIR; with none set in the stage (or the stage it is built FROM) it is the base image's, which the Dockerfile does not show. An ONBUILD COPY counts an ONBUILD WORKDIR.",
  fix: 'Set `WORKDIR /app` first, or write an absolute destination.',
  check(input) {
    const hits: RuleHit[] = []
    const workdirStages = new Set<StageFacts>()
    const onbuildWorkdir = new Set<StageFacts>()
    const hasWorkdir = (facts: StageFacts | undefined): boolean => {
      for (let f = facts; f; f = f.parent) if (workdirStages.has(f)) return true
      return false
    }
    for (const { instruction, target, facts, onbuild } of instructions(input)) {
      if (target.keyword === 'WORKDIR') (onbuild ? onbuildWorkdir : workdirStages).add(facts)
      if (target.keyword !== 'COPY' || target.heredocs.length > 0) continue
      const { dest, rawDest } = copyArgs(target, input.model.escape)
      if (
        dest === undefined ||
        isAbsoluteDestination(dest) ||
        /^["']?[A-Za-z]:/.test(rawDest ?? '')
      )
        continue
      if (hasWorkdir(facts) || (onbuild && onbuildWorkdir.has(facts))) continue
      hits.push(
        hit(
          'copy-relative-without-workdir',
          instruction,
          `COPY to the relative "${shown(dest, 60)}" with no WORKDIR set: it lands in the base image's working directory. Set WORKDIR first, or use an absolute path.`
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      'FROM debian:12\nCOPY bla.sh blubb.sh',
      'FROM debian:12\nCOPY bla.sh "blubb.sh"',
      'FROM debian:12 AS stage1\nWORKDIR /usr\nFROM debian:12\nCOPY foo bar'
    ],
    passes: [
      'FROM debian:12\nWORKDIR /usr\nCOPY bla.sh blubb.sh',
      'FROM debian:12\nCOPY bla.sh /usr/local/bin/blubb.sh',
      'FROM debian:12\nCOPY bla.sh "c:\\system32\\blubb.sh"',
      'FROM debian:12\nCOPY bla.sh c:/system32/blubb.sh',
      'FROM debian:12\nCOPY bla.sh d:\\mypath\\blubb.sh',
      'FROM debian:12\nCOPY src.sh ${SRC_BASE_ENV}',
      'FROM debian:12 AS base1\nWORKDIR /usr\nFROM base1 AS base2\nRUN foo\nFROM base2\nCOPY foo bar',
      'FROM debian:12\nONBUILD WORKDIR /usr/local/lib\nONBUILD COPY foo bar'
    ]
  }
})
