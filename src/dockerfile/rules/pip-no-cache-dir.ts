import { pipArgs } from '../packages.js'
import { defineRule, envBefore, hit, isFalsy, posixRuns, subcommand } from '../rule-kit.js'
import type { RuleHit } from '../types.js'

export default defineRule({
  id: 'pip-no-cache-dir',
  aliases: ['DL3042'],
  severity: 'info',
  title: 'pip install without --no-cache-dir',
  help: "pip's download cache stays in the layer. Only stages that end up in the final image are checked. `--no-cache-dir`, `PIP_NO_CACHE_DIR` set to a true value (by ENV, also inherited from the stage built FROM, or in the RUN: `PIP_NO_CACHE_DIR=1 pip …`, `export PIP_NO_CACHE_DIR=1 && …`; `0`, `off`, `no` and `false` do not count) and a cache/tmpfs mount on the pip cache count. pipx and pipenv are other tools.",
  fix: '`pip install --no-cache-dir …` (or `ENV PIP_NO_CACHE_DIR=1`).',
  check(input) {
    const hits: RuleHit[] = []
    for (const run of posixRuns(input)) {
      if (!run.stage.ships) continue
      if (run.cacheTargets.some(t => /(^|\/)\.cache(\/pip)?$/.test(t))) continue
      const fromEnv =
        run.scope.has('PIP_NO_CACHE_DIR') && !isFalsy(run.scope.get('PIP_NO_CACHE_DIR'))
      const install = run.commands.find(command => {
        const args = pipArgs(command)
        if (!args || subcommand(args, ['-r', '--requirement', '-c', '--constraint']) !== 'install')
          return false
        if (args.includes('--no-cache-dir')) return false
        const set = envBefore(run, command, 'PIP_NO_CACHE_DIR')
        if (set !== undefined) return isFalsy(set)
        return !fromEnv
      })
      if (!install) continue
      hits.push(
        hit(
          'pip-no-cache-dir',
          run.instruction,
          'pip install without --no-cache-dir leaves its download cache in the layer. Add --no-cache-dir (or set ENV PIP_NO_CACHE_DIR=1).'
        )
      )
    }
    return hits
  },
  examples: {
    fires: [
      'FROM python:3.12\nRUN pip install requests==2.32.3',
      'FROM python:3.12\nENV PIP_NO_CACHE_DIR=off\nRUN pip install six',
      'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=0 pip install six',
      'FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=false && pip install six',
      'FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nRUN pip install six',
      'FROM python:3.12\nRUN python3 -m pip install six'
    ],
    passes: [
      'FROM python:3.12\nRUN pip install --no-cache-dir requests==2.32.3',
      'FROM python:3.12\nRUN pip install six --no-cache-dir',
      'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install six',
      'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=yes pip install six',
      'FROM python:3.12\nRUN export PIP_NO_CACHE_DIR=true && pip install six',
      'FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install six',
      'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install foobar',
      'FROM python:3.12\nRUN pipx install software',
      'FROM python:3.12\nRUN pipenv install library'
    ]
  }
})
