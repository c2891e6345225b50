import { describe, expect, it } from '@jest/globals'
import { parseDockerfile } from '../../src/dockerfile/index.js'
import type { Finding } from '../../src/model/finding.js'
import { attributeFindingsToDockerfile, normalizeCreatedBy } from '../../src/vulns/attribution.js'

const DOCKERFILE = `FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:20-bookworm-slim
RUN apt-get update \\
 && apt-get install -y --no-install-recommends curl \\
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/node_modules /app/node_modules
`

const finding = (
  name: string,
  fixed: string | undefined,
  properties: Finding['properties']
): Finding => ({
  check: 'vulnerabilities',
  ruleId: fixed ? 'vulnerable-package' : 'vulnerable-package-unfixed',
  severity: 'high',
  title: `X in ${name}`,
  message: 'm',
  location: { path: 'app:1.0' },
  fingerprint: `fp-${name}`,
  properties,
  vulnerability: {
    vulnerabilityId: 'X',
    aliases: [],
    package: name,
    version: '1',
    ...(fixed ? { fixedVersion: fixed } : {}),
    ecosystem: 'npm'
  }
})

describe('normalizeCreatedBy', () => {
  it.each([
    ['RUN /bin/sh -c apt-get update # buildkit', 'RUN', 'apt-get update'],
    ['RUN |2 NODE_ENV=production X=1 /bin/sh -c npm ci # buildkit', 'RUN', 'npm ci'],
    ['RUN --mount=type=cache,target=/root/.npm /bin/sh -c npm ci # buildkit', 'RUN', 'npm ci'],
    ['/bin/sh -c apk add --no-cache curl', 'RUN', 'apk add --no-cache curl'],
    ['/bin/sh -c #(nop) COPY file:0a1b2c in /app ', 'COPY', 'file:0a1b2c in /app'],
    ['COPY package.json ./ # buildkit', 'COPY', 'package.json ./']
  ])('%s', (createdBy, keyword, text) => {
    expect(normalizeCreatedBy(createdBy)).toEqual({ keyword, text })
  })
})

describe('attributeFindingsToDockerfile', () => {
  const model = parseDockerfile(DOCKERFILE)

  it('points own-layer packages at their RUN/COPY step and base packages at FROM', () => {
    const findings = [
      finding('curl', '7.88.1-10+deb12u5', {
        layerIndex: 5,
        createdBy:
          'RUN /bin/sh -c apt-get update  && apt-get install -y --no-install-recommends curl  && rm -rf /var/lib/apt/lists/* # buildkit'
      }),
      finding('lodash', '4.17.21', {
        layerIndex: 6,
        createdBy: 'COPY /app/node_modules /app/node_modules # buildkit'
      }),
      finding('openssl', undefined, {
        layerIndex: 0,
        createdBy: "# debian.sh --arch 'amd64' out/ 'bookworm' '@1700438400'"
      }),
      finding('unknown', '2', undefined)
    ]
    const out = attributeFindingsToDockerfile(findings, { path: 'Dockerfile', model })
    expect(
      out.map(f => [f.vulnerability!.package, f.location, f.properties?.dockerfileOrigin])
    ).toEqual([
      ['curl', { path: 'Dockerfile', line: 7, endLine: 9 }, 'own-layer'],
      ['lodash', { path: 'Dockerfile', line: 10, endLine: 10 }, 'own-layer'],
      ['openssl', { path: 'Dockerfile', line: 6, endLine: 6 }, 'base-image'],
      ['unknown', { path: 'app:1.0' }, undefined]
    ])
    expect(out[0]!.help).toBe('Upgrade curl to 7.88.1-10+deb12u5 or later in this RUN step.')
    expect(out[2]!.help).toBe(
      'openssl comes with the base image node:20-bookworm-slim; no fix yet.'
    )
    expect(out[0]!.properties?.image).toBe('app:1.0')
    // Fingerprints never move with the location.
    expect(out.map(f => f.fingerprint)).toEqual(findings.map(f => f.fingerprint))
  })

  it('follows --target to the stage that was built', () => {
    const npmCi = finding('minimist', '1.2.6', {
      layerIndex: 4,
      createdBy: 'RUN /bin/sh -c npm ci --omit=dev # buildkit'
    })
    const [onBuild] = attributeFindingsToDockerfile([npmCi], {
      path: 'Dockerfile',
      model,
      target: 'build'
    })
    expect(onBuild!.location).toEqual({ path: 'Dockerfile', line: 4, endLine: 4 })
    // The final stage never ran `npm ci`: the package must have come with its base.
    const [onFinal] = attributeFindingsToDockerfile([npmCi], { path: 'Dockerfile', model })
    expect(onFinal!.location.line).toBe(6)
    expect(onFinal!.properties?.dockerfileOrigin).toBe('base-image')
  })
})
