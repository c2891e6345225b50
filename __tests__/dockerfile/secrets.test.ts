import { describe, expect, it } from '@jest/globals'
import { lintWith } from '../../src/dockerfile/lint.js'
import { classifySecretName, isNonSecretValue } from '../../src/dockerfile/secret-names.js'
import type { ValueSecretDetector } from '../../src/dockerfile/types.js'
import { DIGEST, hits, lint } from './helpers.js'

const FROM = `FROM alpine:3.20@${DIGEST}`
const env = (assignment: string) => hits('secret-in-env', [FROM, `ENV ${assignment}`, 'USER 1'])
const arg = (declaration: string) => hits('secret-in-arg', [FROM, `ARG ${declaration}`, 'USER 1'])

describe('secret-in-env by name', () => {
  it.each([
    'DB_PASSWORD=s3cr3t-pw',
    'MYSQL_ROOT_PASSWORD=my-secret-pw', // hadolint#462
    'OPENAI_API_KEY=abc123def456',
    'GITHUB_TOKEN=abcdef123456',
    'AWS_SECRET_ACCESS_KEY=abcdefghijkl',
    'AWS_ACCESS_KEY_ID=AKIAABCDEFGHIJKLMNOP',
    'VAULT_SECRET_ID=1234-abcd',
    'OAUTH_CLIENT_SECRET=shh-123',
    'SSH_PRIVATE_KEY=abc',
    'GOOGLE_CREDENTIALS={"type":"service_account"}',
    'DEPLOY_PSW=hunter2', // Jenkins credentials binding (buildkit#6064)
    'PGPASSWORD=postgres',
    'SECRET_KEY_BASE=0123456789abcdef',
    'dbPassword=hunter22',
    'NPM_AUTH_TOKEN=abcd-efgh',
    'SECRET=topsecret',
    'MYSQL_PWD=hunter2',
    'DB_PASSWORD=changeme'
  ])('flags ENV %s', assignment => {
    expect(env(assignment)).toHaveLength(1)
  })

  it.each([
    'PASSWORD_MIN_LENGTH=8',
    'KMS_KEY_ALIAS=alias/app', // buildkit#5775
    'AWS_WEB_IDENTITY_TOKEN_FILE=/var/run/secrets/token', // hadolint#1245
    'TOKEN_URL=https://auth.example.com/token',
    'GOPRIVATE=github.com/acme/*',
    'AUTH_MODE=basic', // Rackula#2348
    'REQUIRE_MFA_AUTH=true',
    'PASSWORD_PROMPT_STRING=Password:',
    'PUBLIC_KEY=ssh-ed25519 AAAAC3Nz',
    'NEXT_PUBLIC_API_KEY=pk_live_abc',
    'GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D', // docker-library images
    'CLIENT_ID=my-app',
    'KMS_KEY_ID=1234abcd-12ab',
    'FACEBOOK_APP_ID=1234567890',
    'TRAVIS_OS_NAME=linux',
    'KEY_ALGORITHM=RS256',
    'SECRET_NAME=db-credentials',
    'AUTH_MODULE_VERSION=1.2.3',
    'GOOGLE_APPLICATION_CREDENTIALS=/secrets/sa.json',
    'HF_TOKEN_PATH=/run/hf',
    'POSTGRES_PASSWORD_FILE=/run/secrets/pg',
    'ALLOW_EMPTY_PASSWORD=yes',
    'PWD=/app'
  ])('does not flag ENV %s', assignment => {
    expect(env(assignment)).toEqual([])
  })

  it.each([
    ['a $VAR reference', 'DB_PASSWORD=$DB_PASSWORD'],
    ['a ${VAR} reference', 'DB_PASSWORD=${DB_PASSWORD}'],
    ['an empty value', 'DB_PASSWORD='],
    ['a <placeholder>', 'API_TOKEN=<your-token>'],
    ['a {{template}}', 'API_TOKEN={{.ApiToken}}'],
    ['a your_..._here filler', 'API_TOKEN=your_token_here'],
    ['a path to the secret', 'API_TOKEN=/run/secrets/api_token'],
    ['a boolean', 'USE_TOKEN=false']
  ])('does not flag %s', (_name, assignment) => {
    expect(env(assignment)).toEqual([])
  })

  it('reads the legacy "ENV key value" form', () => {
    expect(env('DB_PASSWORD hunter2-long')).toHaveLength(1)
  })

  it('never shows the value in full: message, title and properties only carry the redacted form', () => {
    const [finding] = env('DATABASE_PASSWORD=Tr0ub4dor-and-3-horses')
    const text = JSON.stringify(finding)
    expect(text).not.toContain('Tr0ub4dor-and-3-horses')
    expect(finding.message).toContain('Tr0u…(22 chars)')
    expect(finding.properties).toMatchObject({
      variable: 'DATABASE_PASSWORD',
      redacted: 'Tr0u…(22 chars)'
    })
    expect(finding.severity).toBe('high')
  })

  it('checks every stage and ONBUILD, at the instruction line', () => {
    const found = hits('secret-in-env', [
      `${FROM} AS build`,
      'ENV BUILD_TOKEN=abc123',
      FROM,
      'ONBUILD ENV API_KEY=abc123',
      'USER 1'
    ])
    expect(found.map(f => [f.location.line, f.properties?.onbuild ?? false])).toEqual([
      [2, false],
      [4, true]
    ])
    expect(found[1].message).toContain('ONBUILD ENV API_KEY')
  })

  it('flags each secret of a multi-variable ENV separately with distinct fingerprints', () => {
    const found = env('A_TOKEN=abc123 B_PASSWORD=def456 HOME=/x')
    // Same line: ordered by fingerprint, which depends on the run's key.
    expect(found.map(f => f.properties?.variable).sort()).toEqual(['A_TOKEN', 'B_PASSWORD'])
    expect(new Set(found.map(f => f.fingerprint)).size).toBe(2)
  })
})

describe('secret-in-arg', () => {
  it('flags a secret-named ARG even without a default, recommending a secret mount', () => {
    const [finding] = arg('NPM_TOKEN')
    expect(finding.location.line).toBe(2)
    expect(finding.message).toContain('image history')
    expect(finding.message).toContain('RUN --mount=type=secret,id=npm_token')
    expect(finding.severity).toBe('high')
  })

  it('flags a secret-named ARG whose default is a variable (the ARG is still recorded)', () => {
    expect(arg('GITHUB_TOKEN=${CI_TOKEN}')).toHaveLength(1)
  })

  it('flags a global ARG before the first FROM', () => {
    expect(
      hits('secret-in-arg', ['ARG DEPLOY_PASSWORD', FROM, 'USER 1']).map(f => f.location.line)
    ).toEqual([1])
  })

  it('flags a secret-named ARG with an empty default', () => {
    expect(arg('DB_PASSWORD=')).toHaveLength(1)
  })

  it.each([
    'TOKEN_FILE',
    'PASSWORD_LENGTH=12',
    'NODE_VERSION=20',
    'CLIENT_ID',
    'API_KEY_NAME=primary',
    'MAX_TOKENS=4096', // the default shows it is a setting
    'USE_PASSWORD=false',
    'GOOGLE_CREDENTIALS=/run/secrets/gcp.json'
  ])('does not flag ARG %s', declaration => {
    expect(arg(declaration)).toEqual([])
  })
})

describe('by value, through the secrets engine detector', () => {
  // The detector contract of src/secrets (detectSecretsInValue); this one knows GitHub PATs.
  const detector: ValueSecretDetector = value => {
    const match = /ghp_[A-Za-z0-9]{36}/.exec(value)
    return match
      ? [
          {
            ruleId: 'github-pat',
            title: 'GitHub personal access token',
            severity: 'critical',
            redacted: 'ghp_…',
            start: match.index,
            end: match.index + match[0].length
          }
        ]
      : []
  }
  const token = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'
  const lint = (lines: string[]) =>
    lintWith('Dockerfile', lines.join('\n'), {}, {}, detector).findings

  it('flags a real-format token under an innocent ENV name', () => {
    const found = lint([FROM, `ENV GREETING=${token}`, 'USER 1']).filter(
      f => f.ruleId === 'secret-in-env'
    )
    expect(found).toHaveLength(1)
    expect(found[0].message).toContain('GitHub personal access token')
    expect(found[0].properties?.detectors).toEqual(['github-pat'])
    expect(JSON.stringify(found[0])).not.toContain(token)
  })

  it('flags a token as an ARG default under an innocent name', () => {
    expect(
      lint([FROM, `ARG GREETING=${token}`, 'USER 1']).filter(f => f.ruleId === 'secret-in-arg')
    ).toHaveLength(1)
  })

  it('does not ask the detector about $VAR-only values', () => {
    const seen: string[] = []
    lintWith('Dockerfile', [FROM, 'ENV GREETING=$TOKEN', 'USER 1'].join('\n'), {}, {}, value => {
      seen.push(value)
      return detector(value)
    })
    expect(seen).toEqual([])
  })

  it('survives a detector that throws', () => {
    const result = lintWith(
      'Dockerfile',
      [FROM, 'ENV GREETING=hello', 'USER 1'].join('\n'),
      {},
      {},
      () => {
        throw new Error('boom')
      }
    )
    expect(result.findings).toEqual([])
  })
})

describe('classifySecretName', () => {
  it('explains a reference qualifier', () => {
    expect(classifySecretName('DB_PASSWORD_FILE')).toEqual({
      secret: false,
      reason: '_FILE after PASSWORD: names a property of or a reference to a secret'
    })
  })
  it('knows the credential-pair IDs', () => {
    expect(classifySecretName('AWS_ACCESS_KEY_ID').secret).toBe(true)
    expect(classifySecretName('GITHUB_APP_ID').secret).toBe(false)
  })
})

describe('isNonSecretValue', () => {
  it('keeps real-looking weak passwords as secrets', () => {
    expect(['changeme', 'password', 'admin123', 'my-secret-pw'].some(isNonSecretValue)).toBe(false)
  })
})

describe('by value, with the real secrets engine (detectSecretsInValue)', () => {
  // Made up, but in GitHub's real format (base62 body + CRC32 checksum): what a leaked PAT looks like.
  const token = 'ghp_' + 'R4nd0mT0k3nF0rC0nt41n3rG4t3T3s2Z530m'
  const secretFindings = (lines: string[]) =>
    lint([FROM, ...lines, 'USER 1']).filter(f => f.ruleId.startsWith('secret-'))

  it('flags a real-format token under an innocent ENV name, at the detector severity', () => {
    const [finding, ...rest] = secretFindings([`ENV GREETING=${token}`])
    expect(rest).toEqual([])
    expect(finding).toMatchObject({
      ruleId: 'secret-in-env',
      severity: 'critical',
      location: { line: 2 }
    })
    expect(finding.message).toContain('GitHub personal access token')
    expect(finding.properties?.detectors).toEqual(['github-pat'])
    expect(JSON.stringify(finding)).not.toContain(token)
  })

  it('flags it as an ARG default and inside ONBUILD', () => {
    expect(
      secretFindings([`ARG GREETING=${token}`, `ONBUILD ENV HELLO=${token}`]).map(f => [
        f.ruleId,
        f.location.line
      ])
    ).toEqual([
      ['secret-in-arg', 2],
      ['secret-in-env', 3]
    ])
  })

  it('flags a database URL with a password although the name ends in _URL', () => {
    const [finding] = secretFindings(['ENV DATABASE_URL=postgres://app:S3cr3tP4ss@db:5432/app'])
    expect(finding.ruleId).toBe('secret-in-env')
    expect(JSON.stringify(finding)).not.toContain('S3cr3tP4ss')
  })

  it("does not flag AWS's documentation example key under an innocent name (the name rule still applies)", () => {
    expect(secretFindings(['ENV GREETING=AKIAIOSFODNN7EXAMPLE'])).toEqual([])
    expect(
      secretFindings(['ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE']).map(f => f.severity)
    ).toEqual(['high'])
  })

  it('does not flag $VAR-only values or ordinary settings', () => {
    expect(
      secretFindings([
        'ENV GREETING=$TOKEN',
        'ENV NODE_ENV=production',
        'ENV PATH=/usr/local/bin:$PATH'
      ])
    ).toEqual([])
  })

  it('keeps a merely random-looking value at medium: below the default fail-on: high', () => {
    const [finding] = secretFindings(['ENV BUILD_NONCE=q8Zr2LxV0pT7mK4nW9sB3cY6hJ1dF5gA'])
    expect(finding).toMatchObject({ ruleId: 'secret-in-env', severity: 'medium' })
  })
})
