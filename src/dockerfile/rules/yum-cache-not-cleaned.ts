import { cacheNotCleaned } from '../rpm-rules.js'
import { defineRule } from '../rule-kit.js'

export default defineRule({
  id: 'yum-cache-not-cleaned',
  aliases: ['DL3032', 'rpm-cache-not-cleaned'],
  severity: 'low',
  title: 'yum cache left in the image',
  help: 'yum keeps its repository metadata and packages (tens of MB) in the layer. Only stages that end up in the final image are checked; `yum clean all` or `rm -rf /var/cache/yum` after the install (not before it), or a cache/tmpfs mount on /var/cache/yum, count.',
  fix: 'End the same RUN with `yum clean all`.',
  check: input => cacheNotCleaned(input, 'yum', 'yum-cache-not-cleaned'),
  examples: {
    fires: [
      'FROM centos:7\nRUN yum install -y mariadb-10.4',
      'FROM centos:7\nRUN yum clean all && yum install -y x'
    ],
    passes: [
      'FROM centos:7\nRUN yum install -y mariadb-10.4 && yum clean all',
      'FROM centos:7\nRUN yum install -y mariadb-10.4 && rm -rf /var/cache/yum/*',
      'FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y mariadb',
      'FROM centos:7\nRUN bash -c `# not even a yum command`'
    ]
  }
})
