import { defineRule, hit, shown } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'from-platform-flag',
  aliases: ['DL3029', 'FromPlatformFlagConstDisallowed'],
  severity: 'low',
  title: 'FROM --platform with a constant',
  help: 'A constant `--platform` builds that stage for one platform whatever platform the build is asked for: a multi-platform build ships amd64 binaries as arm64. Variables (`$BUILDPLATFORM`, `$TARGETPLATFORM`) are how cross-builds choose, and are fine; so is a stage whose name says its platform (`AS build-amd64`), as BuildKit allows.',
  fix: 'Drop the flag, or use `--platform=$BUILDPLATFORM` on build stages.',
  check(input) {
    const hits: RuleHit[] = []
    for (const stage of input.model.stages) {
      const platform = stage.platform
      if (platform === undefined || platform.includes('$') || platform === '') continue
      const [os = '', arch = ''] = platform.toLowerCase().split('/')
      const name = stage.name ?? ''
      if ((os && name.includes(os)) || (arch && name.includes(arch))) continue
      hits.push(
        hit(
          'from-platform-flag',
          stage.from,
          `FROM --platform=${shown(platform, 40)} builds for one platform whatever --platform the build asks for. Drop it, or use --platform=$BUILDPLATFORM for build stages.`
        )
      )
    }
    return hits
  },
  examples: {
    fires: ['FROM --platform=linux/amd64 node:20', 'FROM --platform=linux debian:jessie'],
    passes: [
      'FROM --platform=$BUILDPLATFORM node:20 AS build',
      'FROM --platform="$BUILDPLATFORM" debian:jessie',
      'FROM --platform=${BUILDPLATFORM:-} debian:jessie',
      'FROM --platform=linux/amd64 scratch AS my_amd64_stage',
      'FROM --platform=linux/amd64 scratch AS linux',
      'FROM debian:jessie'
    ]
  }
})
