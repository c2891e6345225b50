import { PIP_VALUE_OPTIONS, pipArgs } from '../packages.js'
import { expandPackage, isLocalOrUrl, listed, unpinnedHits } from '../pinning.js'
import { argsOf, defineRule, positionals, programName } from '../rule-kit.js'

const PIPX_VALUE_OPTIONS = ['--python', '--suffix', '--pip-args', '--index-url', '-i', '--spec']

/** A requirement with a version: `==`, `~=`, `===`, `>=`, `<`, `!=`, `>`, or a direct reference `pkg @ url`. */
function pinned(requirement: string): boolean {
  if (/(===?|~=|>=?|<=?|!=)/.test(requirement) || requirement.includes(' @ ')) return true
  // VCS URLs pin with @<ref> after the repository: git+https://host/x.git@v1#egg=x
  const vcs = /^(git|hg|svn|bzr)\+/.exec(requirement)
  if (vcs) return /@[^/#]+(#|$)/.test(requirement.replace(/^[a-z+]+:\/\/[^/@]*@/, ''))
  return false
}

function unjudged(word: string): boolean {
  if (/^(git|hg|svn|bzr)\+/.test(word)) return false
  return (
    isLocalOrUrl(word) || word.includes('/') || /\.(whl|tar\.gz|tgz|zip|tar\.bz2|tar)$/.test(word)
  )
}

export default defineRule({
  id: 'pip-unpinned',
  aliases: ['DL3013'],
  severity: 'info',
  title: 'pip install without versions',
  help: 'Without a version (`pkg==1.2.3`, or any specifier: `~=`, `>=`, `<`, `!=`) every build installs what PyPI has that day. Requirements and constraints files (`-r`, `-c`), local paths, wheels and archives, and VCS URLs with `@<ref>` are fine; `pipx install` is judged the same way, pipenv is another tool.',
  fix: '`pip install --no-cache-dir requests==2.32.3` (or a requirements file with versions).',
  check: input =>
    unpinnedHits(
      input,
      'pip-unpinned',
      run =>
        run.commands.flatMap(command => {
          let args = pipArgs(command)
          let valueOptions = PIP_VALUE_OPTIONS
          if (!args && programName(command) === 'pipx') {
            args = argsOf(command)
            valueOptions = PIPX_VALUE_OPTIONS
          }
          if (!args) return []
          const words = positionals(args, [...valueOptions, '--root-user-action', '--build', '-b'])
          if (words[0] !== 'install') return []
          if (args.some(arg => /^(-r|--requirement|-c|--constraint)(=|$)/.test(arg))) return []
          const packages = words
            .slice(1)
            .map(word => expandPackage(word, run, input))
            .filter((word): word is string => word !== undefined && word !== '')
            .filter(word => !unjudged(word) && !pinned(word))
          return [{ command, packages }]
        }),
      found =>
        `pip install without versions (${listed(found)}): each build may get different packages. Pin them (name==version) or use a requirements file with versions.`
    ),
  examples: {
    fires: [
      'FROM python:3.12\nRUN pip install requests',
      'FROM python:3.12\nRUN python -m pip install example',
      'FROM python:3.12\nRUN pip install git+https://github.com/rtfd/read-ext.git#egg=read-ext',
      'FROM python:3.12\nRUN pipx install black',
      'FROM python:3.12\nRUN pip install --root-user-action=ignore mypkg'
    ],
    passes: [
      'FROM python:3.12\nRUN pip install requests==2.32.3',
      "FROM python:3.12\nRUN pip install 'alabaster>=0.7' MySQL_python~=1.2.2",
      'FROM python:3.12\nRUN pip install -r requirements.txt',
      'FROM python:3.12\nRUN pip install pykafka --constraint http://foo.bar.baz',
      'FROM python:3.12\nRUN pip install . mypkg.whl mypkg.tar.gz foo/bar https://foo.bar/baz.zip',
      'FROM python:3.12\nRUN pip install git+https://github.com/rtfd/r-ext.git@0.6-alpha#egg=r-ext',
      'FROM python:3.12\nRUN pip3 install --target /opt/yamllint --trusted-host host yamllint==1.20.0',
      'FROM python:3.12\nRUN pip install --index-url https://user:pass@eg.com/foo foobar==1.0.0',
      'FROM python:3.12\nRUN pipx install --python "$(which python)" "poetry==1.8.5"',
      'FROM python:3.12\nRUN pip install --no-cache-dir --root-user-action ignore poetry==1.8.5',
      'FROM python:3.12\nRUN pipenv install black'
    ]
  }
})
