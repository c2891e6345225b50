import { describe, expect, it } from '@jest/globals'
import { parseDockerfile } from '../../src/dockerfile/index.js'
import type { Finding } from '../../src/model/finding.js'
import { normalizeCreatedBy } from '../../src/dockerfile/index.js'
import { attributeFindingsToDockerfile } from '../../src/vulns/attribution.js'

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
      // COPY --from=build is followed to the stage's `npm ci`.
      ['lodash', { path: 'Dockerfile', line: 4, endLine: 4 }, 'own-layer'],
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

  it('follows COPY --from to the RUN of the build stage that installed the package, and says so', () => {
    const [minimist] = attributeFindingsToDockerfile(
      [
        finding('minimist', '1.2.6', {
          layerIndex: 6,
          createdBy: 'COPY /app/node_modules /app/node_modules # buildkit',
          location: '/app/node_modules/minimist/package.json'
        })
      ],
      { path: 'Dockerfile', model }
    )
    expect(minimist!.location).toEqual({ path: 'Dockerfile', line: 4, endLine: 4 })
    expect(minimist!.help).toBe(
      'Upgrade minimist to 1.2.6 or later in package-lock.json: it is installed by RUN npm ci --omit=dev on line 4 of stage build (package-lock.json copied into the stage on line 3), and copied into this image by COPY --from=build /app/node_modules /app/node_modules on line 10.'
    )
    expect(minimist!.properties).toMatchObject({ copiedFrom: 'build', copiedBy: 10 })
  })

  const MULTI = `FROM golang:1.22 AS tools
RUN go install example.com/tool@v1.0.0

FROM node:20 AS deps
WORKDIR /srv
COPY yarn.lock package.json ./
RUN yarn install --frozen-lockfile
COPY . .

FROM deps AS build
RUN mkdir -p /out && cp /srv/server.js /out/server.js
RUN yarn build

FROM debian:12-slim
COPY --from=build /srv /srv
COPY --from=tools /go/bin/tool /usr/local/bin/tool
COPY --from=busybox:1.36 /bin/busybox /bin/busybox
COPY --from=2 /out/server.js /app/server.js
`
  const multi = parseDockerfile(MULTI)
  const npm = (name: string, createdBy: string, location: string, fixed?: string) =>
    finding(name, fixed, { layerIndex: 3, createdBy, location })

  it('finds the installer in the stage chain the copied stage is built on, in the copied directory', () => {
    const [pkg] = attributeFindingsToDockerfile(
      [npm('ws', 'COPY /srv /srv # buildkit', '/srv/node_modules/ws/package.json', '8.17.1')],
      { path: 'Dockerfile', model: multi }
    )
    expect(pkg!.location.line).toBe(7)
    expect(pkg!.help).toBe(
      'Upgrade ws to 8.17.1 or later in yarn.lock: it is installed by RUN yarn install --frozen-lockfile on line 7 of stage deps (yarn.lock copied into the stage on line 6), and copied into this image by COPY --from=build /srv /srv on line 15.'
    )
  })

  it('a Go binary: the stage that built it, no lockfile the stage copied', () => {
    const tool = {
      ...finding('stdlib', '1.22.5', {
        layerIndex: 4,
        createdBy: 'COPY /go/bin/tool /usr/local/bin/tool # buildkit',
        location: '/usr/local/bin/tool'
      }),
      vulnerability: { ...finding('stdlib', '1.22.5', {}).vulnerability!, ecosystem: 'Go' }
    }
    const [out] = attributeFindingsToDockerfile([tool], { path: 'Dockerfile', model: multi })
    expect(out!.location.line).toBe(2)
    expect(out!.help).toBe(
      'Upgrade stdlib to 1.22.5 or later: it is installed by RUN go install example.com/tool@v1.0.0 on line 2 of stage tools, and copied into this image by COPY --from=tools /go/bin/tool /usr/local/bin/tool on line 16.'
    )
  })

  it('a file a RUN wrote (by stage index), and an external image named by --from', () => {
    const [written, busybox] = attributeFindingsToDockerfile(
      [
        npm('server', 'COPY /out/server.js /app/server.js # buildkit', '/app/server.js'),
        {
          ...npm('busybox', 'COPY /bin/busybox /bin/busybox # buildkit', '/bin/busybox', '1.36.2'),
          vulnerability: {
            ...finding('busybox', '1.36.2', {}).vulnerability!,
            ecosystem: 'Alpine:v3.19'
          }
        }
      ],
      { path: 'Dockerfile', model: multi }
    )
    // No installer of the ecosystem names /out/server.js; the cp that wrote it does.
    expect(written!.location.line).toBe(11)
    expect(written!.help).toBe(
      'No fix for server yet; it is written to /out/server.js by RUN mkdir -p /out && cp /srv/server.js /out/server.js on line 11 of stage build, and copied into this image by COPY --from=2 /out/server.js /app/server.js on line 18.'
    )
    expect(busybox!.location.line).toBe(17)
    expect(busybox!.help).toBe(
      'busybox comes from the image busybox:1.36, copied into this image by COPY --from=busybox:1.36 /bin/busybox /bin/busybox on line 17: use a tag or digest of it that ships busybox 1.36.2 or later.'
    )
    expect(busybox!.properties?.copiedFrom).toBe('busybox:1.36')
  })

  it('a stage with no step that could have installed it: the COPY line, naming the stage', () => {
    const model2 = parseDockerfile(
      'FROM alpine:3.19 AS base\nFROM scratch\nCOPY --from=base /lib /lib\n'
    )
    const [out] = attributeFindingsToDockerfile(
      [npm('musl', 'COPY /lib /lib # buildkit', '/lib/ld-musl-x86_64.so.1', '1.2.4-r3')],
      { path: 'Dockerfile', model: model2 }
    )
    expect(out!.location.line).toBe(3)
    expect(out!.help).toBe(
      'Upgrade musl to 1.2.4-r3 or later in stage base (line 1), which this COPY step copies it from.'
    )
  })
})
