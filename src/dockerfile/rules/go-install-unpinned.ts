import { expandPackage, isLocalOrUrl, listed, unpinnedHits } from '../pinning.js'
import { argsOf, defineRule, positionals, programName } from '../rule-kit.js'

const GO_VALUE_OPTIONS = ['-o', '-ldflags', '-gcflags', '-tags', '-modfile', '-overlay', '-p', '-exec', '-C', '-mod', '-pkgdir', '-asmflags', '-buildmode', '-compiler', '-toolexec']

export default defineRule({
  id: 'go-install-unpinned',
  aliases: ['DL3062'],
  severity: 'info',
  title: 'go install/get/run of a module without a version',
  help: '`go install example.com/tool` (or `@latest`, `go get`, `go get -tool`, `go run`) builds whatever the module’s latest release is that day. Local packages (`.`, `./x`, `/go/x`) are fine; for `go run` only the package is judged, not its arguments.',
  fix: '`go install example.com/tool@v1.2.3`.',
  check: input =>
    unpinnedHits(
      input,
      'go-install-unpinned',
      run =>
        run.commands.flatMap(command => {
          if (programName(command) !== 'go') return []
          const words = positionals(argsOf(command), GO_VALUE_OPTIONS)
          if (!['install', 'get', 'run'].includes(words[0] ?? '')) return []
          const targets = words[0] === 'run' ? words.slice(1, 2) : words.slice(1)
          const packages = targets
            .map(word => expandPackage(word, run, input))
            .filter((word): word is string => word !== undefined && word !== '')
            .filter(word => !isLocalOrUrl(word) && !word.endsWith('.go'))
            .filter(word => !/@/.test(word) || /@latest$/.test(word))
          return [{ command, packages }]
        }),
      found => `go ${positionals(argsOf(found[0].command), GO_VALUE_OPTIONS)[0]} without a version (${listed(found)}): each build may get a different release. Pin it (module@v1.2.3).`
    ),
  examples: {
    fires: [
      'FROM golang:1.23\nRUN go install example.com/pkg',
      'FROM golang:1.23\nRUN go install example.com/pkg@latest',
      'FROM golang:1.23\nRUN go get -tool foobar',
      'FROM golang:1.23\nRUN go run example.com/pkg@latest'
    ],
    passes: [
      'FROM golang:1.23\nRUN go install example.com/pkg@v1.2.3',
      'FROM golang:1.23\nRUN go install . ./app/foobar /go/app/foobar',
      'FROM golang:1.23\nRUN go get -tool foobar@v1.2.3',
      'FROM golang:1.23\nRUN go run example.com/pkg@v1.2.3 --foo bar',
      'FROM golang:1.23\nRUN go run main.go'
    ]
  }
})
