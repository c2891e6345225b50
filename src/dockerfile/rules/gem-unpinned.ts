import { expandPackage, isLocalOrUrl, listed, unpinnedHits } from '../pinning.js'
import { argsOf, defineRule, programName } from '../rule-kit.js'

const GEM_VALUE_OPTIONS = [
  '-v',
  '--version',
  '-i',
  '--install-dir',
  '-n',
  '--bindir',
  '-s',
  '--source',
  '-p',
  '--http-proxy',
  '--platform',
  '-g',
  '--file'
]

export default defineRule({
  id: 'gem-unpinned',
  aliases: ['DL3028'],
  severity: 'info',
  title: 'gem install without versions',
  help: 'Without a version (`gem install bundler:2.5.6`, or `-v`/`--version` for the line) each build installs the latest gem. Options after `--` belong to the gem’s native build and are not gems.',
  fix: '`gem install bundler:2.5.6` (or a Gemfile.lock with `bundle install`).',
  check: input =>
    unpinnedHits(
      input,
      'gem-unpinned',
      run =>
        run.commands.flatMap(command => {
          if (programName(command) !== 'gem') return []
          const args = argsOf(command)
          const end = args.indexOf('--')
          const own = end < 0 ? args : args.slice(0, end)
          if (own[0] !== 'install' && own[0] !== 'i') return []
          if (own.some(arg => /^(-v|--version)(=|$)/.test(arg))) return []
          const gems: string[] = []
          for (let i = 1; i < own.length; i++) {
            const arg = own[i]
            if (arg.startsWith('-')) {
              if (!arg.includes('=') && GEM_VALUE_OPTIONS.includes(arg)) i++
              continue
            }
            gems.push(arg)
          }
          const packages = gems
            .map(word => expandPackage(word, run, input))
            .filter((word): word is string => word !== undefined && word !== '')
            .filter(
              word =>
                !/^(true|false)$/.test(word) &&
                !isLocalOrUrl(word) &&
                !/\.gem$/.test(word) &&
                !/:\S/.test(word)
            )
          return [{ command, packages }]
        }),
      found =>
        `gem install without versions (${listed(found)}): each build may get a different release. Pin them (name:version).`
    ),
  examples: {
    fires: [
      'FROM ruby:3.3\nRUN gem install bundler',
      'FROM ruby:3.3\nRUN gem i bunlder:1 nokogiri'
    ],
    passes: [
      'FROM ruby:3.3\nRUN gem install bundler:2.5.6',
      "FROM ruby:3.3\nRUN gem install bundler -v '2.0.1'",
      "FROM ruby:3.3\nRUN gem install bundler --version='2.0.1'",
      'FROM ruby:3.3\nRUN gem install bundler:2.0.1 -- --use-system-libraries true',
      'FROM ruby:3.3\nRUN gem install bundler:2.0.1 --use-system-libraries true'
    ]
  }
})
