import { unpinnedRpm } from '../rpm-rules.js'
import { defineRule } from '../rule-kit.js'

export default defineRule({
  id: 'yum-unpinned',
  aliases: ['DL3033'],
  severity: 'info',
  title: 'yum install without versions',
  help: 'Without a version each build installs what the repository has that day. A version is `name-1.2` (an epoch too: `openssl-1:1.1.1k`), a module stream `module:stream`; groups, local `.rpm` files and a version from a variable (`git-core-${VERSION}` with the variable set by ENV or an ARG) are fine.',
  fix: '`yum install -y httpd-2.4.57`.',
  check: input => unpinnedRpm(input, 'yum', 'yum-unpinned'),
  examples: {
    fires: [
      'FROM centos:7\nRUN yum install -y tomcat && yum clean all',
      'FROM centos:7\nRUN yum module install -y tomcat && yum clean all',
      'FROM fedora:40 AS build\nENV version=2.51.0-2.fc42\nFROM fedora:40\nRUN yum -y install git-core-${version}'
    ],
    passes: [
      'FROM centos:7\nRUN yum install -y tomcat-9.2 && yum clean all',
      'FROM centos:7\nRUN yum install -y openssl-1:1.1.1k rpm-sign-4.16.1.3 gcc-c++-1.1.1',
      'FROM centos:7\nRUN yum module install -y tomcat:9 && yum clean all',
      'FROM centos:7\nARG version=2.51.0-2.fc42\nRUN yum -y install git-core-$version'
    ]
  }
})
