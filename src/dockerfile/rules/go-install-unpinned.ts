import { expandPackage, isLocalOrUrl, listed, unpinnedHits } from '../pinning.js'
import { argsOf, defineRule, positionals, programName } from '../rule-kit.js'

/** Package patterns of the toolchain and the main module, not modules to pin (`go install tool`, Go 1.24). */
const META = new Set(['tool', 'all', 'std', 'cmd'])
const GO_VALUE_OPTIONS = [
  '-o',
  '-ldflags',
  '-gcflags',
  '-tags',
  '-modfile',
  '-overlay',
  '-p',
  '-exec',
  '-C',
  '-mod',
  '-pkgdir',
  '-asmflags',
  '-buildmode',
  '-compiler',
  '-toolexec'
]

export default defineRule({
  id: 'go-install-unpinned',
  aliases: ['DL3062'],
  severity: 'info',
  title: 'go install/get/run of a module without a version',
  help: '`go install example.com/tool` (or `@latest`, `go get`, `go get -tool`, `go run`) builds whatever the module’s latest release is that day. Local packages (`.`, `./x`, `/go/x`) are fine; for `go run` only the package is judged, not its arguments; `go install tool` and a RUN that binds go.mod take their versions from go.mod.',
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
          // Inside a module (go.mod bound into the RUN), `go install pkg` takes the version go.mod pins.
          if (
            run.mounts.some(m =>
              /(^|\/)go\.mod$/.test(m.options.get('source') ?? m.target ?? '')
            ) &&
            words[0] === 'install'
          )
            return []
          const targets = words[0] === 'run' ? words.slice(1, 2) : words.slice(1)
          const packages = targets
            .map(word => expandPackage(word, run, input))
            .filter((word): word is string => word !== undefined && word !== '')
            .filter(word => !isLocalOrUrl(word) && !word.endsWith('.go') && !META.has(word))
            .filter(word => !/@/.test(word) || /@latest$/.test(word))
          return [{ command, packages }]
        }),
      found =>
        `go ${positionals(argsOf(found[0].command), GO_VALUE_OPTIONS)[0]} without a version (${listed(found)}): each build may get a different release. Pin it (module@v1.2.3).`
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
      'FROM golang:1.23\nRUN go run main.go',
      'FROM golang:1.24\nRUN go install tool',
      'FROM golang:1.23\nRUN --mount=type=bind,source=go.mod,target=/app/go.mod go install golang.org/x/tools/cmd/goimports'
    ]
  }
})
