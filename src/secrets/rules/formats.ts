// Formats that are not one provider's: private keys, JWTs, passwords in URLs,
// .netrc, Kubernetes Secrets, curl command lines, JWKs, PKCS#12 files.
// The multi-line ones are read by structured.ts.
import { decodeBase64, isJwt, isJwtLike } from '../checks.js'
import { structured, token, type SecretRule } from './define.js'

/** The parts of a token, without a trailing dot (`header.payload.` is two parts). */
function jwtParts(token: string): string[] {
  return token.replace(/\.$/, '').split('.')
}

/** A two-part (unsigned) token read as a three-part one, so isJwt checks its header. */
function unsignedAsSigned(token: string): string {
  const parts = jwtParts(token)
  return parts.length === 2 ? `${parts.join('.')}.unsigned` : token
}

/**
 * A two-part token whose header names a signing algorithm is a signed token with its signature
 * cut off (a cookie-parsing test, a truncated log line): it authenticates nowhere as it is, but
 * the signed token it came from may be elsewhere. Only `alg: none` makes two parts complete.
 */
function signatureMissing(token: string): boolean {
  const parts = jwtParts(token)
  if (parts.length !== 2) return false
  const header = decodeBase64(parts[0]!)?.toString('utf8') ?? ''
  return !/"alg"\s*:\s*"none"/i.test(header)
}

function payloadIsJson(token: string): boolean {
  const payload = decodeBase64(token.split('.')[1] ?? '')?.toString('utf8') ?? ''
  return /^\s*\{/.test(payload)
}

export const formatRules: SecretRule[] = [
  token({
    id: 'gcp-service-account-key',
    title: 'Google Cloud service-account private key',
    provider: 'Google',
    severity: 'critical',
    boundary: false,
    body: '"private_key"\\s{0,5}:\\s{0,5}"(-----BEGIN PRIVATE KEY-----(?:\\\\n|[A-Za-z0-9+/= ]){64,8192}?-----END PRIVATE KEY-----(?:\\\\n)?)"',
    keywords: ['"private_key"'],
    validate: key => !/\.\.\.|xxxx/i.test(key),
    aliases: ['gcp-service-account'],
    tp: ['  "private_key": "{pemjson:PRIVATE KEY}",'],
    fp: [
      '  "private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n",',
      '  "private_key_id": "abc"'
    ]
  }),
  structured({
    id: 'private-key',
    title: 'Private key',
    provider: 'any',
    severity: 'critical',
    structured: 'private-key',
    keywords: ['private key-----', 'private key block-----', 'private key blob-----'],
    aliases: ['PrivateKeyDetector'],
    tp: ['{pem:OPENSSH PRIVATE KEY}', '{pem:RSA PRIVATE KEY}', 'key = """{pem:EC PRIVATE KEY}"""'],
    fp: [
      '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
      '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----',
      'openssl genrsa -out private.pem  # writes -----BEGIN RSA PRIVATE KEY-----'
    ]
  }),
  token({
    id: 'private-key-base64',
    title: 'Base64-encoded private key',
    provider: 'any',
    severity: 'critical',
    body: 'LS0tLS1CRUdJTi[A-Za-z0-9+/]{60,16000}={0,2}',
    keywords: ['ls0tls1crudjti'],
    validate: secret => {
      const pem = decodeBase64(secret)?.toString('latin1') ?? ''
      return (
        /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----\s*[A-Za-z0-9+/]{40}/.test(pem) &&
        !/\.\.\.|x{8,}/i.test(pem)
      )
    },
    tp: ['  tls.key: {b64pem:RSA PRIVATE KEY}', 'SIGNING_KEY_B64="{b64pem:PRIVATE KEY}"'],
    fp: ['  tls.crt: {b64pem:CERTIFICATE}', '  ca.pem: {b64pem:PUBLIC KEY}']
  }),
  structured({
    id: 'jwk-private-key',
    title: 'Private key in a JSON Web Key (JWK)',
    provider: 'any',
    severity: 'critical',
    structured: 'jwk',
    keywords: ['"d"', '"d":', "'d'"],
    tp: [
      '{"kty":"RSA","n":"{b64url:342}","e":"AQAB","d":"{b64url:342}","p":"{b64url:171}","q":"{b64url:171}"}',
      '{"kty":"EC","crv":"P-256","x":"{b64url:43}","y":"{b64url:43}","d":"{b64url:43}"}'
    ],
    fp: [
      '{"kty":"EC","crv":"P-256","x":"{b64url:43}","y":"{b64url:43}"}',
      '{"d": "2024-01-01", "kty": "none"}'
    ]
  }),
  token({
    id: 'jwt',
    title: 'JSON Web Token',
    provider: 'any',
    severity: 'medium',
    body: 'eyJ[A-Za-z0-9_-]{10,2000}\\.eyJ[A-Za-z0-9_-]{2,8000}(?:\\.[A-Za-z0-9_-]{16,1000}|\\.?(?![A-Za-z0-9_.-]))',
    keywords: ['eyj'],
    // An unsigned token (`alg: none`, two parts) authenticates wherever the server accepts it.
    validate: token => isJwt(unsignedAsSigned(token)) && payloadIsJson(token),
    weakerEvidence: {
      reason: 'only the header and payload, without the signature (not usable as it is)',
      test: signatureMissing
    },
    aliases: ['JwtTokenDetector'],
    tp: ['AUTH_TOKEN={jwt}', 'headers: { Authorization: "Bearer {jwt}" }', 'token: {jwtunsigned}'],
    fp: [
      'eyJhbGciOiJIUzI1NiJ9.eyJ.x',
      // The header names no algorithm: two base64 JSON objects, not a token.
      'state=eyJuYW1lIjoiSm9lIn0.eyJzdWIiOiIxMjM0NTY3ODkwIn0',
      'jwtToken = "eyyMvABVwjygUsAo0fhV.eyJLuDpgxWVhaSy\\\\sAW."'
    ]
  }),
  token({
    id: 'jwt-base64',
    title: 'Base64-encoded JSON Web Token',
    provider: 'any',
    severity: 'medium',
    body: 'ZXlK[A-Za-z0-9+/_-]{60,8000}={0,2}',
    keywords: ['zxlk'],
    validate: secret => {
      const decoded = decodeBase64(secret)
      return decoded !== undefined && isJwtLike(decoded.toString('latin1').trim())
    },
    tp: ['TOKEN_B64={jwtb64}'],
    fp: ['ZXlK' + 'A'.repeat(80)]
  }),
  token({
    id: 'database-url-password',
    title: 'Database or message-broker URL with a password',
    provider: 'any',
    severity: 'high',
    body: '(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver|clickhouse|cockroachdb|nats|kafka|couchdb|neo4j(?:\\+s)?|bolt|oracle|elasticsearch|jdbc:[a-z]{2,12}(?::[a-z]{1,12})?)://[^\\s:@/"\'<>]{0,128}:([^\\s@/"\'<>]{3,128})@[A-Za-z0-9.\\[\\]_-]{1,253}',
    flags: 'gi',
    password: true,
    keywords: [
      'postgres',
      'mysql',
      'mariadb',
      'mongodb',
      'redis',
      'amqp',
      'mssql',
      'sqlserver',
      'jdbc:',
      'clickhouse',
      'cockroach',
      'nats://',
      'kafka',
      'couchdb',
      'neo4j',
      'oracle',
      'elastic',
      'bolt://'
    ],
    tp: [
      'DATABASE_URL=postgres://app:{alnum:20}@db.internal.test:5432/app',
      'spring.datasource.url=jdbc:mysql://root:{alnum:16}@10.0.0.5/db'
    ],
    fp: ['DATABASE_URL=postgres://user:${DB_PASSWORD}@db:5432/app', 'redis://:@localhost:6379']
  }),
  token({
    id: 'url-basic-auth',
    title: 'Password in a URL (basic auth)',
    provider: 'any',
    severity: 'high',
    body: '(?:https?|ftps?|git|ssh|svn|smtps?|ldaps?|sftp)://[A-Za-z0-9_.~%!$&*+,;=-]{1,128}:([^\\s@/"\'<>:]{3,128})@[A-Za-z0-9_.-]{1,253}',
    flags: 'gi',
    keywords: ['://'],
    password: true,
    aliases: ['BasicAuthDetector'],
    tp: [
      'remote = "https://deploy:{alnum:20}@git.internal.test/acme/app.git"',
      'smtp://mailer:{alnum:18}@smtp.internal.test:587'
    ],
    fp: [
      'https://user:password@example.com',
      'http://localhost:5000/<%= @variable %>',
      'https://url:8000 @something else'
    ]
  }),
  structured({
    id: 'netrc-password',
    title: '.netrc machine password',
    provider: 'any',
    severity: 'high',
    structured: 'netrc',
    keywords: ['machine'],
    tp: [
      'machine git.internal.test\n  login ci-bot\n  password {alnum:20}',
      'machine api.internal.test login bot password {alnum:24}'
    ],
    fp: ['machine learning password reset', 'machine x login y password $NETRC_PASSWORD']
  }),
  structured({
    id: 'kubernetes-secret-data',
    title: 'Kubernetes Secret with a credential',
    provider: 'Kubernetes',
    severity: 'high',
    structured: 'kubernetes-secret',
    keywords: [
      'kind: secret',
      'kind: "secret"',
      "kind: 'secret'",
      'kind:secret',
      '"kind": "secret"',
      '"kind":"secret"'
    ],
    aliases: ['kubernetes-secret-yaml'],
    tp: [
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: {alnum:20}\n',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\ndata:\n  api-token: {b64text:24}\n'
    ],
    fp: [
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  host: postgres.default.svc.cluster.local\n  port: "5432"\n  username: app\n',
      'apiVersion: v1\nkind: ConfigMap\ndata:\n  password: {alnum:20}\n'
    ]
  }),
  structured({
    id: 'curl-auth-user',
    title: 'Credentials in a curl -u / --user argument',
    provider: 'any',
    severity: 'high',
    structured: 'curl-user',
    keywords: ['curl'],
    tp: [
      'curl -u admin:{alnum:16} https://api.internal.test/v1',
      "curl --user 'deploy:{alnum:20}' https://api.internal.test"
    ],
    fp: [
      'curl -u "$USER:$PASS" https://api.internal.test',
      'curl -u <user:password> https://test.com/endpoint',
      "curl -i -u 'test:test'"
    ]
  }),
  structured({
    id: 'curl-auth-header',
    title: 'Credential in a curl Authorization or API-key header',
    provider: 'any',
    severity: 'high',
    structured: 'curl-header',
    keywords: ['curl'],
    tp: [
      'curl -H "Authorization: Bearer {alnum:40}" https://api.internal.test',
      'curl --header "X-Api-Key: {alnum:32}" https://api.internal.test'
    ],
    fp: [
      'curl -H "Authorization: Bearer $TOKEN" https://api.internal.test',
      'curl -H "Content-Type: application/json" https://api.internal.test'
    ]
  }),
  structured({
    id: 'pkcs12-file',
    title: 'PKCS#12 keystore file (.p12/.pfx)',
    provider: 'any',
    severity: 'high',
    structured: 'pkcs12',
    keywords: [],
    help: 'A PKCS#12 file bundles a certificate with its private key, usually behind a password kept elsewhere. Keep keystores out of the repository; load them from a secret store.',
    tp: ['@file:certs/server.p12', '@file:deploy/signing.pfx'],
    fp: []
  })
]
