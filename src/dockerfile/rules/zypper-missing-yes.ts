import { missingYes } from '../rpm-rules.js'
import { defineRule } from '../rule-kit.js'

export default defineRule({
  id: 'zypper-missing-yes',
  aliases: ['DL3034', 'rpm-install-missing-yes'],
  severity: 'low',
  title: 'zypper without --non-interactive',
  help: 'Without `-n` (`--non-interactive`), or `-y` (`--no-confirm`) on the subcommand, zypper waits for a confirmation a build cannot give and the build fails.',
  fix: '`zypper --non-interactive install …`.',
  check: input => missingYes(input, 'zypper', 'zypper-missing-yes'),
  examples: {
    fires: ['FROM opensuse/leap:15.6\nRUN zypper install httpd=2.4.24 && zypper clean'],
    passes: [
      'FROM opensuse/leap:15.6\nRUN zypper install -n httpd=2.4.24 && zypper clean',
      'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install httpd=2.4.24 && zypper clean',
      'FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.24 && zypper clean',
      'FROM opensuse/leap:15.6\nRUN zypper install --no-confirm httpd=2.4.24 && zypper clean'
    ]
  }
})
