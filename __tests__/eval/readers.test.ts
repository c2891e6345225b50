// The readers behind eval/ (the peer measurements) on small hand-written
// snippets in the peers' test idioms: a misread case would silently skew the
// figures, so each construct the readers claim to understand is checked here.
import { describe, expect, it } from '@jest/globals'
import { readBuildkitChecks } from '../../eval/buildkit-checks.mjs'
import { readGitleaksRules, readSampleTemplates } from '../../eval/gitleaks-samples.mjs'
import { readHadolintSpec } from '../../eval/hadolint-specs.mjs'
import { sampleFromRegex, seededRandom } from '../../eval/regex-sample.mjs'

describe('hadolint spec reader', () => {
  const spec = [
    'spec :: SpecWith ()',
    'spec = do',
    '  let ?config = def',
    '  describe "DL9999 - demo" $ do',
    '    it "bare string" $ do',
    '      ruleCatches "DL9999" "RUN apt-get install \\"x\\""',
    '      onBuildRuleCatchesNot "DL9999" "RUN a \\',
    '        \\&& b"',
    '    it "let and unlines" $',
    '      let dockerFile =',
    '            [ "FROM debian",',
    '              "USER root" -- a comment',
    '            ]',
    '       in ruleCatchesNot "DL9999" $ Text.unlines dockerFile',
    '    it "local config" $ do',
    '      let ?config = def { allowedRegistries = ["x.com", "*.y.com"], strictLabels = True }',
    '      assertChecks (Text.unlines ["FROM a", "FROM b"]) (failsWith 2 "DL9999")',
    '    it "back to the outer config" $',
    '      assertChecks "RUN echo $X" failsShellcheck',
    '    it "not a code" $ ruleCatches "FROM x\\nDL9999" "RUN y"'
  ].join('\n')

  it('reads every call with its Dockerfile, expectation and the ?config in scope', () => {
    const { cases, skipped } = readHadolintSpec('DemoSpec.hs', spec)
    expect(cases.map(c => [c.rule, c.expected, c.onbuild, c.dockerfile, c.config])).toEqual([
      ['DL9999', true, false, 'RUN apt-get install "x"', {}],
      ['DL9999', false, true, 'RUN a && b', {}],
      ['DL9999', false, false, 'FROM debian\nUSER root\n', {}],
      [
        'DL9999',
        true,
        false,
        'FROM a\nFROM b\n',
        { trustedRegistries: ['x.com', '*.y.com'], strictLabels: true }
      ],
      ['ShellCheck', true, false, 'RUN echo $X', {}]
    ])
    expect(cases.map(c => c.name)).toEqual([
      'bare string',
      'bare string',
      'let and unlines',
      'local config',
      'back to the outer config'
    ])
    expect(skipped).toEqual([
      { file: 'DemoSpec.hs', line: 20, why: '"FROM x\\nDL9999" is not a rule code' }
    ])
  })
})

describe('BuildKit check-test reader', () => {
  const source = [
    'func testDemo(t *testing.T, sb integration.Sandbox) {',
    '\tbaseImg := integration.UnixOrWindows("alpine", "nanoserver")',
    '\tmakeWarning := func(name string, line int) expectedLintWarning {',
    '\t\treturn expectedLintWarning{RuleName: "MultipleInstructionsDisallowed", Detail: fmt.Sprintf("%s", name), Line: line}',
    '\t}',
    '\tdockerfile := fmt.Appendf(nil, `',
    'FROM %s',
    'CMD a',
    'CMD b',
    '`, baseImg)',
    '\tcheckLinterWarnings(t, sb, &lintTestParams{',
    '\t\tDockerfile: dockerfile,',
    '\t\tDockerIgnore: []byte("Dockerfile\\n"),',
    '\t\tWarnings: []expectedLintWarning{',
    '\t\t\tmakeWarning("CMD", 3),',
    '\t\t\t{RuleName: "JSONArgsRecommended", Description: "x", Line: 4},',
    '\t\t},',
    '\t\tFrontendAttrs: map[string]string{"build-arg:V": "1"},',
    '\t\tBuildErr: "boom",',
    '\t})',
    '\tcheckLinterWarnings(t, sb, &lintTestParams{Dockerfile: unknownVar})',
    '}'
  ].join('\n')

  it('evaluates the Dockerfile, the warnings (helper closures too) and the build args', () => {
    const { cases, skipped } = readBuildkitChecks('demo_test.go', source)
    expect(cases).toEqual([
      {
        file: 'demo_test.go',
        line: 11,
        test: 'testDemo',
        dockerfile: '\nFROM alpine\nCMD a\nCMD b\n',
        dockerignore: 'Dockerfile\n',
        warnings: [
          { rule: 'MultipleInstructionsDisallowed', line: 3 },
          { rule: 'JSONArgsRecommended', line: 4 }
        ],
        buildArgs: { V: '1' }
      }
    ])
    expect(skipped).toEqual([
      { file: 'demo_test.go', line: 21, why: 'cannot read unknownVar at line 21' }
    ])
  })
})

describe('regex samples', () => {
  const patterns = [
    '[A-Z2-7]{16}',
    'sq0csp-[0-9A-Za-z\\-_]{43}',
    '(?:EAAA|sq0atp-)[0-9A-Za-z\\-_]{22,60}',
    'hvs\\.[0-9][\\w\\-]{89}',
    '\\b(HRKU-AA[0-9a-zA-Z_-]{58})',
    'ops_eyJ[a-zA-Z0-9+/]{250,}={0,3}',
    '[^a-z]{5}x?'
  ]

  it.each(patterns)('%s: every sample matches, and a seed gives the same samples', pattern => {
    const a = seededRandom(7)
    const b = seededRandom(7)
    for (let k = 0; k < 20; k++) {
      const sample = sampleFromRegex(pattern, a)
      expect(sample).toMatch(new RegExp(`^(?:${pattern})$`))
      expect(sampleFromRegex(pattern, b)).toBe(sample)
    }
  })
})

describe('gitleaks rule reader', () => {
  const generate = [
    'func GenerateSampleSecrets(identifier string, secret string) []string {',
    '\tsamples := map[string]string{',
    '\t\t"ini": "{i}Token={s}",',
    '\t\t// "todo": "x",',
    '\t\t"env": `{I}_TOKEN="{s}"`,',
    '\t}',
    '\treturn nil',
    '}'
  ].join('\n')
  const rules = [
    'var shared = []string{`demo = "abc"`}',
    'func Demo() *config.Rule {',
    '\tr := config.Rule{RuleID: "demo-token", Regex: utils.GenerateUniqueTokenRegex(`dm_[a-f0-9]{8}`, false)}',
    '\ttps := utils.GenerateSampleSecrets("demo", "dm_"+secrets.NewSecret(utils.Hex("8")))',
    '\ttps = append(tps, `plain dm_0123abcd`, unknownHelper(3))',
    '\tfps := append(shared, fmt.Sprintf("%s_%d", "dm", 7))',
    '\treturn utils.Validate(r, tps, fps)',
    '}',
    'func Paths() *config.Rule {',
    '\tr := config.Rule{RuleID: "demo-file"}',
    '\ttps := map[string]string{"a.p12": ""}',
    '\treturn utils.ValidateWithPaths(r, tps, nil)',
    '}'
  ].join('\n')

  it('evaluates samples as gitleaks generates them and reports what it cannot', () => {
    const templates = readSampleTemplates(generate)
    expect(templates).toEqual([
      { name: 'ini', template: '{i}Token={s}' },
      { name: 'env', template: '{I}_TOKEN="{s}"' }
    ])
    const {
      samples,
      skipped,
      rules: validations
    } = readGitleaksRules([{ path: 'demo.go', source: rules }], templates, seededRandom(1))
    expect(validations).toBe(2)
    const [ini, env, plain, ...rest] = samples
    expect(ini).toMatchObject({ rule: 'demo-token', expected: true, template: 'ini' })
    expect(ini.content).toMatch(/^demoToken=dm_[a-f0-9]{8}$/)
    expect(env.content).toBe(`DEMO_TOKEN="${ini.content.slice('demoToken='.length)}"`)
    expect(plain).toMatchObject({ content: 'plain dm_0123abcd', expected: true })
    expect(rest.map(s => [s.rule, s.content, s.expected, s.path])).toEqual([
      ['demo-token', 'demo = "abc"', false, undefined],
      ['demo-token', 'dm_7', false, undefined],
      ['demo-file', '', true, 'a.p12']
    ])
    expect(skipped).toEqual([
      {
        rule: 'demo-token',
        file: 'demo.go',
        line: 5,
        why: 'tps: line 5: cannot evaluate unknownHelper(…)'
      }
    ])
  })
})
