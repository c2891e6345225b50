// One resolver from what a user writes (a rule id or another tool's alias)
// to our rule ids, shared by ignores, severity overrides, per-check settings
// and inline comments, with the "did you mean" for a typo.
import { closestMatch } from './closest.js'
import type { RuleMeta } from '../model/finding.js'

export class RuleIndex {
  private readonly byKey = new Map<string, string[]>()
  private readonly names: string[] = []

  constructor(rules: readonly Pick<RuleMeta, 'id' | 'aliases'>[]) {
    const add = (key: string, id: string) => {
      const upper = key.toUpperCase()
      const ids = this.byKey.get(upper)
      if (!ids) {
        this.byKey.set(upper, [id])
        this.names.push(key)
      } else if (!ids.includes(id)) ids.push(id)
    }
    // Ids before aliases: an id always names itself first.
    for (const rule of rules) add(rule.id, rule.id)
    for (const rule of rules) for (const alias of rule.aliases ?? []) add(alias, rule.id)
  }

  /**
   * The rule ids a key names (case-insensitive): an id is itself; an alias is
   * every rule that has it (hadolint's DL3064 covers both secret-in-env and
   * secret-in-arg). Empty when the key names no rule.
   */
  resolve(key: string): string[] {
    return [...(this.byKey.get(key.toUpperCase()) ?? [])]
  }

  has(key: string): boolean {
    return this.byKey.has(key.toUpperCase())
  }

  /** The known id or alias closest to a misspelt key, for error messages. */
  closest(key: string): string | undefined {
    return closestMatch(key, this.names)
  }

  /** `unknown rule "x"; did you mean "y"?` — the middle of an error line. */
  unknown(key: string, what = 'rule'): string {
    const near = this.closest(key)
    return `unknown ${what} "${key}"${near ? `; did you mean "${near}"?` : ''}`
  }
}
