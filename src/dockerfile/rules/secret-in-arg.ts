import { defineRule } from '../rule-kit.js'
import { secretHits } from '../secret-assignments.js'

export default defineRule({
  id: 'secret-in-arg',
  aliases: ['DL3064', 'SecretsUsedInArgOrEnv'],
  severity: 'high',
  title: 'Secret passed as build ARG',
  help: 'Build args are recorded in the image history (`docker history --no-trunc`) and in provenance attestations, even without a default. Flagged when the ARG name says it holds a credential (same name logic as `secret-in-env`; a default that is a number, boolean, path or placeholder shows it is a setting and clears it) or its default is a recognised secret.',
  fix: '`RUN --mount=type=secret,id=<name>` and `docker build --secret id=<name>,env=<VAR>`.',
  check: input => secretHits(input, 'ARG'),
  examples: {
    fires: [
      'FROM node:22\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc && npm ci',
      'ARG GITHUB_TOKEN\nFROM alpine:3.20',
      'FROM alpine:3.20\nARG SECRET_PASSPHRASE',
      'FROM alpine:3.20\nARG super_duper_secret_token=foo',
      'FROM alpine:3.20\nONBUILD ARG DEPLOY_PASSWORD'
    ],
    passes: [
      'FROM node:22\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\\n    echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc && npm ci && rm ~/.npmrc',
      'FROM alpine:3.20\nARG MAX_TOKENS=4096',
      'FROM alpine:3.20\nARG SECRET_PASSPHRASE_FILE',
      'FROM alpine:3.20\nARG public_token',
      'FROM alpine:3.20\nARG TOKEN_URL=https://auth.example.com/token'
    ]
  }
})
