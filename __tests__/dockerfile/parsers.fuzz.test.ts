// Property-based tests of everything in the Dockerfile check that reads
// untrusted text: whatever the input, it never throws anything but an
// InputError, it finishes, and what it returns stays bounded by the input.
// A short seeded budget here; `npm run fuzz` (FUZZ_RUNS, FUZZ_SEED) runs longer.
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { expandVariables, ScopeHistory } from '../../src/dockerfile/expand.js'
import { isIgnored, parseDockerignore } from '../../src/dockerfile/dockerignore.js'
import { parseHadolintConfig } from '../../src/dockerfile/context-files.js'
import { lintDockerfile, parseDockerfile } from '../../src/dockerfile/index.js'
import { splitLines } from '../../src/dockerfile/parse.js'
import { parseShell } from '../../src/dockerfile/shell.js'
import { InputError } from '../../src/model/errors.js'
import { fuzzBudget } from '../fuzz/budget.js'

const options = { ...fuzzBudget(150), endOnFailure: true }

const keyword = fc.constantFrom(
  'FROM',
  'from',
  'RUN',
  'run',
  'COPY',
  'ADD',
  'ENV',
  'ARG',
  'LABEL',
  'USER',
  'WORKDIR',
  'EXPOSE',
  'CMD',
  'ENTRYPOINT',
  'HEALTHCHECK',
  'SHELL',
  'ONBUILD',
  'VOLUME',
  'STOPSIGNAL',
  'MAINTAINER',
  'FORM',
  '{{'
)
const piece = fc.oneof(
  fc.constantFrom(
    'alpine',
    'debian:12',
    'scratch',
    'AS',
    'as',
    'build',
    '--platform=$BUILDPLATFORM',
    '--from=build',
    '--mount=type=cache,target=/var/cache/apk',
    '${A:-${B:-x}}',
    '$A',
    '${A',
    '}',
    '"',
    "'",
    '\\',
    '`',
    '<<EOF',
    '<<-"EOF"',
    'EOF',
    '[',
    ']',
    '["sh", "-c", "x"]',
    '=',
    'A=1',
    'DB_PASSWORD=hunter2',
    'apt-get install -y curl',
    'apk add curl',
    'pip install x',
    '&&',
    '|',
    ';',
    '$(',
    ')',
    '#',
    '# hadolint ignore=DL3002',
    '# check=skip=all',
    '\u0000',
    '\ufeff',
    '🐳',
    '@sha256:' + 'a'.repeat(64),
    ':latest',
    'root',
    '0:0',
    '/app',
    'C:\\',
    '80/tcp',
    '70000'
  ),
  fc.string({ maxLength: 12 })
)
const line = fc.oneof(
  fc.tuple(keyword, fc.array(piece, { maxLength: 6 })).map(([k, ps]) => `${k} ${ps.join(' ')}`),
  fc.constantFrom(
    '',
    '# a comment',
    '  \\',
    '\\',
    'EOF',
    '# escape=`',
    '# syntax=docker/dockerfile:1'
  ),
  fc.string({ maxLength: 30 })
)
const dockerfile = fc
  .array(line, { maxLength: 40 })
  .map(lines => lines.join(fc.sample(fc.constantFrom('\n', '\r\n'), 1)[0] ?? '\n'))
/** Hostile shapes: deep nesting, long continuations, big heredocs. */
const hostile = fc.oneof(
  fc.integer({ min: 1, max: 3000 }).map(n => `FROM ${'${A:-'.repeat(n)}alpine${'}'.repeat(n)}\n`),
  fc
    .integer({ min: 1, max: 2000 })
    .map(n => `FROM alpine\nRUN a \\\n${'  && b \\\n'.repeat(n)}  && c\n`),
  fc
    .integer({ min: 1, max: 2000 })
    .map(n => `FROM alpine\nRUN <<EOF\n${'echo x | tr x y\n'.repeat(n)}EOF\n`),
  fc.integer({ min: 1, max: 500 }).map(n => `FROM alpine\n${'ENV A=$A$A$A\n'.repeat(n)}`)
)

/** 'ok' or 'input-error'; anything else thrown goes through (and fails the property). */
function outcome(run: () => unknown): 'ok' | 'input-error' {
  try {
    run()
    return 'ok'
  } catch (error) {
    if (error instanceof InputError) return 'input-error'
    throw error
  }
}

describe('Dockerfile linter properties', () => {
  it('lints any text: no throw, findings on real lines, bounded output, deterministic', () => {
    fc.assert(
      fc.property(fc.oneof(dockerfile, hostile), text => {
        const first = lintDockerfile('Dockerfile', text, {})
        const lines = Math.max(1, splitLines(text).length)
        for (const f of first.findings) {
          expect(f.location.line).toBeGreaterThanOrEqual(1)
          expect(f.location.line).toBeLessThanOrEqual(lines)
        }
        // Bounded: a few findings per line, each of bounded size.
        expect(first.findings.length).toBeLessThanOrEqual(20 * lines + 10)
        for (const f of first.findings) expect(JSON.stringify(f).length).toBeLessThan(8_000)
        expect(JSON.stringify(lintDockerfile('Dockerfile', text, {}))).toBe(JSON.stringify(first))
      }),
      options
    )
  })

  it('parses any text into a model without throwing', () => {
    fc.assert(
      fc.property(fc.oneof(dockerfile, fc.string({ maxLength: 400 })), text => {
        const model = parseDockerfile(text)
        expect(model.lineCount).toBeGreaterThanOrEqual(0)
      }),
      options
    )
  })

  it('expands any text, to a value no longer than the text and its variables allow', () => {
    const scope = new ScopeHistory()
    scope.set('A', 'alpine')
    scope.set('B', undefined)
    const view = scope.view()
    fc.assert(
      fc.property(
        fc.string({
          maxLength: 300,
          unit: fc.constantFrom('$', '{', '}', ':', '-', '+', 'A', 'B', 'x', '\\', '%')
        }),
        text => {
          const expansion = expandVariables(text, view)
          expect(expansion.value.length).toBeLessThanOrEqual(text.length * 'alpine'.length + 1)
        }
      ),
      options
    )
  })

  it('reads any shell script into commands without throwing', () => {
    fc.assert(
      fc.property(
        fc.string({
          maxLength: 300,
          unit: fc.constantFrom(
            'a',
            ' ',
            '|',
            '&',
            ';',
            '(',
            ')',
            '"',
            "'",
            '\\',
            '$',
            '`',
            '#',
            '\n',
            '{',
            '}',
            'c',
            'e',
            's',
            'i',
            'n'
          )
        }),
        script => {
          const pipelines = parseShell(script)
          expect(pipelines.flat().length).toBeLessThanOrEqual(script.length + 1)
        }
      ),
      options
    )
  })

  it('reads any .dockerignore and matches any path, in linear time (RE2)', () => {
    fc.assert(
      fc.property(
        fc.string({
          maxLength: 200,
          unit: fc.constantFrom('*', '?', '/', '!', '[', ']', '\\', 'a', '.', '\n', '#', ' ')
        }),
        fc.string({ maxLength: 80 }),
        (ignore, path) => {
          isIgnored(parseDockerignore(ignore), path)
        }
      ),
      options
    )
    expect(isIgnored(parseDockerignore('**/'.repeat(200) + 'x\n'), 'a/'.repeat(2000) + 'y')).toBe(
      false
    )
  })

  it('reads any .hadolint.yaml: a config or an InputError, nothing else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc
            .dictionary(
              fc.constantFrom(
                'ignored',
                'override',
                'failure-threshold',
                'label-schema',
                'trustedRegistries',
                'no-fail',
                'x'
              ),
              fc.jsonValue()
            )
            .map(v => JSON.stringify(v))
        ),
        text => {
          expect(['ok', 'input-error']).toContain(
            outcome(() => parseHadolintConfig(text, '.hadolint.yaml'))
          )
        }
      ),
      options
    )
  })
})
