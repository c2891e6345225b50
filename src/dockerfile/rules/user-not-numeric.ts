import { defineRule, hit, shown } from '../rule-kit.js'
import { isRootUser } from './runs-as-root.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'user-not-numeric',
  aliases: ['DL3066'],
  severity: 'info',
  title: 'USER by name instead of a numeric UID',
  help: "Kubernetes' `runAsNonRoot` cannot verify a user name (it may resolve to root in the image), and a name needs /etc/passwd. Only the last USER of the final stage is judged (as hadolint does since 2.15); a value from a variable is not, nor `root` (that is `runs-as-root`) or a Windows stage.",
  fix: '`USER 10001` (or `USER 10001:10001`).',
  check(input) {
    const finalFacts = input.stages[input.stages.length - 1]
    if (!finalFacts || finalFacts.windows) return []
    const final = finalFacts.stage
    const users = final.instructions.filter(i => i.keyword === 'USER')
    const last = users[users.length - 1]
    if (!last) return []
    const value = last.rest.trim()
    // root is runs-as-root's finding; Windows accounts are names by design.
    if (value === '' || value.includes('$') || /^\d+(:\d+)?$/.test(value) || isRootUser(value))
      return []
    const hits: RuleHit[] = [
      hit(
        'user-not-numeric',
        last,
        `USER ${shown(value, 40)} is a name: runAsNonRoot cannot verify it and it may resolve to root. Use a numeric UID (USER 10001).`
      )
    ]
    return hits
  },
  examples: {
    fires: ['FROM alpine:3.20\nUSER app', 'FROM scratch\nUSER foobar:barfoo'],
    passes: [
      'FROM alpine:3.20\nUSER 10001',
      'FROM mcr.microsoft.com/dotnet/runtime:8.0-nanoserver-ltsc2022\nUSER ContainerUser',
      'FROM scratch\nUSER 1234:5678',
      'ARG APP_UID\nFROM alpine:3.20\nUSER ${APP_UID}',
      'FROM alpine:3.20 AS build\nUSER builder\nFROM scratch\nUSER 65532'
    ]
  }
})
