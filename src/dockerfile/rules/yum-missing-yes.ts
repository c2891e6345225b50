import { missingYes } from '../rpm-rules.js'
import { defineRule } from '../rule-kit.js'

export default defineRule({
  id: 'yum-missing-yes',
  aliases: ['DL3030', 'rpm-install-missing-yes'],
  severity: 'low',
  title: 'yum install without -y',
  help: 'Without `-y` (`--assumeyes`) yum waits for a confirmation a build cannot give and the build fails.',
  fix: '`yum install -y …`.',
  check: input => missingYes(input, 'yum', 'yum-missing-yes'),
  examples: {
    fires: [
      'FROM centos:7\nRUN yum install httpd-2.4.24 && yum clean all',
      'FROM centos:7\nRUN yum update'
    ],
    passes: [
      'FROM centos:7\nRUN yum install -y httpd-2.4.24 && yum clean all',
      'FROM centos:7\nRUN bash -c `# not even a yum command`',
      'FROM centos:7\nRUN yum --assumeyes install x-1'
    ]
  }
})
