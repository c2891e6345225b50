import { unpinnedRpm } from '../rpm-rules.js'
import { defineRule } from '../rule-kit.js'

export default defineRule({
  id: 'dnf-unpinned',
  aliases: ['DL3041'],
  severity: 'info',
  title: 'dnf install without versions',
  help: 'Without a version each build installs what the repository has that day. A version is `name-1.2` (an epoch too: `openssl-1:1.1.1k`), a module stream `module:stream`; groups, local `.rpm` files and a version from a variable (`git-core-${VERSION}` with the variable set by ENV or an ARG) are fine.',
  fix: '`dnf install -y httpd-2.4.57`.',
  check: input => unpinnedRpm(input, 'dnf', 'dnf-unpinned'),
  examples: {
    fires: [
      'FROM fedora:40\nRUN dnf install -y tomcat && dnf clean all',
      'FROM fedora:40\nRUN microdnf module install -y tomcat && microdnf clean all',
      'FROM fedora:40 AS build\nENV version=2.51.0-2.fc42\nFROM fedora:40\nRUN dnf -y install git-core-${version}'
    ],
    passes: [
      'FROM fedora:40\nRUN dnf install -y tomcat-9.0.1 && dnf clean all',
      'FROM fedora:40\nRUN dnf install -y openssl-1:1.1.1k rpm-sign-4.16.1.3 gcc-c++-1.1.1',
      'FROM fedora:40\nRUN dnf -y --setopt=group_package_types="mandatory" group install "Development Tools"',
      'FROM fedora:40 AS build\nENV version=2.51.0-2.fc42\nFROM build\nRUN dnf -y install git-core-${version}'
    ]
  }
})
