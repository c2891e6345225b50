import { describe, expect, it } from '@jest/globals'
import { parseDockerfile } from '../../src/dockerfile/index.js'
import { expandVariables, ScopeHistory } from '../../src/dockerfile/expand.js'
import { parseAssignments } from '../../src/dockerfile/model.js'

describe('expandVariables', () => {
  const scope = new Map<string, string | undefined>([
    ['A', 'alpine'],
    ['EMPTY', ''],
    ['NODEF', undefined]
  ])
  it.each([
    ['$A:3', 'alpine:3'],
    ['${A}:3', 'alpine:3'],
    ['${NODEF:-debian}', 'debian'],
    ['${EMPTY:-debian}', 'debian'],
    ['${EMPTY-debian}', ''],
    ['${A:+x}', 'x'],
    ['${NODEF:+x}', ''],
    ['${A+x}', 'x'],
    ['\\$A', '$A'],
    ['${UNDECLARED:-${A}}', 'alpine']
  ])('%s → %s', (text, value) => {
    expect(expandVariables(text, scope).value).toBe(value)
  })

  it('records variables without a value and undeclared ones', () => {
    expect(expandVariables('$NODEF/$MISSING', scope)).toEqual({
      value: '/',
      unset: ['NODEF'],
      undeclared: ['MISSING'],
      missing: ['MISSING']
    })
  })

  it("lists an undeclared variable with a fallback as missing (BuildKit's undefined), not as deciding the value", () => {
    expect(expandVariables('${TYPO:-alpine}', scope)).toMatchObject({
      value: 'alpine',
      undeclared: [],
      missing: ['TYPO']
    })
  })

  it('treats pattern operators as unknown rather than guessing', () => {
    expect(expandVariables('${A%-*}', scope).unset).toEqual(['A'])
  })
})

describe('parseAssignments', () => {
  it('reads quoted, escaped and legacy forms', () => {
    expect(parseAssignments('A=1 B="two words" C=x\\ y', 'ENV')).toEqual([
      { key: 'A', value: '1' },
      { key: 'B', value: 'two words' },
      { key: 'C', value: 'x y' }
    ])
    expect(parseAssignments('PATH /usr/bin:/bin', 'ENV')).toEqual([
      { key: 'PATH', value: '/usr/bin:/bin', legacy: true }
    ])
    expect(parseAssignments('NAME OTHER=1', 'ARG')).toEqual([
      { key: 'NAME' },
      { key: 'OTHER', value: '1' }
    ])
  })
})

describe('parseDockerfile build model', () => {
  it('names stages case-insensitively and resolves FROM <stage>', () => {
    const model = parseDockerfile(
      'FROM golang:1.22 AS Build\nRUN go build\nFROM build AS final\nUSER 1\n'
    )
    expect(model.stages.map(s => [s.name, s.base.kind, s.base.stageIndex])).toEqual([
      ['Build', 'image', undefined],
      ['final', 'stage', 0]
    ])
  })

  it('expands FROM with global ARG defaults only, and knows the automatic platform ARGs', () => {
    const model = parseDockerfile(
      'ARG REGISTRY=ghcr.io\nARG TAG\nFROM ${REGISTRY}/app:${TAG:-1.0} AS a\nARG STAGE_ONLY=x\nFROM $STAGE_ONLY\nFROM --platform=$BUILDPLATFORM alpine:$TARGETARCH\n'
    )
    expect(model.stages[0].base).toMatchObject({
      resolved: 'ghcr.io/app:1.0',
      unset: [],
      undeclared: []
    })
    expect(model.stages[1].base).toMatchObject({ resolved: '', undeclared: ['STAGE_ONLY'] })
    expect(model.stages[2].base).toMatchObject({
      resolved: 'alpine:',
      unset: ['TARGETARCH'],
      undeclared: []
    })
  })

  it('finds every image reference: FROM, COPY --from (stage, index, image) and RUN --mount=from', () => {
    const model = parseDockerfile(
      [
        'FROM alpine:3.20 AS base',
        'FROM base',
        'COPY --from=BASE /a /a',
        'COPY --from=0 /b /b',
        'COPY --from=nginx:1.27 /etc/nginx /etc/nginx',
        'RUN --mount=type=bind,from=busybox:1.36,target=/bb ls /bb',
        'RUN --mount=type=cache,target=/root/.cache true',
        'ONBUILD COPY --from=ignored:1 / /'
      ].join('\n')
    )
    expect(model.images.map(u => [u.via, u.ref.kind, u.ref.resolved, u.instruction.line])).toEqual([
      ['from', 'image', 'alpine:3.20', 1],
      ['from', 'stage', 'base', 2],
      ['copy-from', 'stage', 'BASE', 3],
      ['copy-from', 'stage', '0', 4],
      ['copy-from', 'image', 'nginx:1.27', 5],
      ['mount-from', 'image', 'busybox:1.36', 6]
    ])
  })

  it('gives stage ARGs the global default and lets ENV win over ARG; ENV is inherited by FROM <stage>', () => {
    const model = parseDockerfile(
      [
        'ARG UID=1000',
        'FROM alpine AS a',
        'ARG UID',
        'ENV HOME_DIR=/home/$UID',
        'ENV MODE=x',
        'ARG MODE=y',
        'FROM a',
        'USER 1'
      ].join('\n')
    )
    const [a, b] = model.stages
    expect(a.finalScope.get('UID')).toBe('1000')
    expect(a.finalScope.get('HOME_DIR')).toBe('/home/1000')
    expect(a.finalScope.get('MODE')).toBe('x')
    expect(b.scopes[0].get('HOME_DIR')).toBe('/home/1000')
    expect(b.scopes[0].has('UID')).toBe(false)
  })
})

describe('ScopeHistory', () => {
  it('gives views that keep the values of their moment', () => {
    const history = new ScopeHistory()
    history.set('A', '1')
    const first = history.view()
    history.set('A', '2')
    history.set('B', undefined)
    const second = history.view()
    expect([first.get('A'), first.has('B')]).toEqual(['1', false])
    expect([second.get('A'), second.has('B'), second.get('B')]).toEqual(['2', true, undefined])
  })

  it('keeps memory linear: a stage with 20,000 ENV lines lints (it ran out of memory with copied scopes)', () => {
    const envs = Array.from({ length: 20_000 }, (_, i) =>
      i === 0 ? 'ENV V0=x' : `ENV V${i}=\${V${i - 1}:+y}`
    )
    const text = `FROM scratch\n${envs.join('\n')}\nUSER 1\n`
    const model = parseDockerfile(text)
    expect(model.stages[0].finalScope.get('V3')).toBe('y')
    expect(model.stages[0].scopes[2].has('V2')).toBe(false)
  })
})
