import { expand, splitWords } from '../model.js'
import { isAbsolutePath } from '../facts.js'
import { defineRule, hit, instructions, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'workdir-relative',
  aliases: ['DL3000', 'WorkdirRelativePath'],
  severity: 'low',
  title: 'Relative WORKDIR',
  help: "A relative WORKDIR depends on the previous one and on the base image's: easy to get wrong. Not reported once an absolute WORKDIR was set in the stage or in the stage it is built FROM (as BuildKit decides). `C:\\\\`, `C:/` and `\\\\x` on Windows are absolute; a path made of variables is not judged unless their values are known.",
  fix: 'An absolute path: `WORKDIR /app`.',
  check(input) {
    const hits: RuleHit[] = []
    for (const { instruction, target, facts, index, scope, onbuild } of instructions(input)) {
      if (target.keyword !== 'WORKDIR' || onbuild || facts.workdirSet[index]) continue
      const written = splitWords(target.rest, input.model.escape)[0]?.text ?? ''
      if (written === '') continue
      const expansion = expand(written, scope, input.model.escape)
      if (expansion.unset.length + expansion.undeclared.length > 0 || expansion.tooDeep) continue
      if (isAbsolutePath(expansion.value, facts.windows)) continue
      if (/^["']?[A-Za-z]:/.test(target.rest.trim())) continue
      hits.push(
        hit(
          'workdir-relative',
          instruction,
          `WORKDIR ${shown(written, 60)} is relative, so it depends on the previous WORKDIR and the base image. Use an absolute path.`
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      'FROM alpine:3.20\nWORKDIR app',
      "FROM scratch\nWORKDIR 'relative/dir'",
      'FROM scratch\nWORKDIR "relative/dir"'
    ],
    passes: [
      'FROM alpine:3.20\nWORKDIR /app',
      'FROM scratch\nWORKDIR ${work}',
      'FROM scratch\nWORKDIR "${dir}"',
      'FROM scratch\nWORKDIR "C:\\"',
      "FROM scratch\nWORKDIR 'C:\\'",
      'FROM scratch\nWORKDIR C:/',
      'FROM scratch AS a\nWORKDIR /app\nFROM a AS b\nWORKDIR subdir/'
    ]
  }
})
