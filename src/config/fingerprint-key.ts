// The run's fingerprint key (model/fingerprint.ts), resolved once at the edge
// (main.ts, cli/) from what the user gave or what the repository has.
//
// Why these sources, in this order:
// - A configured key (fingerprint-key / --fingerprint-key /
//   CONTAINER_GATE_FINGERPRINT_KEY): the only one that is really secret; from
//   a repository secret it protects even a public repository's reports.
// - The repository's root commits (`git rev-list --max-parents=0 HEAD`,
//   sorted: a merged unrelated history adds a root, the order does not
//   matter): fixed for the life of the repository, the same in every clone
//   with history (a developer's `container-gate baseline` and CI agree), and
//   never in our outputs (links name the scanned commit, not the first). A
//   shallow clone's boundary commit looks parentless and changes on every
//   push, so a shallow repository gives no root commits.
// - GITHUB_REPOSITORY_ID: stable for the repository (survives renames and
//   transfers), known in every Actions run even with a shallow checkout, and
//   never in our outputs.
// One source, not a mix: a mix would change with what a run happens to have
// (local clone: roots only; default checkout: id only), and every change of
// key makes the baseline's secret fingerprints stop matching. A baseline
// records the id of its key, so a mismatch is one warning, not silence.
// - Nothing (no git history, no id, no key): an unkeyed constant, stable but
//   guessable; a warning says so when a secret fingerprint is published.
import { FingerprintKey } from '../model/fingerprint.js'
import { git } from '../util/git.js'

export const FINGERPRINT_KEY_ENV = 'CONTAINER_GATE_FINGERPRINT_KEY'

/** Shorter than this, a configured key could be guessed (a password, not a key). */
const MIN_KEY_LENGTH = 16

export interface ResolvedFingerprintKey {
  key: FingerprintKey
  /** For the log: where the key came from, never the key. */
  note: string
  /** A weak configured key. */
  warning?: string
}

export const HOW_TO_SET_KEY =
  'set fingerprint-key (action) or CONTAINER_GATE_FINGERPRINT_KEY (CLI) from a secret, e.g. `openssl rand -hex 32`'

export async function resolveFingerprintKey(opts: {
  /** The configured key ('' or undefined: none). */
  configured?: string
  /** A directory of the repository. */
  cwd: string
  /** GITHUB_REPOSITORY_ID, when the runner gives it. */
  repositoryId?: string
}): Promise<ResolvedFingerprintKey> {
  const configured = opts.configured?.trim() ?? ''
  if (configured !== '') {
    const key = FingerprintKey.from(configured, 'input')
    return {
      key,
      note: `fingerprint key: the configured key (id ${key.id})`,
      ...(configured.length < MIN_KEY_LENGTH
        ? {
            warning: `the fingerprint key is ${configured.length} characters long: a short key can be guessed, and with it every secret fingerprint; use at least ${MIN_KEY_LENGTH} random characters (\`openssl rand -hex 32\`)`
          }
        : {})
    }
  }
  const roots = await rootCommits(opts.cwd)
  if (roots) {
    const key = FingerprintKey.from(roots.join('\n'), 'root-commits')
    return {
      key,
      note: `fingerprint key: derived from the repository's root commit${roots.length === 1 ? '' : 's'} (id ${key.id})`
    }
  }
  const id = opts.repositoryId?.trim() ?? ''
  if (/^\d{1,20}$/.test(id)) {
    const key = FingerprintKey.from(id, 'repository-id')
    return { key, note: `fingerprint key: derived from GITHUB_REPOSITORY_ID (id ${key.id})` }
  }
  return {
    key: FingerprintKey.unkeyed(),
    note: 'fingerprint key: none (no git history, no GITHUB_REPOSITORY_ID, no key given)'
  }
}

/** The repository's parentless commits, sorted; undefined outside git or in a shallow clone. */
async function rootCommits(cwd: string): Promise<string[] | undefined> {
  const shallow = (await git(cwd, ['rev-parse', '--is-shallow-repository']))?.trim()
  if (shallow !== 'false') return undefined
  const out = await git(cwd, ['rev-list', '--max-parents=0', 'HEAD', '--'])
  const roots = (out ?? '')
    .split('\n')
    .map(line => line.trim())
    .filter(line => /^[0-9a-f]{40,64}$/.test(line))
    .sort()
  return roots.length > 0 ? roots : undefined
}

/**
 * The warning for a run whose secret fingerprints were made without a key:
 * anyone with a report can check guesses of a secret against them.
 */
export function unkeyedWarning(key: FingerprintKey): string | undefined {
  if (key.source !== 'none' || !key.used) return undefined
  return `secret fingerprints are not keyed (no fingerprint key given, no git history, no GITHUB_REPOSITORY_ID): a published fingerprint with its preview and length lets anyone check guesses of the secret; ${HOW_TO_SET_KEY}`
}
