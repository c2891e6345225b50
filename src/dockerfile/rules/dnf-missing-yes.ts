import { missingYes } from '../rpm-rules.js'
import { defineRule } from '../rule-kit.js'

export default defineRule({
  id: 'dnf-missing-yes',
  aliases: ['DL3038', 'rpm-install-missing-yes'],
  severity: 'low',
  title: 'dnf install without -y',
  help: 'Without `-y` (`--assumeyes`) dnf, dnf5, microdnf and tdnf wait for a confirmation a build cannot give and the build fails.',
  fix: '`dnf install -y …`.',
  check: input => missingYes(input, 'dnf', 'dnf-missing-yes'),
  examples: {
    fires: [
      'FROM fedora:40\nRUN dnf install httpd && dnf clean all',
      'FROM ubi9/ubi-minimal\nRUN microdnf install httpd-2.4.24 && microdnf clean all',
      'FROM photon:5.0\nRUN tdnf install httpd'
    ],
    passes: [
      'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all',
      'FROM ubi9/ubi-minimal\nRUN microdnf install -y httpd-2.4.24 && microdnf clean all',
      'FROM fedora:40\nRUN notdnf install httpd'
    ]
  }
})
