import { splitWords } from '../model.js'
import { defineRule, hit, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

/** `ENV key value` / `LABEL key value`: the first word has no `=`. */
export function isLegacyForm(rest: string, escape: string): boolean {
  const first = splitWords(rest, escape)[0]
  return first !== undefined && !first.raw.includes('=') && rest.trim().includes(' ')
}

export default defineRule({
  id: 'legacy-env-format',
  aliases: ['LegacyKeyValueFormat'],
  severity: 'info',
  title: 'Legacy ENV/LABEL "key value" form',
  help: '`ENV key value` sets one variable to everything after the key, which surprises (`ENV A 1 B 2` sets A to `1 B 2`); BuildKit warns about the form.',
  fix: '`ENV key=value` (and `LABEL key=value`).',
  check(input) {
    const hits: RuleHit[] = []
    for (const instruction of input.model.instructions) {
      const target = instruction.trigger ?? instruction
      if (target.keyword !== 'ENV' && target.keyword !== 'LABEL') continue
      if (!isLegacyForm(target.rest, input.model.escape)) continue
      const key = splitWords(target.rest, input.model.escape)[0]?.text ?? ''
      hits.push(
        hit(
          'legacy-env-format',
          instruction,
          `${target.keyword} ${shown(key, 40)} uses the legacy "key value" form (everything after the key becomes the value); write ${target.keyword} ${shown(key, 40)}=<value>.`
        )
      )
    }
    return hits
  },
  examples: {
    fires: ['FROM alpine:3.20\nENV APP_HOME /app', 'FROM scratch\nLABEL key value'],
    passes: ['FROM alpine:3.20\nENV APP_HOME=/app', 'FROM scratch\nLABEL key=value']
  }
})
