import { unpinnedRpm } from '../rpm-rules.js'
import { defineRule } from '../rule-kit.js'

export default defineRule({
  id: 'zypper-unpinned',
  aliases: ['DL3037'],
  severity: 'info',
  title: 'zypper install without versions',
  help: 'Without a version each build installs what the repository has that day. A version is `name=1.2`, or a constraint (`name>=1.2`, `name<2`); local `.rpm` files are fine.',
  fix: '`zypper --non-interactive install curl=8.6.0`.',
  check: input => unpinnedRpm(input, 'zypper', 'zypper-unpinned'),
  examples: {
    fires: [
      'FROM opensuse/leap:15.6\nRUN zypper install -y tomcat && zypper clean',
      'FROM opensuse/leap:15.6\nRUN zypper -n in tomcat apache2=2.4.51',
      'FROM opensuse/leap:15.6\nRUN zypper install -y curl'
    ],
    passes: [
      'FROM opensuse/leap:15.6\nRUN zypper install -y tomcat=9.0.39 && zypper clean',
      'FROM opensuse/leap:15.6\nRUN zypper install -y tomcat\\>=9.0 tomcat\\<9.0 && zypper clean',
      'FROM opensuse/leap:15.6\nRUN zypper install -y tomcat-9.0.39-1.rpm && zypper clean',
      'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install "tomcat>9.0"'
    ]
  }
})
