import { expandPackage, isLocalOrUrl, listed, unpinnedHits } from '../pinning.js'
import { argsOf, defineRule, positionals, programName } from '../rule-kit.js'

const APK_VALUE_OPTIONS = [
  '-X',
  '--repository',
  '-t',
  '--virtual',
  '-p',
  '--root',
  '--keys-dir',
  '--arch',
  '--cache-dir'
]

export default defineRule({
  id: 'apk-unpinned',
  aliases: ['DL3018'],
  severity: 'info',
  title: 'apk add without versions',
  help: 'Without a version (`pkg=1.2.3-r0`, or a constraint: `~`, `=~`, `>=`, `<`) each build installs what the mirror has that day. Local `.apk` files and the name given to `--virtual` are not packages to pin.',
  fix: '`apk add --no-cache curl=8.9.1-r2`.',
  check: input =>
    unpinnedHits(
      input,
      'apk-unpinned',
      run =>
        run.commands.flatMap(command => {
          if (programName(command) !== 'apk') return []
          const words = positionals(argsOf(command), APK_VALUE_OPTIONS)
          if (words[0] !== 'add') return []
          const packages = words
            .slice(1)
            .map(word => expandPackage(word, run, input))
            .filter((word): word is string => word !== undefined && word !== '')
            .filter(word => !isLocalOrUrl(word) && !/\.apk$/.test(word) && !/[=<>~]/.test(word))
          return [{ command, packages }]
        }),
      found =>
        `apk add without versions (${listed(found)}): each build may get different packages. Pin them (name=version).`
    ),
  examples: {
    fires: [
      'FROM alpine:3.20\nRUN apk add --no-cache curl',
      'FROM alpine:3.20\nRUN apk add --no-cache \\\n flex=2.6.4-r1 \\\n libffi \\\n python2=2.7.13-r1'
    ],
    passes: [
      'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r2',
      'FROM alpine:3.20\nRUN apk add --no-cache git~2.52.0 git~=2.52 "flex>=2.6.1-r1" "python3<3.6.12-r2" "libbz2=~1.0.6-r4"',
      'FROM alpine:3.20\nRUN apk add --virtual build-dependencies python-dev=1.1.1 build-base=2.2.2',
      'FROM alpine:3.20\nRUN apk add --no-cache --repository=https://nl.alpinelinux.org/alpine/edge/testing flow=0.78.0-r0',
      'FROM alpine:3.20\nRUN apk add --no-cache -X https://nl.alpinelinux.org/alpine/edge/testing flow=0.78.0-r0',
      'FROM alpine:3.20\nRUN apk add mypackage-1.1.1.apk'
    ]
  }
})
