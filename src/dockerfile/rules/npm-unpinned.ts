import { expandPackage, isLocalOrUrl, listed, unpinnedHits } from '../pinning.js'
import { argsOf, defineRule, positionals, programName } from '../rule-kit.js'

const NPM_VALUE_OPTIONS = [
  '--registry',
  '--loglevel',
  '--prefix',
  '-C',
  '--cache',
  '--userconfig',
  '--tag',
  '--workspace',
  '-w',
  '--omit',
  '--include',
  '--install-strategy'
]

/** `express@4.1.1`, `@scope/pkg@">=1"`: a version after the name's own `@`. */
function pinned(spec: string): boolean {
  if (/^(git\+|git:|github:|gitlab:|bitbucket:|https?:)/.test(spec)) return spec.includes('#')
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0)
  return at > 0 && spec.slice(at + 1) !== ''
}

function unjudged(spec: string): boolean {
  if (/^(git\+|git:)/.test(spec)) return false
  return (
    isLocalOrUrl(spec) ||
    /\.(tgz|tar\.gz|tar)$/.test(spec) ||
    (!spec.startsWith('@') && spec.includes('/') && !spec.includes(':'))
  )
}

export default defineRule({
  id: 'npm-unpinned',
  aliases: ['DL3016'],
  severity: 'info',
  title: 'npm install of a package without a version',
  help: '`npm install express` (also `-g`) installs whatever version is latest that day. `npm install` without package names installs the lockfile and is fine; so are tarballs, local folders and git URLs with a `#<ref>`.',
  fix: '`npm install express@4.21.2` (or add it to package.json and `npm ci`).',
  check: input =>
    unpinnedHits(
      input,
      'npm-unpinned',
      run =>
        run.commands.flatMap(command => {
          if (programName(command) !== 'npm') return []
          const words = positionals(argsOf(command), NPM_VALUE_OPTIONS)
          if (!['install', 'i', 'add', 'isntall', 'in'].includes(words[0] ?? '')) return []
          const packages = words
            .slice(1)
            .map(word => expandPackage(word, run, input))
            .filter((word): word is string => word !== undefined && word !== '')
            .filter(word => !unjudged(word) && !pinned(word))
          return [{ command, packages }]
        }),
      found =>
        `npm install without versions (${listed(found)}): each build may get a different release. Pin them (name@version).`
    ),
  examples: {
    fires: [
      'FROM node:22\nRUN npm install express',
      'FROM node:22\nRUN npm install @myorg/privatepackage',
      'FROM node:22\nRUN npm install --global express',
      'FROM node:22\nRUN npm install git+https://isaacs@github.com/npm/npm.git',
      'FROM node:22\nRUN npm install --registry=https://example.com express'
    ],
    passes: [
      'FROM node:22\nRUN npm install express@4.21.2',
      'FROM node:22\nRUN npm install',
      'FROM node:22\nRUN npm install @myorg/privatepackage@">=0.1.0 <0.2.0"',
      'FROM node:22\nRUN npm install -g express@"4.1.1" sax@0.1.1',
      'FROM node:22\nRUN npm install package-v1.2.3.tgz ./folder ../folder ~/folder /folder',
      'FROM node:22\nRUN npm install git+ssh://git@github.com:npm/npm.git#v1.0.27',
      'FROM node:22\nRUN npm install --registry https://example.com --loglevel verbose sax@0.1.1',
      'FROM node:22\nRUN npm run --crazy install'
    ]
  }
})
