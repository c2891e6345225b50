// Package registries, container registries and AI model providers.
import { decodeBase64, hasBase62Crc32, isDockerAuth, isPypiToken, minEntropy } from '../checks.js'
import { classifyValue } from '../vocabulary/index.js'
import { named, token, type SecretRule } from './define.js'

export const developerRules: SecretRule[] = [
  token({
    id: 'npm-access-token',
    title: 'npm access token',
    provider: 'npm',
    severity: 'critical',
    body: 'npm_[0-9A-Za-z]{36}',
    validate: minEntropy(3.5),
    checksum: hasBase62Crc32,
    aliases: ['NpmDetector'],
    reference: 'https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/',
    tp: ['NPM_TOKEN=npm_{ghcrc}', '//registry.npmjs.org/:_authToken=npm_{alnum:36}'],
    fp: ['npm_' + 'x'.repeat(36), 'npm_install_dependencies_for_the_project']
  }),
  token({
    id: 'npmrc-auth-token',
    title: '.npmrc registry auth token',
    provider: 'npm',
    severity: 'critical',
    boundary: false,
    body: ':(?:_authToken|_auth|_password)\\s{0,3}=\\s{0,3}["\']?([A-Za-z0-9+/=._~-]{16,512})',
    keywords: ['_authtoken', '_auth=', '_auth =', '_password='],
    validate: secret =>
      !/^npm_/.test(secret) && classifyValue(secret).verdict !== 'none' && minEntropy(3)(secret),
    aliases: ['NpmDetector'],
    tp: [
      '//npm.pkg.github.com/:_authToken={alnum:40}',
      '//registry.example.org/:_auth={bytes64:24}'
    ],
    fp: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}']
  }),
  token({
    id: 'pypi-api-token',
    title: 'PyPI API token',
    provider: 'Python Software Foundation',
    severity: 'critical',
    body: 'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}',
    keywords: ['pypi-ag'],
    validate: isPypiToken,
    aliases: ['pypi-upload-token', 'PypiTokenDetector'],
    reference: 'https://pypi.org/help/#apitoken',
    tp: ['TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmc{b64url:70}'],
    fp: ['pypi-AgEIcHlwaS5vcmcshort']
  }),
  token({
    id: 'pypi-test-api-token',
    title: 'TestPyPI API token',
    provider: 'Python Software Foundation',
    severity: 'medium',
    body: 'pypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9_-]{50,1000}',
    keywords: ['pypi-ag'],
    aliases: ['PypiTokenDetector'],
    tp: ['TWINE_PASSWORD=pypi-AgENdGVzdC5weXBpLm9yZw{b64url:70}'],
    fp: ['pypi-AgENdGVzdC5weXBpLm9yZwshort']
  }),
  token({
    id: 'rubygems-api-key',
    title: 'RubyGems API key',
    provider: 'RubyGems',
    severity: 'critical',
    body: 'rubygems_[0-9a-f]{48}',
    validate: minEntropy(3),
    aliases: ['rubygems-api-token'],
    tp: ['GEM_HOST_API_KEY=rubygems_{hex:48}'],
    fp: ['rubygems_' + '0'.repeat(48)]
  }),
  token({
    id: 'nuget-api-key',
    title: 'NuGet API key',
    provider: 'Microsoft',
    severity: 'critical',
    body: 'oy2[a-z0-9]{43}',
    validate: minEntropy(3.5),
    tp: ['NUGET_API_KEY=oy2{alnumlower:43}'],
    fp: ['oy2' + 'a'.repeat(43)]
  }),
  token({
    id: 'nuget-config-password',
    title: 'NuGet.config package source password',
    provider: 'Microsoft',
    severity: 'high',
    boundary: false,
    body: '<add key="(?:ClearText)?Password"\\s{0,5}value="([^"]{8,})"\\s{0,5}/>',
    flags: 'gi',
    keywords: ['<add key='],
    password: true,
    tp: ['<add key="ClearTextPassword" value="{alnum:16}" />'],
    fp: ['<add key="ClearTextPassword" value="%NUGET_PASSWORD%" />']
  }),
  token({
    id: 'dockerhub-pat',
    title: 'Docker Hub personal or organization access token',
    provider: 'Docker',
    severity: 'critical',
    body: 'dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32}',
    keywords: ['dckr_pat_', 'dckr_oat_'],
    validate: minEntropy(3),
    tp: ['DOCKERHUB_TOKEN=dckr_pat_{b64url:27}'],
    fp: ['dckr_pat_short']
  }),
  token({
    id: 'docker-config-auth',
    title: 'Docker registry credentials (config.json auth)',
    provider: 'Docker',
    severity: 'critical',
    boundary: false,
    body: '"auth"\\s{0,5}:\\s{0,5}"([A-Za-z0-9+/]{8,1024}={0,2})"',
    keywords: ['"auth"'],
    validate: isDockerAuth,
    // The password half of user:password: `user:password-encoded` in a test is a made-up word.
    password: auth => {
      const text = decodeBase64(auth)?.toString('utf8') ?? ''
      return text.slice(text.indexOf(':') + 1)
    },
    tp: ['{"auths": {"ghcr.io": {"auth": "{dockerauth}"}}}'],
    fp: ['"auth": "dG9rZW4="', '{"auths": {"example.com": {"auth": "dXNlcjp7e3Bhc3N3b3JkfX0="}}}']
  }),
  token({
    id: 'clojars-token',
    title: 'Clojars deploy token',
    provider: 'Clojars',
    severity: 'high',
    body: 'CLOJARS_[a-z0-9]{60}',
    flags: 'gi',
    validate: minEntropy(3),
    aliases: ['clojars-api-token'],
    tp: ['CLOJARS_PASSWORD=CLOJARS_{alnumlower:60}'],
    fp: ['CLOJARS_USERNAME']
  }),
  token({
    id: 'openai-api-key',
    title: 'OpenAI API key',
    provider: 'OpenAI',
    severity: 'critical',
    body: 'sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,74}T3BlbkFJ[A-Za-z0-9_-]{20,74}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}',
    keywords: ['t3blbkfj'],
    aliases: ['OpenAIDetector'],
    reference: 'https://platform.openai.com/docs/api-reference/authentication',
    tp: [
      'OPENAI_API_KEY=sk-proj-{b64url:58}T3BlbkFJ{b64url:58}',
      'openai.api_key = "sk-{alnum:20}T3BlbkFJ{alnum:20}"'
    ],
    fp: ['sk-T3BlbkFJ']
  }),
  token({
    id: 'openai-project-key',
    title: 'OpenAI project or service-account API key',
    provider: 'OpenAI',
    severity: 'critical',
    body: 'sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{80,200}',
    keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-'],
    validate: minEntropy(4.5),
    tp: ['OPENAI_API_KEY=sk-proj-{b64url:156}'],
    fp: ['sk-proj-' + 'x'.repeat(100)]
  }),
  token({
    id: 'anthropic-api-key',
    title: 'Anthropic API key',
    provider: 'Anthropic',
    severity: 'critical',
    body: 'sk-ant-api03-[A-Za-z0-9_-]{93}AA',
    keywords: ['sk-ant-api03-'],
    validate: minEntropy(3),
    reference: 'https://docs.anthropic.com/en/api/overview#authentication',
    tp: ['ANTHROPIC_API_KEY=sk-ant-api03-{b64url:93}AA'],
    fp: ['sk-ant-api03-short']
  }),
  token({
    id: 'anthropic-admin-api-key',
    title: 'Anthropic admin API key',
    provider: 'Anthropic',
    severity: 'critical',
    body: 'sk-ant-admin01-[A-Za-z0-9_-]{93}AA',
    keywords: ['sk-ant-admin01-'],
    validate: minEntropy(3),
    tp: ['ANTHROPIC_ADMIN_KEY=sk-ant-admin01-{b64url:93}AA'],
    fp: ['sk-ant-admin01-short']
  }),
  named({
    id: 'cohere-api-token',
    title: 'Cohere API key',
    provider: 'Cohere',
    severity: 'high',
    names: ['cohere', 'co_api_key'],
    value: '[A-Za-z0-9]{40}',
    validate: minEntropy(4),
    tp: ['COHERE_API_KEY={alnum:40}', 'CO_API_KEY={alnum:40}'],
    fp: ['cohere_model = "command-r"']
  }),
  token({
    id: 'huggingface-token',
    title: 'Hugging Face access token',
    provider: 'Hugging Face',
    severity: 'high',
    body: '(?:hf_|api_org_)[A-Za-z]{34}',
    keywords: ['hf_', 'api_org_'],
    validate: s => {
      const body = s.slice(s.indexOf('_', 3) + 1)
      return /[A-Z]/.test(body) && /[a-z]/.test(body) && minEntropy(3.8)(s)
    },
    aliases: ['huggingface-access-token', 'huggingface-organization-api-token'],
    reference: 'https://huggingface.co/docs/hub/security-tokens',
    tp: ['HF_TOKEN=hf_{alnumletters:34}', 'token = "api_org_{alnumletters:34}"'],
    fp: ['hf_' + 'x'.repeat(34)]
  }),
  token({
    id: 'perplexity-api-key',
    title: 'Perplexity API key',
    provider: 'Perplexity',
    severity: 'high',
    body: 'pplx-[A-Za-z0-9]{48}',
    validate: minEntropy(4),
    tp: ['PERPLEXITY_API_KEY=pplx-{alnum:48}'],
    fp: ['pplx-' + 'x'.repeat(48)]
  }),
  named({
    id: 'privateai-api-token',
    title: 'Private AI API key',
    provider: 'Private AI',
    severity: 'high',
    names: ['privateai', 'private_ai', 'private-ai'],
    value: '[a-z0-9]{32}',
    validate: minEntropy(3),
    tp: ['PRIVATE_AI_API_KEY={alnumlower:32}'],
    fp: ['private_ai_url = "https://api.private-ai.com"']
  }),
  token({
    id: 'replicate-api-token',
    title: 'Replicate API token',
    provider: 'Replicate',
    severity: 'high',
    body: 'r8_[A-Za-z0-9]{37}',
    validate: minEntropy(3.5),
    tp: ['REPLICATE_API_TOKEN=r8_{alnum:37}'],
    fp: ['r8_' + 'x'.repeat(37)]
  }),
  token({
    id: 'groq-api-key',
    title: 'Groq API key',
    provider: 'Groq',
    severity: 'high',
    body: 'gsk_[A-Za-z0-9]{52}',
    validate: minEntropy(3.5),
    tp: ['GROQ_API_KEY=gsk_{alnum:52}'],
    fp: ['gsk_' + 'x'.repeat(52)]
  })
]
