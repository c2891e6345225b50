// Source hosting and code intelligence: GitHub, GitLab, Bitbucket, Atlassian,
// Sourcegraph, Gitter, Azure DevOps.
import { hasBase62Crc32, minEntropy } from '../checks.js'
import { named, token, type SecretRule } from './define.js'

const GITHUB_KINDS = [
  ['ghp', 'github-pat', 'GitHub personal access token (classic)'],
  ['gho', 'github-oauth', 'GitHub OAuth access token'],
  ['ghu', 'github-user-to-server', 'GitHub user-to-server token'],
  ['ghs', 'github-app-token', 'GitHub app installation token'],
  ['ghr', 'github-refresh-token', 'GitHub refresh token']
] as const

export const vcsRules: SecretRule[] = [
  ...GITHUB_KINDS.map(([prefix, id, title]) =>
    token({
      id,
      title,
      provider: 'GitHub',
      severity: 'critical',
      body: `${prefix}_[0-9A-Za-z]{36}`,
      validate: minEntropy(3.5),
      checksum: hasBase62Crc32,
      aliases: prefix === 'ghu' ? ['github-app-token'] : [],
      reference:
        'https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/',
      tp: [`GITHUB_TOKEN=${prefix}_{ghcrc}`, `token: "${prefix}_{alnum:36}"`],
      fp: [`${prefix}_${'x'.repeat(36)}`, `${prefix}_short`, `x${prefix}_{alnum:36}x`]
    })
  ),
  token({
    id: 'github-fine-grained-pat',
    title: 'GitHub fine-grained personal access token',
    provider: 'GitHub',
    severity: 'critical',
    body: 'github_pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{59}|github_pat_[0-9A-Za-z_]{82}',
    keywords: ['github_pat_'],
    validate: minEntropy(3.5),
    tp: ['GH_TOKEN=github_pat_{alnum:22}_{alnum:59}', '"token": "github_pat_{alnum:82}"'],
    fp: ['github_pat_' + 'x'.repeat(82), 'github_pat_only_a_prefix']
  }),
  token({
    id: 'gitlab-pat',
    title: 'GitLab personal, project or group access token',
    provider: 'GitLab',
    severity: 'critical',
    body: 'glpat-(?:[0-9A-Za-z_-]{20}|[0-9A-Za-z_-]{27,300}\\.[0-9a-z]{2}\\.?[0-9a-z]{7,9})',
    validate: minEntropy(3),
    aliases: ['gitlab-pat-routable'],
    reference: 'https://docs.gitlab.com/security/tokens/#token-prefixes',
    tp: ['GITLAB_TOKEN=glpat-{word:20}', 'token: glpat-{alnum:27}.01.{alnumlower:9}'],
    fp: ['glpat-xxxxxxxxxxxxxxxxxxxx', 'glpat-short']
  }),
  ...(
    [
      ['gitlab-deploy-token', 'GitLab deploy token', 'gldt-', '[0-9A-Za-z_-]{20}', '{word:20}', []],
      [
        'gitlab-runner-token',
        'GitLab runner authentication token',
        'glrt-',
        '(?:t\\d_)?[0-9A-Za-z_-]{20,300}(?:\\.[0-9a-z]{2}\\.?[0-9a-z]{7,9})?',
        '{word:20}',
        ['gitlab-runner-authentication-token', 'gitlab-runner-authentication-token-routable']
      ],
      [
        'gitlab-pipeline-trigger-token',
        'GitLab pipeline trigger token',
        'glptt-',
        '[0-9A-Za-z_-]{40}',
        '{hex:40}',
        ['gitlab-ptt']
      ],
      [
        'gitlab-cicd-job-token',
        'GitLab CI/CD job token',
        'glcbt-',
        '(?:[0-9A-Za-z]{1,5}_)?[0-9A-Za-z_-]{20,80}',
        '{alnum:3}_{word:20}',
        []
      ],
      [
        'gitlab-oauth-app-secret',
        'GitLab OAuth application secret',
        'gloas-',
        '[0-9A-Za-z_-]{64}',
        '{word:64}',
        []
      ],
      ['gitlab-feed-token', 'GitLab feed token', 'glft-', '[0-9A-Za-z_-]{20}', '{word:20}', []],
      [
        'gitlab-scim-token',
        'GitLab SCIM token',
        'glsoat-',
        '[0-9A-Za-z_-]{20,64}',
        '{word:20}',
        []
      ],
      [
        'gitlab-incoming-mail-token',
        'GitLab incoming mail token',
        'glimt-',
        '[0-9A-Za-z_-]{25}',
        '{word:25}',
        []
      ],
      [
        'gitlab-kubernetes-agent-token',
        'GitLab agent for Kubernetes token',
        'glagent-',
        '[0-9A-Za-z_-]{50,80}',
        '{word:50}',
        []
      ],
      [
        'gitlab-feature-flag-client-token',
        'GitLab feature flags client token',
        'glffct-',
        '[0-9A-Za-z_-]{20}',
        '{word:20}',
        []
      ],
      [
        'gitlab-runner-registration-token',
        'GitLab runner registration token',
        'GR1348941',
        '[0-9A-Za-z_-]{20,64}',
        '{word:20}',
        ['gitlab-rrt']
      ]
    ] as const
  ).map(([id, title, prefix, body, shape, aliases]) =>
    token({
      id,
      title,
      provider: 'GitLab',
      severity: 'high',
      body: `${prefix}${body}`,
      keywords: [prefix.toLowerCase()],
      validate: minEntropy(3),
      aliases,
      reference: 'https://docs.gitlab.com/security/tokens/#token-prefixes',
      tp: [`CI_TOKEN=${prefix}${shape}`, `token: "${prefix}${shape}"`],
      fp: [`${prefix}${'x'.repeat(40)}`, `${prefix}short`]
    })
  ),
  token({
    id: 'gitlab-session-cookie',
    title: 'GitLab session cookie',
    provider: 'GitLab',
    severity: 'high',
    body: '_gitlab_session=([0-9a-z]{32})',
    keywords: ['_gitlab_session='],
    validate: minEntropy(3),
    tp: ['Cookie: _gitlab_session={alnumlower:32}'],
    fp: ['_gitlab_session=' + '0'.repeat(32)]
  }),
  token({
    id: 'bitbucket-app-password',
    title: 'Bitbucket app password or API token',
    provider: 'Atlassian',
    severity: 'high',
    body: 'ATBB[A-Za-z0-9_=.-]{20,60}[A-F0-9]{8}',
    validate: minEntropy(3.5),
    tp: ['BITBUCKET_APP_PASSWORD=ATBB{alnum:32}{HEX:8}'],
    fp: ['ATBBxxxxxxxxxxxxxxxxxxxxxxxxxxxx00000000']
  }),
  named({
    id: 'bitbucket-client-id',
    title: 'Bitbucket OAuth consumer key',
    provider: 'Atlassian',
    severity: 'low',
    publicByDesign:
      'an OAuth consumer key identifies the app; the consumer secret next to it is the credential',
    names: ['bitbucket'],
    value: '[a-zA-Z0-9]{32}',
    tp: ['BITBUCKET_CLIENT_ID={alnum:32}'],
    fp: ['bitbucket_client_id = "${BITBUCKET_ID}"']
  }),
  named({
    id: 'bitbucket-client-secret',
    title: 'Bitbucket OAuth consumer secret',
    provider: 'Atlassian',
    severity: 'high',
    names: ['bitbucket'],
    value: '[a-zA-Z0-9=_-]{64}',
    validate: minEntropy(3.5),
    tp: ['bitbucket_client_secret: {alnum:64}'],
    fp: ['bitbucket_secret: ' + 'a'.repeat(64)]
  }),
  token({
    id: 'atlassian-api-token',
    title: 'Atlassian API token',
    provider: 'Atlassian',
    severity: 'high',
    body: 'ATATT3[A-Za-z0-9_=-]{180,200}',
    validate: minEntropy(3.5),
    reference:
      'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/',
    tp: ['JIRA_API_TOKEN=ATATT3{alnum:186}'],
    fp: ['ATATT3xxxx']
  }),
  named({
    id: 'atlassian-legacy-api-token',
    title: 'Atlassian (Jira, Confluence) API token, legacy format',
    provider: 'Atlassian',
    severity: 'high',
    names: ['atlassian', 'confluence', 'jira'],
    value: '[a-zA-Z0-9]{24}',
    validate: minEntropy(3.5),
    aliases: ['atlassian-api-token'],
    tp: ['JIRA_API_TOKEN={alnum:24}', 'confluence_token = "{alnum:24}"'],
    fp: ['jira_project_key = "PROJ"', 'JIRA_TOKEN=abcdefghijklmnopqrstuvwx']
  }),
  token({
    id: 'sourcegraph-access-token',
    title: 'Sourcegraph access token',
    provider: 'Sourcegraph',
    severity: 'high',
    body: 'sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40}',
    keywords: ['sgp_'],
    validate: minEntropy(3),
    reference: 'https://sourcegraph.com/docs/cli/how-tos/creating_an_access_token',
    tp: ['SRC_ACCESS_TOKEN=sgp_{hex:16}_{hex:40}', 'token: sgp_local_{hex:40}'],
    fp: ['sgp_' + '0'.repeat(40)]
  }),
  named({
    id: 'sourcegraph-legacy-token',
    title: 'Sourcegraph access token, legacy format',
    provider: 'Sourcegraph',
    severity: 'high',
    names: ['sourcegraph', 'src_access'],
    value: '[a-fA-F0-9]{40}',
    validate: minEntropy(3),
    aliases: ['sourcegraph-access-token'],
    tp: ['SOURCEGRAPH_TOKEN={hex:40}'],
    fp: ['sourcegraph_commit = "{hex:40}"']
  }),
  named({
    id: 'gitter-access-token',
    title: 'Gitter access token',
    provider: 'Gitter',
    severity: 'high',
    names: ['gitter'],
    value: '[a-z0-9_-]{40}',
    flags: 'i',
    validate: minEntropy(3),
    tp: ['GITTER_TOKEN={alnumlower:40}'],
    fp: ['gitter_room = "org/room"']
  }),
  named({
    id: 'azure-devops-pat',
    title: 'Azure DevOps personal access token',
    provider: 'Microsoft',
    severity: 'high',
    names: [
      'azure_devops',
      'azuredevops',
      'azure-devops',
      'ado_',
      'vsts',
      'devops_pat',
      'system_accesstoken'
    ],
    value: '[a-z2-7]{52}|[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}',
    validate: minEntropy(3.5),
    reference:
      'https://learn.microsoft.com/en-us/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate',
    tp: ['AZURE_DEVOPS_PAT={base32lower:52}', 'AZURE_DEVOPS_EXT_PAT={alnum:76}AZDO{alnum:4}'],
    fp: ['azure_devops_org = "contoso"']
  })
]
