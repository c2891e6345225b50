// Reading package-manager command lines in RUN scripts: which command is an
// install, its package words, and whether a later command cleans the cache.

import { argsOf, hasOption, positionals, programName, subcommand } from './rule-kit.js'
import type { ShellCommand } from './shell.js'
import type { RunFacts } from './types.js'

/** apt-get/apt/aptitude options that take a value. */
export const APT_VALUE_OPTIONS = ['-o', '-c', '-t', '--target-release', '--option', '--config-file']

export function isApt(command: ShellCommand): boolean {
  return /^(apt-get|apt|aptitude)$/.test(programName(command))
}

export function aptSubcommand(command: ShellCommand): string | undefined {
  return subcommand(argsOf(command), APT_VALUE_OPTIONS)
}

/** `apt-get install -s` (simulate): nothing is installed, nothing is asked. */
export function isAptSimulation(command: ShellCommand): boolean {
  return hasOption(argsOf(command), 's', ['simulate', 'just-print', 'dry-run', 'recon', 'no-act'])
}

/** The package words of `apt-get install …`. */
export function aptPackages(command: ShellCommand): string[] {
  return positionals(argsOf(command), APT_VALUE_OPTIONS).slice(1)
}

export type RpmFamily = 'yum' | 'dnf' | 'zypper'

export function rpmFamily(command: ShellCommand): RpmFamily | undefined {
  const program = programName(command)
  if (program === 'yum') return 'yum'
  if (program === 'dnf' || program === 'dnf5' || program === 'microdnf' || program === 'tdnf')
    return 'dnf'
  if (program === 'zypper') return 'zypper'
  return undefined
}

const RPM_VALUE_OPTIONS = [
  '-c',
  '--config',
  '--setopt',
  '--installroot',
  '--releasever',
  '--enablerepo',
  '--disablerepo',
  '--repo',
  '--repofrompath',
  '-x',
  '--exclude',
  '-R',
  '--root',
  '--repo',
  '-r'
]

export function rpmSubcommand(command: ShellCommand): string | undefined {
  return subcommand(argsOf(command), RPM_VALUE_OPTIONS)
}

/** `yum install`, `dnf module install`: the package words after the (sub)subcommand. */
export function rpmPackages(command: ShellCommand): string[] {
  const words = positionals(argsOf(command), RPM_VALUE_OPTIONS)
  const start = words[0] === 'module' || words[0] === 'group' ? 2 : 1
  return words.slice(start)
}

/** Subcommands that download packages into the cache. */
const CACHE_FILLING: Record<RpmFamily, Set<string>> = {
  yum: new Set([
    'install',
    'groupinstall',
    'localinstall',
    'reinstall',
    'update',
    'upgrade',
    'module'
  ]),
  dnf: new Set([
    'install',
    'in',
    'upgrade',
    'up',
    'update',
    'upgrade-minimal',
    'up-min',
    'reinstall',
    'rei',
    'groupinstall',
    'module',
    'distro-sync'
  ]),
  zypper: new Set([
    'install',
    'in',
    'update',
    'up',
    'dist-upgrade',
    'dup',
    'patch',
    'source-install',
    'si'
  ])
}

export function fillsRpmCache(command: ShellCommand, family: RpmFamily): boolean {
  const sub = rpmSubcommand(command)
  if (sub === 'module')
    return rpmPackages(command).length > 0 || positionals(argsOf(command))[1] === 'install'
  return sub !== undefined && CACHE_FILLING[family].has(sub)
}

const RPM_CACHE_DIRS: Record<RpmFamily, RegExp> = {
  yum: /^\/var\/cache\/(yum|dnf)(\/|$)/,
  dnf: /^\/var\/cache\/(dnf|yum|libdnf5|tdnf)(\/|$)|(^|\/)\.cache\/libdnf5(\/|$)/,
  zypper: /^\/var\/cache\/zypp(er)?(\/|$)/
}

/**
 * A later command cleans the cache the install filled: the same program's
 * `clean all` (`microdnf clean all` does not clean dnf's cache), `zypper
 * clean|cc`, or `rm -rf /var/cache/<mgr>…`.
 */
export function cleansRpmCache(
  command: ShellCommand,
  family: RpmFamily,
  installer: string
): boolean {
  const program = programName(command)
  const args = argsOf(command)
  const same = program === installer || (/^dnf5?$/.test(program) && /^dnf5?$/.test(installer))
  if (rpmFamily(command) === family && same) {
    const words = positionals(args)
    if (family === 'zypper') return words[0] === 'clean' || words[0] === 'cc'
    return words[0] === 'clean' && words.includes('all')
  }
  return program === 'rm' && positionals(args).some(arg => RPM_CACHE_DIRS[family].test(arg))
}

/** The cache of this family is a cache/tmpfs mount: nothing is left in the layer. */
export function rpmCacheMounted(run: RunFacts, family: RpmFamily): boolean {
  return run.cacheTargets.some(target => RPM_CACHE_DIRS[family].test(target + '/'))
}

/** pip, pip3, pip3.12, `python -m pip`: the words after `pip`. */
export function pipArgs(command: ShellCommand): string[] | undefined {
  const program = programName(command)
  const args = argsOf(command)
  if (/^pip[0-9.]*$/.test(program)) return args
  if (/^python[0-9.]*$/.test(program)) {
    const m = args.indexOf('-m')
    if (m >= 0 && /^pip[0-9.]*$/.test(args[m + 1] ?? '')) return args.slice(m + 2)
  }
  return undefined
}

export const PIP_VALUE_OPTIONS = [
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-t',
  '--target',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '--trusted-host',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--root',
  '--prefix',
  '--src',
  '--upgrade-strategy',
  '--progress-bar',
  '--log',
  '--proxy',
  '--retries',
  '--timeout',
  '--exists-action',
  '--cert',
  '--client-cert',
  '--cache-dir',
  '--only-binary',
  '--no-binary',
  '--python',
  '--global-option',
  '--install-option',
  '--config-settings',
  '-C'
]
