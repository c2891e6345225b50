import { parseAssignments } from '../model.js'
import { argsOf, defineRule, hit, instructions, posixRuns, programName } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

const INSECURE_ENV: [RegExp, (value: string) => boolean][] = [
  [/^NODE_TLS_REJECT_UNAUTHORIZED$/, value => value.trim() === '0'],
  [/^GIT_SSL_NO_VERIFY$/, value => !/^(|0|false|no)$/i.test(value.trim())],
  [/^PYTHONHTTPSVERIFY$/, value => value.trim() === '0'],
  [/^PIP_TRUSTED_HOST$/, value => value.trim() !== ''],
  [/^NPM_CONFIG_STRICT_SSL$/i, value => /^(false|0)$/i.test(value.trim())],
  [/^(CURL_CA_BUNDLE|REQUESTS_CA_BUNDLE)$/, value => value.trim() === '']
]

function insecureOption(program: string, args: string[]): string | undefined {
  switch (program) {
    case 'curl':
      return args.find(arg => arg === '--insecure' || /^-[a-zA-Z]*k[a-zA-Z]*$/.test(arg))
    case 'wget':
      return args.find(arg => arg === '--no-check-certificate')
    case 'apt-get':
    case 'apt':
      return args.find(
        arg =>
          arg === '--allow-unauthenticated' ||
          arg === '--allow-insecure-repositories' ||
          arg === '--force-yes'
      )
    case 'apk':
      return args.find(arg => arg === '--allow-untrusted')
    case 'yum':
    case 'dnf':
    case 'microdnf':
    case 'tdnf':
    case 'zypper':
      return args.find(arg => arg === '--nogpgcheck' || arg === '--no-gpg-checks')
    case 'rpm':
      return args.find(arg => arg === '--nosignature' || arg === '--nodigest')
    case 'git':
      return (
        args.find(arg => /^http\.sslverify=(false|0)$/i.test(arg)) ??
        (args.some(arg => /^http\.sslverify$/i.test(arg)) &&
        args.some(arg => /^(false|0)$/i.test(arg))
          ? 'http.sslVerify false'
          : undefined)
      )
    case 'npm':
    case 'yarn':
    case 'pnpm':
      return (
        args.find(arg => /^--strict-ssl=false$/.test(arg)) ??
        (args.includes('strict-ssl') && args.includes('false') ? 'strict-ssl false' : undefined)
      )
    default:
      if (
        /^pip[0-9.]*$/.test(program) ||
        (/^python[0-9.]*$/.test(program) && args[0] === '-m' && args[1] === 'pip')
      )
        return args.find(arg => arg === '--trusted-host' || arg.startsWith('--trusted-host='))
      return undefined
  }
}

export default defineRule({
  id: 'tls-verification-disabled',
  severity: 'medium',
  title: 'TLS or signature verification disabled',
  help: 'Turning off certificate or package-signature checks (`curl -k`, `wget --no-check-certificate`, `apt-get --allow-unauthenticated`, `apk --allow-untrusted`, `--nogpgcheck`, `pip --trusted-host`, `git -c http.sslVerify=false`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `GIT_SSL_NO_VERIFY`, `PYTHONHTTPSVERIFY=0`) lets anyone on the network path swap what gets installed (checkov CKV2_DOCKER_2…17).',
  fix: 'Install the right CA certificate or signing key instead.',
  check(input) {
    const hits: RuleHit[] = []
    for (const run of posixRuns(input)) {
      for (const command of run.commands) {
        const program = programName(command)
        const insecure = insecureOption(program, argsOf(command))
        if (!insecure) continue
        hits.push(
          hit(
            'tls-verification-disabled',
            run.instruction,
            `${program} ${insecure} turns off certificate or signature verification: anyone on the network path can swap what gets installed. Install the right CA certificate or key instead.`
          )
        )
        break
      }
    }
    for (const { instruction, target } of instructions(input)) {
      if (target.keyword !== 'ENV') continue
      for (const { key, value } of parseAssignments(target.rest, 'ENV', input.model.escape)) {
        if (value === undefined) continue
        if (!INSECURE_ENV.some(([name, insecure]) => name.test(key) && insecure(value))) continue
        hits.push(
          hit(
            'tls-verification-disabled',
            instruction,
            `ENV ${key}=${value.slice(0, 40)} turns off TLS certificate verification for everything the image runs. Install the right CA certificate instead.`,
            key
          )
        )
      }
    }
    return hits
  },
  examples: {
    fires: [
      'FROM alpine:3.20\nRUN curl -k https://internal.example.com/tool -o /usr/local/bin/tool',
      'FROM node:22\nENV NODE_TLS_REJECT_UNAUTHORIZED=0',
      'FROM alpine:3.20\nRUN apk add --allow-untrusted /tmp/x.apk'
    ],
    passes: [
      'FROM alpine:3.20\nCOPY corp-ca.crt /usr/local/share/ca-certificates/\nRUN update-ca-certificates && curl https://internal.example.com/tool -o /usr/local/bin/tool',
      'FROM node:22\nENV NODE_TLS_REJECT_UNAUTHORIZED=1'
    ]
  }
})
