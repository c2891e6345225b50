import { cacheNotCleaned } from '../rpm-rules.js'
import { defineRule } from '../rule-kit.js'

export default defineRule({
  id: 'zypper-cache-not-cleaned',
  aliases: ['DL3036', 'rpm-cache-not-cleaned'],
  severity: 'low',
  title: 'zypper cache left in the image',
  help: 'zypper keeps its repository metadata and packages in the layer. Only stages that end up in the final image are checked; `zypper clean` (`cc`) after the install (not before it), or a cache/tmpfs mount on /var/cache/zypp, count.',
  fix: 'End the same RUN with `zypper clean --all`.',
  check: input => cacheNotCleaned(input, 'zypper', 'zypper-cache-not-cleaned'),
  examples: {
    fires: [
      'FROM opensuse/leap:15.6\nRUN zypper install -y mariadb=10.4',
      'FROM opensuse/leap:15.6\nRUN zypper clean && zypper install -y mariadb=10.4'
    ],
    passes: [
      'FROM opensuse/leap:15.6\nRUN zypper install -y mariadb=10.4 && zypper clean',
      'FROM opensuse/leap:15.6\nRUN zypper install -y mariadb=10.4 && zypper cc',
      'FROM opensuse/leap:15.6\nRUN --mount=type=cache,target=/var/cache/zypp zypper install -y mariadb'
    ]
  }
})
