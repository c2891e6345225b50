// Expands the example templates of the secrets rules (src/secrets/rules/define.ts
// lists the alphabets and generators) into concrete text, from a seeded Random:
// the rules' own true and false examples become test inputs without any
// credential-shaped string in the source.
import { ALNUM, B64, B64URL, DIGITS, HEX, LOWER, Random, UPPER } from './secrets-corpus/formats.js'

const ALPHABETS: Record<string, string> = {
  hex: HEX,
  HEX: HEX.toUpperCase(),
  alnum: ALNUM,
  lower: LOWER,
  upper: UPPER,
  digits: DIGITS,
  alnumlower: LOWER + DIGITS,
  alnumupper: UPPER + DIGITS,
  alnumletters: UPPER + LOWER,
  b64: B64,
  b64url: B64URL,
  base32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  base32lower: 'abcdefghijklmnopqrstuvwxyz234567',
  bech32upper: 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L',
  word: LOWER + DIGITS + '_-'
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff
  for (const byte of data) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

function base62(n: number, width: number): string {
  const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
  let out = ''
  while (n > 0) {
    out = digits[n % 62] + out
    n = Math.floor(n / 62)
  }
  return out.padStart(width, '0')
}

const uuid = (r: Random): string =>
  `${r.chars(HEX, 8)}-${r.chars(HEX, 4)}-4${r.chars(HEX, 3)}-${r.pick(['8', '9', 'a', 'b'])}${r.chars(HEX, 3)}-${r.chars(HEX, 12)}`

function jwt(r: Random): string {
  const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')
  const payload = Buffer.from(
    JSON.stringify({
      sub: r.chars(DIGITS, 8),
      name: r.chars(LOWER, 6),
      iat: 1700000000 + r.int(0, 9999)
    })
  ).toString('base64url')
  return `${header}.${payload}.${r.bytes(32).toString('base64url')}`
}

function pem(r: Random, type: string, escapedNewlines = false): string {
  const nl = escapedNewlines ? '\\n' : '\n'
  const body = r
    .bytes(900)
    .toString('base64')
    .match(/.{1,64}/g)!
    .join(nl)
  return `-----BEGIN ${type}-----${nl}${body}${nl}-----END ${type}-----${escapedNewlines ? nl : ''}`
}

function sentryOrg(r: Random): string {
  const json = JSON.stringify({
    iat: 1700000000 + r.int(0, 9999),
    url: 'https://sentry.io',
    region_url: 'https://us.sentry.io',
    org: r.chars(LOWER, 6)
  })
  return `sntrys_${Buffer.from(json).toString('base64')}_${r.chars(B64, 43)}`
}

function discord(r: Random): string {
  const id = `${r.int(1, 9)}${r.chars(DIGITS, 17)}`
  return `${Buffer.from(id).toString('base64').replace(/=+$/, '')}.${r.chars(B64URL, 6)}.${r.chars(B64URL, 38)}`
}

/** One expansion of a template: `{alphabet:n}` and the named generators. */
export function expandExample(template: string, r: Random): string {
  return template.replace(
    /\{([a-z0-9-]+)(?::([^}]+))?\}/gi,
    (whole, name: string, arg?: string) => {
      const alphabet = ALPHABETS[name]
      if (alphabet && arg && /^\d+$/.test(arg)) return r.chars(alphabet, Number(arg))
      switch (name) {
        case 'ghcrc': {
          const body = r.chars(ALNUM, 30)
          return body + base62(crc32(Buffer.from(body)), 6)
        }
        case 'bytes64':
          return r.bytes(Number(arg)).toString('base64')
        case 'b64text':
          return Buffer.from(r.chars(ALNUM, Number(arg))).toString('base64')
        case 'uuid':
          return uuid(r)
        case 'jwt':
          return jwt(r)
        case 'jwtunsigned':
          // alg: none, no signature: a token a lax server accepts as it is.
          return `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${jwt(r).split('.')[1]!}`
        case 'jwtb64':
          return Buffer.from(jwt(r)).toString('base64')
        case 'pem':
          return pem(r, arg!)
        case 'b64pem':
          return Buffer.from(pem(r, arg!)).toString('base64')
        case 'pemjson':
          return pem(r, arg!, true)
        case 'sentry-org':
          return sentryOrg(r)
        case 'discord':
          return discord(r)
        case 'dockerauth':
          return Buffer.from(`ci-bot:${r.chars(ALNUM, 20)}`).toString('base64')
        default:
          return whole // JSON braces, `${VAR}` and other literal text stay as written
      }
    }
  )
}
