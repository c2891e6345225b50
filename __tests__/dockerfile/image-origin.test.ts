// placeImageFindings: a secret of the image goes onto the instruction that made
// it, matched on the image's own history `created_by` as BuildKit writes it.
import { describe, expect, it } from '@jest/globals'
import { parseDockerfile, placeImageFindings } from '../../src/dockerfile/index.js'
import type { Finding } from '../../src/model/finding.js'

const DOCKERFILE = [
  'FROM node:22-bookworm-slim', // 1
  'ARG NPM_TOKEN', // 2
  'WORKDIR /app', // 3
  'COPY package.json ./', // 4
  'RUN npm ci --omit=dev', // 5
  'ENV API_TOKEN=placeholder', // 6
  'COPY . .' // 7
].join('\n')
// The history BuildKit records for it, after the base image's own steps.
const IMAGE = {
  layers: [
    { index: 0, createdBy: '# debian.sh --arch amd64 out/ bookworm' },
    { index: 1, createdBy: 'COPY package.json ./ # buildkit' },
    { index: 2, createdBy: 'RUN |1 NPM_TOKEN=npm_abc /bin/sh -c npm ci --omit=dev # buildkit' },
    { index: 3, createdBy: 'COPY . . # buildkit' }
  ],
  history: [
    { createdBy: '# debian.sh --arch amd64 out/ bookworm' },
    { createdBy: 'ENV NODE_VERSION=22.11.0' },
    { createdBy: 'ARG NPM_TOKEN' },
    { createdBy: 'RUN |1 NPM_TOKEN=npm_abc /bin/sh -c npm ci --omit=dev # buildkit' }
  ]
}

function secret(path: string, properties: NonNullable<Finding['properties']>): Finding {
  return {
    check: 'secrets',
    ruleId: 'npm-access-token',
    severity: 'critical',
    title: 'npm access token',
    message: 'npm access token npm_…(40 chars) is hardcoded here.',
    location: { path, line: 2 },
    fingerprint: `fp-${path}`,
    properties
  }
}

describe('placeImageFindings', () => {
  const place = (findings: Finding[]) =>
    placeImageFindings(findings, { path: 'Dockerfile', model: parseDockerfile(DOCKERFILE) }, IMAGE)

  it('puts each in-image secret on the instruction that created it, else the FROM', () => {
    const placed = place([
      secret('/app/.npmrc', { layerIndex: 3, layerDigest: 'sha256:3', imagePath: '/app/.npmrc' }),
      secret('/root/.npm/_cacache/x', { layerIndex: 2, layerDigest: 'sha256:2' }),
      secret('image config Env API_TOKEN', {
        variable: 'API_TOKEN',
        imagePath: 'config/Env/API_TOKEN'
      }),
      secret('image config Env NODE_AUTH', {
        variable: 'NODE_AUTH',
        imagePath: 'config/Env/NODE_AUTH'
      }),
      secret('image history 3', { historyIndex: 3, layerIndex: 2, imagePath: 'history/3' }),
      secret('/etc/ssl/private/base.key', { layerIndex: 0, layerDigest: 'sha256:0' })
    ])
    expect(
      placed.map(f => [f.properties?.imagePath, f.location.line, f.properties?.dockerfileOrigin])
    ).toEqual([
      ['/app/.npmrc', 7, 'own-layer'],
      ['/root/.npm/_cacache/x', 5, 'own-layer'],
      ['config/Env/API_TOKEN', 6, 'own-layer'],
      // Not set by this Dockerfile: the base image's config carries it.
      ['config/Env/NODE_AUTH', 1, 'base-image'],
      ['history/3', 5, 'own-layer'],
      ['/etc/ssl/private/base.key', 1, 'base-image']
    ])
    for (const f of placed) expect(f.location.path).toBe('Dockerfile')
    expect(placed.map(f => f.fingerprint)).toEqual([
      'fp-/app/.npmrc',
      'fp-/root/.npm/_cacache/x',
      'fp-image config Env API_TOKEN',
      'fp-image config Env NODE_AUTH',
      'fp-image history 3',
      'fp-/etc/ssl/private/base.key'
    ])
    // The image's own created_by (which holds the build arg's value) is never copied in.
    expect(JSON.stringify(placed)).not.toContain('npm_abc')
  })

  it('leaves findings of the checkout and vulnerabilities alone', () => {
    const repo = secret('src/app.js', {})
    const vuln: Finding = {
      ...secret('ghcr.io/acme/app:1', { layerIndex: 2 }),
      check: 'vulnerabilities'
    }
    expect(place([repo, vuln])).toEqual([repo, vuln])
  })
})
