// The yum, dnf (dnf5, microdnf, tdnf) and zypper rules: one implementation,
// one rule file per manager (as hadolint has one rule per manager).

import {
  cleansRpmCache,
  fillsRpmCache,
  rpmCacheMounted,
  rpmFamily,
  rpmSubcommand,
  type RpmFamily
} from './packages.js'
import { expandPackage, isLocalOrUrl, listed, unpinnedHits } from './pinning.js'
import { argsOf, hasOption, hit, positionals, posixRuns, programName } from './rule-kit.js'
import type { RuleHit, RuleInput } from './types.js'

const PROMPTING: Record<RpmFamily, Set<string>> = {
  yum: new Set([
    'install',
    'groupinstall',
    'localinstall',
    'reinstall',
    'update',
    'upgrade',
    'remove',
    'erase',
    'downgrade',
    'module'
  ]),
  dnf: new Set([
    'install',
    'in',
    'reinstall',
    'rei',
    'upgrade',
    'up',
    'update',
    'upgrade-minimal',
    'up-min',
    'remove',
    'rm',
    'erase',
    'downgrade',
    'groupinstall',
    'module',
    'distro-sync'
  ]),
  zypper: new Set([
    'install',
    'in',
    'remove',
    'rm',
    'update',
    'up',
    'dist-upgrade',
    'dup',
    'patch',
    'source-install',
    'si'
  ])
}

function confirms(family: RpmFamily, args: string[]): boolean {
  if (family === 'zypper') return hasOption(args, 'ny', ['non-interactive', 'no-confirm'])
  return hasOption(args, 'y', ['assumeyes', 'yes'])
}

export function missingYes(input: RuleInput, family: RpmFamily, ruleId: string): RuleHit[] {
  const hits: RuleHit[] = []
  for (const run of posixRuns(input)) {
    const command = run.commands.find(c => {
      if (rpmFamily(c) !== family) return false
      const sub = rpmSubcommand(c)
      return sub !== undefined && PROMPTING[family].has(sub) && !confirms(family, argsOf(c))
    })
    if (!command) continue
    const program = programName(command)
    hits.push(
      hit(
        ruleId,
        run.instruction,
        family === 'zypper'
          ? `zypper ${rpmSubcommand(command)} without -n (--non-interactive) waits for a confirmation a build cannot give. Write zypper --non-interactive ${rpmSubcommand(command)}.`
          : `${program} ${rpmSubcommand(command)} without -y waits for a confirmation a build cannot give. Add -y.`
      )
    )
  }
  return hits
}

export function cacheNotCleaned(input: RuleInput, family: RpmFamily, ruleId: string): RuleHit[] {
  const hits: RuleHit[] = []
  for (const run of posixRuns(input)) {
    if (!run.stage.ships || rpmCacheMounted(run, family)) continue
    const fill = run.commands.findIndex(c => rpmFamily(c) === family && fillsRpmCache(c, family))
    if (fill < 0) continue
    // Cleaning counts only after the install: `dnf clean all && dnf install` leaves the cache.
    const program = programName(run.commands[fill])
    if (run.commands.slice(fill + 1).some(c => cleansRpmCache(c, family, program))) continue
    hits.push(
      hit(
        ruleId,
        run.instruction,
        family === 'zypper'
          ? 'zypper leaves its cache in this layer. End the same RUN with zypper clean --all.'
          : `${program} ${rpmSubcommand(run.commands[fill])} leaves its metadata and package cache in this layer. End the same RUN with ${program} clean all (or rm -rf /var/cache/${family === 'yum' ? 'yum' : program === 'dnf' ? 'dnf /var/cache/libdnf5' : program}).`
      )
    )
  }
  return hits
}

/** `tomcat-9.2`, `openssl-1:1.1.1k`, `gcc-c++-1.1.1`; zypper also `tomcat=9.0`, `tomcat>=9.0`. */
function rpmPinned(word: string, family: RpmFamily): boolean {
  if (/\.rpm$/.test(word)) return true
  if (family === 'zypper' && /[=<>]/.test(word)) return true
  return /-\d[^-]*$/.test(word) || /-\d+:/.test(word)
}

export function unpinnedRpm(input: RuleInput, family: RpmFamily, ruleId: string): RuleHit[] {
  return unpinnedHits(
    input,
    ruleId,
    run =>
      run.commands.flatMap(command => {
        if (rpmFamily(command) !== family) return []
        const words = positionals(argsOf(command), [
          '-c',
          '--config',
          '--installroot',
          '--releasever',
          '--enablerepo',
          '--disablerepo',
          '--repo',
          '-x',
          '--exclude',
          '-R',
          '--root',
          '-r'
        ])
        const module = words[0] === 'module' && words[1] === 'install'
        if (words[0] === 'group' || words[0] === 'groupinstall') return []
        if (!module && words[0] !== 'install' && words[0] !== 'in') return []
        const packages = words
          .slice(module ? 2 : 1)
          .map(word => expandPackage(word, run, input))
          .filter((word): word is string => word !== undefined && word !== '')
          .filter(word => !word.startsWith('@') && !isLocalOrUrl(word))
          .filter(word => (module ? !word.includes(':') : !rpmPinned(word, family)))
        return [{ command, packages }]
      }),
    found =>
      `${programName(found[0].command)} install without versions (${listed(found)}): each build may get different packages. Pin them (${family === 'zypper' ? 'name=version' : 'name-version'}${found.some(f => positionals(argsOf(f.command))[0] === 'module') ? ', module:stream' : ''}).`
  )
}
