import { redactSecret } from '../../model/redact.js'
import { copyArgs } from '../copy-args.js'
import { defineRule, hit, instructions } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

/** A URL's password replaced by its redacted form (`https://u:p@h` → `https://u:p…(n chars)@h`). */
export function withoutPassword(url: string): string {
  const redacted = url.replace(
    /^([a-z][a-z0-9+.-]*:\/\/[^/:@]*):([^/@]*)@/i,
    (_, head: string, password: string) => `${head}:${redactSecret(password)}@`
  )
  return redacted.length > 120 ? `${redacted.slice(0, 119)}…` : redacted
}

export default defineRule({
  id: 'add-url-without-checksum',
  severity: 'medium',
  title: 'ADD of a URL without --checksum',
  help: 'ADD downloads the URL at build time with no integrity check: whoever controls the server or the network path controls what goes into the image (trivy DS-0005, checkov CKV_DOCKER_4). Git URLs are pinned by their ref instead.',
  fix: '`ADD --checksum=sha256:<hex> <url> <dest>`, or download with curl and verify with `sha256sum -c`.',
  check(input) {
    const hits: RuleHit[] = []
    for (const { instruction, target } of instructions(input)) {
      if (target.keyword !== 'ADD') continue
      if (target.flags.some(flag => flag.name === 'checksum')) continue
      for (const url of copyArgs(target, input.model.escape).sources.filter(s =>
        /^https?:\/\//i.test(s)
      )) {
        if (/\.git(#.*)?$/.test(url)) continue
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
    return hits
  },
  examples: {
    fires: ['FROM alpine:3.20\nADD https://example.com/tool.tar.gz /opt/'],
    passes: [
      'FROM alpine:3.20\nADD --checksum=sha256:' +
        'a'.repeat(64) +
        ' https://example.com/tool.tar.gz /opt/',
      'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#v0.14.1 /src'
    ]
  }
})
