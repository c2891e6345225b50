import { defineRule, hit, posixRuns, programName } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

/** Shells whose `-o pipefail` works (dash, behind most /bin/sh, has none). */
const PIPEFAIL_SHELLS = /(^|\/)(bash|zsh|ash|ksh|mksh)$/

export default defineRule({
  id: 'missing-pipefail',
  aliases: ['DL4006'],
  severity: 'low',
  title: 'Pipe without pipefail',
  help: 'In `RUN a | b` the exit status is that of `b`: a failed download piped into a parser still "succeeds" and the image is built broken. Set when the SHELL (here or in the stage built FROM) is bash, zsh, ash or ksh with `-o pipefail`, or the script starts with `set -o pipefail`; `/bin/sh -o pipefail` does not count (dash has no pipefail). Not checked for PowerShell or cmd.',
  fix: '`SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN (or `set -o pipefail &&` at its start; busybox: `SHELL ["/bin/ash", "-o", "pipefail", "-c"]`).',
  check(input) {
    const hits: RuleHit[] = []
    for (const run of posixRuns(input)) {
      if (!run.shellForm) continue
      const shellHasPipefail =
        PIPEFAIL_SHELLS.test(run.shell[0] ?? '') && run.shell.some(arg => /pipefail/.test(arg))
      if (shellHasPipefail || /\bset\b[^\n;&|]*\s-[A-Za-z]*o\s+pipefail\b/.test(run.script))
        continue
      const piped = run.pipelines.find(p => p.length > 1)
      if (!piped) continue
      hits.push(
        hit(
          'missing-pipefail',
          run.instruction,
          `"${piped.map(c => programName(c)).join(' | ')}" fails silently if an earlier command fails: the shell only reports the last command's status. Set SHELL ["/bin/bash", "-o", "pipefail", "-c"] or start the RUN with set -o pipefail.`
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      'FROM alpine:3.20\nRUN wget -O - https://example.com/key.asc | gpg --import',
      'FROM scratch\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN wget -O - https://some.site | wc -l > /number',
      'FROM scratch\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b\nSHELL ["/bin/sh", "-c"]\nRUN a | b',
      'FROM alpine:3.20\nRUN echo "kaka" | sed \'s/a/o/g\' >> /root/afile'
    ],
    passes: [
      'FROM alpine:3.20\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -O - https://example.com/key.asc | gpg --import',
      'FROM scratch\nRUN wget -O - https://some.site && wc -l file > /number',
      'FROM scratch\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN a | b',
      'FROM scratch\nSHELL ["/usr/local/bin/zsh", "-o", "pipefail", "-c"]\nRUN a | b',
      'FROM scratch\nSHELL ["pwsh", "-c"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value',
      'FROM scratch\nSHELL ["cmd.exe", "/c"]\nRUN a | b',
      'FROM alpine:3.20\nRUN set -o pipefail && wget -O - https://x | tar x',
      'FROM scratch AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN a | b'
    ]
  }
})
