// Rules about single instructions and RUN scripts (hadolint/BuildKit/trivy/
// checkov territory). Pure: model in, hits out.

import {
  expand,
  parseAssignments,
  parseMountOptions,
  splitWords,
  type Instruction,
  type Stage
} from './model.js'
import { redactSecret } from '../model/redact.js'
import type { Scope } from './expand.js'
import { normalisedContent } from './rules-core.js'
import { parseShell, programName, runScript, type Pipeline, type ShellCommand } from './shell.js'
import type { RuleHit, RuleInput } from './types.js'

interface StageFacts {
  stage: Stage
  /** The stage is the final stage or one the final stage is built FROM: its layers ship. */
  ships: boolean
  /** The shell in effect before each instruction (SHELL is inherited through FROM <stage>). */
  shells: string[][]
  windows: boolean
  /** Index of the first instruction after which APT::Install-Recommends is configured off (-1: inherited; Infinity: never). */
  recommendsOffAt: number
}

const DEFAULT_SHELL = ['/bin/sh', '-c']

function stageFacts(stages: readonly Stage[]): StageFacts[] {
  const shipping = new Set<number>()
  let stage: Stage | undefined = stages[stages.length - 1]
  while (stage && !shipping.has(stage.index)) {
    shipping.add(stage.index)
    stage = stage.base.kind === 'stage' ? stages[stage.base.stageIndex as number] : undefined
  }
  const facts: StageFacts[] = []
  const finalShell: string[][] = []
  const windowsStage: boolean[] = []
  const recommendsOff: number[] = []
  for (const current of stages) {
    const parent = current.base.kind === 'stage' ? current.base.stageIndex : undefined
    let shell = parent !== undefined && finalShell[parent] ? finalShell[parent] : DEFAULT_SHELL
    const windows =
      parent !== undefined
        ? (windowsStage[parent] ?? false)
        : /windows|nanoserver|servercore/i.test(current.base.resolved)
    const shells: string[][] = []
    let recommendsOffAt = parent !== undefined && recommendsOff[parent] !== Infinity ? -1 : Infinity
    current.instructions.forEach((instruction, i) => {
      shells.push(shell)
      if (instruction.keyword === 'SHELL' && instruction.json) shell = instruction.json
      if (recommendsOffAt === Infinity && instruction.keyword === 'RUN') {
        const text = `${instruction.rest}\n${instruction.heredocs.map(h => h.body).join('\n')}`
        if (/Install-Recommends/i.test(text)) recommendsOffAt = i
      }
    })
    recommendsOff[current.index] = recommendsOffAt
    finalShell[current.index] = shell
    windowsStage[current.index] = windows
    facts.push({
      stage: current,
      ships: shipping.has(current.index),
      shells,
      windows,
      recommendsOffAt
    })
  }
  return facts
}

export function checkInstructions(input: RuleInput): RuleHit[] {
  const hits: RuleHit[] = []
  const escape = input.model.escape
  for (const facts of stageFacts(input.model.stages)) {
    const { stage } = facts
    checkRepeated(stage, hits)
    checkFromPlatform(stage, hits)
    stage.instructions.forEach((instruction, i) => {
      const target = instruction.trigger ?? instruction
      const shell = facts.shells[i]
      const posix = !facts.windows && /(^|\/)(ba|da|a|z|k|mk)?sh$/.test(shell[0] ?? '')
      switch (target.keyword) {
        case 'RUN':
          if (posix) checkRun(instruction, target, stage, i, facts, shell, hits)
          break
        case 'ADD':
          checkAdd(instruction, target, escape, hits)
          checkCopyDestination(instruction, target, stage.scopes[i], escape, hits)
          break
        case 'COPY':
          checkCopyDestination(instruction, target, stage.scopes[i], escape, hits)
          break
        case 'EXPOSE':
          checkExpose(instruction, target, stage.scopes[i], escape, hits)
          break
        case 'WORKDIR':
          checkWorkdir(instruction, target, stage.scopes[i], facts.windows, escape, hits)
          break
        case 'MAINTAINER':
          hits.push(
            hit(
              'maintainer-deprecated',
              instruction,
              'MAINTAINER is deprecated; use LABEL org.opencontainers.image.authors="…".'
            )
          )
          break
        case 'ENV':
          checkEnv(instruction, target, escape, hits)
          break
        case 'LABEL':
          if (isLegacyForm(target.rest, escape)) {
            hits.push(
              hit(
                'legacy-env-format',
                instruction,
                `LABEL ${target.rest.split(/\s+/)[0]} uses the legacy "key value" form; write LABEL key=value.`
              )
            )
          }
          break
        case 'CMD':
        case 'ENTRYPOINT':
          if (
            facts.ships &&
            !target.json &&
            !instruction.trigger &&
            !facts.windows &&
            target.rest !== ''
          ) {
            hits.push(
              hit(
                'shell-form-entrypoint',
                instruction,
                `${target.keyword} in shell form runs under "/bin/sh -c": the process is not PID 1 and does not get SIGTERM on docker stop. Use the exec form ${target.keyword} ["${program(target.rest, escape)}", "…"].`
              )
            )
          }
          break
      }
    })
  }
  return hits
}

function hit(ruleId: string, instruction: Instruction, message: string, detail = ''): RuleHit {
  return {
    ruleId,
    line: instruction.line,
    ...(instruction.endLine !== instruction.line ? { endLine: instruction.endLine } : {}),
    message,
    key: `${normalisedContent(instruction)}${detail ? ` ${detail}` : ''}`
  }
}

function isLegacyForm(rest: string, escape: string): boolean {
  const first = splitWords(rest, escape)[0]
  return first !== undefined && !first.raw.includes('=') && rest.trim().includes(' ')
}

// ---------------------------------------------------------------- repeated CMD/ENTRYPOINT/HEALTHCHECK

function checkRepeated(stage: Stage, hits: RuleHit[]): void {
  const rules: Record<string, string> = {
    CMD: 'multiple-cmd',
    ENTRYPOINT: 'multiple-entrypoint',
    HEALTHCHECK: 'multiple-healthcheck'
  }
  for (const [keyword, ruleId] of Object.entries(rules)) {
    const all = stage.instructions.filter(instruction => instruction.keyword === keyword)
    const last = all[all.length - 1]
    for (const instruction of all.slice(0, -1)) {
      hits.push(
        hit(
          ruleId,
          instruction,
          `This ${keyword} has no effect: the ${keyword} on line ${last.line} replaces it (only the last one in a stage counts).`
        )
      )
    }
  }
}

// ---------------------------------------------------------------- ENV

const INSECURE_ENV: [RegExp, (value: string) => boolean][] = [
  [/^NODE_TLS_REJECT_UNAUTHORIZED$/, value => value.trim() === '0'],
  [/^GIT_SSL_NO_VERIFY$/, value => !/^(|0|false|no)$/i.test(value.trim())],
  [/^PYTHONHTTPSVERIFY$/, value => value.trim() === '0'],
  [/^PIP_TRUSTED_HOST$/, value => value.trim() !== ''],
  [/^NPM_CONFIG_STRICT_SSL$/i, value => /^(false|0)$/i.test(value.trim())],
  [/^(CURL_CA_BUNDLE|REQUESTS_CA_BUNDLE)$/, value => value.trim() === '']
]

function checkEnv(
  instruction: Instruction,
  target: Instruction,
  escape: string,
  hits: RuleHit[]
): void {
  if (isLegacyForm(target.rest, escape)) {
    const key = splitWords(target.rest, escape)[0]?.text ?? ''
    hits.push(
      hit(
        'legacy-env-format',
        instruction,
        `ENV ${key} uses the legacy "key value" form (everything after the key becomes the value); write ENV ${key}=<value>.`
      )
    )
  }
  for (const { key, value } of parseAssignments(target.rest, 'ENV', escape)) {
    if (value === undefined) continue
    for (const [name, insecure] of INSECURE_ENV) {
      if (name.test(key) && insecure(value)) {
        hits.push(
          hit(
            'tls-verification-disabled',
            instruction,
            `ENV ${key}=${value} turns off TLS certificate verification for everything the image runs. Install the right CA certificate instead.`,
            key
          )
        )
      }
    }
  }
}

// ---------------------------------------------------------------- WORKDIR / EXPOSE / ADD

function checkWorkdir(
  instruction: Instruction,
  target: Instruction,
  scope: Scope,
  windows: boolean,
  escape: string,
  hits: RuleHit[]
): void {
  const written = splitWords(target.rest, escape)[0]?.text ?? ''
  if (written === '') return
  const expansion = expand(written, scope, escape)
  if (expansion.unset.length + expansion.undeclared.length > 0) return
  const path = expansion.value
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || (windows && path.startsWith('\\')))
    return
  hits.push(
    hit(
      'workdir-relative',
      instruction,
      `WORKDIR ${written} is relative, so it depends on the previous WORKDIR and the base image. Use an absolute path.`
    )
  )
}

function checkExpose(
  instruction: Instruction,
  target: Instruction,
  scope: Scope,
  escape: string,
  hits: RuleHit[]
): void {
  for (const word of splitWords(target.rest, escape)) {
    const value = expand(word.text, scope, escape).value
    const match = /^(\d+)(?:-(\d+))?(?:\/\w+)?$/.exec(value)
    if (!match) continue
    const low = Number(match[1])
    const high = match[2] ? Number(match[2]) : low
    if (high > 65535 || low > high) {
      hits.push(
        hit(
          'expose-invalid-port',
          instruction,
          `EXPOSE ${word.text}: ports are 0-65535 (a range low-high).`,
          value
        )
      )
      continue
    }
    if (low <= 22 && 22 <= high) {
      hits.push(
        hit(
          'expose-ssh-port',
          instruction,
          `EXPOSE ${word.text} opens the SSH port: an SSH daemon in a container is extra attack surface and credentials. Use docker/kubectl exec instead.`
        )
      )
      return
    }
  }
}

function checkFromPlatform(stage: Stage, hits: RuleHit[]): void {
  const platform = stage.platform
  // $BUILDPLATFORM / $TARGETPLATFORM (any variable) is how cross-builds choose; a constant pins one.
  if (platform === undefined || platform.includes('$')) return
  hits.push(
    hit(
      'from-platform-flag',
      stage.from,
      `FROM --platform=${platform} builds for one platform whatever --platform the build asks for. Drop it, or use --platform=$BUILDPLATFORM for build stages.`
    )
  )
}

/** COPY/ADD of several sources need a directory destination ending in '/' (BuildKit refuses others). */
function checkCopyDestination(
  instruction: Instruction,
  target: Instruction,
  scope: Scope,
  escape: string,
  hits: RuleHit[]
): void {
  if (target.heredocs.length > 0) return
  const words = target.json ?? splitWords(target.rest, escape).map(w => w.text)
  if (words.length < 3) return
  const dest = expand(words[words.length - 1]!, scope, escape).value
  if (dest.endsWith('/') || dest.endsWith('\\') || dest === '.' || dest.includes('$')) return
  hits.push(
    hit(
      'copy-multiple-sources-not-dir',
      instruction,
      `${target.keyword} of ${words.length - 1} sources to "${dest}": with several sources the destination must be a directory ending in "/" (the build fails otherwise). Write ${dest}/.`
    )
  )
}

const ARCHIVE =
  /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|tar\.lz|tar\.lzma|tlz)$/i

function checkAdd(
  instruction: Instruction,
  target: Instruction,
  escape: string,
  hits: RuleHit[]
): void {
  const words = target.json ?? splitWords(target.rest, escape).map(w => w.text)
  const sources = words.slice(0, -1).filter(source => !source.startsWith('<<'))
  if (sources.length === 0) return
  const checksum = target.flags.some(flag => flag.name === 'checksum')
  const urls = sources.filter(source => /^https?:\/\//i.test(source))
  for (const url of urls) {
    const git = /\.git(#.*)?$/.test(url) || /^git@/.test(url)
    if (!checksum && !git) {
      hits.push(
        hit(
          'add-url-without-checksum',
          instruction,
          `ADD downloads ${withoutPassword(url)} without --checksum: its content is not verified. Add --checksum=sha256:<hex>, or download and verify with sha256sum.`,
          url
        )
      )
    }
  }
  const locals = sources.filter(
    source => !/^[a-z][a-z0-9+.-]*:\/\//i.test(source) && !/^git@/.test(source)
  )
  if (locals.length > 0 && locals.every(source => !ARCHIVE.test(source))) {
    hits.push(
      hit(
        'add-instead-of-copy',
        instruction,
        `ADD ${locals.join(' ')} copies local files; use COPY (ADD also extracts archives and fetches URLs, which hides what happens).`
      )
    )
  }
}

// ---------------------------------------------------------------- RUN

const SHELLS = /^(ba|da|z|k|a|mk)?sh$/
const INTERPRETERS = /^(python[0-9.]*|perl|ruby|node|php)$/

function checkRun(
  instruction: Instruction,
  target: Instruction,
  stage: Stage,
  index: number,
  facts: StageFacts,
  shell: string[],
  hits: RuleHit[]
): void {
  const { script, shellForm } = runScript(target)
  if (script.trim() === '') return
  const pipelines = parseShell(script)
  const commands = pipelines.flat()
  const mounts = target.flags
    .filter(flag => flag.name === 'mount' && flag.value !== undefined)
    .map(flag => parseMountOptions(flag.value as string))
  const cacheTargets = mounts
    .filter(m => m.get('type') === 'cache' || m.get('type') === 'tmpfs')
    .map(m => m.get('target') ?? m.get('dst') ?? m.get('destination') ?? '')

  // curl | sh
  const piped = pipelines.find(isRemoteScriptPipe)
  if (
    piped ||
    /\b(ba|z|da|k)?sh\s+(-\w+\s+)*["']?\$\(\s*(curl|wget)\b/.test(script) ||
    /<\(\s*(curl|wget)\b/.test(script)
  ) {
    hits.push(
      hit(
        'curl-pipe-shell',
        instruction,
        'A downloaded script is executed without verification (curl/wget piped into a shell). Download it to a file, check its sha256 or signature, then run it.'
      )
    )
  }

  // pipefail
  if (shellForm && !shell.some(arg => /pipefail/.test(arg)) && !/pipefail/.test(script)) {
    const risky = pipelines.find(
      p =>
        p.length > 1 && p.slice(0, -1).some(c => !/^(echo|printf|yes|true)$/.test(programName(c)))
    )
    if (risky) {
      hits.push(
        hit(
          'missing-pipefail',
          instruction,
          `"${risky.map(c => programName(c)).join(' | ')}" fails silently if an earlier command fails: the shell only reports the last command's status. Set SHELL ["/bin/bash", "-o", "pipefail", "-c"] or start the RUN with set -o pipefail.`
        )
      )
    }
  }

  const seen = new Set<string>()
  const once = (ruleId: string, message: string): void => {
    if (seen.has(ruleId)) return
    seen.add(ruleId)
    hits.push(hit(ruleId, instruction, message))
  }
  let aptUpdate = false
  let aptCleaned =
    /\/var\/lib\/apt\/lists/.test(cacheTargets.join(' ')) ||
    cacheTargets.some(t => /^\/var\/lib\/apt\/?$/.test(t))
  let apkCleaned = cacheTargets.some(t => /^\/(var|etc)\/cache\/apk|^\/etc\/apk\/cache/.test(t))
  const pipCached =
    cacheTargets.some(t => /\.cache(\/pip)?\/?$/.test(t)) ||
    (stage.scopes[index]?.has('PIP_NO_CACHE_DIR') ?? false)
  const aptInstalls: ShellCommand[] = []
  const apkAdds: ShellCommand[] = []
  const rpmInstalls: ShellCommand[] = []
  let rpmCleaned = cacheTargets.some(t => /^\/var\/cache\/(dnf|yum|zypp)\/?$/.test(t))
  for (const command of commands) {
    const program = programName(command)
    const args = command.argv.slice(1)
    if (program === 'apt' && subcommand(args) !== undefined)
      once(
        'apt-instead-of-apt-get',
        `apt ${subcommand(args)} in a build: apt's command line is for people and may change; use apt-get (or apt-cache).`
      )
    if (POINTLESS.has(program))
      once(
        'pointless-command',
        `${program} in a build step does nothing useful: a build has no running services, terminal or network interfaces to manage.`
      )
    if (program === 'useradd' || program === 'adduser') {
      const uid = uidArgument(args)
      if (
        uid !== undefined &&
        uid >= 100000 &&
        !args.some(a => a === '-l' || a === '--no-log-init')
      )
        once(
          'useradd-high-uid',
          `useradd with UID ${uid} and without -l writes a sparse /var/log/lastlog of ~${Math.round((uid * 292) / 1024 / 1024)} MB into the layer. Add -l (--no-log-init).`
        )
    }
    if (RPM_MANAGERS.has(program)) {
      const sub = subcommand(args)
      if (sub === 'install' || sub === 'in' || sub === 'groupinstall' || sub === 'reinstall')
        rpmInstalls.push(command)
      if (sub === 'clean' && args.includes('all')) rpmCleaned = true
      if (program === 'zypper' && (sub === 'clean' || sub === 'cc')) rpmCleaned = true
    }
    if (program === 'rm' && args.some(arg => /^\/var\/cache\/(dnf|yum|zypp)/.test(arg)))
      rpmCleaned = true
    const firstWord = command.words.find(word => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word))
    if (firstWord === 'sudo')
      once(
        'sudo-in-run',
        'sudo in a build step: switch with USER root for the steps that need it (and back to the app user after) instead.'
      )
    const insecure = insecureOption(program, args)
    if (insecure)
      once(
        'tls-verification-disabled',
        `${program} ${insecure} turns off certificate or signature verification: anyone on the network path can swap what gets installed. Install the right CA certificate or key instead.`
      )
    if (program === 'chmod') {
      const mode = args.find(arg => !arg.startsWith('-'))
      if (mode && worldWritable(mode))
        once(
          'chmod-world-writable',
          `chmod ${mode} makes files writable by every user in the container. Give ownership to the app user (COPY --chown, chown) and use 755/644.`
        )
    }
    if (program === 'apt-get' || program === 'apt') {
      const sub = subcommand(args)
      if (sub === 'update') aptUpdate = true
      if (sub === 'install') aptInstalls.push(command)
      if (sub === 'dist-clean' || sub === 'distclean') aptCleaned = true
    }
    if (program === 'rm' && args.some(arg => arg.startsWith('/var/lib/apt/lists')))
      aptCleaned = true
    if (program === 'rm' && args.some(arg => /^\/var\/cache\/apk|^\/etc\/apk\/cache/.test(arg)))
      apkCleaned = true
    if (program === 'apk') {
      const sub = subcommand(args)
      // --no-network fetches nothing, so nothing is cached (docker-library's rundeps step).
      if (sub === 'add' && !args.includes('--no-cache') && !args.includes('--no-network')) {
        apkAdds.push(command)
      }
      if (sub === 'cache' && args.some(arg => arg === 'clean' || arg === 'purge')) apkCleaned = true
    }
    if (facts.ships && isPipInstall(command) && !pipCached && !args.includes('--no-cache-dir')) {
      once(
        'pip-no-cache-dir',
        'pip install without --no-cache-dir leaves its download cache in the layer. Add --no-cache-dir (or set ENV PIP_NO_CACHE_DIR=1).'
      )
    }
  }
  if (pipelines[0]?.[0] && programName(pipelines[0][0]) === 'cd' && pipelines.length > 1) {
    once(
      'run-cd',
      `RUN starts with "cd ${pipelines[0][0].argv[1] ?? ''}": use WORKDIR, which also applies to the following instructions.`
    )
  }
  for (const install of aptInstalls) {
    const args = install.argv.slice(1)
    if (
      !args.some(
        arg =>
          /^-[a-zA-Z]*y[a-zA-Z]*$/.test(arg) ||
          arg === '--yes' ||
          arg === '--assume-yes' ||
          /^-[a-zA-Z]*q[a-zA-Z]*q/.test(arg) ||
          /Assume-Yes=(true|1)/i.test(arg)
      )
    ) {
      once(
        'apt-get-missing-yes',
        `${programName(install)} install without -y waits for a confirmation a build cannot give. Add -y.`
      )
    }
    if (
      !args.includes('--no-install-recommends') &&
      !args.some(arg => /Install-Recommends=(false|0)/i.test(arg)) &&
      facts.recommendsOffAt > index
    ) {
      once(
        'apt-no-install-recommends',
        `${programName(install)} install pulls in recommended packages too. Add --no-install-recommends.`
      )
    }
  }
  const unpinned = aptInstalls
    .flatMap(install => aptPackages(install.argv.slice(1)))
    .filter(
      name =>
        !name.includes('=') &&
        !name.includes('$') &&
        !/\.deb$/.test(name) &&
        !name.startsWith('/') &&
        !name.startsWith('./')
    )
  if (unpinned.length > 0) {
    const shown =
      unpinned.slice(0, 5).join(', ') +
      (unpinned.length > 5 ? `, … (${unpinned.length} in all)` : '')
    once(
      'apt-unpinned-packages',
      `apt-get install without versions (${shown}): each build may get different packages. Pin them (name=version) or rely on the pinned base image digest.`
    )
  }
  if (facts.ships && aptUpdate && aptInstalls.length > 0 && !aptCleaned) {
    once(
      'apt-lists-not-cleaned',
      'apt-get update leaves the package lists in this layer. End the same RUN with rm -rf /var/lib/apt/lists/*.'
    )
  }
  for (const install of rpmInstalls) {
    const manager = programName(install)
    const args = install.argv.slice(1)
    const yes =
      manager === 'zypper'
        ? args.some(
            a => a === '-n' || a === '--non-interactive' || /^-[a-zA-Z]*n[a-zA-Z]*$/.test(a)
          ) || args.some(a => a === '-y' || a === '--no-confirm')
        : args.some(a => /^-[a-zA-Z]*y[a-zA-Z]*$/.test(a) || a === '--assumeyes')
    if (!yes && manager !== 'microdnf')
      once(
        'rpm-install-missing-yes',
        manager === 'zypper'
          ? 'zypper install without -n (--non-interactive) waits for a confirmation a build cannot give. Write zypper --non-interactive install.'
          : `${manager} install without -y waits for a confirmation a build cannot give. Add -y.`
      )
  }
  if (facts.ships && rpmInstalls.length > 0 && !rpmCleaned) {
    const manager = programName(rpmInstalls[0]!)
    once(
      'rpm-cache-not-cleaned',
      manager === 'zypper'
        ? 'zypper install leaves its cache in this layer. End the same RUN with zypper clean --all.'
        : `${manager} install leaves its metadata and package cache in this layer. End the same RUN with ${manager} clean all (or rm -rf /var/cache/${manager === 'yum' ? 'yum' : 'dnf'}).`
    )
  }
  if (facts.ships && apkAdds.length > 0 && !apkCleaned) {
    once(
      'apk-no-cache',
      'apk add without --no-cache leaves the package index in this layer. Use apk add --no-cache.'
    )
  }
}

const RPM_MANAGERS = new Set(['yum', 'dnf', 'microdnf', 'tdnf', 'zypper'])

// hadolint DL3001: commands that manage a running system, meaningless during a build.
const POINTLESS = new Set([
  'ssh',
  'vim',
  'vi',
  'nano',
  'shutdown',
  'reboot',
  'service',
  'ps',
  'free',
  'top',
  'kill',
  'mount',
  'ifconfig'
])

/** The UID given to useradd (-u N, --uid N, -uN, --uid=N). */
function uidArgument(args: string[]): number | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const inline = /^(?:-u|--uid=)(\d+)$/.exec(arg)
    if (inline) return Number(inline[1])
    if ((arg === '-u' || arg === '--uid') && /^\d+$/.test(args[i + 1] ?? ''))
      return Number(args[i + 1])
  }
  return undefined
}

/** The package words of `apt-get install …` (options and their values skipped). */
function aptPackages(args: string[]): string[] {
  const packages: string[] = []
  let seenSubcommand = false
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (arg === '-o' || arg === '-t' || arg === '--target-release' || arg === '-c') {
      i++
      continue
    }
    if (arg.startsWith('-')) continue
    if (!seenSubcommand) seenSubcommand = true
    else packages.push(arg)
  }
  return packages
}

function subcommand(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (
      arg === '-o' ||
      arg === '-c' ||
      arg === '-t' ||
      arg === '--repository' ||
      arg === '-X' ||
      arg === '--root'
    ) {
      i++
      continue
    }
    if (!arg.startsWith('-')) return arg
  }
  return undefined
}

function isRemoteScriptPipe(pipeline: Pipeline): boolean {
  const fetch = pipeline.findIndex(c => /^(curl|wget|fetch)$/.test(programName(c)))
  if (fetch < 0) return false
  return pipeline.slice(fetch + 1).some(command => {
    const program = programName(command)
    const args = command.argv.slice(1)
    if (SHELLS.test(program)) return !args.some(arg => arg === '-c' || /^-[a-z]*c[a-z]*$/.test(arg))
    if (INTERPRETERS.test(program)) return args.length === 0 || args[0] === '-'
    return false
  })
}

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
      ) {
        return args.find(arg => arg === '--trusted-host' || arg.startsWith('--trusted-host='))
      }
      return undefined
  }
}

function isPipInstall(command: ShellCommand): boolean {
  const program = programName(command)
  const args = command.argv.slice(1)
  if (/^pip[0-9.]*$/.test(program)) return subcommand(args) === 'install'
  if (/^python[0-9.]*$/.test(program) && args[0] === '-m' && args[1] === 'pip')
    return subcommand(args.slice(2)) === 'install'
  return false
}

/** A URL's password replaced by its redacted form (`https://u:p@h` → `https://u:p…(n chars)@h`). */
function withoutPassword(url: string): string {
  return url.replace(
    /^([a-z][a-z0-9+.-]*:\/\/[^/:@]*):([^/@]*)@/i,
    (_, head: string, password: string) => `${head}:${redactSecret(password)}@`
  )
}

/** The program of a shell-form command (its arguments may hold anything, even a token). */
function program(rest: string, escape: string): string {
  const first = splitWords(rest, escape)[0]?.text ?? ''
  return first.length > 60 ? redactSecret(first) : first
}

/** Octal with the "others write" bit and no sticky bit, or a symbolic o+w / a+w. */
export function worldWritable(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) {
    const digits = mode.padStart(4, '0')
    const sticky = (Number(digits[0]) & 1) === 1
    return (Number(digits[3]) & 2) === 2 && !sticky
  }
  return mode.split(',').some(part => {
    const match = /^([ugoa]*)[+=]([rwxXst]*)$/.exec(part)
    if (!match) return false
    const who = match[1]
    return (
      (who.includes('o') || who.includes('a')) && match[2].includes('w') && !match[2].includes('t')
    )
  })
}
