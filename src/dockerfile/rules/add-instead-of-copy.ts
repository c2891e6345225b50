import { ARCHIVE, copyArgs, isUrl } from '../copy-args.js'
import { defineRule, hit, instructions, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'add-instead-of-copy',
  aliases: ['DL3020'],
  severity: 'low',
  title: 'ADD used to copy local files',
  help: 'ADD silently extracts local archives and fetches URLs; for plain files and folders COPY says exactly what happens. ADD of a local archive (`.tar`, `.tar.gz`, `.tgz`, `.xz`, …: what ADD extracts; a `.zip` is not extracted) or of a URL is fine here.',
  fix: 'Use COPY (keep ADD for local tar archives you want extracted).',
  check(input) {
    const hits: RuleHit[] = []
    for (const { instruction, target } of instructions(input)) {
      if (target.keyword !== 'ADD') continue
      const sources = copyArgs(target, input.model.escape).sources.filter(s => !s.startsWith('<<'))
      if (sources.length === 0 || target.heredocs.length > 0) continue
      if (sources.every(source => ARCHIVE.test(source) || isUrl(source))) continue
      const locals = sources.filter(source => !isUrl(source) && !ARCHIVE.test(source))
      hits.push(
        hit(
          'add-instead-of-copy',
          instruction,
          `ADD ${shown(locals.join(' '), 60)} copies local files; use COPY (ADD also extracts archives and fetches URLs, which hides what happens).`
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      'FROM alpine:3.20\nADD app.py /app/',
      'FROM alpine:3.20\nADD file.zip /usr/src/app/',
      'FROM alpine:3.20\nADD "file.zip" /usr/src/app/'
    ],
    passes: [
      'FROM alpine:3.20\nCOPY app.py /app/',
      'FROM alpine:3.20\nADD file.tar /usr/src/app/',
      'FROM alpine:3.20\nADD file.gz /usr/src/app/',
      'FROM alpine:3.20\nADD file.tgz /usr/src/app/',
      'FROM alpine:3.20\nADD "file.tgz" /usr/src/app/',
      'FROM alpine:3.20\nADD http://file.com /usr/src/app/',
      'FROM alpine:3.20\nADD --checksum=sha256:' + 'a'.repeat(64) + ' https://example.com/x.bin /x'
    ]
  }
})
