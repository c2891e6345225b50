import { defineRule } from '../rule-kit.js'
import { secretHits } from '../secret-assignments.js'

export default defineRule({
  id: 'secret-in-env',
  aliases: ['DL3064', 'SecretsUsedInArgOrEnv'],
  severity: 'high',
  title: 'Secret in ENV',
  help: 'An ENV value is stored in the image config: anyone who can pull the image reads it with `docker inspect`. Flagged when the name says it holds a credential (the last part is PASSWORD, TOKEN, SECRET, API_KEY, PRIVATE_KEY, ACCESS_KEY, CREDENTIALS…, not a reference such as `*_FILE`, `*_PATH`, `*_URL`, `*_LENGTH`, `*_ALIAS`, `*_ID`) and the value is a literal; when the value copies a build ARG whose name says it is a secret (`ARG NPM_TOKEN` … `ENV NPM_TOKEN=${NPM_TOKEN}`, as BuildKit flags it); or when the secrets engine recognises the value whatever the name (then the finding takes the severity of the detector: critical for a provider token, medium for a merely random-looking string). Other `$VAR`-only values, paths, booleans and `<placeholder>`s are not flagged. Checked in every stage and in ONBUILD.',
  fix: 'Pass the secret at run time (orchestrator secret, env file) or, for build-time use, `RUN --mount=type=secret,id=…`.',
  check: input => secretHits(input, 'ENV'),
  examples: {
    fires: [
      'FROM alpine:3.20\nENV DB_PASSWORD=s3cr3t-passw0rd',
      'FROM alpine:3.20\nENV MYSQL_ROOT_PASSWORD=my-secret-pw',
      'FROM alpine:3.20\nENV DB_PASSWORD hunter2-long',
      'FROM alpine:3.20\nARG NPM_TOKEN\nENV NPM_TOKEN=${NPM_TOKEN}',
      'FROM alpine:3.20\nARG GITHUB_TOKEN\nENV TOKEN_FOR_BUILD=$GITHUB_TOKEN',
      'FROM alpine:3.20\nONBUILD ENV API_TOKEN=abcdef123456',
      'FROM alpine:3.20\nENV password=bar secret=baz'
    ],
    passes: [
      '# at run time: docker run -e DB_PASSWORD … / a Kubernetes secret\nFROM alpine:3.20\nRUN --mount=type=secret,id=db_password ./migrate.sh',
      'FROM alpine:3.20\nENV PASSWORD_MIN_LENGTH=8',
      'FROM alpine:3.20\nENV DB_PASSWORD=$DB_PASSWORD',
      'FROM alpine:3.20\nENV DB_PASSWORD=',
      'FROM alpine:3.20\nENV POSTGRES_PASSWORD_FILE=/run/secrets/pg',
      'FROM alpine:3.20\nARG VERSION\nENV APP_VERSION=${VERSION}',
      'FROM alpine:3.20\nENV PUBLIC_KEY=ssh-ed25519',
      'FROM alpine:3.20\nENV SECRET_PASSPHRASE_FILE=/run/x AUTH_MODULE_VERSION=1.2'
    ]
  }
})
