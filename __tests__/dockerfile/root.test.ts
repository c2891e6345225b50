import { describe, expect, it } from '@jest/globals'
import { isRootUser } from '../../src/dockerfile/rules/runs-as-root.js'
import { DIGEST, hits, linesOf } from './helpers.js'

const RULE = 'runs-as-root'
const FROM = `FROM alpine:3.20@${DIGEST}`

describe('runs-as-root', () => {
  it.each(['root', '0', 'root:root', '0:0', 'root:1000', '0:app', 'ContainerAdministrator'])(
    'flags a last USER of %s',
    user => {
      const found = hits(RULE, [FROM, `USER ${user}`])
      expect(found.map(f => f.location.line)).toEqual([2])
      expect(found[0].severity).toBe('high')
    }
  )

  it.each(['1000', 'app', '1000:0', 'app:root', '10001:10001', 'rooty', '00'])(
    'accepts USER %s',
    user => {
      expect(hits(RULE, [FROM, `USER ${user}`])).toEqual([])
    }
  )

  it('flags a final stage with no USER on its FROM line, saying the base user is unknown', () => {
    const found = hits(RULE, [FROM, 'RUN true'])
    expect(found.map(f => f.location.line)).toEqual([1])
    expect(found[0].message).toContain('sets no USER')
    expect(found[0].message).toContain('cannot show')
  })

  it('flags scratch without USER as root', () => {
    expect(hits(RULE, ['FROM scratch', 'COPY app /app'])[0].message).toContain('scratch')
  })

  it('counts a USER that is switched back to root', () => {
    expect(linesOf(RULE, [FROM, 'USER 1000', 'RUN make', 'USER root', 'CMD ["app"]'])).toEqual([4])
    expect(linesOf(RULE, [FROM, 'USER root', 'RUN make', 'USER 1000'])).toEqual([])
  })

  it('only judges the final stage: a builder may run as root', () => {
    expect(
      linesOf(RULE, [
        `${FROM} AS build`,
        'USER root',
        'RUN make',
        FROM,
        'COPY --from=build /a /a',
        'USER 1000'
      ])
    ).toEqual([])
  })

  it('does not take a builder stage USER for the final stage (final stage from an image has none)', () => {
    expect(
      linesOf(RULE, [`${FROM} AS build`, 'USER 1000', FROM, 'COPY --from=build /a /a'])
    ).toEqual([3])
  })

  it('inherits the USER of the stage the final stage is built FROM', () => {
    expect(linesOf(RULE, [`${FROM} AS base`, 'USER 1000', 'FROM base', 'RUN true'])).toEqual([])
    const found = hits(RULE, [`${FROM} AS base`, 'USER root', 'FROM base', 'RUN true'])
    expect(found.map(f => f.location.line)).toEqual([2])
    expect(found[0].message).toContain('inherited from stage "base"')
  })

  it('resolves variables in USER', () => {
    expect(linesOf(RULE, [FROM, 'ARG RUN_AS=root', 'USER ${RUN_AS}'])).toEqual([3])
    expect(linesOf(RULE, [FROM, 'ENV APP_UID=0', 'USER $APP_UID:$APP_UID'])).toEqual([3])
    expect(linesOf(RULE, [FROM, 'ARG APP_UID=1000', 'USER ${APP_UID}'])).toEqual([])
    expect(hits(RULE, [FROM, 'ARG RUN_AS=root', 'USER ${RUN_AS}'])[0].message).toContain(
      'resolves to "root"'
    )
  })

  it('gives a USER from an ARG without default the benefit of the doubt', () => {
    expect(linesOf(RULE, [FROM, 'ARG APP_UID', 'USER ${APP_UID}'])).toEqual([])
  })

  it('ignores USER inside ONBUILD (it runs in a child build)', () => {
    expect(linesOf(RULE, [FROM, 'USER 1000', 'ONBUILD USER root'])).toEqual([])
  })

  describe('with the scanned image config as the truth', () => {
    it('agrees with an image that runs as a non-root user even without USER in the Dockerfile', () => {
      expect(hits(RULE, [FROM, 'RUN true'], { imageUser: '65532' })).toEqual([])
    })

    it('reports an image without User as root, on the final FROM', () => {
      const found = hits(RULE, [FROM, 'RUN true'], { imageUser: '' })
      expect(found.map(f => f.location.line)).toEqual([1])
      expect(found[0].message).toContain('sets no User (root)')
    })

    it('reports an image whose User is root even if the Dockerfile says otherwise, at the last USER', () => {
      const found = hits(RULE, [FROM, 'USER app'], { imageUser: 'root' })
      expect(found.map(f => f.location.line)).toEqual([2])
      expect(found[0].message).toContain('has User "root"')
    })

    it('follows the image when the Dockerfile says root but the image does not', () => {
      expect(hits(RULE, [FROM, 'USER root'], { imageUser: '1000' })).toEqual([])
    })
  })
})

describe('isRootUser', () => {
  it('knows the root spellings', () => {
    expect(['', 'root', '0', 'root:0', '0:0', ' root '].every(isRootUser)).toBe(true)
    expect(['1000', 'Root', 'nobody', '1000:0'].some(isRootUser)).toBe(false)
  })
})
