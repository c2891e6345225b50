import { cacheNotCleaned } from '../rpm-rules.js'
import { defineRule } from '../rule-kit.js'

export default defineRule({
  id: 'dnf-cache-not-cleaned',
  aliases: ['DL3040', 'rpm-cache-not-cleaned'],
  severity: 'low',
  title: 'dnf cache left in the image',
  help: 'dnf, dnf5, microdnf and tdnf keep their repository metadata and packages in the layer after `install`, `upgrade`/`up`, `upgrade-minimal`/`up-min`, `reinstall`/`rei`. Only stages that end up in the final image are checked; the same program’s `clean all` (`microdnf clean all` does not clean what `dnf` cached) or `rm -rf /var/cache/{dnf,libdnf5,yum}` after the install (not before it), or a cache/tmpfs mount on /var/cache/dnf or /var/cache/libdnf5 (dnf5), count.',
  fix: 'End the same RUN with `dnf clean all`.',
  check: input => cacheNotCleaned(input, 'dnf', 'dnf-cache-not-cleaned'),
  examples: {
    fires: [
      'FROM fedora:40\nRUN dnf install -y httpd',
      'FROM fedora:40\nRUN dnf in -y mariadb-10.4',
      'FROM fedora:40\nRUN microdnf clean all && dnf install -y mariadb-10.4',
      'FROM fedora:40\nRUN rm -rf /var/cache/libdnf5 && dnf install -y mariadb-10.4',
      'FROM fedora:40\nRUN dnf -y upgrade',
      'FROM fedora:40\nRUN dnf -y up-min',
      'FROM fedora:40\nRUN dnf -y rei',
      'FROM photon:5.0\nRUN tdnf install -y httpd',
      'FROM fedora:40\nRUN dnf install -y mariadb-10.4 && microdnf clean all'
    ],
    passes: [
      'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all',
      'FROM fedora:40\nRUN microdnf install -y mariadb-10.4 && microdnf clean all',
      'FROM fedora:40\nRUN dnf install -y mariadb-10.4 && rm -rf /var/cache/yum/*',
      'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y mariadb-10.4',
      'FROM fedora:40\nRUN --mount=type=tmpfs,target=/var/cache/libdnf5 microdnf install -y mariadb-10.4',
      'FROM fedora:40\nRUN dnf -y upgrade-minimal && dnf clean all',
      'FROM fedora:40\nRUN notdnf install mariadb',
      'FROM photon:5.0\nRUN tdnf install -y httpd && tdnf clean all'
    ]
  }
})
