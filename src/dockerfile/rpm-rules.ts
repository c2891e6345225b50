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
import { argsOf, hasOption, hit, posixRuns, programName } from './rule-kit.js'
import type { RuleHit, RuleInput } from './types.js'

const PROMPTING: Record<RpmFamily, Set<string>> = {
  yum: new Set(['install', 'groupinstall', 'localinstall', 'reinstall', 'update', 'upgrade', 'remove', 'erase', 'downgrade', 'module']),
  dnf: new Set(['install', 'in', 'reinstall', 'rei', 'upgrade', 'up', 'update', 'upgrade-minimal', 'up-min', 'remove', 'rm', 'erase', 'downgrade', 'groupinstall', 'module', 'distro-sync']),
  zypper: new Set(['install', 'in', 'remove', 'rm', 'update', 'up', 'dist-upgrade', 'dup', 'patch', 'source-install', 'si'])
}

function confirms(family: RpmFamily, args: string[]): boolean {
  if (family === 'zypper')
    return hasOption(args, 'ny', ['non-interactive', 'no-confirm'])
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
    if (run.commands.slice(fill + 1).some(c => cleansRpmCache(c, family))) continue
    const program = programName(run.commands[fill])
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
