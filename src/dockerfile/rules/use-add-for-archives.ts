import { ARCHIVE, copyArgs } from '../copy-args.js'
import { argsOf, defineRule, hit, programName } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

const base = (path: string): string =>
  path.replace(/["']/g, '').split(/[\\/]/).filter(Boolean).pop() ?? ''

export default defineRule({
  id: 'use-add-for-archives',
  aliases: ['DL3010'],
  severity: 'info',
  title: 'COPY of an archive that a later RUN extracts',
  help: 'COPY of a tar archive followed by `tar -x` of it keeps the archive in one layer and its content in the next: the image carries both. ADD extracts a local archive in one step.',
  fix: '`ADD app.tar.gz /usr/src/app/` instead of COPY + `tar -x`.',
  check(input) {
    const hits: RuleHit[] = []
    for (const facts of input.stages) {
      facts.stage.instructions.forEach((instruction, index) => {
        if (instruction.keyword !== 'COPY' || instruction.flags.some(f => f.name === 'from')) return
        const { rawSources, rawDest } = copyArgs(instruction, input.model.escape)
        const archives = rawSources.filter(source => ARCHIVE.test(source.replace(/["']/g, '')))
        if (archives.length === 0 || rawDest === undefined) return
        const names = new Set(archives.map(base))
        if (ARCHIVE.test(rawDest.replace(/["']/g, ''))) names.add(base(rawDest))
        const extracted = input.runs.some(
          run =>
            run.stage === facts &&
            run.index > index &&
            run.commands.some(c => {
              if (programName(c) !== 'tar') return false
              const args = argsOf(c)
              const extracting = args.some(
                a => a === '--extract' || a === '--get' || /^-?[A-Za-z]*x/.test(a)
              )
              return extracting && args.some(a => names.has(base(a)))
            })
        )
        if (extracted)
          hits.push(
            hit(
              'use-add-for-archives',
              instruction,
              `${[...names].join(', ')} is copied and then extracted by a later RUN: the image keeps the archive too. Use ADD, which extracts local archives.`
            )
          )
      })
    }
    return hits
  },
  examples: {
    fires: [
      'FROM debian:12\nCOPY packaged-app.tar /usr/src/app\nRUN tar -xf /usr/src/app/packaged-app.tar',
      'FROM debian:12\nCOPY foo/bar/packaged-app.tar /foo.tar\nRUN tar -xf /foo.tar',
      'FROM debian:12\nCOPY build\\foo\\bar.tar.gz "C:\\Program Files\\foo.tar.gz"\nRUN tar -xf foo.tar.gz',
      'FROM debian:12\nCOPY build\\foo\\bar.tar.gz "C:\\Program Files\\Foo"\nRUN tar -xf "C:\\Program Files\\Foo\\bar.tar.gz"'
    ],
    passes: [
      'FROM debian:12\nADD packaged-app.tar /usr/src/app/',
      'FROM debian:12\nCOPY packaged-app.tar /usr/src/app\nFROM debian:12 AS newstage',
      'FROM debian:12\nCOPY package.json /usr/src/app',
      'FROM debian:12 AS builder\nFROM debian:12\nCOPY --from=builder /usr/local/share/some.tar /opt/some.tar\nRUN tar -xf /opt/some.tar'
    ]
  }
})
