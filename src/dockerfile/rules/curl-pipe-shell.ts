import { argsOf, defineRule, hit, posixRuns, programName } from '../rule-kit.js'
import type { Pipeline } from '../shell.js'
import type { RuleHit } from '../types.js'

const SHELLS = /^(ba|da|z|k|a|mk)?sh$/
const INTERPRETERS = /^(python[0-9.]*|perl|ruby|node|php)$/

function isRemoteScriptPipe(pipeline: Pipeline): boolean {
  const fetch = pipeline.findIndex(c => /^(curl|wget|fetch)$/.test(programName(c)))
  if (fetch < 0) return false
  return pipeline.slice(fetch + 1).some(command => {
    const program = programName(command)
    const args = argsOf(command)
    if (SHELLS.test(program)) return !args.some(arg => arg === '-c' || /^-[a-z]*c[a-z]*$/.test(arg))
    if (INTERPRETERS.test(program)) return args.length === 0 || args[0] === '-'
    return false
  })
}

export default defineRule({
  id: 'curl-pipe-shell',
  severity: 'medium',
  title: 'Remote script piped into a shell',
  help: '`curl … | sh` runs whatever the server returns, unverified, with the build user (often root). Also `sh -c "$(curl …)"` and `bash <(curl …)`.',
  fix: 'Download to a file, verify its checksum or signature, then run it.',
  check(input) {
    const hits: RuleHit[] = []
    for (const run of posixRuns(input)) {
      const piped =
        run.pipelines.some(isRemoteScriptPipe) ||
        (run.script.includes('$(') &&
          /\b(ba|z|da|k)?sh\s+(-\w+\s+)*["']?\$\(\s*(curl|wget)\b/.test(run.script)) ||
        (run.script.includes('<(') && /<\(\s*(curl|wget)\b/.test(run.script))
      if (piped)
        hits.push(
          hit(
            'curl-pipe-shell',
            run.instruction,
            'A downloaded script is executed without verification (curl/wget piped into a shell). Download it to a file, check its sha256 or signature, then run it.'
          )
        )
    }
    return hits
  },
  examples: {
    fires: [
      'FROM alpine:3.20\nRUN curl -fsSL https://get.example.com | sh',
      'FROM debian:12\nRUN sh -c "$(curl -fsSL https://x.example/install.sh)"',
      'FROM debian:12\nRUN wget -qO- https://x.example/i.py | python3 -'
    ],
    passes: [
      'FROM alpine:3.20\nRUN curl -fsSLo /tmp/install.sh https://get.example.com \\\n && echo "<sha256>  /tmp/install.sh" | sha256sum -c - \\\n && sh /tmp/install.sh',
      'FROM alpine:3.20\nRUN curl -fsSL https://x.example/key.asc | gpg --import'
    ]
  }
})
